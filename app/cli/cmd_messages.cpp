// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/casedb/casestore.h"
#include "core/casedb/messagequery.h"

namespace vigil::cli {

namespace {

const std::vector<const char *> kColumns = {
    "message_id", "evidence_id", "app", "conversation_id", "conversation", "time_utc", "direction", "sender", "body",
    "status", "type", "deleted_in_app", "record_source", "attachments", "file_id", "file_path", "parser",
    "parser_version", "source_table", "source_rowid", "source_offset", "match", "recovered_from", "database_source"};

// Search hits are marked [[like this]] in the "match" column.
std::string marked(const std::string &highlighted)
{
    std::string out;
    for (char c : highlighted)
        out += c == '\x02' ? std::string("[[") : c == '\x03' ? std::string("]]") : std::string(1, c);
    return out;
}

std::vector<std::string> fields(const casedb::MessageRow &m)
{
    return {std::to_string(m.id), std::to_string(m.evidenceId), m.app, std::to_string(m.conversationId), m.conversation,
            isoTime(m.sentAt), m.direction, m.sender, m.body, m.status, m.type, m.deletedInApp ? "yes" : "no",
            m.prov.recordSource, std::to_string(m.attachmentCount), std::to_string(m.prov.fileId), m.prov.filePath,
            m.prov.parser, m.prov.parserVersion, m.prov.sourceTable, number(m.prov.sourceRowid),
            number(m.prov.sourceOffset), marked(m.highlighted), m.prov.recoveredFrom, m.prov.fileSource};
}

std::vector<bool> numericColumns()
{
    std::vector<bool> numeric(kColumns.size(), false);
    for (std::size_t i : {0u, 1u, 3u, 13u, 14u, 19u, 20u})
        numeric[i] = true;
    return numeric;
}

} // namespace

int runMessages(const Args &input)
{
    Args args = input;
    std::string caseDir, format = "csv", evidence, conversation;
    casedb::MessageFilter filter;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    takeOption(args, "--search", filter.search);
    takeOption(args, "--evidence", evidence);
    takeOption(args, "--conversation", conversation);
    const bool sourceOk = takeSource(args, filter.source, true);
    const bool ok = parseId(evidence, filter.evidenceId) && parseId(conversation, filter.conversationId) && sourceOk;
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || !ok || (format != "csv" && format != "json")) {
        std::fputs("usage: vigil messages --case DIR [--search TEXT] [--format csv|json] [--evidence ID] "
                   "[--conversation ID]\n"
                   "                     [--source all|live|wal|deleted|carved|recovered|nested] [--recovered]\n",
                   stderr);
        return ExitUsage;
    }
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    ListPrinter out(format, kColumns, numericColumns());
    auto n = casedb::forEachMessage(*db, filter, [&](const casedb::MessageRow &m) { out.row(fields(m)); });
    out.finish();
    if (!n) {
        std::fprintf(stderr, "vigil: %s\n", n.error().toString().c_str());
        return ExitFailed;
    }
    return ExitOk;
}

} // namespace vigil::cli
