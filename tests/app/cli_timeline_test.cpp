// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil timeline` run as a process on the timeline case (tests/core/analysis/timeline/timelinecase.h)
// with no persons yet: `vigil analyse` resolves them and builds the timeline; the CSV is checked
// for order and filters, the body file field by field.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/core/analysis/timeline/timelinecase.h"
#include "tests/integration/harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

constexpr const char *kCsvHeader =
    "time_utc,time_precision,time_basis,original_tz,kind,lane,evidence_id,person_id,person,app,source,path,summary,"
    "file_id,message_id,call_id,conversation_id,record_id,event_id";

std::vector<std::string> split(const std::string &text, char sep)
{
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, sep))
        out.push_back(item);
    if (!text.empty() && text.back() == sep)
        out.emplace_back();
    return out;
}

std::string secs(std::int64_t ns)
{
    return std::to_string(ns / kSecond);
}

class CliTimeline : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto c = buildTimelineCase(caseDir(), m_s, false);
        ASSERT_TRUE(c);
        c.reset();   // closed before the CLI writes
        const auto r = cli("analyse --examiner tester");
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    fs::path caseDir() const { return m_tmp.path() / "case"; }

    CommandResult cli(const std::string &args, const std::string &redirect = {})
    {
        return run(quote(vigilBinary().string()) + " " + args + " --case " + quote(caseDir().string()) + redirect);
    }

    // stdout only, as lines.
    std::vector<std::string> lines(const std::string &args)
    {
        const auto file = m_tmp.path() / "out.txt";
        const auto r = cli("timeline " + args, " > " + quote(file.string()));
        EXPECT_EQ(r.exitCode, 0) << r.out;
        std::ifstream in(file);
        std::vector<std::string> out;
        for (std::string line; std::getline(in, line);)
            out.push_back(line);
        return out;
    }

    std::int64_t personOf(std::int64_t account)
    {
        return caseScalar(caseDir(), "SELECT person_id FROM person_accounts WHERE account_id = " +
                                         std::to_string(account));
    }

    TempDir m_tmp;
    TimelineScenario m_s;
};

TEST_F(CliTimeline, CsvListsEveryEventInTimeOrder)
{
    const auto out = lines("");
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out[0], "time_utc,time_precision,time_basis,original_tz,kind,lane,evidence_id,person_id,person,app,"
                      "source,path,summary,file_id,message_id,call_id,conversation_id,record_id,event_id");
    const auto events = caseScalar(caseDir(), "SELECT count(*) FROM events");
    EXPECT_EQ(events, 22);   // 7 file, 4 media, 2 web and 9 communication events
    EXPECT_EQ(std::int64_t(out.size()), events + 1);
    std::vector<std::string> times;
    for (std::size_t i = 1; i < out.size(); ++i)
        times.push_back(out[i].substr(0, out[i].find(',')));
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));   // ISO 8601 in UTC sorts as text
    EXPECT_EQ(times.front(), "2024-02-01T08:00:00Z");         // the conversation created
    const auto notes = std::find_if(out.begin(), out.end(), [](const std::string &l) {
        return l.starts_with("2024-02-02T10:00:00.123456789Z,exact,utc,UTC,file-modified,file,1,,,,live,"
                             "/Users/me/notes.txt,,10,");
    });
    EXPECT_NE(notes, out.end());
}

TEST_F(CliTimeline, PersonAndTimeFilters)
{
    const auto ava = personOf(m_s.avaAccount);
    ASSERT_GT(ava, 0);
    const auto out = lines("--person " + std::to_string(ava));
    // Created, hello, reply, its read, the recovered message, the call in Ava's chat.
    ASSERT_EQ(out.size(), 1u + 6u);
    for (std::size_t i = 1; i < out.size(); ++i)
        EXPECT_NE(out[i].find("," + std::to_string(ava) + ",Ava,"), std::string::npos) << out[i];
    const auto day = lines("--from 2024-02-03 --to 2024-02-03T09:30:00Z");
    ASSERT_EQ(day.size(), 1u + 5u);   // FAT access, created, modified; the photo at 09:00; the video at 09:15
    EXPECT_NE(day.back().find("video-created"), std::string::npos);
    const auto web = lines("--lane web --kind web-search");
    ASSERT_EQ(web.size(), 2u);
    EXPECT_NE(web[1].find("how to delete messages"), std::string::npos);
}

