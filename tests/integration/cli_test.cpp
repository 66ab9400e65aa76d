// SPDX-License-Identifier: GPL-3.0-or-later
// The `vigil` command's interface: listings for scripts, logical evidence, exit codes,
// the audit trail and the summary files.
#include <gtest/gtest.h>

#include <fstream>

#include "harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

void writeFile(const fs::path &p, const std::string &content)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

// WhatsApp's legacy msgstore.db (the `messages` table of 2016-era Android clients): two chats.
constexpr const char *kLegacyMsgstore = R"SQL(
CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL, key_from_me INTEGER,
  key_id TEXT NOT NULL, status INTEGER, needs_push INTEGER, data TEXT, timestamp INTEGER, media_url TEXT,
  media_mime_type TEXT, media_wa_type TEXT, media_size INTEGER, media_name TEXT, media_caption TEXT, media_hash TEXT,
  media_duration INTEGER, origin INTEGER, latitude REAL, longitude REAL, thumb_image TEXT, remote_resource TEXT,
  received_timestamp INTEGER, send_timestamp INTEGER, receipt_server_timestamp INTEGER,
  receipt_device_timestamp INTEGER, read_device_timestamp INTEGER, played_device_timestamp INTEGER, raw_data BLOB,
  recipient_count INTEGER, participant_hash TEXT, starred INTEGER, quoted_row_id INTEGER, mentioned_jids TEXT,
  multicast_id TEXT, edit_version INTEGER, media_enc_hash TEXT, payment_transaction_id TEXT, forwarded INTEGER);
CREATE TABLE chat_list (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT UNIQUE, message_table_id INTEGER,
  subject TEXT, creation INTEGER, last_read_message_table_id INTEGER, last_read_receipt_sent_message_table_id INTEGER,
  archived INTEGER, sort_timestamp INTEGER);
INSERT INTO chat_list (_id, key_remote_jid) VALUES (1, '447700900123@s.whatsapp.net'), (2, '447700900456@s.whatsapp.net');
INSERT INTO messages (_id, key_remote_jid, key_from_me, key_id, status, data, timestamp, media_wa_type) VALUES
  (1, '447700900123@s.whatsapp.net', 0, 'A1', 0, 'are you at the library, with the maths homework?', 1709290800000, '0'),
  (2, '447700900123@s.whatsapp.net', 1, 'A2', 13, 'yes, table by the window', 1709290860000, '0'),
  (3, '447700900456@s.whatsapp.net', 0, 'A3', 0, 'bring the maths book please', 1709294400000, '0');
)SQL";

// A small phone-extraction-like folder.
// An 8x8 JPEG and a 4x4 PNG made with ffmpeg (-fflags +bitexact).
constexpr const char *kTinyJpeg = "ffd8ffe000104a46494600010200000100010000ffdb0043000814141714171b1b1b1b1b1b201e20212121202020202121212424242a2a2a2424242121242428282a2a2e2f2e2b2b2a2b2f2f3232323c3c3939464648565667ffc4004c0001010000000000000000000000000000000601010100000000000000000000000000000607100100000000000000000000000000000000110100000000000000000000000000000000ffc00011080008000803012200021100031100ffda000c03010002110311003f008b00517f7fffd9";
constexpr const char *kTinyPng = "89504e470d0a1a0a0000000d49484452000000040000000408020000002693092900000009704859730000000100000001004f25c4d60000001049444154789c636060f8878488e200008d230fe1526568bd0000000049454e44ae426082";

std::string fromHex(const char *hex)
{
    std::string out;
    for (const char *p = hex; p[0] && p[1]; p += 2)
        out += static_cast<char>(std::stoi(std::string(p, 2), nullptr, 16));
    return out;
}

