// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/instagram/igjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "plugins/api/jsontext.h"

namespace vigil::plugins::instagram {

namespace {

// The value at a path of object keys; undefined when any step is missing.
QJsonValue at(const QJsonObject &o, std::initializer_list<const char *> path)
{
    QJsonValue v(o);
    for (const char *key : path)
        v = v.toObject().value(QLatin1String(key));
    return v;
}

std::string firstUrl(const QJsonValue &list)
{
    for (const QJsonValue &v : list.toArray()) {
        if (const std::string url = jsonIdText(v.toObject().value(QLatin1String("url"))); !url.empty())
            return url;
    }
    return {};
}

// A media object: its video if it has one, else its largest image candidate (the first).
std::string mediaUrl(const QJsonObject &media)
{
    if (std::string video = firstUrl(media.value(QLatin1String("video_versions"))); !video.empty())
        return video;
    return firstUrl(at(media, {"image_versions2", "candidates"}));
}

std::string fileNameOf(const std::string &url)
{
    const std::string path = url.substr(0, url.find_first_of("?#"));
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The URL of the media an item carries, by item type; "" when it carries none.
std::string itemMediaUrl(const QJsonObject &o, const std::string &type)
{
    if (type == "media")
        return mediaUrl(o.value(QLatin1String("media")).toObject());
    if (type == "raven_media" || type == "visual_media") {
        const QJsonValue visual = at(o, {"visual_media", "media"});
        return mediaUrl(visual.isObject() ? visual.toObject() : o.value(QLatin1String("raven_media")).toObject());
    }
    if (type == "voice_media")
        return jsonIdText(at(o, {"voice_media", "media", "audio", "audio_src"}));
    if (type == "animated_media")
        return jsonIdText(at(o, {"animated_media", "images", "fixed_height", "url"}));
    return {};
}

// The text an item type carries.
std::string itemText(const QJsonObject &o, const std::string &type)
{
    if (type == "link")
        return jsonIdText(at(o, {"link", "text"}));
    if (type == "reel_share" || type == "story_share")
        return jsonIdText(at(o, {type.c_str(), "text"}));
    if (type == "like")
        return jsonIdText(o.value(QLatin1String("like")));
    if (type == "action_log")
        return jsonIdText(at(o, {"action_log", "description"}));
    if (type == "placeholder")
        return jsonIdText(at(o, {"placeholder", "message"}));
    if (type == "video_call_event")
        return jsonIdText(at(o, {"video_call_event", "description"}));
    if (type == "media_share")
        return jsonIdText(at(o, {"media_share", "caption", "text"}));
    return jsonIdText(o.value(QLatin1String("text")));
}

std::optional<std::int64_t> micros(const QJsonValue &v)
{
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        return ok ? std::optional<std::int64_t>(n) : std::nullopt;
    }
    if (v.isDouble())
        return v.toInteger();
    return std::nullopt;
}

} // namespace

std::optional<ThreadInfo> parseThreadInfo(std::string_view json)
{
    const QJsonDocument doc = parseJsonText(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    ThreadInfo info;
    info.title = jsonIdText(o.value(QLatin1String("thread_title")));
    if (const QJsonValue g = o.value(QLatin1String("is_group")); g.isBool())
        info.group = g.toBool();
    QJsonValue users = o.value(QLatin1String("recipients"));
    if (!users.isArray())
        users = o.value(QLatin1String("users"));
    for (const QJsonValue &v : users.toArray()) {
        const QJsonObject u = v.toObject();
        std::string id = jsonIdText(u.value(QLatin1String("id")));
        id = id.empty() ? jsonIdText(u.value(QLatin1String("pk"))) : id;
        if (!id.empty())
            info.users.push_back(
                {id, jsonIdText(u.value(QLatin1String("username"))), jsonIdText(u.value(QLatin1String("full_name")))});
    }
    return info;
}

std::optional<Item> parseItem(std::string_view json)
{
    const QJsonDocument doc = parseJsonText(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    Item item;
    item.senderId = jsonIdText(o.value(QLatin1String("user_id")));
    item.itemType = jsonIdText(o.value(QLatin1String("item_type")));
    item.text = itemText(o, item.itemType);
    item.timestampMicros = micros(o.value(QLatin1String("timestamp")));
    if (const QJsonValue v = o.value(QLatin1String("is_sent_by_viewer")); v.isBool())
        item.sentByViewer = v.toBool();
    if (const std::string url = itemMediaUrl(o, item.itemType); !url.empty()) {
        model::AttachmentRecord a;
        a.devicePath = url;
        a.fileName = fileNameOf(url);
        item.attachments.push_back(std::move(a));
    }
    return item;
}

std::vector<std::string> parseIdList(std::string_view text)
{
    std::vector<std::string> out;
    const QJsonDocument doc = parseJsonText(text);
    if (doc.isArray()) {
        for (const QJsonValue &v : doc.array()) {
            if (std::string id = jsonIdText(v); !id.empty())
                out.push_back(std::move(id));
        }
        return out;
    }
    std::string current;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            current += c;
            continue;
        }
        if (c != ',' && c != ' ' && c != '[' && c != ']')
            return {};   // not a plain id list
        if (!current.empty())
            out.push_back(std::move(current));
        current.clear();
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

} // namespace vigil::plugins::instagram
