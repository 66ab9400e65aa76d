// SPDX-License-Identifier: GPL-3.0-or-later
// Typed queries over the communications of a case (the CLI and the desktop's models use these;
// no SQL elsewhere).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/sourcefilter.h"

namespace vigil::casedb {

// Where a record came from, for people: the file, the parser and the place in the file.
struct RecordProvenance {
    std::int64_t fileId = 0;
    std::string filePath, parser, parserVersion, sourceTable, recordSource;
    std::optional<std::int64_t> sourceRowid, sourceOffset;
    std::string companions;   // JSON list of the WAL/journal read with the database
    // The database file: "live", "deleted", "carved", "member" or "embedded" (fileSourceLabel).
    std::string fileSource = "live";
    // Recovered rows (recordSource "recovered"): freeblock, unallocated, freelist, wal, journal.
    std::string recoveredFrom;
};

struct ConversationRow {
    std::int64_t id = 0, evidenceId = 0;
    std::string app, appName, threadKey, title;
    bool group = false;
    std::int64_t messageCount = 0, deletedCount = 0, recoveredCount = 0, attachmentCount = 0;
    std::optional<std::int64_t> firstMessage, lastMessage;   // ns since 1970, UTC
    std::string participants;   // "Name (+447700900123); …", the device owner last
    RecordProvenance prov;
};

struct ConversationFilter {
    std::optional<std::int64_t> evidenceId, conversationId;
    // Only conversations holding at least one message of this source (sourcefilter.h).
    SourceFilter source = SourceFilter::All;
};

// Most recent activity first.
Result<std::vector<ConversationRow>> listConversations(Database &db, const ConversationFilter &filter = {});

struct MessageRow {
    std::int64_t id = 0, conversationId = 0, evidenceId = 0;
    std::string app, appName;
    std::string conversation;        // the title, else the other participants, else the thread key
    std::optional<std::int64_t> sentAt, readAt;
    std::string direction;           // incoming, outgoing, unknown
    std::string sender;              // "Name (identifier)" or the identifier; "" when unknown
    bool senderIsOwner = false;
    std::string body, status, type;
    bool deletedInApp = false;
    std::int64_t attachmentCount = 0;
    std::string highlighted;         // with a search: the body with each hit between \x02 and \x03
    RecordProvenance prov;
};

struct MessageFilter {
    std::optional<std::int64_t> evidenceId, conversationId;
    std::string search;              // words, all of which must occur (full-text index)
    SourceFilter source = SourceFilter::All;   // live / wal / deleted / carved / recovered / nested
    std::int64_t limit = -1, offset = 0;
};

// Messages in conversation order (conversation, then time, then id); with a search, those that
// match. Calls fn per row; returns the rows visited.
Result<std::int64_t> forEachMessage(Database &db, const MessageFilter &filter, const std::function<void(const MessageRow &)> &fn);

// Counts what forEachMessage would visit (ignoring limit/offset).
Result<std::int64_t> countMessages(Database &db, const MessageFilter &filter);

struct AttachmentRow {
    std::int64_t id = 0, messageId = 0;
    std::string fileName, devicePath, mimeType, appHash, linkMethod;
    std::optional<std::int64_t> size, fileId;   // fileId: the evidence file holding it, when found
    std::string filePath, sigType;              // of that file
};

// The attachments of the given messages, by message id.
Result<std::map<std::int64_t, std::vector<AttachmentRow>>> attachmentsOf(Database &db, const std::vector<std::int64_t> &messageIds);

// Turns what a person typed into an FTS5 query: every word must occur (quoted, so operators
// and punctuation are taken literally); "" when there are no words.
std::string ftsQuery(const std::string &text);

} // namespace vigil::casedb
