// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/casedb/recoverycase.h"

#include "core/casedb/casestore.h"

namespace vigil::test {

namespace {

// id, evidence, path, name, meta_type, allocated, size, sig_type, origin, parent, offset, carve status, note, depth
constexpr const char *kFiles = R"SQL(
INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, name_deleted, size, md5, sig_type, sig_mime,
  content_status, origin, parent_id, origin_offset, carve_status, carve_note, depth, parser, parser_version) VALUES
 (1, 1, '/Users/ana/Pictures/holiday.jpg', 'holiday.jpg', 'file', 1, 0, 1001, 'aa01', 'jpeg', 'image/jpeg', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'tsk', '4'),
 (2, 1, '/Users/ana/Pictures/deleted.jpg', 'deleted.jpg', 'file', 0, 1, 1002, 'aa02', 'jpeg', 'image/jpeg', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'tsk', '4'),
 (3, 1, '/Users/ana/notes.txt', 'notes.txt', 'file', 1, 0, 1003, 'aa03', 'text', 'text/plain', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'tsk', '4'),
 (4, 1, '/Users/ana/notes.txt>>$Slack>>@0x3000.jpg', 'f3000.jpg', 'file', 0, 0, 1004, 'aa04', 'jpeg', 'image/jpeg', 'hashed', 'carved', 3, 12288, 'complete', NULL, 1, 'carver-jpeg', '1'),
 (5, 1, '$Unallocated/1>>@0x2a000000.jpg', 'f2a000000.jpg', 'file', 0, 0, 1005, 'aa05', 'jpeg', 'image/jpeg', 'hashed', 'carved', NULL, 704643072, 'complete', NULL, 0, 'carver-jpeg', '1'),
 (6, 1, '$Unallocated/1>>@0x2b000000.jpg', 'f2b000000.jpg', 'file', 0, 0, 1006, 'aa06', 'jpeg', 'image/jpeg', 'hashed', 'carved', NULL, 721420288, 'partial', 'fragmented or overwritten after 40 %', 0, 'carver-jpeg', '1'),
 (7, 1, '$Unallocated/1>>@0x2c000000.sqlite', 'f2c000000.sqlite', 'file', 0, 0, 8192, 'aa07', 'sqlite', 'application/vnd.sqlite3', 'hashed', 'carved', NULL, 738197504, 'complete', NULL, 0, 'carver-sqlite', '1'),
 (8, 1, '/Users/ana/Downloads/pics.zip', 'pics.zip', 'file', 1, 0, 1008, 'aa08', 'zip', 'application/zip', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'tsk', '4'),
 (9, 1, '/Users/ana/Downloads/pics.zip>>beach.jpg', 'beach.jpg', 'file', 1, 0, 1009, 'aa09', 'jpeg', 'image/jpeg', 'hashed', 'member', 8, NULL, NULL, NULL, 1, 'archives', '1'),
 (10, 1, '/Users/ana/data.bin', 'data.bin', 'file', 1, 0, 1010, 'aa10', NULL, NULL, 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'tsk', '4'),
 (11, 1, '/Users/ana/data.bin>>@0x1f400.png', 'f1f400.png', 'file', 1, 0, 1011, 'aa11', 'png', 'image/png', 'hashed', 'embedded', 10, 128000, NULL, NULL, 1, 'embedded', '1'),
 (12, 1, '/Users/ana/old.db', 'old.db', 'file', 0, 1, 4096, 'aa12', 'sqlite', 'application/vnd.sqlite3', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'tsk', '4'),
 (13, 1, '/Users', 'Users', 'dir', 1, 0, 0, NULL, NULL, NULL, 'empty', 'fs', NULL, NULL, NULL, NULL, 0, 'tsk', '4'),
 (14, 1, '/Users/ana/Downloads/pics.zip>>msgstore.db', 'msgstore.db', 'file', 1, 0, 4096, 'aa14', 'sqlite', 'application/vnd.sqlite3', 'hashed', 'member', 8, NULL, NULL, NULL, 1, 'archives', '1'),
 (15, 2, '/data/com.whatsapp/databases/msgstore.db', 'msgstore.db', 'file', 1, 0, 4096, 'aa15', 'sqlite', 'application/vnd.sqlite3', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'folder', '1'),
 (16, 2, '/sdcard/DCIM/cam.jpg', 'cam.jpg', 'file', 1, 0, 1016, 'aa16', 'jpeg', 'image/jpeg', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'folder', '1'),
 (17, 2, '/sdcard/DCIM/gone.jpg', 'gone.jpg', 'file', 0, 1, 1017, 'aa17', 'jpeg', 'image/jpeg', 'hashed', 'fs', NULL, NULL, NULL, NULL, 0, 'folder', '1');
)SQL";

constexpr const char *kMedia = R"SQL(
INSERT INTO media (file_id, evidence_id, kind, format, width, height, status, analyser, analyser_version)
SELECT id, evidence_id, 'image', sig_type, 64, 48, 'analysed', 'test', '1' FROM files WHERE id IN (1, 2, 4, 5, 6, 9, 11, 16, 17);
)SQL";

