// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/android-sms/androidsms.h"

#include <map>
#include <sstream>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;

// MMS address types (OMA MMS encapsulation, as Android stores them in addr.type).
constexpr std::int64_t kAddrFrom = 137;
// Android's placeholder for "my own number" in MMS addresses.
constexpr std::string_view kInsertAddressToken = "insert-address-token";

struct SmsKind {
    Direction direction;
    const char *status;
};

// sms.type: 1 inbox, 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued.
SmsKind smsKind(std::int64_t type, bool read, std::int64_t status)
{
    switch (type) {
    case 1: return {Direction::Incoming, read ? "read" : "unread"};
    case 2: return {Direction::Outgoing, status == 0 ? "delivered" : status == 64 ? "failed" : "sent"};
    case 3: return {Direction::Outgoing, "draft"};
    case 4:
    case 6: return {Direction::Outgoing, "queued"};
    case 5: return {Direction::Outgoing, "failed"};
    default: return {Direction::Unknown, ""};
    }
}

// pdu.msg_box: 1 inbox, 2 sent, 3 drafts, 4 outbox, 5 failed.
SmsKind mmsKind(std::int64_t box, bool read)
{
    switch (box) {
    case 1: return {Direction::Incoming, read ? "read" : "unread"};
    case 2: return {Direction::Outgoing, "sent"};
    case 3: return {Direction::Outgoing, "draft"};
    case 4: return {Direction::Outgoing, "queued"};
    case 5: return {Direction::Outgoing, "failed"};
    default: return {Direction::Unknown, ""};
    }
}

// Everything one parse needs to remember, so process() stays free of shared state.
class SmsParse
{
public:
    SmsParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        m_out.addUnknownOwner();
        readCanonicalAddresses();
        readThreads();
        if (m_schema.hasTable("sms"))
            readSms();
        if (m_schema.hasTable("pdu"))
            readMms();
        m_out.flush();
        return m_errors.result();
    }

