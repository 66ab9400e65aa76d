// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/discord/discord.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/util/utf8.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/parsers/discord/discordjson.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

// Cached responses are small; a larger file is read only this far.
constexpr std::uint64_t kMaxBytes = 64ull * 1024 * 1024;

// Discord message types: 3 is a call; 0 (default), 19 (reply), 20 and 23 (command replies)
// and 21 (thread starter) carry what someone wrote; all others are notices (members added or
// removed, pins, joins, boosts, …).
constexpr std::int64_t kCallType = 3;

bool isTextType(std::int64_t type)
{
    return type == 0 || type == 19 || type == 20 || type == 21 || type == 23;
}

// UTF-8 of a JSON string: unpaired surrogates ("\ud800") and NUL become U+FFFD, kept visible.
std::string utf8(const QString &s)
{
    QString clean;
    clean.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            clean += s[i];
            clean += s[++i];
        } else {
            clean += s[i].isSurrogate() ? QChar(QChar::ReplacementCharacter) : s[i];
        }
    }
    return sanitizeUtf8(clean.toStdString());
}

std::string str(const QJsonValue &v)
{
    if (v.isString())
        return utf8(v.toString());
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9e15)
            return std::to_string(static_cast<std::int64_t>(d));
    }
    return {};
}

std::optional<std::int64_t> integer(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 0 && d < 9e15) || d != std::floor(d))
        return std::nullopt;
    return static_cast<std::int64_t>(d);
}

bool isMessage(const QJsonObject &o)
{
    return o.contains(QLatin1String("channel_id")) && o.value(QLatin1String("author")).isObject()
        && o.contains(QLatin1String("content"));
}

// users/@me: the signed-in account, the only place the owner's identity is cached.
bool isCurrentUser(const QJsonObject &o)
{
    return o.contains(QLatin1String("id")) && o.contains(QLatin1String("username"))
        && o.value(QLatin1String("verified")).isBool() && !o.contains(QLatin1String("channel_id"));
}

// Without parsing: whether damaged text still shows a Discord response's keys.
bool looksLikeDiscord(std::string_view text)
{
    const bool messages = text.find("\"channel_id\"") != std::string_view::npos
                       && text.find("\"author\"") != std::string_view::npos;
    const bool user = text.find("\"username\"") != std::string_view::npos
                   && text.find("\"discriminator\"") != std::string_view::npos;
    return messages || user;
}

model::RecordOrigin offsetOrigin(std::size_t offset)
{
    model::RecordOrigin origin;
    origin.offset = static_cast<std::int64_t>(offset);
    return origin;
}

// A user object: id, username (with its legacy #discriminator), global_name.
model::AccountRecord userAccount(const QJsonObject &u, std::size_t offset)
{
    model::AccountRecord a;
    a.username = str(u.value(QLatin1String("username")));
    const std::string discriminator = str(u.value(QLatin1String("discriminator")));
    a.displayName = str(u.value(QLatin1String("global_name")));
    a.displayName = a.displayName.empty() ? a.username : a.displayName;
    if (!a.username.empty() && !discriminator.empty() && discriminator != "0")
        a.username += "#" + discriminator;
    a.key = str(u.value(QLatin1String("id")));
    a.key = a.key.empty() ? a.username : a.key;
    a.origin = offsetOrigin(offset);
    return a;
}

model::AttachmentRecord attachment(const QJsonObject &o, std::size_t offset)
{
    model::AttachmentRecord a;
    a.fileName = str(o.value(QLatin1String("filename")));
    a.devicePath = str(o.value(QLatin1String("url")));
    a.mimeType = str(o.value(QLatin1String("content_type")));
    a.size = integer(o.value(QLatin1String("size")));
    a.origin = offsetOrigin(offset);
    return a;
}

struct Outcome {
    bool discord = false;   // the file is a Discord response
    Result<void> result;
};

// One file's records, collected first so conversations can list everyone who wrote in them.
class DiscordParse
{
public:
    DiscordParse(RecordEmitter &out, std::string_view text) : m_out(out), m_text(text) {}

    Outcome run()
    {
        const std::size_t start = discord::skipLeadingSpace(m_text);
        if (start >= m_text.size())
            return {};
        if (m_text[start] == '[')
            return readArray(start);
        if (m_text[start] == '{')
            return readObject(start);
        return {};
    }

private:
    std::optional<QJsonObject> objectAt(std::size_t begin, std::size_t end) const
    {
        const auto bytes = QByteArray::fromRawData(m_text.data() + begin, static_cast<qsizetype>(end - begin));
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return std::nullopt;
        return doc.object();
    }

    // A channel's message history: the first object decides whether this is Discord's.
    Outcome readArray(std::size_t open)
    {
        const auto scan = discord::scanArray(m_text, open);
        std::size_t unreadable = 0;
        bool decided = false;
        for (const auto &span : scan.elements) {
            const auto o = objectAt(span.begin, span.end);
            if (!o) {
                ++unreadable;
                continue;
            }
            if (!decided && !isMessage(*o))
                return {};
            decided = true;
            if (isMessage(*o))
                addMessage(*o, span.begin);
        }
        if (!decided && !looksLikeDiscord(m_text.substr(open)))
            return {};
        emitAll();
        if (!scan.complete)
            return {true, damaged("is cut short or damaged; the " + std::to_string(m_messages.size())
                                      + " complete messages before the damage were read.",
                                  "the JSON array stops at byte " + std::to_string(scan.stoppedAt))};
        if (unreadable > 0)
            return {true, damaged("has " + std::to_string(unreadable) + " damaged entries that were skipped; "
                                      + std::to_string(m_messages.size()) + " messages were read.",
                                  std::to_string(unreadable) + " array elements are not valid JSON objects")};
        return {true, {}};
    }