constexpr const char *kRecords = R"SQL(
INSERT INTO applications (id, name) VALUES ('whatsapp-android', 'WhatsApp'), ('android-sms', 'Android SMS');
INSERT INTO parse_sources (id, evidence_id, file_id, parser, parser_version, app, started_utc, status) VALUES
 (1, 2, 15, 'whatsapp-android', '1.0', 'whatsapp-android', '2026-01-01T00:00:00Z', 'done'),
 (2, 1, 7, 'whatsapp-android', '1.0', 'whatsapp-android', '2026-01-01T00:00:00Z', 'done'),
 (3, 1, 12, 'android-sms', '1.0', 'android-sms', '2026-01-01T00:00:00Z', 'done'),
 (4, 1, 14, 'whatsapp-android', '1.0', 'whatsapp-android', '2026-01-01T00:00:00Z', 'done');
INSERT INTO conversations (id, evidence_id, app, thread_key, title, message_count, recovered_count, source_id,
  first_message_at, last_message_at) VALUES
 (1, 2, 'whatsapp-android', '447700900123@s.whatsapp.net', 'Library group', 6, 3, 1, 1709290800000000000, 1709291300000000000),
 (2, 1, 'whatsapp-android', 'carved-thread', 'Carved chat', 2, 1, 2, 1709300000000000000, 1709300060000000000),
 (3, 1, 'android-sms', 'sms-1', 'Old SMS', 2, 1, 3, 1709310000000000000, 1709310060000000000),
 (4, 1, 'whatsapp-android', 'zip-thread', 'Archived chat', 1, 0, 4, 1709320000000000000, 1709320000000000000);
INSERT INTO messages (id, conversation_id, evidence_id, direction, sent_at, body, msg_type, source_id, source_table,
  source_rowid, source_offset, record_source, recovered_from) VALUES
 (1, 1, 2, 'incoming', 1709290800000000000, 'see you at the library', 'text', 1, 'messages', 1, NULL, 'live', NULL),
 (2, 1, 2, 'outgoing', 1709290900000000000, 'bring the maths book', 'text', 1, 'messages', 2, NULL, 'live', NULL),
 (3, 1, 2, 'incoming', 1709291000000000000, 'running late', 'text', 1, 'messages', 3, NULL, 'wal', NULL),
 (4, 1, 2, 'incoming', 1709291100000000000, 'delete this message now', 'text', 1, 'messages', 7, 4096, 'recovered', 'freeblock'),
 (5, 1, 2, 'incoming', 1709291200000000000, 'our secret, tell nobody', 'text', 1, 'messages', 8, 8192, 'recovered', 'freelist'),
 (6, 1, 2, 'outgoing', 1709291300000000000, 'an older version of a message', 'text', 1, 'messages', 2, 12345, 'recovered', 'wal'),
 (7, 2, 1, 'incoming', 1709300000000000000, 'read from a carved database', 'text', 2, 'messages', 1, NULL, 'live', NULL),
 (8, 2, 1, 'incoming', 1709300060000000000, 'carved and then recovered', 'text', 2, 'messages', 5, 500, 'recovered', 'unallocated'),
 (9, 3, 1, 'incoming', 1709310000000000000, 'a text in a deleted database', 'text', 3, 'sms', 1, NULL, 'live', NULL),
 (10, 3, 1, 'outgoing', 1709310060000000000, 'found in the rollback journal', 'text', 3, 'sms', 2, 1024, 'recovered', 'journal'),
 (11, 4, 1, 'incoming', 1709320000000000000, 'kept inside a zip archive', 'text', 4, 'messages', 1, NULL, 'live', NULL);
INSERT INTO messages_fts (rowid, body) SELECT id, body FROM messages;
INSERT INTO calls (id, evidence_id, app, direction, started_at, duration_s, source_id, source_table, source_rowid,
  source_offset, record_source, recovered_from) VALUES
 (1, 2, 'whatsapp-android', 'incoming', 1709290000000000000, 60, 1, 'call_log', 1, NULL, 'live', NULL),
 (2, 2, 'whatsapp-android', 'outgoing', 1709290100000000000, 30, 1, 'call_log', 9, 16384, 'recovered', 'freelist'),
 (3, 1, 'whatsapp-android', 'incoming', 1709300100000000000, 10, 2, 'call_log', 1, NULL, 'live', NULL);
)SQL";

} // namespace

Result<void> buildRecoveryCase(const std::filesystem::path &dir)
{
    {
        auto store = casedb::CaseStore::openOrCreate(dir, {"OP-R", "Examiner", "recovery views"}, "Examiner");
        if (!store)
            return std::unexpected(store.error());
        auto image = (*store)->addEvidence({"/x/disk.E01", "disk.E01", "ewf", {"/x/disk.E01"}, 1 << 30, "", "", "{}"});
        auto phone = (*store)->addEvidence({"/x/phone", "phone", "folder", {}, std::nullopt, "", "", "{}"});
        if (!image || !phone)
            return std::unexpected(image ? phone.error() : image.error());
    }   // the writer thread ends here; the rows below go in through one plain connection
    auto db = casedb::Database::open(dir / casedb::CaseStore::kDatabaseName, casedb::Database::Mode::ReadWrite);
    if (!db)
        return std::unexpected(db.error());
    for (const char *sql : {kFiles, kMedia, kRecords})
        if (auto r = db->exec(sql); !r)
            return r;
    return {};
}

} // namespace vigil::test
