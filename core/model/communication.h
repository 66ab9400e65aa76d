// SPDX-License-Identifier: GPL-3.0-or-later
// Communication records as parsers produce them: accounts, contacts, conversations,
// messages with attachments, calls, web visits and searches. References between records
// use the app's own keys (a WhatsApp JID, an SMS thread id); the case store turns them into
// row ids. Every record says where in its source it was read (RecordOrigin).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/timeutil.h"

namespace vigil::model {

enum class Direction { Unknown, Incoming, Outgoing };

// Which state of a database a record was read from.
enum class RecordSource {
    Live,        // the database as SQLite presents it (WAL applied, hot journal rolled back)
    Wal,         // the row exists only in the write-ahead log, not in the main file
    Recovered,   // recovered from deleted space (freelists, free blocks, carved)
};

// Where in the source a record was read: a table and rowid for databases, a byte offset
// for files (JSON caches, carved data). A recovered database row keeps its original rowid
// (when it survived), the byte offset of its record and where it was found (recoveredFrom):
// "freeblock", "unallocated", "freelist" or "superseded" (offset in the database file), "wal"
// (in the -wal file) or "journal" (in the -journal file).
struct RecordOrigin {
    std::string table;
    std::optional<std::int64_t> rowid;
    std::optional<std::int64_t> offset;
    RecordSource source = RecordSource::Live;
    std::string recoveredFrom;   // only with RecordSource::Recovered
};

// An identity in one app: a WhatsApp JID, a phone number in the SMS app, a Skype name.
struct AccountRecord {
    std::string key;           // as the app identifies it; "" = the device owner, id unknown
    std::string displayName;   // as the app shows it (profile or push name)
    std::string phone;         // raw, as stored ("+44 7700 900123", "07700900123")
    std::string email;         // raw
    std::string username;      // user-chosen handle, when distinct from key
    bool owner = false;        // one of the device owner's own accounts
    std::optional<UtcNanos> created;   // when the account was created, where the app stores it
    RecordOrigin origin;
};

// An address-book entry (the phone's contacts, an app's contact list).
struct ContactRecord {
    std::string name;
    std::vector<std::string> phones;   // raw
    std::vector<std::string> emails;   // raw
    std::string accountKey;            // the app account this entry describes, if any
    std::string organization;
    RecordOrigin origin;
};

struct ConversationRecord {
    std::string key;                           // the app's thread / chat id
    std::string title;                         // group subject or thread name
    bool group = false;
    std::vector<std::string> participantKeys;  // account keys
    std::optional<UtcNanos> created;
    RecordOrigin origin;
};

struct AttachmentRecord {
    std::string fileName;     // as the app names it
    std::string devicePath;   // path the app recorded ("Media/WhatsApp Images/IMG-….jpg")
    std::string mimeType;
    std::optional<std::int64_t> size;
    std::string appHash;      // a hash the app stores, as stored (e.g. base64 SHA-256)
    RecordOrigin origin;
};

struct MessageRecord {
    std::string conversationKey;
    std::string senderKey;     // "" with Direction::Outgoing = the device owner
    Direction direction = Direction::Unknown;
    std::optional<UtcNanos> sent;
    std::optional<UtcNanos> read;
    std::string text;
    std::string status;        // "sent", "delivered", "read", "received", "failed", "draft", …
    std::string type = "text"; // "text", "media", "system", "location", "contact", "call", …
    bool deletedInApp = false; // the app marks it deleted or revoked
    std::vector<std::string> recipientKeys;   // only when the app records them per message
    std::vector<AttachmentRecord> attachments;
    RecordOrigin origin;
};

struct CallRecord {
    std::string accountKey;        // the other party
    std::string conversationKey;   // when the app ties calls to a chat
    Direction direction = Direction::Unknown;
    std::optional<UtcNanos> started;
    std::optional<std::int64_t> durationSeconds;
    bool video = false;
    std::string status;            // "answered", "missed", "rejected", "blocked", …
    RecordOrigin origin;
};

struct WebVisitRecord {
    std::string url, title;
    std::optional<UtcNanos> time;
    std::string transition;        // "typed", "link", "bookmark", "reload", …
    RecordOrigin origin;
};

struct WebSearchRecord {
    std::string terms, url, engine;
    std::optional<UtcNanos> time;
    RecordOrigin origin;
};

// What one parser found in one file, or part of it (large files come in several batches).
// Records may refer to keys of earlier batches of the same file.
struct RecordBatch {
    std::string app;       // stable id: "whatsapp", "android-sms", "chrome", …
    std::string appName;   // for people: "WhatsApp", "Android SMS/MMS", "Google Chrome"
    std::string parser, parserVersion;   // set by the plugin host (the plugin's id and version)
    std::vector<AccountRecord> accounts;
    std::vector<ContactRecord> contacts;
    std::vector<ConversationRecord> conversations;
    std::vector<MessageRecord> messages;
    std::vector<CallRecord> calls;
    std::vector<WebVisitRecord> visits;
    std::vector<WebSearchRecord> searches;

    std::size_t size() const;
    bool empty() const { return size() == 0; }
};

const char *toString(Direction direction);
const char *toString(RecordSource source);

} // namespace vigil::model
