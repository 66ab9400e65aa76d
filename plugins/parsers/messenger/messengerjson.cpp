// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/messenger/messengerjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "plugins/api/jsontext.h"

namespace vigil::plugins::messenger {

namespace {

// The first of `keys` that holds a non-empty string (numbers are written out as integers).
std::string stringField(const QJsonObject &o, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        if (std::string text = jsonIdText(o.value(QLatin1String(key))); !text.empty())
            return text;
    }
    return {};
}

std::optional<std::int64_t> sizeField(const QJsonObject &o, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const QJsonValue v = o.value(QLatin1String(key));
        const std::int64_t n = v.isString() ? v.toString().toLongLong() : v.toInteger(-1);
        if (n > 0)
            return n;
    }
    return std::nullopt;
}

Participant participantOf(const QJsonObject &o)
{
    return {stringField(o, {"user_key"}), stringField(o, {"name"}), stringField(o, {"email"}), stringField(o, {"phone"})};
}

// The objects of an array, or the document's single object.
std::vector<QJsonObject> objectsOf(const QJsonDocument &doc)
{
    std::vector<QJsonObject> out;
    if (doc.isObject())
        out.push_back(doc.object());
    for (const QJsonValue &v : doc.array()) {
        if (v.isObject())
            out.push_back(v.toObject());
    }
    return out;
}

std::string lastPathPart(const std::string &uri)
{
    const auto end = uri.find_first_of("?#");
    const std::string path = uri.substr(0, end);
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The "src" of an image-size entry: an object, or a string holding one.
std::string srcOf(const QJsonValue &entry)
{
    const QJsonObject o = entry.isString() ? parseJsonText(entry.toString().toStdString()).object() : entry.toObject();
    return stringField(o, {"src"});
}

// Where the app fetched the attachment from: the video URL, else the full-screen image (the
// "urls" field is a string holding a map of image sizes to entries).
std::string remoteUrl(const QJsonObject &o)
{
    if (std::string video = stringField(o, {"video_data_url"}); !video.empty())
        return video;
    const QJsonValue urls = o.value(QLatin1String("urls"));
    const QJsonObject sizes = urls.isString() ? parseJsonText(urls.toString().toStdString()).object() : urls.toObject();
    if (std::string full = srcOf(sizes.value(QLatin1String("FULL_SCREEN"))); !full.empty())
        return full;
    for (const QJsonValue &entry : sizes) {
        if (std::string src = srcOf(entry); !src.empty())
            return src;
    }
    return {};
}

} // namespace

std::optional<Participant> parseParticipant(std::string_view json)
{
    if (json.starts_with("FACEBOOK:"))
        return Participant{std::string(json), {}, {}, {}};
    const QJsonDocument doc = parseJsonText(json);
    if (!doc.isObject())
        return std::nullopt;
    Participant p = participantOf(doc.object());
    if (p.userKey.empty() && p.email.empty() && p.phone.empty())
        return std::nullopt;
    return p;
}

std::vector<Participant> parseParticipants(std::string_view json)
{
    std::vector<Participant> out;
    for (const auto &o : objectsOf(parseJsonText(json))) {
        Participant p = participantOf(o);
        if (!p.userKey.empty())
            out.push_back(std::move(p));
    }
    return out;
}

std::vector<model::AttachmentRecord> parseAttachments(std::string_view json)
{
    std::vector<model::AttachmentRecord> out;
    const QJsonDocument doc = parseJsonText(json);
    if (!doc.isArray())
        return out;
    for (const auto &o : objectsOf(doc)) {
        model::AttachmentRecord a;
        a.fileName = stringField(o, {"filename"});
        a.mimeType = stringField(o, {"mime_type"});
        a.size = sizeField(o, {"file_size"});
        a.devicePath = remoteUrl(o);
        if (a.fileName.empty() && a.mimeType.empty() && !a.size && a.devicePath.empty())
            continue;
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<model::AttachmentRecord> parsePendingMedia(std::string_view json)
{
    std::vector<model::AttachmentRecord> out;
    for (const auto &o : objectsOf(parseJsonText(json))) {
        model::AttachmentRecord a;
        a.devicePath = stringField(o, {"uri", "local_uri"});
        a.mimeType = stringField(o, {"mime_type", "mimeType"});
        a.size = sizeField(o, {"file_size", "fileSize"});
        a.fileName = a.devicePath.empty() ? std::string() : lastPathPart(a.devicePath);
        if (a.devicePath.empty() && a.mimeType.empty())
            continue;
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace vigil::plugins::messenger
