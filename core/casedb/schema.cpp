// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/schema.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace vigil::casedb {

namespace {

// Step 0 -> 1: the foundation tables. Never edit a released step; add a new one.
constexpr const char *kStep1 = R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE case_info (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  case_number TEXT, examiner TEXT, description TEXT,
  created_utc TEXT NOT NULL, vigil_version TEXT NOT NULL);
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL, display_name TEXT NOT NULL, kind TEXT NOT NULL,
  segments TEXT NOT NULL DEFAULT '[]', media_size INTEGER,
  stored_md5 TEXT, stored_sha1 TEXT, acquisition TEXT,
  computed_md5 TEXT, computed_sha1 TEXT, verification TEXT, verified_utc TEXT,
  added_utc TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'added');
CREATE TABLE volumes (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  scheme TEXT NOT NULL, slot INTEGER NOT NULL, start_offset INTEGER NOT NULL,
  length INTEGER NOT NULL, description TEXT, flags TEXT NOT NULL);
CREATE TABLE filesystems (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  volume_id INTEGER REFERENCES volumes(id),
  start_offset INTEGER NOT NULL, fs_type TEXT NOT NULL, block_size INTEGER,
  block_count INTEGER, root_inum INTEGER, status TEXT NOT NULL DEFAULT 'indexed');
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  fs_id INTEGER REFERENCES filesystems(id),
  path TEXT NOT NULL, name TEXT NOT NULL, extension TEXT,
  meta_addr INTEGER, attr_type INTEGER, attr_id INTEGER, stream TEXT,
  meta_type TEXT NOT NULL, allocated INTEGER NOT NULL,
  name_deleted INTEGER NOT NULL DEFAULT 0, meta_deleted INTEGER NOT NULL DEFAULT 0,
  reallocated INTEGER NOT NULL DEFAULT 0, orphan INTEGER NOT NULL DEFAULT 0,
  size INTEGER NOT NULL,
  mtime INTEGER, atime INTEGER, ctime INTEGER, crtime INTEGER,
  source_offset INTEGER,
  md5 TEXT, sha1 TEXT, sha256 TEXT,
  sig_type TEXT, sig_mime TEXT, ext_mismatch INTEGER,
  content_status TEXT NOT NULL DEFAULT 'pending',
  bytes_read INTEGER,
  parser TEXT NOT NULL, parser_version TEXT NOT NULL);
CREATE INDEX files_evidence ON files(evidence_id, fs_id);
CREATE INDEX files_path ON files(evidence_id, fs_id, path);
CREATE INDEX files_folders ON files(evidence_id, fs_id, path) WHERE meta_type IN ('dir', 'virtual');
CREATE TABLE processing_errors (
  id INTEGER PRIMARY KEY,
  time_utc TEXT NOT NULL,
  evidence_id INTEGER, file_id INTEGER, fs_id INTEGER,
  stage TEXT NOT NULL, component TEXT NOT NULL, code TEXT NOT NULL,
  message TEXT NOT NULL, detail TEXT, path TEXT, byte_offset INTEGER);
CREATE TABLE ingest_runs (
  id INTEGER PRIMARY KEY,
  started_utc TEXT NOT NULL, finished_utc TEXT,
  status TEXT NOT NULL, options TEXT, summary TEXT);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  time_utc TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)SQL";

// Step 1 -> 2: communications (issue 4). Every row points at the parse that produced it
// (parse_sources: evidence, file, parser, version, companions) and at the table/rowid or byte
// offset it came from. Times are nanoseconds since 1970 UTC, as in files.
constexpr const char *kStep2 = R"SQL(
ALTER TABLE files ADD COLUMN parse_status TEXT;
ALTER TABLE evidence ADD COLUMN home_region TEXT;
ALTER TABLE evidence ADD COLUMN home_region_source TEXT;
CREATE TABLE applications (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE parse_sources (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  file_id INTEGER NOT NULL REFERENCES files(id),
  parser TEXT NOT NULL, parser_version TEXT NOT NULL, app TEXT,
  companions TEXT NOT NULL DEFAULT '[]',
  started_utc TEXT NOT NULL, finished_utc TEXT,
  status TEXT NOT NULL DEFAULT 'running',
  records INTEGER NOT NULL DEFAULT 0,
  UNIQUE (file_id, parser));
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  app TEXT NOT NULL, account_key TEXT NOT NULL,
  display_name TEXT, phone_raw TEXT, phone TEXT, email TEXT, username TEXT,
  is_owner INTEGER NOT NULL DEFAULT 0, contact_name TEXT, contact_id INTEGER,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live',
  UNIQUE (evidence_id, app, account_key));
