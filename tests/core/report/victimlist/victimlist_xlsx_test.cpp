// SPDX-License-Identifier: GPL-3.0-or-later
// The victim list as XLSX, read back: unzipped with libarchive (every member), the XML parsed, and
// every cell of the "Victims" sheet compared with the CSV of the same model; date cells, number
// cells, styles, the frozen header and autofilter, the "Case" and "Key messages" sheets, an
// empty model, and errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "core/report/victimlist/victimlist.h"
#include "core/report/victimlist/xlsxbook.h"
#include "core/util/timeutil.h"
#include "tests/core/report/victimlist/csvread.h"
#include "tests/core/report/victimlist/testmodel.h"
#include "tests/core/report/victimlist/xlsxread.h"
#include "tests/testutil/tempdir.h"

namespace vigil::report {
namespace {

namespace fs = std::filesystem;

const char *const kDateFormat = "yyyy-mm-dd hh:mm:ss";

test::XlsxBookData writeAndRead(const ReportModel &model, const fs::path &file)
{
    const auto written = writeVictimListXlsx(model, file);
    EXPECT_TRUE(written) << written.error().toString();
    std::string error;
    auto book = test::readXlsx(file, error);
    EXPECT_TRUE(book) << error;
    return book.value_or(test::XlsxBookData{});
}

test::CsvRecords csvOf(const ReportModel &model, const fs::path &file)
{
    EXPECT_TRUE(writeVictimListCsv(model, file));
    std::ifstream in(file, std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    std::string error;
    return test::readCsv(bytes.substr(3), error).value_or(test::CsvRecords{});
}

// A date cell back to ISO 8601 (to the millisecond, what a double holds in days).
std::string isoOfSerial(double serial)
{
    const auto ms = std::llround((serial - 25569.0) * 86'400'000.0);
    return toIso8601(static_cast<std::int64_t>(ms) * 1'000'000);
}

bool guardChar(char c)
{
    return std::string_view("=+-@\t\r").find(c) != std::string_view::npos;
}

// The XLSX cell holds what the CSV field says: the same text (the CSV's formula guard aside),
// the same number, or the same time.
void expectSameAsCsv(const std::string &csv, const test::XlsxCell *cell, const test::XlsxBookData &book,
                     const std::string &where)
{
    SCOPED_TRACE(where);
    if (csv.empty()) {
        EXPECT_EQ(cell, nullptr);
        return;
    }
    ASSERT_NE(cell, nullptr);
    if (!cell->isNumber) {
        const bool guarded = !cell->text.empty() && guardChar(cell->text[0]);
        EXPECT_EQ(csv, guarded ? "'" + cell->text : cell->text);
        return;
    }
    if (book.styles.at(static_cast<std::size_t>(cell->style)).numberFormat == kDateFormat)
        EXPECT_EQ(csv, isoOfSerial(cell->number));
    else
        EXPECT_EQ(std::stod(csv), cell->number);
}

class VictimListXlsx : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const ReportModel model = test::threeVictimModel();
        m_book = writeAndRead(model, m_dir / "victims.xlsx");
        m_csv = csvOf(model, m_dir / "victims.csv");
        ASSERT_EQ(m_book.sheets.size(), 3u);
    }

    const test::XlsxSheet &sheet(std::size_t i) const { return m_book.sheets.at(i); }
    const test::XlsxStyle &styleOf(const test::XlsxCell *cell) const
    {
        return m_book.styles.at(static_cast<std::size_t>(cell->style));
    }

