// SPDX-License-Identifier: GPL-3.0-or-later
// The cell rules shared by the CSV and XLSX victim lists: UTF-8 repair, Excel's cell limit with a
// visible cut marker, the CSV formula guard, OOXML escapes and Excel serial dates.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "core/report/victimlist/listcells.h"
#include "core/util/utf8.h"
#include "tests/core/report/victimlist/testmodel.h"

namespace vigil::report {
namespace {

// UTF-16 units of valid UTF-8, counted independently of the code under test.
std::size_t utf16Units(const std::string &s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) == 0x80 ? 0 : (c >= 0xF0 ? 2 : 1);
    return n;
}

ListCell text(const std::string &s)
{
    return ListCell::textCell(s);
}

TEST(ListCells, ShortValidTextIsKept)
{
    EXPECT_EQ(fitCellText("Grace, 13 — Dublin"), "Grace, 13 — Dublin");
}

TEST(ListCells, InvalidUtf8AndNulBecomeReplacementCharacters)
{
    EXPECT_EQ(fitCellText(std::string("a\xFF" "b\xC3", 4) + std::string(1, '\0') + "c"),
              "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c");
}

TEST(ListCells, LongTextIsCutToExcelsLimitWithAMarker)
{
    const std::string long40k = test::longReason();
    const std::string cut = fitCellText(long40k);
    const std::string marker = " [\xE2\x80\xA6 cut: 40000 characters in all]";
    EXPECT_EQ(utf16Units(cut), 32767u);
    ASSERT_GT(cut.size(), marker.size());
    EXPECT_EQ(cut.substr(cut.size() - marker.size()), marker);
    EXPECT_EQ(cut.substr(0, cut.size() - marker.size()), long40k.substr(0, 32767 - 33));
    EXPECT_EQ(fitCellText(long40k.substr(0, 32767)), long40k.substr(0, 32767));   // exactly at the limit: kept
}

TEST(ListCells, CutCountsUtf16UnitsAndNeverSplitsACharacter)
{
    std::string emoji;
    for (int i = 0; i < 20; ++i)
        emoji += "\xF0\x9F\x98\x80";   // U+1F600: two UTF-16 units each
    const std::string cut = fitCellText(emoji, 35);
    // The marker takes 30 units; 5 remain, room for two emoji.
    EXPECT_EQ(cut, "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 [\xE2\x80\xA6 cut: 20 characters in all]");
    EXPECT_TRUE(isCleanUtf8(cut));
    EXPECT_LE(utf16Units(cut), 35u);
}

TEST(ListCells, CsvGuardsTextThatASpreadsheetWouldRun)
{
    EXPECT_EQ(csvCellText(text("=cmd|' /C calc'!A0")), "'=cmd|' /C calc'!A0");
    EXPECT_EQ(csvCellText(text("+441234")), "'+441234");
    EXPECT_EQ(csvCellText(text("-2+3")), "'-2+3");
    EXPECT_EQ(csvCellText(text("@SUM(A1)")), "'@SUM(A1)");
    EXPECT_EQ(csvCellText(text("\tx")), "'\tx");
    EXPECT_EQ(csvCellText(text("\rx")), "'\rx");
    EXPECT_EQ(csvCellText(text("a=b")), "a=b");
    EXPECT_EQ(csvCellText(text("'quoted")), "'quoted");
}

TEST(ListCells, CsvNumbersAndTimesAreNeverGuarded)
{
    EXPECT_EQ(csvCellText(ListCell::numberCell(-1)), "-1");
    EXPECT_EQ(csvCellText(ListCell::numberCell(65.5)), "65.5");
    EXPECT_EQ(csvCellText(ListCell::numberCell(0.6)), "0.6");
    EXPECT_EQ(csvCellText(ListCell::numberCell(17)), "17");
    EXPECT_EQ(csvCellText(ListCell::numberCell(std::nan(""))), "");
    EXPECT_EQ(csvCellText(ListCell::timeCell(test::kLastContact)), "2024-02-26T01:15:30.25Z");
    EXPECT_EQ(csvCellText(ListCell::timeCell(std::nullopt)), "");
    EXPECT_EQ(csvCellText(text("")), "");
}

TEST(ListCells, GuardedLongTextStaysWithinTheLimit)
{
    const std::string cell = csvCellText(text("=" + test::longReason()));
    EXPECT_EQ(utf16Units(cell), 32767u);
    EXPECT_EQ(cell.substr(0, 10), "'=reason-0");
    EXPECT_NE(cell.find("cut: 40002 characters in all]"), std::string::npos);
}

TEST(ListCells, XlsxEscapesTextThatLooksLikeAnOoxmlEscape)
{
    EXPECT_EQ(xlsxCellText("literal _x0041_ here"), "literal _x005F_x0041_ here");
    EXPECT_EQ(xlsxCellText("_X00aF_"), "_x005F_X00aF_");
    EXPECT_EQ(xlsxCellText("_x00G1_ and _x041_"), "_x00G1_ and _x041_");
    EXPECT_EQ(xlsxCellText("=1+1"), "=1+1");   // a string cell is never evaluated: no guard
}

TEST(ListCells, XlsxTextWithManyEscapesStaysWithinLibxlsxwritersLimit)
{
    std::string many;
    while (many.size() < 40000)
        many += "_x0041_";
    const std::string out = xlsxCellText(many);
    std::size_t codePoints = 0;
    for (unsigned char c : out)
        codePoints += (c & 0xC0) != 0x80;
    EXPECT_LE(codePoints, kExcelCellLimit);
    EXPECT_NE(out.find("cut: "), std::string::npos);
}

TEST(ListCells, ExcelSerialsOfKnownTimes)
{
    EXPECT_NEAR(*excelSerial(test::kFirstContact), test::kFirstContactSerial, 1e-9);
    EXPECT_NEAR(*excelSerial(test::kLastContact), test::kLastContactSerial, 1e-9);
    EXPECT_DOUBLE_EQ(*excelSerial(0), 25569.0);                                    // 1970-01-01
    EXPECT_DOUBLE_EQ(*excelSerial(-2203891200LL * 1'000'000'000), 61.0);           // 1900-03-01
    EXPECT_FALSE(excelSerial(-2203891201LL * 1'000'000'000).has_value());          // Excel's phantom 1900-02-29
    EXPECT_TRUE(excelSerial(INT64_MAX).has_value());                               // 2262: still a date
}

} // namespace
} // namespace vigil::report