fs::path makeExtraction(const TempDir &tmp)
{
    const auto root = tmp.path() / "extraction";
    fs::create_directories(root / "data/data/com.whatsapp/databases");
    const auto msgstore = root / "data/data/com.whatsapp/databases/msgstore.db";
    const auto script = tmp.path() / "msgstore.sql";
    std::ofstream(script) << kLegacyMsgstore;
    EXPECT_EQ(run("sqlite3 " + quote(msgstore.string()) + " < " + quote(script.string())).exitCode, 0);
    writeFile(root / "sdcard/DCIM/Camera/IMG_0001.jpg", fromHex(kTinyJpeg));   // real images: the media
    // stage decodes them (a corrupt one would be a processing error, see demo_media_test)
    writeFile(root / "sdcard/Download/notes.txt", fromHex(kTinyPng));
    writeFile(root / "sdcard/Download/readme.txt", "plain text, \"quoted\", with commas\n");
    writeFile(root / "sdcard/empty.bin", "");
    return root;
}

std::string vigilCmd(const std::string &args) { return quote(vigilBinary().string()) + " " + args; }

} // namespace

TEST(Cli, UsageErrorsExit64)
{
    EXPECT_EQ(run(vigilCmd("")).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("frobnicate")).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("ingest --case /tmp/x")).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("ingest a.dd --case /tmp/x --no-such-option")).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("files")).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("files --case /tmp/x --format xml")).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("--help")).exitCode, 0);
}

TEST(Cli, FilesOfMissingCaseFails)
{
    TempDir tmp;
    auto r = run(vigilCmd("files --case " + quote(tmp.path().string())));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.out.find("no Vigil case"), std::string::npos) << r.out;
}