CREATE INDEX accounts_phone ON accounts(phone) WHERE phone IS NOT NULL;
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  app TEXT NOT NULL, name TEXT, organization TEXT, account_key TEXT,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live');
CREATE TABLE contact_identifiers (
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  kind TEXT NOT NULL, raw TEXT NOT NULL, value TEXT);
CREATE INDEX contact_identifiers_contact ON contact_identifiers(contact_id);
CREATE INDEX contact_identifiers_value ON contact_identifiers(value) WHERE value IS NOT NULL;
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  app TEXT NOT NULL, thread_key TEXT NOT NULL, title TEXT,
  is_group INTEGER NOT NULL DEFAULT 0, created_at INTEGER,
  message_count INTEGER NOT NULL DEFAULT 0, first_message_at INTEGER, last_message_at INTEGER,
  deleted_count INTEGER NOT NULL DEFAULT 0, recovered_count INTEGER NOT NULL DEFAULT 0,
  attachment_count INTEGER NOT NULL DEFAULT 0,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live',
  UNIQUE (source_id, thread_key));
CREATE TABLE participants (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (conversation_id, account_id)) WITHOUT ROWID;
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  sender_id INTEGER REFERENCES accounts(id),
  direction TEXT NOT NULL, sent_at INTEGER, read_at INTEGER,
  body TEXT, status TEXT, msg_type TEXT,
  deleted_in_app INTEGER NOT NULL DEFAULT 0,
  attachment_count INTEGER NOT NULL DEFAULT 0,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live');
CREATE INDEX messages_conversation ON messages(conversation_id, sent_at);
CREATE TABLE message_recipients (
  message_id INTEGER NOT NULL REFERENCES messages(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (message_id, account_id)) WITHOUT ROWID;
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id),
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  file_name TEXT, device_path TEXT, mime_type TEXT, size INTEGER, app_hash TEXT,
  file_id INTEGER REFERENCES files(id), link_method TEXT,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live');
CREATE INDEX attachments_message ON attachments(message_id);
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  app TEXT NOT NULL, account_id INTEGER REFERENCES accounts(id),
  conversation_id INTEGER REFERENCES conversations(id),
  direction TEXT NOT NULL, started_at INTEGER, duration_s INTEGER,
  is_video INTEGER NOT NULL DEFAULT 0, status TEXT,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live');
CREATE TABLE web_visits (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  app TEXT NOT NULL, url TEXT NOT NULL, title TEXT, visited_at INTEGER, transition TEXT,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live');
CREATE TABLE web_searches (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  app TEXT NOT NULL, terms TEXT NOT NULL, url TEXT, engine TEXT, searched_at INTEGER,
  source_id INTEGER NOT NULL REFERENCES parse_sources(id),
  source_table TEXT, source_rowid INTEGER, source_offset INTEGER,
  record_source TEXT NOT NULL DEFAULT 'live');
CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
)SQL";

// Step 2 -> 3: media (issue 5). One media row per analysed image or video file (same id
// as files), video keyframes, faces, imported hash sets (the sets themselves live in
// CASE/hashsets/<id>.vhs), hash-set matches, and the grading of each file. Categories are
// stored as codes: "uk:A", "uk:B", "uk:C", "uk:NI" or "vic:0".."vic:4".
constexpr const char *kStep3 = R"SQL(
ALTER TABLE case_info ADD COLUMN grading_scheme TEXT NOT NULL DEFAULT 'uk';
ALTER TABLE files ADD COLUMN media_status TEXT;
CREATE TABLE media (
  file_id INTEGER PRIMARY KEY REFERENCES files(id),
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  kind TEXT NOT NULL, format TEXT, width INTEGER, height INTEGER, frames INTEGER,
  duration_ms INTEGER, codec TEXT, frame_rate REAL, has_audio INTEGER, creation_time TEXT,
  pdq TEXT, pdq_quality INTEGER, pdq_variants TEXT, phash TEXT,
  captured_utc INTEGER, captured_local INTEGER, captured_raw TEXT, tz_offset TEXT,
  camera_make TEXT, camera_model TEXT, camera_serial TEXT, software TEXT,
  gps_lat REAL, gps_lon REAL, gps_alt REAL, orientation INTEGER,
  thumbnail BLOB, status TEXT NOT NULL, note TEXT,
  near_dup_group INTEGER,
  analyser TEXT NOT NULL, analyser_version TEXT NOT NULL);
