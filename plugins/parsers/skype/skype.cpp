// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/skype/skype.h"

#include <algorithm>
#include <map>
#include <set>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/skype/skypecontent.h"
#include "plugins/parsers/skype/skypemarkup.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;
using namespace skype;

std::optional<UtcNanos> secondsTime(std::optional<std::int64_t> seconds)
{
    return seconds ? fromUnixSeconds(static_cast<double>(*seconds)) : std::nullopt;
}

// Accounts.registration_timestamp counts minutes since 1970 (the public sample's 22920322 is
// 2013-07-30 21:22 UTC, 8 s before its profile_timestamp and minutes before its first message);
// 0, negative, junk and times past 2200 are no time.
std::optional<UtcNanos> minutesTime(std::optional<std::int64_t> minutes)
{
    if (!minutes || *minutes <= 0)
        return std::nullopt;
    return fromUnixSeconds(static_cast<double>(*minutes) * 60.0);
}

struct Transfer {
    std::int64_t rowid = 0, type = 0, status = -1;
    std::string partner, partnerName, path, name, guid;
    std::optional<std::int64_t> size, start, index, convoId, pkId, parentId;
    bool used = false;
};

struct CallMember {
    std::int64_t rowid = 0;
    std::string identity, name;
    std::optional<std::int64_t> duration, videoStatus, start;
};

struct SmsRow {
    std::optional<std::int64_t> time;
    std::string body, targets;
};

// The fields of one Messages row the content rules need.
struct MessageRow {
    std::int64_t rowid = 0;
    std::optional<std::int64_t> type;
    std::string body, identities, guid;
};

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class SkypeParse
{
public:
    SkypeParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        readAccounts();
        readContacts();
        readConversations();
        readChats();
        readTransfers();
        readSmses();
        readMessages();
        emitUntiedTransfers();
        readCalls();
        m_out.flush();
        return m_errors.result();
    }