TEST_F(CliTimeline, BodyFileFieldByField)
{
    const auto out = lines("--format bodyfile");
    std::vector<std::vector<std::string>> rows;
    for (const auto &l : out) {
        rows.push_back(split(l, '|'));
        EXPECT_EQ(rows.back().size(), 11u) << l;
    }
    const auto find = [&](const std::string &name) {
        const auto it =
            std::find_if(rows.begin(), rows.end(), [&](const auto &r) { return r.size() > 1 && r[1] == name; });
        return it == rows.end() ? std::vector<std::string>{} : *it;
    };
    // MD5|name|inode|mode|UID|GID|size|atime|mtime|ctime|crtime: one line per file, its four times.
    EXPECT_EQ(find("/Users/me/notes.txt"),
              (std::vector<std::string>{"0123456789abcdef0123456789abcdef", "/Users/me/notes.txt", "60", "r/r---------",
                                        "0", "0", "1000", secs(feb(7, 1)), secs(feb(2, 10)), secs(feb(2, 11)),
                                        secs(feb(1, 9))}));
    EXPECT_EQ(find("/DCIM/IMG_0001.JPG"),   // FAT: no change time, no hash
              (std::vector<std::string>{"0", "/DCIM/IMG_0001.JPG", "61", "r/r---------", "0", "0", "1100",
                                        secs(feb(3, 0)), secs(feb(3, 8)), "0", secs(feb(3, 7, 59))}));
    // Other events: one line each, the time as mtime, the event id as inode, '|' percent-encoded.
    const auto reply = find("[message-received] whatsapp-android (Ava): hi %7C who is this?");
    ASSERT_EQ(reply.size(), 11u);
    EXPECT_EQ(reply[0], "0");
    EXPECT_EQ(reply[2], std::to_string(caseScalar(caseDir(), "SELECT id FROM events WHERE kind = 'message-received' "
                                                             "AND message_id = " + std::to_string(m_s.avaReply))));
    EXPECT_EQ(reply[3], "-/----------");
    EXPECT_EQ(reply[7], "0");
    EXPECT_EQ(reply[8], secs(feb(3, 9, 40)));
    EXPECT_EQ(reply[9], "0");
    EXPECT_EQ(reply[10], "0");
    const auto video = find("[video-created] /DCIM/clip.mp4");
    ASSERT_EQ(video.size(), 11u);
    EXPECT_EQ(video[6], "1500");   // the file's size
    EXPECT_EQ(video[8], secs(feb(3, 9, 15)));
    // 22 events: 7 file events on 2 files -> 2 lines, 15 others.
    EXPECT_EQ(rows.size(), 17u);
}

TEST_F(CliTimeline, AnalystLaneListsTheAuditLog)
{
    const auto out = lines("--lane analyst");
    ASSERT_EQ(std::int64_t(out.size()), 1 + caseScalar(caseDir(), "SELECT count(*) FROM audit_log"));
    const auto analyse = std::find_if(out.begin(), out.end(), [](const std::string &l) {
        return l.find(",exact,utc,UTC,people.analyse,analyst,0,,,,audit,,\"tester: {") != std::string::npos;
    });
    EXPECT_NE(analyse, out.end());
}

TEST_F(CliTimeline, UsageAndErrors)
{
    EXPECT_EQ(cli("timeline --format xml").exitCode, 64);
    EXPECT_EQ(cli("timeline --from yesterday").exitCode, 64);
    EXPECT_EQ(cli("timeline --person abc").exitCode, 64);
    EXPECT_EQ(cli("timeline --bogus").exitCode, 64);
    const auto missing = run(quote(vigilBinary().string()) + " timeline --case " +
                             quote((m_tmp.path() / "nowhere").string()));
    EXPECT_EQ(missing.exitCode, 2) << missing.out;
}

} // namespace