TEST(Cli, LogicalFolderAndZipGiveSameFilesAndHashes)
{
    if (!haveTool("zip"))
        GTEST_SKIP() << "zip is not installed";
    TempDir tmp;
    const auto root = makeExtraction(tmp);
    const auto zip = tmp.path() / "extraction.zip";
    ASSERT_EQ(run("cd " + quote(root.string()) + " && zip -q -r -X " + quote(zip.string()) + " .").exitCode, 0);
    auto r = ingest({root, zip}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::map<std::string, std::string> folder, archive;
    for (const auto &row : caseFiles(tmp.path() / "case")) {
        if (row.metaType == "file")
            (row.evidenceId == 1 ? folder : archive)[row.path] = row.md5 + " " + row.sigType + " " +
                                                                 (row.extMismatch.value_or(false) ? "mismatch" : "ok");
    }
    EXPECT_EQ(folder.size(), 5u);
    EXPECT_EQ(folder, archive);
    EXPECT_EQ(folder["/sdcard/Download/readme.txt"].substr(0, 32), md5File(root / "sdcard/Download/readme.txt"));
    EXPECT_NE(folder["/sdcard/Download/notes.txt"].find("png mismatch"), std::string::npos);
    EXPECT_NE(folder["/data/data/com.whatsapp/databases/msgstore.db"].find("sqlite ok"), std::string::npos);
    EXPECT_NE(folder["/sdcard/DCIM/Camera/IMG_0001.jpg"].find("jpeg ok"), std::string::npos);
}

TEST(Cli, FilesAsCsvAndJson)
{
    TempDir tmp;
    const auto root = makeExtraction(tmp);
    ASSERT_EQ(ingest({root}, tmp.path() / "case").exitCode, 0);
    const auto caseArg = " --case " + quote((tmp.path() / "case").string());
    auto csv = run(vigilCmd("files" + caseArg));
    ASSERT_EQ(csv.exitCode, 0);
    EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
              "evidence_id,evidence,volume_offset,fs_type,path,inode,size,state,type,mtime,atime,ctime,crtime,md5,sha1,"
              "signature,ext_mismatch,content,data_offset,origin,parent_id,origin_offset,carve_status,carve_note");
    EXPECT_NE(csv.out.find("/sdcard/Download/readme.txt"), std::string::npos);
    // The CSV parses back with a real CSV reader, quotes and all.
    const auto csvFile = tmp.path() / "files.csv";
    std::ofstream(csvFile) << csv.out;
    auto rows = run("python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1]))); "
                    "assert all(len(x)==24 for x in r); print(len(r)-1)' " + quote(csvFile.string()));
    EXPECT_EQ(rows.out, std::to_string(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files")) + "\n");

    auto json = run(vigilCmd("files --format json" + caseArg) + " > " + quote((tmp.path() / "f.json").string()));
    ASSERT_EQ(json.exitCode, 0);
    auto parsed = run("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
                      "print(len(d), sorted(d[0].keys())[0], type(d[0][\"size\"]).__name__)' " +
                      quote((tmp.path() / "f.json").string()));
    EXPECT_EQ(parsed.exitCode, 0) << parsed.out;
    EXPECT_NE(parsed.out.find(" atime int"), std::string::npos) << parsed.out;

    auto deleted = run(vigilCmd("files --deleted" + caseArg));
    EXPECT_EQ(std::count(deleted.out.begin(), deleted.out.end(), '\n'), 1) << "header only: nothing deleted";
}

// Parses CSV on stdin with Python's csv module and prints the chosen columns of each row,
// separated by " | " (the header row included).
std::string csvColumns(const std::string &csvText, const fs::path &dir, const std::string &columns)
{
    const auto file = dir / "out.csv";
    std::ofstream(file) << csvText;
    return run("python3 -c 'import csv,sys; r=csv.DictReader(open(sys.argv[1])); cols=sys.argv[2].split(\",\"); "
               "[print(\" | \".join(row[c] for c in cols)) for row in r]' " + quote(file.string()) + " " + columns)
        .out;
}

TEST(Cli, MessagesListsSearchesAndCitesTheirSource)
{
    TempDir tmp;
    const auto root = makeExtraction(tmp);
    auto r = ingest({root}, tmp.path() / "case", "--region GB");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("communications: 3 messages in 2 conversations"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("home region: GB (option)"), std::string::npos) << r.out;
    const auto caseArg = " --case " + quote((tmp.path() / "case").string());
    auto all = run(vigilCmd("messages" + caseArg));
    ASSERT_EQ(all.exitCode, 0) << all.out;
    EXPECT_EQ(csvColumns(all.out, tmp.path(), "time_utc,direction,body,source_table,source_rowid,parser,file_path"),
              "2024-03-01T11:00:00Z | incoming | are you at the library, with the maths homework? | messages | 1 | "
              "whatsapp-android | /data/data/com.whatsapp/databases/msgstore.db\n"
              "2024-03-01T11:01:00Z | outgoing | yes, table by the window | messages | 2 | whatsapp-android | "
              "/data/data/com.whatsapp/databases/msgstore.db\n"
              "2024-03-01T12:00:00Z | incoming | bring the maths book please | messages | 3 | whatsapp-android | "
              "/data/data/com.whatsapp/databases/msgstore.db\n");
    auto found = run(vigilCmd("messages --search 'MATHS book'" + caseArg));
    ASSERT_EQ(found.exitCode, 0);
    EXPECT_EQ(csvColumns(found.out, tmp.path(), "sender,match"),
              "+447700900456 | bring the [[maths]] [[book]] please\n");
    auto json = run(vigilCmd("messages --format json --search homework" + caseArg) + " > " +
                    quote((tmp.path() / "m.json").string()));
    ASSERT_EQ(json.exitCode, 0);
    auto parsed = run("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
                      "print(len(d), d[0][\"source_rowid\"], d[0][\"record_source\"])' " + quote((tmp.path() / "m.json").string()));
    EXPECT_EQ(parsed.out, "1 1 live\n");
    EXPECT_EQ(run(vigilCmd("messages --case")).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("messages --format xml" + caseArg)).exitCode, 64);
    EXPECT_EQ(run(vigilCmd("ingest x --case y --region Narnia")).exitCode, 64);
}

TEST(Cli, SummaryFilesAndAuditTrail)
{
    TempDir tmp;
    const auto root = makeExtraction(tmp);
    ASSERT_EQ(ingest({root}, tmp.path() / "case", "--case-number OP-7").exitCode, 0);
    EXPECT_TRUE(fs::exists(tmp.path() / "case/summary.txt"));
    auto summary = run("python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"evidence\"][0][\"files\"])' " +
                       quote((tmp.path() / "case/summary.json").string()));
    EXPECT_EQ(summary.out, std::to_string(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files")) + "\n");
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM audit_log WHERE action IN "
                                              "('case.open','evidence.add','ingest.finish')"),
              3);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM ingest_runs WHERE status='completed'"), 1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM case_info WHERE case_number='OP-7'"), 1);
    // The same evidence again is recognised and not read twice.
    const auto files = caseScalar(tmp.path() / "case", "SELECT count(*) FROM files");
    auto again = ingest({root}, tmp.path() / "case");
    EXPECT_EQ(again.exitCode, 0) << again.out;
    EXPECT_NE(again.out.find("already ingested in this case as evidence 1: skipped"), std::string::npos) << again.out;
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files"), files);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM evidence"), 1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM ingest_runs WHERE status='completed'"), 2);

    auto audit = run(vigilCmd("audit --case " + quote((tmp.path() / "case").string())));
    EXPECT_EQ(audit.exitCode, 0) << audit.out;
    EXPECT_NE(audit.out.find("audit chain: intact (5 entries)"), std::string::npos) << audit.out;
    auto tamper = run("sqlite3 " + quote((tmp.path() / "case/case.vigil").string()) +
                      " \"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor='x' WHERE seq=2\"");
    ASSERT_EQ(tamper.exitCode, 0) << tamper.out;
    EXPECT_EQ(run(vigilCmd("audit --case " + quote((tmp.path() / "case").string()))).exitCode, 1);
    // Every row says which parser produced it and from which evidence.
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE parser='' OR parser_version='' OR "
                                              "evidence_id IS NULL"),
              0);
}

