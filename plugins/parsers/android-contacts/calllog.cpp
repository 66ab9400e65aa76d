// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/android-contacts/calllog.h"

#include <map>
#include <utility>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::plugins::androidcontacts {

namespace {

using model::Direction;

// CallLog.Calls.FEATURES_VIDEO.
constexpr std::int64_t kFeatureVideo = 0x1;

// CallLog.Calls.NUMBER_PRESENTATION: 1 allowed, 2 restricted, 3 unknown, 4 payphone. Before
// Android 4.4 (no presentation column) a hidden number was stored in `number` itself as
// "-2", "-1" or "-3".
struct Withheld {
    std::int64_t presentation;
    const char *legacyNumber;
    const char *key;
    const char *displayName;
};
constexpr Withheld kWithheld[] = {
    {2, "-2", "presentation:restricted", "Private number"},
    {3, "-1", "presentation:unknown", "Unknown number"},
    {4, "-3", "presentation:payphone", "Payphone"},
};

struct CallKind {
    Direction direction;
    const char *status;
};

// CallLog.Calls.TYPE: 1 incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked,
// 7 answered on another device. An outgoing call has a duration only once it was answered.
CallKind callKind(std::int64_t type, std::int64_t duration)
{
    switch (type) {
    case 1: return {Direction::Incoming, "answered"};
    case 2: return {Direction::Outgoing, duration > 0 ? "answered" : "unanswered"};
    case 3: return {Direction::Incoming, "missed"};
    case 4: return {Direction::Incoming, "voicemail"};
    case 5: return {Direction::Incoming, "rejected"};
    case 6: return {Direction::Incoming, "blocked"};
    case 7: return {Direction::Incoming, "answered elsewhere"};
    default: return {Direction::Unknown, ""};
    }
}

// Columns of the calls query, in order.
enum CallColumn { kRowid, kNumber, kDate, kDuration, kType, kFeatures, kPresentation };

class CallLogParse
{
public:
    CallLogParse(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors)
        : m_db(db), m_out(out), m_errors(errors), m_schema(db.schema())
    {
    }

    void run()
    {
        readOwnLines();
        readCachedNames();
        readCalls();
    }

private:
    // The device's own lines the calls were made on, when recorded (dual SIM).
    void readOwnLines()
    {
        if (!m_schema.hasColumn("calls", "phone_account_address"))
            return;
        forEachRow(m_db, m_errors,
                   "SELECT phone_account_address, min(_id) FROM calls"
                   " WHERE coalesce(phone_account_address, '') <> '' GROUP BY phone_account_address",
                   "calls", [this](const SqliteQuery &q) {
                       account(q.text(0), q.text(0), {}, true, rowOrigin("calls", q.int64(1)));
                   });
    }

    // The contact name cached with each number (the latest one wins).
    void readCachedNames()
    {
        if (!m_schema.hasColumn("calls", "name"))
            return;
        forEachRow(m_db, m_errors, "SELECT number, name FROM calls WHERE coalesce(name, '') <> '' ORDER BY _id",
                   "calls", [this](const SqliteQuery &q) { m_names[q.text(0)] = q.text(1); });
    }

    void readCalls()
    {
        const std::string sql = "SELECT _id, number, date, duration, type, "
                              + m_schema.pickEach("calls", {"features", "presentation"}) + " FROM calls ORDER BY _id";
        forEachRow(m_db, m_errors, sql, "calls", [this](const SqliteQuery &q) { callRow(q); });
    }

    void account(const std::string &key, const std::string &phone, const std::string &name, bool owner,
                 const model::RecordOrigin &origin)
    {
        if (m_out.hasAccount(key))
            return;
        model::AccountRecord a;
        a.key = key;
        a.phone = phone;
        a.displayName = name;
        a.owner = owner;
        a.origin = origin;
        m_out.addAccountOnce(std::move(a));
    }

    // The other party's account key: the number, or a placeholder for a withheld one.
    std::string party(const std::string &number, std::int64_t presentation, const model::RecordOrigin &origin)
    {
        for (const Withheld &w : kWithheld) {
            if (number == w.legacyNumber || (number.empty() && presentation == w.presentation)) {
                account(w.key, {}, w.displayName, false, origin);
                return w.key;
            }
        }
        if (number.empty()) {
            account(kWithheld[1].key, {}, kWithheld[1].displayName, false, origin);
            return kWithheld[1].key;
        }
        const auto name = m_names.find(number);
        account(number, number, name == m_names.end() ? std::string() : name->second, false, origin);
        return number;
    }

    void callRow(const SqliteQuery &q)
    {
        model::CallRecord c;
        c.origin = rowOrigin("calls", q.int64(kRowid));
        c.accountKey = party(q.text(kNumber), q.int64(kPresentation, 1), c.origin);
        const auto duration = q.optInt64(kDuration);
        if (duration && *duration >= 0)
            c.durationSeconds = duration;
        const CallKind kind = callKind(q.int64(kType, -1), duration.value_or(0));
        c.direction = kind.direction;
        c.status = kind.status;
        c.started = fromUnixMillis(q.int64(kDate));
        c.video = (q.int64(kFeatures) & kFeatureVideo) != 0;
        m_out.addCall(std::move(c));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    PartialErrors &m_errors;
    const DatabaseSchema &m_schema;
    std::map<std::string, std::string> m_names;
};

} // namespace

bool hasCallLog(const DatabaseSchema &schema)
{
    // Columns of CallLog.Calls since Android 1.0; "new" and "numbertype" set it apart from
    // other apps' call tables.
    return schema.hasColumns("calls", {"_id", "number", "date", "duration", "type", "new", "numbertype"});
}

void readCallLog(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors)
{
    CallLogParse(db, out, errors).run();
}

} // namespace vigil::plugins::androidcontacts