CREATE INDEX media_evidence ON media(evidence_id);
CREATE INDEX media_near_dup ON media(near_dup_group) WHERE near_dup_group IS NOT NULL;
CREATE TABLE media_frames (
  file_id INTEGER NOT NULL REFERENCES media(file_id),
  frame_index INTEGER NOT NULL, time_ms INTEGER NOT NULL, reason TEXT NOT NULL,
  scene_score REAL, pdq TEXT, pdq_quality INTEGER,
  PRIMARY KEY (file_id, frame_index)) WITHOUT ROWID;
CREATE TABLE faces (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES media(file_id),
  frame_index INTEGER,
  x INTEGER NOT NULL, y INTEGER NOT NULL, w INTEGER NOT NULL, h INTEGER NOT NULL, score REAL,
  model TEXT NOT NULL, embedding BLOB, face_group INTEGER);
CREATE INDEX faces_file ON faces(file_id);
CREATE INDEX faces_group ON faces(face_group) WHERE face_group IS NOT NULL;
CREATE TABLE hash_sets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL, role TEXT NOT NULL, format TEXT NOT NULL, format_version TEXT,
  source_path TEXT NOT NULL, source_sha256 TEXT NOT NULL, store_file TEXT NOT NULL,
  md5_count INTEGER NOT NULL, sha1_count INTEGER NOT NULL, rejected INTEGER NOT NULL,
  imported_utc TEXT NOT NULL, imported_by TEXT NOT NULL);
CREATE TABLE hash_matches (
  file_id INTEGER NOT NULL REFERENCES files(id),
  set_id INTEGER NOT NULL REFERENCES hash_sets(id),
  hash_kind TEXT NOT NULL, category TEXT,
  PRIMARY KEY (file_id, set_id)) WITHOUT ROWID;
CREATE INDEX hash_matches_set ON hash_matches(set_id);
CREATE TABLE gradings (
  file_id INTEGER PRIMARY KEY REFERENCES files(id),
  category TEXT NOT NULL, source TEXT NOT NULL, source_ref TEXT, graded_utc TEXT NOT NULL);
)SQL";


// Step 3 -> 4: recovery (issue 6). Files that are not file-system entries: carved from
// unallocated space or file slack, members of archives, files embedded in other files'
// bytes. Their provenance is the origin (what kind), the parent file (container, or the file
// whose slack held it), the byte offset (in the parent; for carving, in the evidence media),
// the media extents when a carved file spans several unallocated runs, and the carver or
// expander in files.parser/parser_version. files.path is the forensic path:
// "/docs/a.tar.gz>>a.tar>>pics/x.zip>>img.jpg", "/data.bin>>@0x1f400.jpg",
// "$Unallocated/vol2>>@0x2a000000.jpg", "/f.txt>>$Slack>>@0x3000.jpg".
// files.expand_status: NULL until the expand stage (or the content pass's inline embedded search)
// has looked inside the file; then 'expanded', 'searched', 'failed' or 'too-deep'.
// Recovered database rows keep record_source 'recovered' and say where they came from.
constexpr const char *kStep4 = R"SQL(
ALTER TABLE files ADD COLUMN origin TEXT NOT NULL DEFAULT 'fs';
ALTER TABLE files ADD COLUMN parent_id INTEGER REFERENCES files(id);
ALTER TABLE files ADD COLUMN origin_offset INTEGER;
ALTER TABLE files ADD COLUMN origin_extents TEXT;
ALTER TABLE files ADD COLUMN carve_status TEXT;
ALTER TABLE files ADD COLUMN carve_note TEXT;
ALTER TABLE files ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;
ALTER TABLE files ADD COLUMN expand_status TEXT;
CREATE INDEX files_origin ON files(evidence_id, origin) WHERE origin <> 'fs';
CREATE INDEX files_parent ON files(parent_id) WHERE parent_id IS NOT NULL;
ALTER TABLE messages ADD COLUMN recovered_from TEXT;
ALTER TABLE calls ADD COLUMN recovered_from TEXT;
ALTER TABLE accounts ADD COLUMN recovered_from TEXT;
ALTER TABLE contacts ADD COLUMN recovered_from TEXT;
)SQL";