    Outcome readObject(std::size_t open)
    {
        const auto o = objectAt(open, m_text.size());
        if (!o) {
            if (!looksLikeDiscord(m_text.substr(open)))
                return {};
            return {true, damaged("is cut short or damaged; nothing could be read from it.",
                                  "the JSON object at byte " + std::to_string(open) + " is not valid JSON")};
        }
        if (isCurrentUser(*o)) {
            auto owner = userAccount(*o, open);
            owner.owner = true;
            owner.email = str(o->value(QLatin1String("email")));
            owner.phone = str(o->value(QLatin1String("phone")));
            addAccount(std::move(owner));
        } else if (isMessage(*o)) {
            addMessage(*o, open);
        } else {
            return {};
        }
        emitAll();
        return {true, {}};
    }

    static Result<void> damaged(const std::string &what, const std::string &detail)
    {
        return fail(ErrorCode::Corrupt, "This Discord cache file " + what, detail);
    }

    void addAccount(model::AccountRecord a)
    {
        if (a.key.empty() || !m_accountKeys.insert(a.key).second)
            return;
        m_accounts.push_back(std::move(a));
    }

    void addMessage(const QJsonObject &o, std::size_t offset)
    {
        model::MessageRecord m;
        m.origin = offsetOrigin(offset);
        m.conversationKey = str(o.value(QLatin1String("channel_id")));
        m.conversationKey = m.conversationKey.empty() ? "unknown" : m.conversationKey;
        auto author = userAccount(o.value(QLatin1String("author")).toObject(), offset);
        m.senderKey = author.key;
        addAccount(std::move(author));
        for (const auto &mention : o.value(QLatin1String("mentions")).toArray()) {
            if (mention.isObject())
                addAccount(userAccount(mention.toObject(), offset));
        }
        m.sent = discord::parseIsoTime(str(o.value(QLatin1String("timestamp"))));
        m.text = str(o.value(QLatin1String("content")));
        const std::int64_t type = integer(o.value(QLatin1String("type"))).value_or(0);
        m.type = isTextType(type) ? "text" : type == kCallType ? "call" : "system";
        for (const auto &a : o.value(QLatin1String("attachments")).toArray()) {
            if (a.isObject())
                m.attachments.push_back(attachment(a.toObject(), offset));
        }
        if (m.type == "text" && !m.attachments.empty())
            m.type = "media";
        else if (m.type == "text" && m.text.empty() && !o.value(QLatin1String("sticker_items")).toArray().isEmpty())
            m.type = "sticker";
        channel(m.conversationKey, m.senderKey, o.contains(QLatin1String("guild_id")), offset);
        m_messages.push_back(std::move(m));
    }

    void channel(const std::string &key, const std::string &author, bool guild, std::size_t offset)
    {
        auto [it, added] = m_channels.try_emplace(key);
        model::ConversationRecord &c = it->second;
        if (added) {
            c.key = key;
            c.origin = offsetOrigin(offset);
            m_channelOrder.push_back(key);
        }
        auto &people = c.participantKeys;
        if (!author.empty() && std::find(people.begin(), people.end(), author) == people.end())
            people.push_back(author);
        c.group = c.group || guild || c.participantKeys.size() > 2;
    }

    void emitAll()
    {
        for (auto &a : m_accounts) {
            m_out.addAccountOnce(std::move(a));
            m_out.flushIfFull();
        }
        for (const auto &key : m_channelOrder)
            m_out.addConversationOnce(std::move(m_channels[key]));
        for (auto &m : m_messages)
            m_out.addMessage(std::move(m));
        m_out.flush();
    }

    RecordEmitter &m_out;
    std::string_view m_text;
    std::vector<model::AccountRecord> m_accounts;
    std::set<std::string> m_accountKeys;
    std::map<std::string, model::ConversationRecord> m_channels;
    std::vector<std::string> m_channelOrder;
    std::vector<model::MessageRecord> m_messages;
};

} // namespace

Result<void> DiscordPlugin::process(const FileContext &file, ContentReader &content, ResultSink &sink)
{
    const std::uint64_t size = content.size();
    if (size == 0)
        return {};
    auto bytes = readExact(content, 0, static_cast<std::size_t>(std::min(size, kMaxBytes)));
    if (!bytes)
        return std::unexpected(bytes.error());
    const std::string_view text(reinterpret_cast<const char *>(bytes->data()), bytes->size());
    RecordEmitter out(file, sink, "discord", "Discord");
    const Outcome outcome = DiscordParse(out, text).run();
    if (outcome.discord && size > kMaxBytes)
        return fail(ErrorCode::Unsupported,
                    "This Discord cache file is larger than 64 MiB; only the messages in its first 64 MiB were read.",
                    "file size " + std::to_string(size));
    return outcome.result;
}

std::string_view discordMetadataJson()
{
    return kMetadataJson;
}

void registerDiscordPlugin(PluginRegistry &registry)
{
    registry.add<DiscordPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