namespace {

// DFTT #5 (../shared/testdata/external): a FAT12 floppy whose winter.txt was created at 2:00 PM on
// 1 January 2004 and summer.txt at 3:00 PM on 1 June 2004 (Windows XP, local time). Ingested with
// the default zone (UTC) the FAT wall-clock times come out as written, with no daylight-saving
// hour added to the summer file, and the timeline marks them local-time with FAT's precision.
// `vigil timeline --text .txt` of a case, each row cut after its lane (time .. lane); the header whole.
std::vector<std::string> txtFileRows(const fs::path &caseDir, const fs::path &out)
{
    const auto r = run(quote(vigilBinary().string()) + " timeline --case " + quote(caseDir.string()) + " --text .txt > " +
                       quote(out.string()));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    std::ifstream in(out);
    std::vector<std::string> rows;
    for (std::string line; std::getline(in, line);)
        rows.push_back(line.substr(0, line.find(",1,,,,live,")));
    return rows;
}

TEST(CliTimelineExternal, FatDaylightTimesAreWallClock)
{
    TempDir tmp;
    std::string why;
    const auto daylight = unpackExternalImage("from_brian_5-fat-daylight.zip", "5-fat-daylight/daylight.dd", tmp.path(), why);
    if (daylight.empty())
        GTEST_SKIP() << why;
    const auto caseDir = tmp.path() / "case";
    const auto r = ingest({daylight}, caseDir);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto rows = txtFileRows(caseDir, tmp.path() / "timeline.csv");
    const std::vector<std::string> expected = {
        kCsvHeader,
        "2004-01-01T00:00:00Z,day,local,,file-accessed,file",
        "2004-01-01T14:00:01.34Z,exact,local,,file-created,file",   // FAT creation: 10 ms
        "2004-01-01T14:00:02Z,two-seconds,local,,file-modified,file",
        "2004-06-01T00:00:00Z,day,local,,file-accessed,file",
        "2004-06-01T15:00:01.62Z,exact,local,,file-created,file",
        "2004-06-01T15:00:04Z,two-seconds,local,,file-modified,file"};
    EXPECT_EQ(rows, expected);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM evidence WHERE fs_timezone IS NULL"), 1);   // not given
}

// The same floppy ingested with `--timezone America/New_York` (where it was written): TSK reads the
// wall clock in that zone, so winter.txt (2:00 PM EST, UTC-5) is 19:00 UTC and summer.txt (3:00 PM
// EDT, UTC-4) is 19:00 UTC too; the zone is recorded on the evidence item and the timeline marks
// the times UTC with the zone they were recorded in. An unknown zone is a usage error.
TEST(CliTimelineExternal, FatTimesReadInTheGivenZoneAreUtc)
{
    TempDir tmp;
    std::string why;
    const auto daylight = unpackExternalImage("from_brian_5-fat-daylight.zip", "5-fat-daylight/daylight.dd", tmp.path(), why);
    if (daylight.empty())
        GTEST_SKIP() << why;
    const auto caseDir = tmp.path() / "case";
    const auto r = ingest({daylight}, caseDir, "--timezone America/New_York");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM evidence WHERE fs_timezone = 'America/New_York'"), 1);
    const auto rows = txtFileRows(caseDir, tmp.path() / "timeline.csv");
    const std::vector<std::string> expected = {
        kCsvHeader,
        "2004-01-01T05:00:00Z,day,utc,America/New_York,file-accessed,file",   // the date, at midnight EST
        "2004-01-01T19:00:01.34Z,exact,utc,America/New_York,file-created,file",
        "2004-01-01T19:00:02Z,two-seconds,utc,America/New_York,file-modified,file",
        "2004-06-01T04:00:00Z,day,utc,America/New_York,file-accessed,file",   // midnight EDT
        "2004-06-01T19:00:01.62Z,exact,utc,America/New_York,file-created,file",
        "2004-06-01T19:00:04Z,two-seconds,utc,America/New_York,file-modified,file"};
    EXPECT_EQ(rows, expected);

    // An unknown zone (glibc would quietly read it as UTC) is refused before anything is written.
    const auto otherCase = tmp.path() / "other";
    for (const char *bad : {"America/Nowhere", "EST+5", "../../etc/passwd", "/usr/share/zoneinfo/UTC", ""}) {
        const auto refused = ingest({daylight}, otherCase, std::string("--timezone ") + quote(bad));
        EXPECT_EQ(refused.exitCode, 64) << bad << ": " << refused.out;
        EXPECT_NE(refused.out.find("--timezone"), std::string::npos) << refused.out;
        EXPECT_FALSE(fs::exists(otherCase)) << bad;
    }
}

} // namespace