// Step 4 -> 5: people (issue 7). Accounts are resolved into persons (automatic rules, then the
// analyst's merges and splits replayed from identity_decisions); the device owners' accounts form
// the suspect persons. Indicator hits point at the message and byte span that triggered them.
// victims holds the ranked list with its explanation; person_locations every country clue.
// identity_decisions.account_keys names each account by [evidence_id, app, account_key], which
// survive a re-ingest of the evidence item (account ids do not). Everything but identity_decisions
// is derived and rebuilt by `analysePeople`.
constexpr const char *kStep5 = R"SQL(
CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'other',
  country TEXT, country_confidence REAL, country_source TEXT,
  cluster_id INTEGER);
CREATE TABLE person_accounts (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  rule TEXT NOT NULL, reason TEXT NOT NULL,
  linked_account_id INTEGER REFERENCES accounts(id));
CREATE INDEX person_accounts_person ON person_accounts(person_id);
CREATE TABLE identity_decisions (
  id INTEGER PRIMARY KEY,
  action TEXT NOT NULL, account_ids TEXT NOT NULL, account_keys TEXT, note TEXT,
  examiner TEXT, created_utc TEXT NOT NULL, undone_utc TEXT);
CREATE TABLE person_locations (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  country TEXT NOT NULL, source TEXT NOT NULL, confidence REAL NOT NULL, detail TEXT,
  account_id INTEGER REFERENCES accounts(id), message_id INTEGER REFERENCES messages(id),
  file_id INTEGER REFERENCES files(id));
CREATE INDEX person_locations_person ON person_locations(person_id);
CREATE TABLE indicator_hits (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL, entry_id TEXT NOT NULL, speaker TEXT NOT NULL,
  span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL,
  age INTEGER, weight REAL NOT NULL, quoted INTEGER NOT NULL DEFAULT 0,
  counted INTEGER NOT NULL DEFAULT 1);
CREATE INDEX indicator_hits_conversation ON indicator_hits(conversation_id);
CREATE INDEX indicator_hits_message ON indicator_hits(message_id);
CREATE TABLE conversation_scores (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
  person_id INTEGER REFERENCES persons(id), suspect_person_id INTEGER REFERENCES persons(id),
  risk REAL NOT NULL, stage TEXT NOT NULL, indicators TEXT NOT NULL);
CREATE TABLE victims (
  person_id INTEGER PRIMARY KEY REFERENCES persons(id),
  rank INTEGER NOT NULL, priority TEXT NOT NULL, priority_reasons TEXT NOT NULL,
  risk REAL NOT NULL, stage TEXT NOT NULL, stated_age INTEGER,
  first_contact INTEGER, last_contact INTEGER,
  messages INTEGER NOT NULL, media_sent INTEGER NOT NULL, media_received INTEGER NOT NULL,
  apps TEXT NOT NULL, suspects TEXT NOT NULL, indicators TEXT NOT NULL, explanation TEXT NOT NULL);
)SQL";

// Step 5 -> 6: the case timeline (issue 8). One row per dated event, derived from files (each MACB
// time its own event), messages, calls, conversations, media capture and video creation, web visits
// and searches; rebuilt by `buildTimeline` (core/analysis/timeline). time is UTC nanoseconds.
// time_precision: 'exact' (as recorded), 'second', 'two-seconds' (FAT write time), 'day' (FAT access
// date). time_basis: 'utc' (an absolute time), 'local' (a wall-clock time whose zone was not recorded,
// taken as UTC: FAT, EXIF without an offset), 'recovered' (from a carved or recovered record: the
// time may be damaged, so its order against other events is not certain). original_tz: the zone or
// offset the source recorded, when it recorded one. lane: 'file', 'communication', 'media', 'web'
// (analyst actions stay in audit_log). person_id: the person the event concerns (the other party
// of a conversation, the caller or callee), for per-victim lanes. record_id: the web_visits or
// web_searches row. source: 'live', 'deleted', 'carved', 'member', 'embedded' or 'recovered'.
// Indexes: time order, per person, and per lane for the (much smaller) lanes other than files.
// No foreign keys: the table is derived and cleared with the people analysis.
constexpr const char *kStep6 = R"SQL(
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL, time_precision TEXT NOT NULL, time_basis TEXT NOT NULL, original_tz TEXT,
  kind TEXT NOT NULL, lane TEXT NOT NULL, evidence_id INTEGER NOT NULL,
  file_id INTEGER, message_id INTEGER, call_id INTEGER, conversation_id INTEGER, person_id INTEGER,
  record_id INTEGER, app TEXT, summary TEXT, source TEXT NOT NULL);
