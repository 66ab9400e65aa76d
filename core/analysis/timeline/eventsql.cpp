// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/timeline/eventsql.h"

namespace vigil::analysis::timeline {

namespace {

// Where a file came from, in one word (as casedb::fileSourceLabel).
constexpr const char *kFileSource =
    "CASE WHEN f.origin = 'fs' THEN CASE WHEN f.allocated THEN 'live' ELSE 'deleted' END ELSE f.origin END";

// FAT and exFAT keep local wall-clock times; The Sleuth Kit reads them in the ingest's zone.
constexpr const char *kLocalFs = "(fs.fs_type LIKE 'fat%' OR fs.fs_type = 'exfat')";
// The zone the examiner gave the ingest of the file's evidence item (`vigil ingest --timezone`):
// TSK converted the FAT times from it, so they are absolute. NULL: the default, wall clock as UTC.
constexpr const char *kIngestZone = "(SELECT e.fs_timezone FROM evidence e WHERE e.id = f.evidence_id)";

// A record's source: recovered rows, else the database file's own source (a missing file: live).
constexpr const char *kRecordSource =
    "CASE WHEN r.record_source = 'recovered' THEN 'recovered' WHEN f.id IS NULL OR f.origin = 'fs' THEN "
    "CASE WHEN coalesce(f.allocated, 1) THEN 'live' ELSE 'deleted' END ELSE f.origin END";
constexpr const char *kRecordBasis =
    "CASE WHEN r.record_source = 'recovered' OR f.origin IN ('carved', 'slack') THEN 'recovered' ELSE 'utc' END";
constexpr const char *kRecordJoins =
    " LEFT JOIN parse_sources ps ON ps.id = r.source_id LEFT JOIN files f ON f.id = ps.file_id";

// The other party of each one-to-one conversation: the person (not a suspect) holding a
// participant account that is not the device owner's.
constexpr const char *kCounterpart =
    "WITH cp(conversation_id, person_id) AS (SELECT p.conversation_id, min(pa.person_id) FROM participants p "
    "JOIN conversations c ON c.id = p.conversation_id AND c.is_group = 0 "
    "JOIN accounts a ON a.id = p.account_id AND a.is_owner = 0 "
    "JOIN person_accounts pa ON pa.account_id = a.id "
    "JOIN persons pe ON pe.id = pa.person_id AND pe.role <> 'suspect' GROUP BY p.conversation_id) ";

// The person (not a suspect) holding an account.
std::string personOf(const std::string &account)
{
    return "(SELECT pa.person_id FROM person_accounts pa JOIN persons pe ON pe.id = pa.person_id "
           "AND pe.role <> 'suspect' WHERE pa.account_id = " + account + ")";
}

// FAT/exFAT times: basis 'utc' and the zone as original_tz when the ingest was given a zone
// (evidence.fs_timezone), else 'local' with no zone.
std::string fileEvent(const char *column, const char *kind, const char *fatPrecision)
{
    return std::string("INSERT INTO events(time, time_precision, time_basis, original_tz, kind, lane, evidence_id, "
                       "file_id, source) SELECT f.") + column + ", CASE WHEN " + kLocalFs + " THEN '" + fatPrecision +
           "' ELSE 'exact' END, CASE WHEN f.origin IN ('carved', 'slack') THEN 'recovered' WHEN " + kLocalFs +
           " THEN CASE WHEN " + kIngestZone + " IS NULL THEN 'local' ELSE 'utc' END ELSE 'utc' END, CASE WHEN " +
           kLocalFs + " THEN " + kIngestZone + " ELSE 'UTC' END, '" + kind + "', 'file', f.evidence_id, f.id, " +
           kFileSource + " FROM files f LEFT JOIN filesystems fs ON fs.id = f.fs_id WHERE f." + column +
           " IS NOT NULL";
}

std::string messageEvent(const char *column, const std::string &kind)
{
    return std::string(kCounterpart) +
           "INSERT INTO events(time, time_precision, time_basis, kind, lane, evidence_id, message_id, "
           "conversation_id, person_id, app, summary, source) SELECT r." + column + ", 'exact', " + kRecordBasis +
           ", " + kind + ", 'communication', r.evidence_id, r.id, r.conversation_id, "
           "CASE WHEN c.is_group = 0 THEN cp.person_id WHEN r.direction = 'incoming' THEN " + personOf("r.sender_id") +
           " END, c.app, coalesce(substr(r.body, 1, 160), CASE WHEN r.attachment_count > 0 THEN '[' || "
           "r.attachment_count || ' attachment(s)]' END), " + kRecordSource +
           " FROM messages r JOIN conversations c ON c.id = r.conversation_id "
           "LEFT JOIN cp ON cp.conversation_id = r.conversation_id" + kRecordJoins + " WHERE r." + column +
           " IS NOT NULL";
}

std::string callEvents()
{
    return std::string(kCounterpart) +
           "INSERT INTO events(time, time_precision, time_basis, kind, lane, evidence_id, call_id, conversation_id, "
           "person_id, app, summary, source) SELECT r.started_at, 'exact', " + kRecordBasis +
           ", 'call', 'communication', r.evidence_id, r.id, r.conversation_id, coalesce(" + personOf("r.account_id") +
           ", cp.person_id), r.app, r.direction || CASE WHEN r.is_video THEN ' video call' ELSE ' call' END || "
           "coalesce(', ' || r.duration_s || ' s', '') || coalesce(', ' || r.status, ''), " + kRecordSource +
           " FROM calls r LEFT JOIN cp ON cp.conversation_id = r.conversation_id" + kRecordJoins +
           " WHERE r.started_at IS NOT NULL";
}

std::string conversationEvents()
{
    return std::string(kCounterpart) +
           "INSERT INTO events(time, time_precision, time_basis, kind, lane, evidence_id, conversation_id, person_id, "
           "app, summary, source) SELECT r.created_at, 'exact', " + kRecordBasis +
           ", 'conversation-created', 'communication', r.evidence_id, r.id, cp.person_id, r.app, "
           "coalesce(r.title, r.thread_key), " + kRecordSource +
           " FROM conversations r LEFT JOIN cp ON cp.conversation_id = r.id" + kRecordJoins +
           " WHERE r.created_at IS NOT NULL";
}

// An account's creation time (accounts.created_at; record_id = the account), concerning the person
// holding the account unless that is a suspect (as every event: person_id is for the per-victim
// lanes; the owner's own accounts concern nobody). Its precision is the unit the stored
// value is a whole number of: 'minute' (Skype's registration_timestamp counts minutes), 'second',
// else 'exact'. A seconds value that falls on a whole minute is under-stated, never over-stated.
std::string accountEvents()
{
    return std::string("INSERT INTO events(time, time_precision, time_basis, kind, lane, evidence_id, record_id, "
                       "person_id, app, summary, source) SELECT r.created_at, "
                       "CASE WHEN r.created_at % 60000000000 = 0 THEN 'minute' WHEN r.created_at % 1000000000 = 0 "
                       "THEN 'second' ELSE 'exact' END, ") + kRecordBasis +
           ", 'account-created', 'communication', r.evidence_id, r.id, "
           + personOf("r.id") + ", r.app, "
           "coalesce(nullif(r.display_name, ''), r.account_key), " + kRecordSource + " FROM accounts r" + kRecordJoins +
           " WHERE r.created_at IS NOT NULL";
}

std::string mediaEvents()
{
    return std::string("INSERT INTO events(time, time_precision, time_basis, original_tz, kind, lane, evidence_id, "
                       "file_id, summary, source) SELECT coalesce(m.captured_utc, m.captured_local), 'second', "
                       "CASE WHEN f.origin IN ('carved', 'slack') THEN 'recovered' WHEN m.captured_utc IS NULL "
                       "THEN 'local' ELSE 'utc' END, nullif(m.tz_offset, ''), 'media-captured', 'media', "
                       "m.evidence_id, m.file_id, nullif(trim(coalesce(m.camera_make, '') || ' ' || "
                       "coalesce(m.camera_model, '')), ''), ") + kFileSource +
           " FROM media m JOIN files f ON f.id = m.file_id "
           "WHERE coalesce(m.captured_utc, m.captured_local) IS NOT NULL";
}

std::string webEvents(const char *table, const char *column, const char *kind, const char *summary)
{
    return std::string("INSERT INTO events(time, time_precision, time_basis, kind, lane, evidence_id, record_id, app, "
                       "summary, source) SELECT r.") + column + ", 'exact', " + kRecordBasis + ", '" + kind +
           "', 'web', r.evidence_id, r.id, r.app, " + summary + ", " + kRecordSource + " FROM " + table + " r" +
           kRecordJoins + " WHERE r." + column + " IS NOT NULL";
}

} // namespace

std::vector<std::string> eventStatements()
{
    return {fileEvent("mtime", "file-modified", "two-seconds"),
            fileEvent("atime", "file-accessed", "day"),
            fileEvent("ctime", "file-changed", "exact"),
            fileEvent("crtime", "file-created", "exact"),
            accountEvents(),
            conversationEvents(),
            messageEvent("sent_at", "CASE r.direction WHEN 'outgoing' THEN 'message-sent' WHEN 'incoming' THEN "
                                    "'message-received' ELSE 'message' END"),
            messageEvent("read_at", "'message-read'"),
            callEvents(),
            mediaEvents(),
            webEvents("web_visits", "visited_at", "web-visit", "coalesce(r.title || ' — ', '') || r.url"),
            webEvents("web_searches", "searched_at", "web-search", "r.terms")};
}

const char *const kVideoTimesSql =
    "SELECT m.file_id, m.evidence_id, m.creation_time, CASE WHEN f.origin = 'fs' THEN CASE WHEN f.allocated THEN "
    "'live' ELSE 'deleted' END ELSE f.origin END FROM media m JOIN files f ON f.id = m.file_id "
    "WHERE m.kind = 'video' AND coalesce(m.creation_time, '') <> ''";

const char *const kInsertVideoEventSql =
    "INSERT INTO events(time, time_precision, time_basis, original_tz, kind, lane, evidence_id, file_id, source) "
    "VALUES (?1, ?2, ?6, 'UTC', 'video-created', 'media', ?3, ?4, ?5)";

} // namespace vigil::analysis::timeline