private:
    void account(const std::string &address, model::RecordOrigin origin)
    {
        if (address.empty() || address == kInsertAddressToken || m_out.hasAccount(address))
            return;
        model::AccountRecord a;
        a.key = address;
        a.phone = address.find('@') == std::string::npos ? address : std::string();
        a.email = a.phone.empty() ? address : std::string();
        a.origin = std::move(origin);
        m_out.addAccountOnce(std::move(a));
    }

    void readCanonicalAddresses()
    {
        if (!m_schema.hasTable("canonical_addresses"))
            return;
        forEachRow(m_db, m_errors, "SELECT _id, address FROM canonical_addresses", "canonical_addresses",
                   [this](const SqliteQuery &q) { m_canonical[q.int64(0)] = q.text(1); });
    }

    void readThreads()
    {
        if (!m_schema.hasTable("threads"))
            return;
        forEachRow(m_db, m_errors, "SELECT _id, " + m_schema.pick("threads", {"recipient_ids"}) + " FROM threads",
                   "threads", [this](const SqliteQuery &q) {
                       conversation(std::to_string(q.int64(0)), recipients(q.text(1)),
                                    rowOrigin("threads", q.int64(0)));
                   });
    }

    std::vector<std::string> recipients(const std::string &ids) const
    {
        std::vector<std::string> out;
        std::istringstream in(ids);
        for (std::int64_t id = 0; in >> id;) {
            const auto it = m_canonical.find(id);
            if (it != m_canonical.end())
                out.push_back(it->second);
        }
        return out;
    }

    void conversation(const std::string &key, const std::vector<std::string> &others, const model::RecordOrigin &origin)
    {
        if (m_out.hasConversation(key))
            return;
        model::ConversationRecord c;
        c.key = key;
        c.group = others.size() > 1;
        c.participantKeys.push_back("");   // the device owner takes part in every thread
        for (const auto &address : others) {
            account(address, origin);
            c.participantKeys.push_back(address);
        }
        c.origin = origin;
        m_out.addConversationOnce(std::move(c));
    }

    // The thread a message belongs to; a message whose thread row is gone gets a thread of
    // its own address, so it is never lost.
    std::string threadOf(std::optional<std::int64_t> threadId, const std::string &address, const model::RecordOrigin &origin)
    {
        std::string key = threadId ? std::to_string(*threadId) : "address:" + address;
        if (!m_out.hasConversation(key))
            conversation(key, address.empty() ? std::vector<std::string>{} : std::vector<std::string>{address}, origin);
        return key;
    }

    void readSms()
    {
        const std::string sql = "SELECT _id, thread_id, address, date, "
                              + m_schema.pickEach("sms", {"date_sent", "read", "status"}) + ", type, body, "
                              + m_schema.pickEach("sms", {"deleted", "subject"}) + " FROM sms ORDER BY _id";
        forEachRow(m_db, m_errors, sql, "sms", [this](const SqliteQuery &q) { smsRow(q); });
    }

    void smsRow(const SqliteQuery &q)
    {
        const auto origin = rowOrigin("sms", q.int64(0));
        const std::string address = q.text(2);
        account(address, origin);
        model::MessageRecord m;
        m.conversationKey = threadOf(q.optInt64(1), address, origin);
        const SmsKind kind = smsKind(q.int64(7, -1), q.int64(5) != 0, q.int64(6, -1));
        m.direction = kind.direction;
        m.status = kind.status;
        m.sent = fromUnixMillis(q.int64(3));
        m.text = q.text(8);
        if (const std::string subject = q.text(10); !subject.empty())
            m.text = subject + (m.text.empty() ? "" : "\n" + m.text);
        m.deletedInApp = q.int64(9) != 0;
        if (m.direction == Direction::Incoming)
            m.senderKey = address;
        else if (!address.empty())
            m.recipientKeys.push_back(address);
        m.origin = origin;
        m_out.addMessage(std::move(m));
    }

    struct MmsPart {
        std::int64_t id = 0;
        std::string contentType, name, data, text;
    };
    struct MmsAddress {
        std::int64_t id = 0, type = 0;
        std::string address;
    };

    void readMmsParts(std::map<std::int64_t, std::vector<MmsPart>> &parts)
    {
        if (!m_schema.hasTable("part"))
            return;
        const std::string sql = "SELECT _id, mid, ct, "
                              + m_schema.pickEach("part", {"cl", "name", "fn", "_data", "text"})
                              + " FROM part ORDER BY mid, " + m_schema.pick("part", {"seq"}) + ", _id";
        forEachRow(m_db, m_errors, sql, "part", [&parts](const SqliteQuery &q) {
            std::string name = q.text(3);
            for (int col : {4, 5})
                name = name.empty() ? q.text(col) : name;
            parts[q.int64(1)].push_back({q.int64(0), q.text(2), name, q.text(6), q.text(7)});
        });
    }

    void readMmsAddresses(std::map<std::int64_t, std::vector<MmsAddress>> &addresses)
    {
        if (!m_schema.hasTable("addr"))
            return;
        forEachRow(m_db, m_errors, "SELECT _id, msg_id, type, address FROM addr ORDER BY msg_id, _id", "addr",
                   [&addresses](const SqliteQuery &q) {
                       addresses[q.int64(1)].push_back({q.int64(0), q.int64(2), q.text(3)});
                   });
    }

    void readMms()
    {
        std::map<std::int64_t, std::vector<MmsPart>> parts;
        std::map<std::int64_t, std::vector<MmsAddress>> addresses;
        readMmsParts(parts);
        readMmsAddresses(addresses);
        // m_type 128 send_req, 130 notification (not downloaded), 132 retrieve_conf; delivery
        // and read reports (134, 136) are not messages.
        const std::string sql = "SELECT _id, thread_id, date, msg_box, "
                              + m_schema.pickEach("pdu", {"read", "sub", "m_type"})
                              + " FROM pdu WHERE coalesce(m_type, 0) NOT IN (134, 136) ORDER BY _id";
        forEachRow(m_db, m_errors, sql, "pdu",
                   [&](const SqliteQuery &q) { mmsRow(q, parts[q.int64(0)], addresses[q.int64(0)]); });
    }

    void mmsRow(const SqliteQuery &q, const std::vector<MmsPart> &parts, const std::vector<MmsAddress> &addresses)
    {
        const auto origin = rowOrigin("pdu", q.int64(0));
        model::MessageRecord m;
        const SmsKind kind = mmsKind(q.int64(3, -1), q.int64(4) != 0);
        m.direction = kind.direction;
        m.status = q.int64(6) == 130 ? "not downloaded" : kind.status;
        m.type = "mms";
        m.sent = fromUnixSeconds(static_cast<double>(q.int64(2)));   // MMS dates are in seconds
        m.origin = origin;
        std::string firstOther;
        for (const auto &a : addresses) {
            if (a.address.empty() || a.address == kInsertAddressToken)
                continue;
            account(a.address, rowOrigin("addr", a.id));
            if (a.type == kAddrFrom && m.direction != Direction::Outgoing)
                m.senderKey = a.address;
            else if (a.type != kAddrFrom)
                m.recipientKeys.push_back(a.address);
            firstOther = firstOther.empty() ? a.address : firstOther;
        }
        m.conversationKey = threadOf(q.optInt64(1), firstOther, origin);
        addMmsContent(m, q.text(5), parts);
        m_out.addMessage(std::move(m));
    }

    static void addMmsContent(model::MessageRecord &m, const std::string &subject, const std::vector<MmsPart> &parts)
    {
        m.text = subject;
        for (const auto &p : parts) {
            if (p.contentType == "application/smil")
                continue;
            if (p.contentType == "text/plain") {
                m.text += (m.text.empty() ? "" : "\n") + p.text;
                continue;
            }
            model::AttachmentRecord a;
            a.fileName = p.name;
            a.devicePath = p.data;
            a.mimeType = p.contentType;
            a.origin = rowOrigin("part", p.id);
            m.attachments.push_back(std::move(a));
        }
        if (!m.attachments.empty())
            m.type = "media";
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::map<std::int64_t, std::string> m_canonical;
};

} // namespace

bool AndroidSmsPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // The telephony provider: an sms table with its typed columns, or MMS pdu with addr.
    return schema.hasColumns("sms", {"address", "body", "date", "type", "thread_id"})
        || schema.hasColumns("pdu", {"msg_box", "m_type", "thread_id"});
}

Result<void> AndroidSmsPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "android-sms", "Android SMS/MMS");
    return SmsParse(db, out).run();
}

std::string_view androidSmsMetadataJson()
{
    return kMetadataJson;
}

void registerAndroidSmsPlugin(PluginRegistry &registry)
{
    registry.add<AndroidSmsPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