CREATE INDEX events_time ON events(time, id);
CREATE INDEX events_person ON events(person_id, time, id) WHERE person_id IS NOT NULL;
CREATE INDEX events_lane ON events(lane, time, id) WHERE lane <> 'file';
)SQL";

// Step 6 -> 7: what the timeline needs to place two kinds of time (issue 8).
// evidence.fs_timezone: the IANA zone name `vigil ingest --timezone` read the local-time file systems
// (FAT, exFAT) in, recorded only when the examiner gave it; NULL when the zone was left to the default
// (UTC assumed, the times are wall-clock times of an unknown zone). accounts.created_at: when the
// account was created (ns UTC), where the app stores it; NULL when unknown. Both columns are new and
// nullable, so older readers still read the case (the minimum reader version stays).
constexpr const char *kStep7 = R"SQL(
ALTER TABLE evidence ADD COLUMN fs_timezone TEXT;
ALTER TABLE accounts ADD COLUMN created_at INTEGER;
)SQL";

constexpr const char *kSteps[] = {kStep1, kStep2, kStep3, kStep4, kStep5, kStep6, kStep7};
static_assert(std::size(kSteps) == kSchemaVersion, "one migration step per schema version");

Result<int> metaInt(Database &db, const char *key)
{
    auto st = db.prepare("SELECT value FROM meta WHERE key = ?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, key);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? std::stoi(st->text(0)) : 0;
}

Result<bool> hasMetaTable(Database &db)
{
    auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return st->int64(0) > 0;
}

Result<void> setVersion(Database &db, int version)
{
    auto st = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
    if (!st)
        return std::unexpected(st.error());
    if (auto r = st->bind(1, "schema_version").bind(2, std::to_string(version)).run(); !r)
        return r;
    return st->bind(1, "min_reader_version").bind(2, std::to_string(kMinReaderVersion)).run();
}

} // namespace

Result<SchemaInfo> readSchemaInfo(Database &db)
{
    auto has = hasMetaTable(db);
    if (!has)
        return std::unexpected(has.error());
    if (!*has)
        return SchemaInfo{};
    auto v = metaInt(db, "schema_version");
    auto m = metaInt(db, "min_reader_version");
    if (!v || !m)
        return fail(ErrorCode::Corrupt, "the case database has an unreadable schema version");
    return SchemaInfo{*v, *m};
}

Result<SchemaInfo> checkReadable(Database &db)
{
    auto info = readSchemaInfo(db);
    if (!info)
        return info;
    if (info->version == 0)
        return fail(ErrorCode::Corrupt, "this is not a Vigil case database (no schema)");
    if (info->minReaderVersion > kSchemaVersion)
        return fail(ErrorCode::Unsupported,
                    "this case was written by a newer Vigil (schema " + std::to_string(info->version) +
                        "); update Vigil to open it");
    return info;
}

Result<void> migrate(Database &db, int target)
{
    auto info = readSchemaInfo(db);
    if (!info)
        return std::unexpected(info.error());
    if (info->version > kSchemaVersion)
        return fail(ErrorCode::Unsupported,
                    "this case uses schema " + std::to_string(info->version) + ", newer than this Vigil (" +
                        std::to_string(kSchemaVersion) + "); update Vigil to write to it");
    for (int step = info->version; step < std::min(target, kSchemaVersion); ++step) {
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun();
        if (auto r = db.exec(kSteps[step]); !r)
            return r;
        if (auto r = setVersion(db, step + 1); !r)
            return r;
        if (auto r = tx.commit(); !r)
            return r;
    }
    return {};
}

} // namespace vigil::casedb
