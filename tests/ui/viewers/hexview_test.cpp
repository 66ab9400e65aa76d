// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include <QApplication>
#include <QKeyEvent>

#include "tests/ui/viewers/guienvironment.h"
#include "ui/viewers/hexview.h"

using vigil::ui::HexView;

namespace {

// A virtual source of `size` bytes whose byte at offset o is a function of o.
struct VirtualSource {
    std::uint64_t size = 0;
    std::uint64_t bytesRequested = 0;
    std::size_t largestRead = 0;

    static unsigned char byteAt(std::uint64_t o) { return static_cast<unsigned char>((o ^ (o >> 8) ^ (o >> 24)) & 0xFF); }

    vigil::ui::ByteReader reader()
    {
        return [this](std::uint64_t offset, void *buf, std::size_t len) -> vigil::Result<std::size_t> {
            const std::size_t n = offset >= size ? 0 : static_cast<std::size_t>(std::min<std::uint64_t>(len, size - offset));
            for (std::size_t i = 0; i < n; ++i)
                static_cast<unsigned char *>(buf)[i] = byteAt(offset + i);
            bytesRequested += n;
            largestRead = std::max(largestRead, len);
            return n;
        };
    }
};


void pressKey(QWidget *w, int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QApplication::sendEvent(w, &press);
}

const QByteArray kSample = QByteArray("Vigil hex view: \x00\x01\x02\x7f\x80\xfe\xff ok\n", 27) + QByteArray("0123456789ABCDEF", 16);

} // namespace

TEST(HexView, FormatsKnownBytes)
{
    HexView view;
    view.setSource(vigil::test::memoryReader(kSample), static_cast<std::uint64_t>(kSample.size()));
    EXPECT_EQ(view.lineCount(), 3u);
    EXPECT_EQ(view.formatLine(0).toStdString(),
              "00000000  56 69 67 69 6C 20 68 65  78 20 76 69 65 77 3A 20 |Vigil hex view: |");
    EXPECT_EQ(view.formatLine(1).toStdString(),
              "00000010  00 01 02 7F 80 FE FF 20  6F 6B 0A 30 31 32 33 34 |....... ok.01234|");
    EXPECT_EQ(view.formatLine(2).toStdString(),
              "00000020  35 36 37 38 39 41 42 43  44 45 46                |56789ABCDEF|");
}

TEST(HexView, ScreenshotOfATextFile)
{
    QByteArray text;
    for (int i = 0; i < 40; ++i)
        text += QByteArray("Line ") + QByteArray::number(i) + " of a generated text file\twith a tab and bytes \x01\xfe\n";
    HexView view;
    view.resize(760, 420);
    view.setSource(vigil::test::memoryReader(text), static_cast<std::uint64_t>(text.size()));
    EXPECT_FALSE(vigil::test::saveScreenshot(&view, "hexview").isEmpty());
}

TEST(HexView, HugeVirtualSourceReadsOnlyWhatIsShown)
{
    VirtualSource src;
    src.size = 3ull << 30;   // 3 GiB, never allocated
    HexView view;
    view.resize(760, 420);
    view.setSource(src.reader(), src.size);
    EXPECT_EQ(view.lineCount(), src.size / 16);
    view.show();
    pressKey(&view, Qt::Key_End);
    const std::uint64_t top = view.topLine();
    EXPECT_EQ(top + static_cast<std::uint64_t>(view.visibleLineCount()), view.lineCount());
    const std::uint64_t last = view.lineCount() - 1;
    const QString line = view.formatLine(last);
    EXPECT_TRUE(line.startsWith(QStringLiteral("BFFFFFF0  "))) << line.toStdString();
    const QString byte0 = QStringLiteral("%1").arg(VirtualSource::byteAt(last * 16), 2, 16, QLatin1Char('0')).toUpper();
    EXPECT_EQ(line.mid(10, 2), byte0);
    vigil::test::saveScreenshot(&view, "hexview-3gib-end");
    pressKey(&view, Qt::Key_PageUp);
    EXPECT_LT(view.topLine(), top);
    pressKey(&view, Qt::Key_Home);
    EXPECT_EQ(view.topLine(), 0u);
    pressKey(&view, Qt::Key_Down);
    EXPECT_EQ(view.topLine(), 1u);
    pressKey(&view, Qt::Key_PageDown);
    EXPECT_GT(view.topLine(), 1u);
    EXPECT_LE(src.largestRead, 64u * 1024);
    EXPECT_LT(src.bytesRequested, 1u << 20) << "only the visible blocks are read";
}

TEST(HexView, ScrollBarMapsHugeFiles)
{
    VirtualSource src;
    src.size = 1ull << 40;   // 1 TiB: more lines than a scroll bar has steps
    HexView view;
    view.resize(760, 420);
    view.setSource(src.reader(), src.size);
    view.scrollToLine(view.lineCount() / 2);
    EXPECT_EQ(view.topLine(), view.lineCount() / 2);
    EXPECT_TRUE(view.formatLine(0).startsWith(QStringLiteral("000000000000  ")));
    pressKey(&view, Qt::Key_End);
    EXPECT_EQ(view.topLine() + static_cast<std::uint64_t>(view.visibleLineCount()), view.lineCount());
}

TEST(HexView, ReadErrorsShowAsQuestionMarks)
{
    HexView view;
    view.setSource([](std::uint64_t, void *, std::size_t) -> vigil::Result<std::size_t> {
        return vigil::fail(vigil::ErrorCode::Io, "bad sector");
    }, 64);
    EXPECT_TRUE(view.formatLine(0).contains(QStringLiteral("?? ??")));
    EXPECT_TRUE(view.lastError().contains(QStringLiteral("bad sector")));
}
