// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cstring>

#include <QStringEncoder>

#include "tests/ui/viewers/guienvironment.h"
#include "ui/viewers/textview.h"

using vigil::ui::decodeText;
using vigil::ui::detectEncoding;
using vigil::ui::TextEncoding;
using vigil::ui::TextView;

namespace {

const QString kSampleText = QStringLiteral("Grüße aus Köln — naïve café, Ελληνικά, Русский.\nSecond line\twith a tab.\n");

QByteArray encode(const QString &s, QStringConverter::Encoding e, bool bom)
{
    QStringEncoder encoder(e, bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return encoder.encode(s);
}


} // namespace

TEST(TextEncoding, Utf8WithAndWithoutBom)
{
    const QByteArray utf8 = kSampleText.toUtf8();
    EXPECT_EQ(detectEncoding(utf8), TextEncoding::Utf8);
    EXPECT_EQ(decodeText(utf8, TextEncoding::Utf8), kSampleText);
    const QByteArray bom = QByteArray("\xEF\xBB\xBF") + utf8;
    EXPECT_EQ(detectEncoding(bom), TextEncoding::Utf8Bom);
    EXPECT_EQ(decodeText(bom, TextEncoding::Utf8Bom), kSampleText);
    EXPECT_EQ(detectEncoding("plain ascii\n"), TextEncoding::Utf8);
}

TEST(TextEncoding, Utf8CutAtTheEndIsStillUtf8)
{
    const QByteArray utf8 = QStringLiteral("Grüße ü").toUtf8();
    EXPECT_EQ(detectEncoding(utf8.left(utf8.size() - 1)), TextEncoding::Utf8);
    EXPECT_FALSE(vigil::ui::isValidUtf8("\xC0\xAF", false)) << "overlong";
    EXPECT_FALSE(vigil::ui::isValidUtf8("\xED\xA0\x80", false)) << "surrogate";
}

TEST(TextEncoding, Utf16WithBom)
{
    const QByteArray le = encode(kSampleText, QStringConverter::Utf16LE, true);
    const QByteArray be = encode(kSampleText, QStringConverter::Utf16BE, true);
    EXPECT_EQ(detectEncoding(le), TextEncoding::Utf16LeBom);
    EXPECT_EQ(detectEncoding(be), TextEncoding::Utf16BeBom);
    EXPECT_EQ(decodeText(le, TextEncoding::Utf16LeBom), kSampleText);
    EXPECT_EQ(decodeText(be, TextEncoding::Utf16BeBom), kSampleText);
}

TEST(TextEncoding, Utf16WithoutBomByZeroPattern)
{
    const QString text = QStringLiteral("C:\\Users\\analyst\\Documents\\notes.txt — a registry-style string\n");
    const QByteArray le = encode(text, QStringConverter::Utf16LE, false);
    const QByteArray be = encode(text, QStringConverter::Utf16BE, false);
    EXPECT_EQ(detectEncoding(le), TextEncoding::Utf16Le);
    EXPECT_EQ(detectEncoding(be), TextEncoding::Utf16Be);
    EXPECT_EQ(decodeText(le, TextEncoding::Utf16Le), text);
    EXPECT_EQ(decodeText(be, TextEncoding::Utf16Be), text);
}

TEST(TextEncoding, Latin1AndWindows1252Fallback)
{
    const QByteArray latin1("Gr\xFC\xDF" "e aus K\xF6ln, \x80 5, \x93quoted\x94\n");
    EXPECT_EQ(detectEncoding(latin1), TextEncoding::Windows1252);
    EXPECT_EQ(decodeText(latin1, TextEncoding::Windows1252),
              QStringLiteral("Grüße aus Köln, € 5, “quoted”\n"));
}

TEST(TextEncoding, BinaryIsRecognised)
{
    QByteArray binary;
    for (int i = 0; i < 4096; ++i)
        binary += static_cast<char>((i * 7919) & 0xFF);
    EXPECT_EQ(detectEncoding(binary), TextEncoding::Binary);
    EXPECT_EQ(detectEncoding(QByteArray("\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16)), TextEncoding::Binary);
    const QString shown = decodeText(QByteArray("A\x01" "B", 3), TextEncoding::Binary);
    EXPECT_EQ(shown, QStringLiteral("A·B"));
}

TEST(TextView, ShowsDetectedEncodingAndText)
{
    TextView view;
    const QByteArray le = encode(kSampleText, QStringConverter::Utf16LE, true);
    view.setSource(vigil::test::memoryReader(le), static_cast<std::uint64_t>(le.size()));
    EXPECT_EQ(view.encoding(), TextEncoding::Utf16LeBom);
    EXPECT_EQ(view.text(), kSampleText);
    EXPECT_TRUE(view.statusText().contains(QStringLiteral("UTF-16 LE")));
}

TEST(TextView, ShowsOnlyTheFirstBytes)
{
    TextView view;
    view.setLimit(1000);
    const QByteArray big(5000, 'a');
    view.setSource(vigil::test::memoryReader(big), static_cast<std::uint64_t>(big.size()));
    EXPECT_EQ(view.text().size(), 1000);
    EXPECT_TRUE(view.statusText().contains(QStringLiteral("first"))) << view.statusText().toStdString();
    EXPECT_EQ(TextView::kDefaultLimit, 4u << 20);
}

TEST(TextView, ReadErrorIsShown)
{
    TextView view;
    view.setSource([](std::uint64_t, void *, std::size_t) -> vigil::Result<std::size_t> {
        return vigil::fail(vigil::ErrorCode::Io, "bad sector");
    }, 100);
    EXPECT_TRUE(view.statusText().contains(QStringLiteral("bad sector")));
}

TEST(TextView, Screenshot)
{
    QString text;
    for (int i = 1; i <= 30; ++i)
        text += QStringLiteral("%1  ").arg(i, 2) + kSampleText.section(QLatin1Char('\n'), 0, 0) + QLatin1Char('\n');
    const QByteArray bytes = text.toUtf8();
    TextView view;
    view.resize(760, 420);
    view.setSource(vigil::test::memoryReader(bytes), static_cast<std::uint64_t>(bytes.size()));
    EXPECT_FALSE(vigil::test::saveScreenshot(&view, "textview").isEmpty());
}