    test::TempDir m_dir;
    test::XlsxBookData m_book;
    test::CsvRecords m_csv;
};

TEST_F(VictimListXlsx, ThreeSheetsInOrder)
{
    EXPECT_EQ(sheet(0).name, "Victims");
    EXPECT_EQ(sheet(1).name, "Case");
    EXPECT_EQ(sheet(2).name, "Key messages");
    for (const char *member : {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml",
                               "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml"})
        EXPECT_NE(std::find(m_book.members.begin(), m_book.members.end(), member), m_book.members.end()) << member;
}

TEST_F(VictimListXlsx, EveryCellOfTheVictimsSheetMatchesTheCsv)
{
    ASSERT_EQ(m_csv.size(), 4u);
    EXPECT_EQ(sheet(0).rows, 4);
    for (std::size_t r = 0; r < m_csv.size(); ++r)
        for (std::size_t c = 0; c < m_csv[r].size(); ++c)
            expectSameAsCsv(m_csv[r][c], sheet(0).at(static_cast<int>(r), static_cast<int>(c)), m_book,
                            "row " + std::to_string(r) + " column " + victimListColumns()[c]);
    EXPECT_EQ(sheet(0).at(0, 20), nullptr);   // nothing past the last column
}

TEST_F(VictimListXlsx, HeaderIsBoldFrozenAndFiltered)
{
    for (int c = 0; c < 20; ++c) {
        const auto *cell = sheet(0).at(0, c);
        ASSERT_NE(cell, nullptr);
        EXPECT_EQ(cell->text, victimListColumns()[static_cast<std::size_t>(c)]);
        EXPECT_TRUE(styleOf(cell).bold) << cell->text;
    }
    EXPECT_FALSE(styleOf(sheet(0).at(1, 0)).bold);
    EXPECT_EQ(sheet(0).paneState, "frozen");
    EXPECT_EQ(sheet(0).frozenRows, 1);
    EXPECT_EQ(sheet(0).autoFilter, "A1:T4");
    EXPECT_EQ(sheet(0).widths, 20);
    EXPECT_EQ(sheet(0).numberAsTextIgnored, "A1:T4");   // phone numbers as text are meant
}

TEST_F(VictimListXlsx, TimesAreDateCellsWithTheRightSerial)
{
    const auto *first = sheet(0).at(1, 12);
    const auto *last = sheet(0).at(1, 13);
    ASSERT_TRUE(first && last);
    ASSERT_TRUE(first->isNumber && last->isNumber);
    EXPECT_NEAR(first->number, test::kFirstContactSerial, 1e-9);
    EXPECT_NEAR(last->number, test::kLastContactSerial, 1e-9);
    EXPECT_EQ(styleOf(first).numberFormat, kDateFormat);
    EXPECT_EQ(styleOf(last).numberFormat, kDateFormat);
}

TEST_F(VictimListXlsx, NumbersAreNumberCellsAndTextStaysText)
{
    const auto *rank = sheet(0).at(1, 0);
    const auto *risk = sheet(0).at(1, 4);
    const auto *confidence = sheet(0).at(1, 8);
    ASSERT_TRUE(rank && risk && confidence);
    EXPECT_TRUE(rank->isNumber && risk->isNumber && confidence->isNumber);
    EXPECT_EQ(risk->number, 65.5);
    EXPECT_EQ(confidence->number, 0.6);
    const auto *suspects = sheet(0).at(1, 18);
    ASSERT_NE(suspects, nullptr);
    EXPECT_FALSE(suspects->isNumber);
    EXPECT_EQ(suspects->text, "1; 3");
}

TEST_F(VictimListXlsx, AwkwardTextIsStoredExactlyAsStrings)
{
    const auto *name = sheet(0).at(2, 9);
    const auto *stage = sheet(0).at(2, 5);
    const auto *reasons = sheet(0).at(2, 3);
    ASSERT_TRUE(name && stage && reasons);
    EXPECT_EQ(name->text, "O'Neil, \"Jo\"\r\nsecond line");
    EXPECT_EQ(stage->text, "@SUM(A1)");   // a string cell: shown, never evaluated
    EXPECT_EQ(reasons->text, "=cmd|' /C calc'!A0\nsaid \"stop\", then left");
    const auto *accounts = sheet(0).at(2, 10);
    ASSERT_NE(accounts, nullptr);
    EXPECT_EQ(accounts->text.substr(0, 14), "kik: bad\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_NE(accounts->text.find("cut: 40020 characters in all]"), std::string::npos);
    std::size_t units = 0;
    for (unsigned char ch : accounts->text)
        units += (ch & 0xC0) != 0x80;
    EXPECT_EQ(units, 32767u);
}

TEST_F(VictimListXlsx, TheCaseSheetStatesTheCaseAndTheEvidence)
{
    std::map<std::string, std::string> facts;
    for (int r = 0; r < sheet(1).rows; ++r)
        if (const auto *label = sheet(1).at(r, 0); label && sheet(1).at(r, 1))
            facts[label->text] = sheet(1).at(r, 1)->text;
    EXPECT_EQ(facts["Case number"], "2024/0042");
    EXPECT_EQ(facts["Examiner"], "DC Example");
    EXPECT_EQ(facts["Agency"], "Example Police");
    EXPECT_EQ(facts["Generated (UTC)"], "2024-03-05T10:00:00Z");
    EXPECT_EQ(facts["Tool"], "Vigil 0.9.0");
    EXPECT_EQ(facts["Children's names redacted"], "yes (initials)");
    EXPECT_EQ(facts["Victims in this list"], "3");
    bool sawEvidence = false;
    for (const auto &[pos, cell] : sheet(1).cells)
        sawEvidence |= cell.text == "0123456789abcdef0123456789abcdef" && pos.second == 5;   // acquisition MD5
    EXPECT_TRUE(sawEvidence);
}

TEST_F(VictimListXlsx, TheKeyMessagesSheetCitesEachSource)
{
    const auto &km = sheet(2);
    ASSERT_EQ(km.rows, 6);   // header + 3 + 2 quoted messages
    EXPECT_EQ(km.at(0, 0)->text, "Victim rank");
    EXPECT_EQ(km.autoFilter, "A1:P6");
    EXPECT_EQ(km.at(1, 2)->number, 412);
    EXPECT_NEAR(km.at(1, 3)->number, test::kMessageSerial, 1e-9);
    EXPECT_EQ(styleOf(km.at(1, 3)).numberFormat, kDateFormat);
    EXPECT_EQ(km.at(1, 7)->text, "i want to disappear");
    EXPECT_EQ(km.at(1, 9)->text, "/private/var/mobile/Library/SMS/sms.db");
    EXPECT_EQ(km.at(1, 10)->text, "message");
    EXPECT_EQ(km.at(1, 11)->number, 56);
    EXPECT_EQ(km.at(1, 12), nullptr);
    EXPECT_EQ(km.at(1, 14)->text, std::string(64, 'a'));
    EXPECT_EQ(km.at(2, 3), nullptr);          // no time known
    EXPECT_EQ(km.at(2, 12)->number, 4096);    // byte offset
    EXPECT_EQ(km.at(2, 13)->text, "wal");
    EXPECT_EQ(km.at(3, 9), nullptr);          // no source recorded
    EXPECT_EQ(km.at(4, 6)->text, "\tTab sender");
    EXPECT_NE(km.at(4, 7)->text.find("cut: 40000 characters in all]"), std::string::npos);
    EXPECT_EQ(km.at(5, 7)->text, "literal _x0041_ and \x01 bell");
}

TEST_F(VictimListXlsx, UnzipAgreesTheArchiveIsSound)
{
    if (std::system("command -v unzip >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "unzip is not installed; libarchive read every member above";
    const std::string command = "unzip -tq '" + (m_dir / "victims.xlsx").string() + "' >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
}

TEST(VictimListXlsxFile, AnEmptyModelGivesHeaderOnlySheets)
{
    test::TempDir dir;
    const auto book = writeAndRead(test::emptyModel(), dir / "empty.xlsx");
    ASSERT_EQ(book.sheets.size(), 3u);
    EXPECT_EQ(book.sheets[0].rows, 1);
    EXPECT_EQ(book.sheets[0].autoFilter, "A1:T1");
    EXPECT_EQ(book.sheets[0].at(0, 19)->text, "Key messages");
    EXPECT_EQ(book.sheets[2].rows, 1);
    EXPECT_GT(book.sheets[1].rows, 10);   // the case facts and the evidence item
}

TEST(VictimListXlsxFile, AnUnwritableTargetIsAnErrorAndLeavesNoFile)
{
    test::TempDir dir;
    const auto missing = writeVictimListXlsx(test::threeVictimModel(), dir / "gone" / "victims.xlsx");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    fs::create_directory(dir / "taken.xlsx");
    ASSERT_FALSE(writeVictimListXlsx(test::threeVictimModel(), dir / "taken.xlsx"));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);
    EXPECT_TRUE(fs::is_empty(dir / "taken.xlsx"));
}

TEST(VictimListXlsxFile, LibxlsxwriterErrorsBecomeErrors)
{
    auto book = XlsxBook::create("/nonexistent-vigil-folder/victims.xlsx");
    ASSERT_TRUE(book);
    ASSERT_TRUE(book->addSheet("Victims"));
    EXPECT_FALSE(book->addSheet("Bad[name]"));
    const auto closed = book->close();
    ASSERT_FALSE(closed);
    EXPECT_NE(closed.error().message.find("Cannot write the XLSX workbook"), std::string::npos);
    EXPECT_NE(closed.error().detail.find("Error creating output xlsx file"), std::string::npos);
    EXPECT_FALSE(book->close());   // closed once only
}

TEST(VictimListXlsxFile, ADemoSizedModelRoundTrips)
{
    test::TempDir dir;
    const ReportModel model = test::demoSizedModel();
    const auto book = writeAndRead(model, dir / "demo.xlsx");
    const auto csv = csvOf(model, dir / "demo.csv");
    ASSERT_EQ(book.sheets.size(), 3u);
    EXPECT_EQ(book.sheets[0].rows, 14);
    EXPECT_EQ(book.sheets[2].rows, 1 + 13 * 12);
    ASSERT_EQ(csv.size(), 14u);
    for (std::size_t r = 0; r < csv.size(); ++r)
        for (std::size_t c = 0; c < csv[r].size(); ++c)
            expectSameAsCsv(csv[r][c], book.sheets[0].at(static_cast<int>(r), static_cast<int>(c)), book,
                            "row " + std::to_string(r) + " column " + std::to_string(c));
    const auto xlsxSize = fs::file_size(dir / "demo.xlsx"), csvSize = fs::file_size(dir / "demo.csv");
    std::printf("demo-sized victim list: CSV %ju bytes, XLSX %ju bytes\n", static_cast<std::uintmax_t>(csvSize),
                static_cast<std::uintmax_t>(xlsxSize));
    ::testing::Test::RecordProperty("csv_bytes", std::to_string(csvSize));
    ::testing::Test::RecordProperty("xlsx_bytes", std::to_string(xlsxSize));
}

} // namespace
} // namespace vigil::report
