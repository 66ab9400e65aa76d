// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/instagram/instagram.h"

#include <algorithm>
#include <map>
#include <set>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/instagram/igjson.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;

// item_type as the model's message type.
std::string typeOf(const std::string &itemType)
{
    static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
        {"text", "text"},           {"media", "media"},          {"raven_media", "media"},   {"visual_media", "media"},
        {"voice_media", "media"},   {"animated_media", "media"}, {"media_share", "share"},   {"reel_share", "share"},
        {"story_share", "share"},   {"clip", "share"},           {"felix_share", "share"},   {"profile", "share"},
        {"link", "link"},           {"like", "like"},            {"location", "location"},   {"action_log", "system"},
        {"placeholder", "system"},  {"video_call_event", "call"},
    };
    for (const auto &[item, type] : kTypes) {
        if (itemType == item)
            return std::string(type);
    }
    return itemType.empty() ? "text" : "other";
}

class InstagramParse
{
public:
    InstagramParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        readOwners();
        readThreads();
        readMessages();
        m_out.flush();
        return m_errors.result();
    }

private:
    // threads.user_id and messages.user_id name the logged-in account the row belongs to (the
    // app keeps one cache for every account signed in on the device).
    void readOwners()
    {
        forEachRow(m_db, m_errors, "SELECT user_id FROM threads UNION SELECT user_id FROM messages", "owners",
                   [this](const SqliteQuery &q) {
                       if (const std::string id = q.text(0); !id.empty())
                           m_owners.insert(id);
                   });
        if (m_owners.empty())
            m_owners.insert("");   // the owner, id unknown
        for (const auto &id : m_owners) {
            model::AccountRecord owner;
            owner.key = id;
            owner.owner = true;
            m_out.addAccountOnce(std::move(owner));
        }
    }

    void account(const instagram::IgUser &user, const model::RecordOrigin &origin)
    {
        if (user.id.empty() || m_out.hasAccount(user.id))
            return;
        model::AccountRecord a;
        a.key = user.id;
        a.username = user.username;
        a.displayName = user.fullName;
        a.origin = origin;
        m_out.addAccountOnce(std::move(a));
    }

    void readThreads()
    {
        const std::string sql = "SELECT rowid, user_id, thread_id, " + m_schema.pick("threads", {"recipient_ids"})
                              + ", thread_info FROM threads ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, "threads", [this](const SqliteQuery &q) { threadRow(q); });
    }

    void threadRow(const SqliteQuery &q)
    {
        const auto origin = rowOrigin("threads", q.int64(0));
        const std::string key = q.text(2);
        if (m_out.hasConversation(key))
            return;
        model::ConversationRecord c;
        c.key = key;
        c.origin = origin;
        c.participantKeys.push_back(q.text(1));
        const auto info = instagram::parseThreadInfo(q.text(4));
        std::vector<instagram::IgUser> users = info ? info->users : std::vector<instagram::IgUser>{};
        if (users.empty()) {
            for (auto &id : instagram::parseIdList(q.text(3)))
                users.push_back({std::move(id), {}, {}});
        }
        for (const auto &u : users) {
            account(u, origin);
            if (std::find(c.participantKeys.begin(), c.participantKeys.end(), u.id) == c.participantKeys.end())
                c.participantKeys.push_back(u.id);
        }
        c.group = info && info->group ? *info->group : users.size() > 1;
        c.title = c.group && info ? info->title : std::string();
        m_out.addConversationOnce(std::move(c));
    }

    // A conversation for a message whose thread row is gone, so the message is never lost.
    void conversationFor(const std::string &key, const std::string &viewer, const model::RecordOrigin &origin)
    {
        if (m_out.hasConversation(key))
            return;
        model::ConversationRecord c;
        c.key = key;
        c.participantKeys.push_back(viewer);
        c.origin = origin;
        m_out.addConversationOnce(std::move(c));
    }

    void readMessages()
    {
        const std::string sql = "SELECT rowid, user_id, server_item_id, thread_id, timestamp, text, message, "
                              + m_schema.pick("messages", {"recipient_ids"}) + " FROM messages ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, "messages", [this](const SqliteQuery &q) { messageRow(q); });
    }

    static Direction directionOf(const std::string &viewer, const instagram::Item &item)
    {
        if (item.sentByViewer)
            return *item.sentByViewer ? Direction::Outgoing : Direction::Incoming;
        if (item.senderId.empty() || viewer.empty())
            return Direction::Unknown;
        return item.senderId == viewer ? Direction::Outgoing : Direction::Incoming;
    }

    void messageRow(const SqliteQuery &q)
    {
        const auto origin = rowOrigin("messages", q.int64(0));
        const std::string viewer = q.text(1);
        model::MessageRecord m;
        m.conversationKey = q.text(3);
        conversationFor(m.conversationKey, viewer, origin);
        const instagram::Item item = instagram::parseItem(q.text(6)).value_or(instagram::Item{});
        m.direction = directionOf(viewer, item);
        m.senderKey = item.senderId.empty() && m.direction == Direction::Outgoing ? viewer : item.senderId;
        account({m.senderKey, {}, {}}, origin);
        m.sent = fromUnixMicros(q.optInt64(4).value_or(item.timestampMicros.value_or(0)));
        m.text = q.text(5).empty() ? item.text : q.text(5);
        m.type = typeOf(item.itemType);
        m.attachments = item.attachments;
        for (auto &a : m.attachments)
            a.origin = origin;
        if (m.direction == Direction::Outgoing)
            m.status = q.text(2).empty() ? "queued" : "sent";   // no server id: never acknowledged
        for (auto &id : instagram::parseIdList(q.text(7))) {
            if (id != m.senderKey)
                m.recipientKeys.push_back(std::move(id));
        }
        m.origin = origin;
        m_out.addMessage(std::move(m));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::set<std::string> m_owners;
};

} // namespace

bool InstagramPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // direct.db: messages with server and client item ids and the JSON item, beside threads
    // with their JSON thread_info.
    return schema.hasColumns("messages", {"user_id", "server_item_id", "client_item_id", "thread_id", "timestamp",
                                          "message_type", "text", "message"})
        && schema.hasColumns("threads", {"user_id", "thread_id", "thread_info"});
}

Result<void> InstagramPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "instagram", "Instagram");
    return InstagramParse(db, out).run();
}

std::string_view instagramMetadataJson()
{
    return kMetadataJson;
}

void registerInstagramPlugin(PluginRegistry &registry)
{
    registry.add<InstagramPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
