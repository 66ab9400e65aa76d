// SPDX-License-Identifier: GPL-3.0-or-later
// The rows the CASE/UCO export reads, in the shape it writes them: every file, account, conversation,
// message and attachment with what it references (the database file it was read from, its parent
// file, its sender and recipients) already narrowed to what the export contains, so a reference never
// points at a node that is not in the document. Row by row (forEach…) where a case can hold millions.
// Read-only; the columns are those of core/casedb/schema.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::report::uco {

// What of the case goes into the export: files up to an id (maxFiles), and with a person filter
// only the conversations of those persons and the accounts they involve.
struct Scope {
    std::int64_t fileCutoff = INT64_MAX;   // files with a larger id are left out; 0: none
    bool allCommunications = true;
    std::vector<std::int64_t> conversations, accounts;   // sorted; used when !allCommunications
    bool hasConversation(std::int64_t id) const;
    bool hasAccount(std::int64_t id) const;
};
Result<Scope> exportScope(casedb::Database &db, std::int64_t maxFiles, const std::vector<std::int64_t> &personIds);

// Where a record was read: the database file (when it is in the export), the parser, and the table
// and row or byte offset; recordSource "live" or "recovered" (recoveredFrom: freelist, wal, ...).
struct RecordSource {
    std::optional<std::int64_t> fileId;
    std::string parser, parserVersion, table, recordSource, recoveredFrom;
    std::optional<std::int64_t> rowid, offset;
};

struct FileSystemRow {
    std::int64_t id = 0, evidenceId = 0, startOffset = 0;
    std::string type;
    std::optional<std::int64_t> blockSize;
};
Result<std::vector<FileSystemRow>> fileSystems(casedb::Database &db);

// The exhibit number the acquisition recorded for each evidence item (E01 "evidence_number").
Result<std::map<std::int64_t, std::string>> exhibitNumbers(casedb::Database &db);

// Which evidence items each ingest run added or resumed, and who ran it (the audit log's actor).
struct RunEvidence {
    std::int64_t runId = 0, evidenceId = 0;
    std::string actor;
};
Result<std::vector<RunEvidence>> runEvidence(casedb::Database &db);

struct AppRow {
    std::string id, name;
};
Result<std::vector<AppRow>> applications(casedb::Database &db);   // every app an account or conversation names

struct AccountRow {
    std::int64_t id = 0, evidenceId = 0;
    std::string app, key, displayName, contactName, phone, email, username;
    bool owner = false;
    std::optional<std::int64_t> createdAt;
    RecordSource source;
};
Result<std::int64_t> forEachAccount(casedb::Database &db, const Scope &scope, const std::function<void(const AccountRow &)> &fn);

// A file (directories and virtual entries are not exported). parentId: the containing file when it
// is in the export; localTimes: FAT/exFAT times read without a zone (wall clock, zone unknown).
struct FileRow {
    std::int64_t id = 0, evidenceId = 0, size = 0;
    std::optional<std::int64_t> fsId, parentId, originOffset;
    std::string path, name, extension, metaType, origin, md5, sha1, sha256, mime;
    bool allocated = true, localTimes = false;
    std::optional<std::int64_t> mtime, atime, ctime, crtime;
};
Result<std::int64_t> forEachFile(casedb::Database &db, const Scope &scope, const std::function<void(const FileRow &)> &fn);

struct ConversationRow {
    std::int64_t id = 0, evidenceId = 0;
    std::string app, threadKey, title;
    bool group = false;
    std::optional<std::int64_t> createdAt;
    std::vector<std::int64_t> participants;   // account ids
    RecordSource source;
};
Result<std::int64_t> forEachConversation(casedb::Database &db, const Scope &scope,
                                         const std::function<void(const ConversationRow &)> &fn);

struct MessageRow {
    std::int64_t id = 0, evidenceId = 0;
    std::optional<std::int64_t> sender, sentAt;
    std::string direction, body, type, status;
    bool deletedInApp = false;
    std::vector<std::int64_t> recipients;   // message_recipients, when the app recorded them
    RecordSource source;
};
// The messages of one conversation in conversation order (time, then id).
Result<std::int64_t> forEachMessage(casedb::Database &db, const Scope &scope, std::int64_t conversationId,
                                    const std::function<void(const MessageRow &)> &fn);

struct AttachmentRow {
    std::int64_t id = 0, messageId = 0, evidenceId = 0;
    std::optional<std::int64_t> fileId, size;   // fileId: the evidence file, when found and exported
    std::string fileName, devicePath, mime;
};
// The attachments of one conversation's messages, by message id.
Result<std::map<std::int64_t, std::vector<AttachmentRow>>> attachmentsOf(casedb::Database &db, const Scope &scope,
                                                                         std::int64_t conversationId);

// The ids of one evidence item's exported rows of a kind ("file", "account", "conversation",
// "message", "attachment" — attachments without an exported file, which get their own node).
Result<std::int64_t> forEachRowOf(casedb::Database &db, const Scope &scope, std::string_view kind,
                                  std::int64_t evidenceId, const std::function<void(std::int64_t)> &fn);

} // namespace vigil::report::uco
