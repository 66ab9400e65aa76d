// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/victimlist/victimlist.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/util/tempoutput.h"
#include "core/util/csv.h"
#include "core/util/join.h"

namespace vigil::report {

namespace {

std::string itself(const std::string &s)
{
    return s;
}

// The identifier that names an account best: its phone number, user name, e-mail or app key.
std::string accountLine(const casedb::PersonAccount &a)
{
    for (const std::string *id : {&a.phone, &a.username, &a.email, &a.accountKey})
        if (!id->empty())
            return a.app + ": " + *id;
    return a.app;
}

// "412: /data/msgstore.db (messages, rowid 56)", "(offset 4096)", or no source recorded.
std::string keyMessageLine(const QuotedMessage &m)
{
    std::string line = std::to_string(m.messageId) + ":";
    if (!m.source)
        return line + " (source not recorded)";
    const casedb::MessageSource &s = *m.source;
    std::vector<std::string> where;
    if (!s.table.empty())
        where.push_back(s.table);
    if (s.rowid)
        where.push_back("rowid " + std::to_string(*s.rowid));
    if (s.offset)
        where.push_back("offset " + std::to_string(*s.offset));
    if (!s.recordSource.empty() && s.recordSource != "live")
        where.push_back(s.recordSource);
    line += " " + s.path;
    return where.empty() ? line : line + " (" + joined(where, ", ", itself) + ")";
}

ListCell count(std::int64_t n)
{
    return ListCell::numberCell(static_cast<double>(n));
}

ListRow victimRow(const VictimFinding &f)
{
    const casedb::VictimRow &v = f.victim;
    const auto indicator = [](const auto &kv) { return kv.first + " " + std::to_string(kv.second); };
    const auto id = [](std::int64_t n) { return std::to_string(n); };
    return {
        count(v.rank),
        count(v.personId),
        ListCell::textCell(v.priority),
        ListCell::textCell(joined(v.priorityReasons, "\n", itself)),
        ListCell::numberCell(v.risk),
        ListCell::textCell(v.stage),
        v.statedAge ? count(*v.statedAge) : ListCell{},
        ListCell::textCell(v.country),
        v.country.empty() ? ListCell{} : ListCell::numberCell(v.countryConfidence),
        ListCell::textCell(v.label),
        ListCell::textCell(joined(f.accounts, "\n", accountLine)),
        ListCell::textCell(joined(v.apps, "; ", itself)),
        ListCell::timeCell(v.firstContact),
        ListCell::timeCell(v.lastContact),
        count(v.messages),
        count(v.mediaSent),
        count(v.mediaReceived),
        ListCell::textCell(joined(v.indicators, "; ", indicator)),
        ListCell::textCell(joined(v.suspects, "; ", id)),
        ListCell::textCell(joined(f.keyMessages, "\n", keyMessageLine)),
    };
}

ListRow keyMessageRow(const VictimFinding &f, const QuotedMessage &m)
{
    const casedb::MessageSource none;
    const casedb::MessageSource &s = m.source ? *m.source : none;
    return {
        count(f.victim.rank),
        ListCell::textCell(f.victim.label),
        count(m.messageId),
        ListCell::timeCell(m.sentAt),
        ListCell::textCell(m.app),
        ListCell::textCell(m.speaker),
        ListCell::textCell(m.sender),
        ListCell::textCell(m.body),
        ListCell::textCell(joined(m.kinds, "; ", itself)),
        ListCell::textCell(s.path),
        ListCell::textCell(s.table),
        s.rowid ? count(*s.rowid) : ListCell{},
        s.offset ? count(*s.offset) : ListCell{},
        ListCell::textCell(s.recordSource),
        ListCell::textCell(s.sha256),
        ListCell::textCell(s.sha1),
    };
}

std::string csvRow(const std::vector<std::string> &fields)
{
    return csvLine(fields) + "\r\n";
}

} // namespace

const std::vector<std::string> &victimListColumns()
{
    static const std::vector<std::string> columns = {
        "Rank", "Person ID", "Priority", "Priority reasons", "Risk", "Stage", "Stated age", "Country",
        "Country confidence", "Name", "Accounts", "Apps", "First contact (UTC)", "Last contact (UTC)", "Messages",
        "Media sent by victim", "Media received by victim", "Indicators", "Suspects (person IDs)", "Key messages",
    };
    return columns;
}

std::vector<ListRow> victimListRows(const ReportModel &model)
{
    std::vector<ListRow> rows;
    rows.reserve(model.victims.size());
    for (const VictimFinding &f : model.victims)
        rows.push_back(victimRow(f));
    return rows;
}

const std::vector<std::string> &keyMessageColumns()
{
    static const std::vector<std::string> columns = {
        "Victim rank", "Victim", "Message ID", "Time (UTC)", "App", "Speaker", "Sender", "Body",
        "Indicators", "Source path", "Table", "Row ID", "Offset", "Record", "File SHA-256", "File SHA-1",
    };
    return columns;
}

std::vector<ListRow> keyMessageRows(const ReportModel &model)
{
    std::vector<ListRow> rows;
    for (const VictimFinding &f : model.victims)
        for (const QuotedMessage &m : f.keyMessages)
            rows.push_back(keyMessageRow(f, m));
    return rows;
}

Result<void> writeVictimListCsv(const ReportModel &model, const std::filesystem::path &out)
{
    auto temp = TempOutput::forTarget(out);
    if (!temp)
        return std::unexpected(temp.error());
    std::ofstream file(temp->path(), std::ios::binary | std::ios::trunc);
    if (!file)
        return fail(ErrorCode::Io, "Cannot write the victim list " + out.string(), std::strerror(errno));
    file << "\xEF\xBB\xBF" << csvRow(victimListColumns());
    for (const ListRow &row : victimListRows(model)) {
        std::vector<std::string> fields;
        fields.reserve(row.size());
        for (const ListCell &cell : row)
            fields.push_back(csvCellText(cell));
        file << csvRow(fields);
    }
    file.close();
    if (!file)
        return fail(ErrorCode::Io, "Cannot write the victim list " + out.string(), "write or close failed");
    return temp->commit();
}

} // namespace vigil::report
