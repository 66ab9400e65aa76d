// SPDX-License-Identifier: GPL-3.0-or-later
// The victim list as CSV, read back with a strict RFC 4180 reader: exact rows and columns, the
// byte-order mark, CRLF, the formula guard, invalid UTF-8 replaced, Excel's cell limit, and
// errors for targets that cannot be written.
#include <gtest/gtest.h>

#include <fstream>

#include "core/report/victimlist/victimlist.h"
#include "core/util/utf8.h"
#include "tests/core/report/victimlist/csvread.h"
#include "tests/core/report/victimlist/testmodel.h"
#include "tests/testutil/tempdir.h"

namespace vigil::report {
namespace {

namespace fs = std::filesystem;

const std::string kBom = "\xEF\xBB\xBF";
const std::string kFffd = "\xEF\xBF\xBD";

std::string readBytes(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

test::CsvRecords writeAndRead(const ReportModel &model, const fs::path &file)
{
    const auto written = writeVictimListCsv(model, file);
    EXPECT_TRUE(written) << written.error().toString();
    const std::string bytes = readBytes(file);
    EXPECT_EQ(bytes.substr(0, 3), kBom);
    std::string error;
    auto records = test::readCsv(bytes.substr(3), error);
    EXPECT_TRUE(records) << error;
    return records.value_or(test::CsvRecords{});
}

class VictimListCsv : public ::testing::Test
{
protected:
    void SetUp() override { m_records = writeAndRead(test::threeVictimModel(), m_dir / "victims.csv"); }

    const std::vector<std::string> &row(std::size_t i) const { return m_records.at(i); }

    test::TempDir m_dir;
    test::CsvRecords m_records;
};

TEST_F(VictimListCsv, HeaderAndOneRowPerVictimInRankOrder)
{
    ASSERT_EQ(m_records.size(), 4u);
    const std::vector<std::string> header = {
        "Rank", "Person ID", "Priority", "Priority reasons", "Risk", "Stage", "Stated age", "Country",
        "Country confidence", "Name", "Accounts", "Apps", "First contact (UTC)", "Last contact (UTC)", "Messages",
        "Media sent by victim", "Media received by victim", "Indicators", "Suspects (person IDs)", "Key messages"};
    EXPECT_EQ(row(0), header);
    EXPECT_EQ(victimListColumns(), header);
    for (const auto &r : m_records)
        EXPECT_EQ(r.size(), header.size());
    EXPECT_EQ(row(1)[0], "1");
    EXPECT_EQ(row(2)[0], "2");
    EXPECT_EQ(row(3)[0], "3");
}

TEST_F(VictimListCsv, EveryFieldOfAFullVictim)
{
    const std::vector<std::string> expected = {
        "1", "25", "urgent",
        "said 'want to disappear' on 2024-02-11 (Apple Messages)\n"
        "sexualisation: image-request 'pic of you' on 2024-02-17",
        "65.5", "sexualisation", "13", "CA", "0.6", "A. B.",
        "whatsapp: +14165550142\ninstagram: a.b.2011\nsnapchat: 9e4b2c71", "ios-messages; whatsapp",
        "2024-02-08T23:10:00Z", "2024-02-26T01:15:30.25Z", "17", "2", "1", "age-disclosure 1; self-harm 2", "1; 3",
        "412: /private/var/mobile/Library/SMS/sms.db (message, rowid 56)\n"
        "413: /data/data/com.whatsapp/databases/msgstore.db-wal (messages, offset 4096, wal)\n"
        "414: (source not recorded)"};
    EXPECT_EQ(row(1), expected);
}

TEST_F(VictimListCsv, AwkwardTextSurvivesQuotedGuardedAndRepaired)
{
    const std::string longName = test::longReason();
    const std::string accounts = "kik: bad" + kFffd + kFffd + "name\nkik: " + longName;
    const std::size_t characters = accounts.size() - 4;   // each U+FFFD is three bytes, one character
    const std::string marker = " [\xE2\x80\xA6 cut: " + std::to_string(characters) + " characters in all]";
    const std::size_t keptBytes = 32767 - 33 + 4;           // the marker takes 33 of Excel's 32,767
    const std::vector<std::string> expected = {
        "2", "6", "high", "'=cmd|' /C calc'!A0\nsaid \"stop\", then left", "100", "'@SUM(A1)", "", "", "",
        "O'Neil, \"Jo\"\r\nsecond line", accounts.substr(0, keptBytes) + marker, "'-evil; kik", "",
        "2024-02-11T21:04:05Z", "0", "0", "0", "threat-blackmail 3", "1",
        "500: /data/kik.sqlite (messagesTable, rowid 7)\n501: (source not recorded)"};
    ASSERT_EQ(row(2).size(), expected.size());
    for (std::size_t c = 0; c < expected.size(); ++c)
        EXPECT_EQ(row(2)[c], expected[c]) << "column " << victimListColumns()[c];
}

TEST_F(VictimListCsv, AMinimalVictimHasEmptyCellsAndZeroCounts)
{
    const std::vector<std::string> expected = {"3", "9", "low", "", "0", "", "", "", "", "", "", "",
                                               "", "", "0", "0", "0", "", "", ""};
    EXPECT_EQ(row(3), expected);
}

TEST_F(VictimListCsv, TheFileIsValidUtf8WithCrlfLineEnds)
{
    const std::string bytes = readBytes(m_dir / "victims.csv");
    EXPECT_TRUE(isCleanUtf8(bytes));
    EXPECT_EQ(bytes.find("\xFF"), std::string::npos);
    EXPECT_EQ(bytes.substr(bytes.size() - 2), "\r\n");
    // Every record ends with CRLF (the reader insists); the header line is the first one.
    EXPECT_EQ(bytes.substr(3, bytes.find("\r\n") - 3).substr(0, 15), "Rank,Person ID,");
}

TEST(VictimListCsvFile, AnEmptyModelGivesTheHeaderOnly)
{
    test::TempDir dir;
    const auto records = writeAndRead(test::emptyModel(), dir / "empty.csv");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], victimListColumns());
}

TEST(VictimListCsvFile, AnExistingFileIsReplaced)
{
    test::TempDir dir;
    std::ofstream(dir / "victims.csv") << "stale";
    ASSERT_TRUE(writeVictimListCsv(test::threeVictimModel(), dir / "victims.csv"));
    EXPECT_EQ(readBytes(dir / "victims.csv").substr(0, 3), kBom);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);
}

TEST(VictimListCsvFile, AnUnwritableTargetIsAnErrorAndLeavesNoFile)
{
    test::TempDir dir;
    const auto missing = writeVictimListCsv(test::threeVictimModel(), dir / "gone" / "victims.csv");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("does not exist"), std::string::npos);
    fs::create_directory(dir / "taken.csv");
    const auto folder = writeVictimListCsv(test::threeVictimModel(), dir / "taken.csv");
    ASSERT_FALSE(folder);
    EXPECT_NE(folder.error().message.find("is a folder"), std::string::npos);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);   // taken.csv only
    EXPECT_TRUE(fs::is_empty(dir / "taken.csv"));
}

} // namespace
} // namespace vigil::report