private:
    // Runs `sql` over `table` when the table exists, calling `row` for each row; a failure is
    // noted and the parse goes on with the next table.
    template <typename Fn>
    void forEachRow(std::string_view table, const std::string &sql, Fn &&row)
    {
        if (m_schema.hasTable(table))
            plugins::forEachRow(m_db, m_errors, sql, table, row);
    }


    // ---- accounts and contacts ---------------------------------------------------------

    void account(const std::string &key, const std::string &name, const model::RecordOrigin &origin)
    {
        if (key.empty() || m_out.hasAccount(key))
            return;
        model::AccountRecord a;
        a.key = key;
        a.displayName = name;
        a.owner = key == m_ownerKey && !m_ownerKey.empty();
        if (key.find_first_not_of("+0123456789 -()") == std::string::npos)
            a.phone = key;   // a PSTN participant: Skype names always contain a letter
        a.origin = origin;
        m_out.addAccountOnce(std::move(a));
    }

    void readAccounts()
    {
        forEachRow("Accounts",
                   "SELECT rowid, "
                       + m_schema.pickEach("Accounts", {"skypename", "fullname", "displayname", "phone_mobile",
                                                        "phone_home", "phone_office", "emails",
                                                        "registration_timestamp"})
                       + " FROM Accounts ORDER BY rowid",
                   [this](const SqliteQuery &q) { ownerRow(q); });
        if (m_ownerKey.empty())   // no account row: the owner is known only as the device owner
            m_out.addUnknownOwner();
    }

    void ownerRow(const SqliteQuery &q)
    {
        const std::string key = q.text(1);
        if (key.empty() || m_out.hasAccount(key))
            return;
        m_ownerKey = m_ownerKey.empty() ? key : m_ownerKey;
        model::AccountRecord a;
        a.key = key;
        a.owner = true;
        a.displayName = firstNonEmpty({q.text(2), q.text(3)});
        a.phone = firstNonEmpty({q.text(4), q.text(5), q.text(6)});
        const auto emails = splitWords(q.text(7), " ,;");
        a.email = emails.empty() ? std::string() : emails.front();
        a.created = minutesTime(q.optInt64(8));   // absent column, 0 or junk: unknown
        a.origin = rowOrigin("Accounts", q.int64(0));
        m_out.addAccountOnce(std::move(a));
    }

    void readContacts()
    {
        forEachRow(
            "Contacts",
            "SELECT rowid, "
                + m_schema.pickEach("Contacts", {"skypename", "pstnnumber", "fullname", "displayname",
                                                 "given_displayname", "phone_mobile", "phone_home", "phone_office",
                                                 "assigned_phone1", "assigned_phone2", "assigned_phone3", "emails"})
                + " FROM Contacts ORDER BY rowid",
            [this](const SqliteQuery &q) { contactRow(q); });
    }

    void contactRow(const SqliteQuery &q)
    {
        model::ContactRecord c;
        c.origin = rowOrigin("Contacts", q.int64(0));
        c.accountKey = firstNonEmpty({q.text(1), q.text(2)});
        c.name = firstNonEmpty({q.text(5), q.text(3), q.text(4)});
        for (int col : {6, 7, 8, 2, 9, 10, 11})
            addUnique(c.phones, q.text(col));
        for (const auto &e : splitWords(q.text(12), " ,;"))
            addUnique(c.emails, e);
        if (!c.accountKey.empty() && !m_out.hasAccount(c.accountKey)) {
            account(c.accountKey, firstNonEmpty({q.text(4), q.text(3), q.text(5)}), c.origin);
            auto &a = m_out.batch().accounts.back();
            a.phone = c.phones.empty() ? a.phone : c.phones.front();
            a.email = c.emails.empty() ? std::string() : c.emails.front();
        }
        if (c.accountKey.empty() && c.name.empty() && c.phones.empty() && c.emails.empty())
            return;
        m_out.addContact(std::move(c));
    }

    // ---- conversations -----------------------------------------------------------------

    void emitConversation(model::ConversationRecord c)
    {
        if (m_out.hasConversation(c.key))
            return;
        for (const auto &p : c.participantKeys)
            account(p, {}, c.origin);
        m_out.addConversationOnce(std::move(c));
    }

    std::map<std::int64_t, std::vector<std::string>> readParticipants()
    {
        std::map<std::int64_t, std::vector<std::string>> out;
        forEachRow("Participants", "SELECT convo_id, identity FROM Participants ORDER BY rowid",
                   [&out](const SqliteQuery &q) { addUnique(out[q.int64(0)], q.text(1)); });
        return out;
    }

    void readConversations()
    {
        if (!m_schema.hasColumns("Conversations", {"identity"}))
            return;
        const auto participants = readParticipants();
        forEachRow("Conversations",
                   "SELECT rowid, identity, "
                       + m_schema.pickEach("Conversations",
                                 {"type", "meta_topic", "given_displayname", "displayname", "creation_timestamp"})
                       + " FROM Conversations ORDER BY rowid",
                   [&](const SqliteQuery &q) {
                       const auto it = participants.find(q.int64(0));
                       conversationRow(q, it == participants.end() ? std::vector<std::string>{} : it->second);
                   });
    }

    void conversationRow(const SqliteQuery &q, std::vector<std::string> participants)
    {
        model::ConversationRecord c;
        c.origin = rowOrigin("Conversations", q.int64(0));
        const std::string identity = q.text(1);
        c.key = identity.empty() ? "convo:" + std::to_string(q.int64(0)) : identity;
        const auto type = q.optInt64(2);
        c.group = type ? *type != kDialogConversation : participants.size() > 2;
        c.title = firstNonEmpty({q.text(3), q.text(4), q.text(5)});
        c.created = secondsTime(q.optInt64(6));
        if (participants.empty()) {
            participants.push_back(m_ownerKey);
            if (!c.group)
                addUnique(participants, identity);
        }
        c.participantKeys = std::move(participants);
        m_convoKeys[q.int64(0)] = c.key;
        emitConversation(std::move(c));
    }

    std::map<std::string, std::vector<std::string>> readChatMembers()
    {
        std::map<std::string, std::vector<std::string>> out;
        forEachRow("ChatMembers", "SELECT chatname, identity FROM ChatMembers ORDER BY rowid",
                   [&out](const SqliteQuery &q) { addUnique(out[q.text(0)], q.text(1)); });
        return out;
    }

    // Legacy chats (Chats): those of a known conversation only map their name to it; the
    // others (older versions, or conversation rows that are gone) become conversations.
    void readChats()
    {
        if (!m_schema.hasColumns("Chats", {"name"}))
            return;
        const auto members = readChatMembers();
        forEachRow("Chats",
                   "SELECT rowid, name, "
                       + m_schema.pickEach("Chats", {"type", "dialog_partner", "topic", "friendlyname", "participants",
                                           "activemembers", "conv_dbid", "timestamp"})
                       + " FROM Chats ORDER BY rowid",
                   [&](const SqliteQuery &q) {
                       const auto it = members.find(q.text(1));
                       chatRow(q, it == members.end() ? std::vector<std::string>{} : it->second);
                   });
    }

    void chatRow(const SqliteQuery &q, const std::vector<std::string> &chatMembers)
    {
        const std::string name = q.text(1);
        const auto convDbId = q.optInt64(8);
        if (convDbId && m_convoKeys.count(*convDbId)) {
            m_chatKeys[name] = m_convoKeys[*convDbId];
            return;
        }
        auto people = splitWords(q.text(6));
        people = people.empty() ? splitWords(q.text(7)) : people;
        people = people.empty() ? chatMembers : people;
        std::vector<std::string> others;
        for (const auto &p : people) {
            if (p != m_ownerKey)
                addUnique(others, p);
        }
        model::ConversationRecord c;
        c.origin = rowOrigin("Chats", q.int64(0));
        c.group = q.int64(2) == kMultiChat || others.size() > 1;
        const std::string partner = firstNonEmpty({q.text(3), others.empty() ? std::string() : others.front()});
        c.key = !c.group && !partner.empty() ? partner : name;
        if (c.key.empty())
            return;
        c.title = firstNonEmpty({q.text(4), q.text(5)});
        c.created = secondsTime(q.optInt64(9));
        c.participantKeys = people.empty() ? std::vector<std::string>{m_ownerKey, partner} : people;
        m_chatKeys[name] = c.key;
        if (convDbId)
            m_convoKeys[*convDbId] = c.key;
        emitConversation(std::move(c));
    }

    // The conversation of a message: its Conversations row, else its legacy chat, else one
    // made for it so the message is never lost.
    std::string conversationFor(std::optional<std::int64_t> convoId, const std::string &chatname,
                                const model::RecordOrigin &origin)
    {
        if (convoId && m_convoKeys.count(*convoId))
            return m_convoKeys[*convoId];
        if (!chatname.empty() && m_chatKeys.count(chatname))
            return m_chatKeys[chatname];
        model::ConversationRecord c;
        c.key = !chatname.empty() ? chatname : convoId ? "convo:" + std::to_string(*convoId) : "unknown";
        c.origin = origin;
        const std::string key = c.key;
        emitConversation(std::move(c));
        return key;
    }

    // A transfer's conversation: its convo_id, else the dialog with its partner.
    std::string transferConversation(const Transfer &t)
    {
        if (t.convoId && m_convoKeys.count(*t.convoId))
            return m_convoKeys[*t.convoId];
        if (t.partner.empty())
            return conversationFor(t.convoId, {}, rowOrigin("Transfers", t.rowid));
        model::ConversationRecord c;
        c.key = t.partner;
        c.participantKeys = {m_ownerKey, t.partner};
        c.origin = rowOrigin("Transfers", t.rowid);
        emitConversation(std::move(c));
        return t.partner;
    }

    // ---- transfers and SMS ------------------------------------------------------------

    void readTransfers()
    {
        forEachRow("Transfers",
                   "SELECT rowid, "
                       + m_schema.pickEach("Transfers", {"type", "status", "partner_handle", "partner_dispname",
                                                         "filepath", "filename", "filesize", "starttime",
                                                         "chatmsg_index", "convo_id", "pk_id", "parent_id"})
                       + ", hex(" + m_schema.pick("Transfers", {"chatmsg_guid"}) + ") FROM Transfers ORDER BY rowid",
                   [this](const SqliteQuery &q) {
                       Transfer t{q.int64(0), q.int64(1), q.int64(2, -1), q.text(3), q.text(4), q.text(5),
                                  q.text(6), q.text(13), q.optInt64(7), q.optInt64(8), q.optInt64(9),
                                  q.optInt64(10), q.optInt64(11), q.optInt64(12), false};
                       if (t.parentId)
                           m_parentPks.insert(*t.parentId);
                       m_transfers.push_back(std::move(t));
                   });
    }

    void readSmses()
    {
        forEachRow("SMSes",
                   "SELECT " + m_schema.pickEach("SMSes", {"chatmsg_id", "timestamp", "body", "target_numbers"})
                       + " FROM SMSes ORDER BY rowid",
                   [this](const SqliteQuery &q) {
                       if (const auto id = q.optInt64(0))
                           m_smses[*id] = {q.optInt64(1), q.text(2), q.text(3)};
                   });
    }

    static model::AttachmentRecord transferAttachment(const Transfer &t)
    {
        model::AttachmentRecord a;
        a.fileName = t.name;
        a.devicePath = t.path;
        a.size = t.size;
        a.origin = rowOrigin("Transfers", t.rowid);
        return a;
    }

    // The transfers of a file message (Transfers.chatmsg_guid = Messages.guid), one per file.
    std::vector<model::AttachmentRecord> transfersOf(const std::string &guid)
    {
        std::vector<model::AttachmentRecord> out;
        std::set<std::pair<std::int64_t, std::string>> seen;
        for (auto &t : m_transfers) {
            if (guid.empty() || t.guid != guid)
                continue;
            t.used = true;
            if (seen.insert({t.index.value_or(-1), t.name}).second)
                out.push_back(transferAttachment(t));
        }
        return out;
    }

    // Transfers no message refers to become file-transfer messages. An offer to several
    // people is a parent row (partner = the sender) with one child per recipient: the
    // children carry it.
    void emitUntiedTransfers()
    {
        for (const auto &t : m_transfers) {
            if (t.used || (t.pkId && m_parentPks.count(*t.pkId)))
                continue;
            model::MessageRecord m;
            m.origin = rowOrigin("Transfers", t.rowid);
            m.type = "media";
            m.direction = t.type == kTransferOutgoing   ? Direction::Outgoing
                        : t.type == kTransferIncoming ? Direction::Incoming
                                                      : Direction::Unknown;
            account(t.partner, t.partnerName, m.origin);
            m.senderKey = m.direction == Direction::Incoming ? t.partner : m_ownerKey;
            if (m.direction == Direction::Outgoing && !t.partner.empty())
                m.recipientKeys.push_back(t.partner);
            m.conversationKey = transferConversation(t);
            m.sent = secondsTime(t.start);
            m.status = transferStatus(t.status, m.direction);
            m.attachments.push_back(transferAttachment(t));
            m_out.addMessage(std::move(m));
        }
    }

    // ---- messages ---------------------------------------------------------------------

    void readMessages()
    {
        forEachRow("Messages",
                   "SELECT rowid, "
                       + m_schema.pickEach("Messages", {"convo_id", "chatname", "author", "from_dispname", "timestamp",
                                              "timestamp__ms", "type", "sending_status", "chatmsg_status",
                                              "edited_timestamp", "body_xml", "identities"})
                       + ", hex(" + m_schema.pick("Messages", {"guid"}) + ") FROM Messages ORDER BY rowid",
                   [this](const SqliteQuery &q) { messageRow(q); });
    }

    void messageRow(const SqliteQuery &q)
    {
        model::MessageRecord m;
        m.origin = rowOrigin("Messages", q.int64(0));
        m.conversationKey = conversationFor(q.optInt64(1), q.text(2), m.origin);
        m.senderKey = q.text(3);
        account(m.senderKey, q.text(4), m.origin);
        m.direction = m_ownerKey.empty() || m.senderKey.empty() ? Direction::Unknown
                    : m.senderKey == m_ownerKey                  ? Direction::Outgoing
                                                                  : Direction::Incoming;
        const auto millis = q.optInt64(6);
        m.sent = millis ? fromUnixMillis(*millis) : std::nullopt;
        m.sent = m.sent ? m.sent : secondsTime(q.optInt64(5));
        m.status = messageStatus(m.direction, q.optInt64(8), q.optInt64(9));
        const MessageRow row{q.int64(0), q.optInt64(7), q.text(11), q.text(12), q.text(13)};
        fillContent(m, row);
        // Skype empties the body of a message its author removed and stamps it as edited.
        m.deletedInApp = q.int64(10) > 0 && row.body.find_first_not_of(" \t\r\n") == std::string::npos;
        m_out.addMessage(std::move(m));
    }

    void fillContent(model::MessageRecord &m, const MessageRow &row)
    {
        m.type = messageKind(row.type, !row.body.empty());
        m.text = skype::markupToText(row.body);
        switch (row.type.value_or(-1)) {
        case kSms: smsContent(m, row); break;
        case kFiles: fileContent(m, row); break;
        case kSharedMedia: addSharedMedia(m, row.body); break;
        case kContacts: setContactsText(m, row.body); break;
        case kCallStarted:
        case kCallEnded: setCallText(m, row.type == kCallStarted, row.body); break;
        case kAddedMembers:
        case kRemovedMembers:
        case kLeft: membershipContent(m, row); break;
        default: break;
        }
    }

    void smsContent(model::MessageRecord &m, const MessageRow &row)
    {
        const auto sms = skype::findElements(row.body, "sms");
        const auto encoded = skype::findElements(row.body, "encoded_body");
        m.text = firstNonEmpty({sms.empty() ? std::string() : sms.front().attribute("alt"),
                                encoded.empty() ? std::string() : encoded.front().text});
        const auto it = m_smses.find(row.rowid);
        if (it != m_smses.end()) {
            m.text = m.text.empty() ? it->second.body : m.text;
            m.sent = m.sent ? m.sent : secondsTime(it->second.time);
        }
        auto targets = splitWords(row.identities, " ,");
        if (targets.empty() && it != m_smses.end())
            targets = splitWords(it->second.targets, " ,");
        for (const auto &t : targets) {
            account(t, {}, m.origin);
            addUnique(m.recipientKeys, t);
        }
    }

    void fileContent(model::MessageRecord &m, const MessageRow &row)
    {
        m.attachments = transfersOf(row.guid);
        if (m.attachments.empty()) {
            for (const auto &f : skype::findElements(row.body, "file")) {
                model::AttachmentRecord a;
                a.fileName = f.text;
                a.size = parseCount(f.attribute("size"));
                a.origin = m.origin;
                m.attachments.push_back(std::move(a));
            }
        }
        if (!m.attachments.empty())
            m.text.clear();   // the body only lists the file names
    }

    void membershipContent(model::MessageRecord &m, const MessageRow &row)
    {
        std::string who;
        for (const auto &id : splitWords(row.identities, " ,")) {
            account(id, {}, m.origin);
            who += (who.empty() ? "" : ", ") + id;
        }
        if (!m.text.empty())
            return;
        if (row.type == kLeft)
            m.text = "left";
        else
            m.text = std::string(row.type == kAddedMembers ? "added " : "removed ") + who;
    }

    // ---- calls ------------------------------------------------------------------------

    void readCallMembers(std::map<std::int64_t, std::vector<CallMember>> &byCall,
                         std::map<std::string, std::vector<CallMember>> &byName)
    {
        forEachRow("CallMembers",
                   "SELECT rowid, "
                       + m_schema.pickEach("CallMembers", {"identity", "dispname", "call_duration", "videostatus",
                                                 "start_timestamp", "call_db_id", "call_name"})
                       + " FROM CallMembers ORDER BY rowid",
                   [&](const SqliteQuery &q) {
                       CallMember cm{q.int64(0), q.text(1), q.text(2), q.optInt64(3), q.optInt64(4), q.optInt64(5)};
                       if (const auto call = q.optInt64(6))
                           byCall[*call].push_back(cm);
                       else if (!q.text(7).empty())
                           byName[q.text(7)].push_back(cm);
                   });
    }

    void readCalls()
    {
        std::map<std::int64_t, std::vector<CallMember>> byCall;
        std::map<std::string, std::vector<CallMember>> byName;
        readCallMembers(byCall, byName);
        forEachRow(
            "Calls",
            "SELECT rowid, "
                + m_schema.pickEach("Calls", {"name", "begin_timestamp", "is_incoming", "duration", "host_identity",
                                              "partner_handle", "partner_dispname", "conv_dbid", "is_unseen_missed"})
                + " FROM Calls ORDER BY rowid",
            [&](const SqliteQuery &q) {
                std::vector<CallMember> members = byCall[q.int64(0)];
                for (const auto &cm : byName[q.text(1)])
                    members.push_back(cm);
                callRow(q, members);
            });
    }

    void callRow(const SqliteQuery &q, const std::vector<CallMember> &members)
    {
        model::CallRecord c;
        c.origin = rowOrigin("Calls", q.int64(0));
        const auto incoming = q.optInt64(3);
        c.direction = !incoming ? Direction::Unknown : *incoming != 0 ? Direction::Incoming : Direction::Outgoing;
        std::optional<std::int64_t> start = q.optInt64(2), duration = q.optInt64(4);
        for (const auto &cm : members) {
            if (c.accountKey.empty() && cm.identity != m_ownerKey) {
                c.accountKey = cm.identity;
                account(cm.identity, cm.name, c.origin);
            }
            if (cm.duration && (!duration || *duration <= 0))
                duration = std::max(duration.value_or(0), *cm.duration);
            start = start.value_or(0) > 0 ? start : cm.start;
            c.video = c.video || cm.videoStatus == kVideoActive;
        }
        const std::string host = q.text(5);
        c.accountKey = firstNonEmpty({c.accountKey, q.text(6), host == m_ownerKey ? std::string() : host});
        account(c.accountKey, q.text(7), c.origin);
        c.started = secondsTime(start);
        c.durationSeconds = duration && *duration >= 0 ? duration : std::nullopt;
        if (c.durationSeconds.value_or(0) > 0)
            c.status = "answered";
        else if (q.int64(9) != 0)
            c.status = "missed";
        if (const auto conv = q.optInt64(8); conv && m_convoKeys.count(*conv))
            c.conversationKey = m_convoKeys[*conv];
        m_out.addCall(std::move(c));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::string m_ownerKey;   // the first Accounts.skypename; "" when the database has none
    std::map<std::int64_t, std::string> m_convoKeys;   // Conversations.id (or Chats.conv_dbid) -> key
    std::map<std::string, std::string> m_chatKeys;     // Chats.name -> key
    std::vector<Transfer> m_transfers;
    std::set<std::int64_t> m_parentPks;
    std::map<std::int64_t, SmsRow> m_smses;            // by SMSes.chatmsg_id (= Messages.id)
};

} // namespace

bool SkypePlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // Skype's Messages table with its legacy chat columns, and one of its identity tables.
    return schema.hasColumns("Messages", {"author", "from_dispname", "body_xml", "timestamp", "chatname"})
        && (schema.hasColumns("Accounts", {"skypename"}) || schema.hasColumns("Chats", {"name", "dialog_partner"})
            || schema.hasColumns("Conversations", {"identity"}));
}

Result<void> SkypePlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "skype", "Skype");
    return SkypeParse(db, out).run();
}

std::string_view skypeMetadataJson()
{
    return kMetadataJson;
}

void registerSkypePlugin(PluginRegistry &registry)
{
    registry.add<SkypePlugin>(kMetadataJson);
}

} // namespace vigil::plugins