// Sparse holes, multi-run and tiny files hash exactly as icat reads them.
TEST(Content, SparseLargeAndTinyFilesMatchIcat)
{
    if (!haveTool("mke2fs") || !haveTool("icat"))
        GTEST_SKIP() << "needs e2fsprogs and sleuthkit";
    TempDir tmp;
    const auto src = tmp.path() / "src";
    fs::create_directories(src);
    {
        std::ofstream sparse(src / "sparse.bin", std::ios::binary);
        sparse << "head";
        sparse.seekp(5 << 20);
        sparse << "tail after a hole";
    }
    std::string big;
    for (std::int64_t i = 0; i < 300000; ++i)
        big += std::to_string(i * 7919) + ",";
    writeFile(src / "big.csv", big);
    writeFile(src / "tiny.txt", "x");
    const auto img = tmp.path() / "fs.raw";
    ASSERT_EQ(run("mke2fs -q -F -t ext4 -d " + quote(src.string()) + " " + quote(img.string()) + " 32m").exitCode, 0);
    ASSERT_EQ(ingest({img}, tmp.path() / "case").exitCode, 0);
    auto diffs = compareWithIcat(tmp.path() / "case", img, 0);
    EXPECT_TRUE(diffs.empty()) << diffs.front();
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE md5 IS NOT NULL AND path IN "
                                              "('/sparse.bin','/big.csv','/tiny.txt')"),
              3);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT bytes_read FROM files WHERE path='/sparse.bin'"),
              (5 << 20) + 17);
}

// exFAT, which no generator here can fill without mounting: the fresh file system is
// recognised and its metadata files listed exactly as fls lists them.
TEST(FileSystems, ExfatIsRecognised)
{
    if (!haveTool("mkfs.exfat") || !haveTool("fls"))
        GTEST_SKIP() << "needs exfatprogs and sleuthkit";
    TempDir tmp;
    const auto img = tmp.path() / "exfat.raw";
    ASSERT_EQ(run("truncate -s 16M " + quote(img.string()) + " && mkfs.exfat -L VIGIL " + quote(img.string())).exitCode, 0);
    auto r = ingest({img}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM filesystems WHERE fs_type='exfat'"), 1);
    auto diffs = compareWithFls(tmp.path() / "case", img, 0);
    EXPECT_TRUE(diffs.empty()) << diffs.front();
}
