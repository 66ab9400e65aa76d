// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/hexview.h"

#include <algorithm>

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include "core/pipeline/filecontent.h"

namespace vigil::ui {

namespace {

constexpr std::uint64_t kBlock = 64 * 1024;   // bytes read at a time (a multiple of 16)
constexpr int kMaxScrollValue = 1 << 30;       // scroll bar steps for huge files
constexpr int kMargin = 10;
constexpr int kGapChars = 3;
constexpr int kHexChars = HexView::kBytesPerLine * 3;   // "xx " per byte, one extra gap after 8

QChar asciiFor(unsigned char b)
{
    return (b >= 0x20 && b < 0x7F) ? QChar(b) : QChar('.');
}

QString hexPart(const QByteArray &bytes, bool ok)
{
    QString s;
    for (int i = 0; i < HexView::kBytesPerLine; ++i) {
        if (i == HexView::kBytesPerLine / 2)
            s += QLatin1Char(' ');
        if (i >= bytes.size())
            s += QStringLiteral("   ");
        else if (!ok)
            s += QStringLiteral("?? ");
        else
            s += QStringLiteral("%1 ").arg(static_cast<unsigned char>(bytes[i]), 2, 16, QLatin1Char('0')).toUpper();
    }
    return s.trimmed();
}

QString asciiPart(const QByteArray &bytes, bool ok)
{
    QString s;
    for (char c : bytes)
        s += ok ? asciiFor(static_cast<unsigned char>(c)) : QChar('?');
    return s;
}

} // namespace

HexView::HexView(QWidget *parent) : QAbstractScrollArea(parent)
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(10.0, mono.pointSizeF()));
    setFont(mono);
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setAccessibleName(tr("Hex view"));
}

void HexView::setSource(ByteReader reader, std::uint64_t size)
{
    m_reader = std::move(reader);
    m_size = m_reader ? size : 0;
    m_topLine = 0;
    m_cache.clear();
    m_cacheOk = false;
    m_cacheOffset = 0;
    m_lastError.clear();
    updateScrollBar();
    viewport()->update();
}

void HexView::setFileContent(pipeline::FileContent &content)
{
    setSource(readerFor(content), content.size());
}

void HexView::clear()
{
    setSource({}, 0);
}

std::uint64_t HexView::lineCount() const
{
    return (m_size + kBytesPerLine - 1) / kBytesPerLine;
}

int HexView::lineHeight() const
{
    return fontMetrics().height() + 2;
}

int HexView::headerHeight() const
{
    return lineHeight() + 6;
}

int HexView::visibleLineCount() const
{
    return std::max(1, (viewport()->height() - headerHeight()) / lineHeight());
}

std::uint64_t HexView::maxTopLine() const
{
    const auto visible = static_cast<std::uint64_t>(visibleLineCount());
    return lineCount() > visible ? lineCount() - visible : 0;
}

void HexView::scrollToLine(std::uint64_t line)
{
    m_topLine = std::min(line, maxTopLine());
    updateScrollBar();
    viewport()->update();
}

void HexView::updateScrollBar()
{
    const std::uint64_t maxTop = maxTopLine();
    const int sbMax = static_cast<int>(std::min<std::uint64_t>(maxTop, kMaxScrollValue));
    m_syncingScrollBar = true;
    verticalScrollBar()->setRange(0, sbMax);
    verticalScrollBar()->setPageStep(visibleLineCount());
    const auto value = maxTop ? static_cast<long double>(m_topLine) * sbMax / maxTop : 0.0L;
    verticalScrollBar()->setValue(static_cast<int>(value));
    const Columns c = columns();
    horizontalScrollBar()->setRange(0, std::max(0, c.end - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    m_syncingScrollBar = false;
}

void HexView::scrollContentsBy(int, int)
{
    if (m_syncingScrollBar)
        return;
    const std::uint64_t maxTop = maxTopLine();
    const int sbMax = verticalScrollBar()->maximum();
    m_topLine = sbMax ? static_cast<std::uint64_t>(static_cast<long double>(verticalScrollBar()->value()) * maxTop / sbMax)
                      : 0;
    viewport()->update();
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_topLine = std::min(m_topLine, maxTopLine());
    updateScrollBar();
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    const auto page = static_cast<std::uint64_t>(std::max(1, visibleLineCount() - 1));
    switch (event->key()) {
    case Qt::Key_Down: scrollToLine(m_topLine + 1); break;
    case Qt::Key_Up: scrollToLine(m_topLine ? m_topLine - 1 : 0); break;
    case Qt::Key_PageDown: scrollToLine(m_topLine + page); break;
    case Qt::Key_PageUp: scrollToLine(m_topLine > page ? m_topLine - page : 0); break;
    case Qt::Key_Home: scrollToLine(0); break;
    case Qt::Key_End: scrollToLine(maxTopLine()); break;
    default: QAbstractScrollArea::keyPressEvent(event); return;
    }
    event->accept();
}

void HexView::fillCache(std::uint64_t offset)
{
    m_cacheOffset = offset - offset % kBlock;
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, m_size - m_cacheOffset));
    m_cache.resize(static_cast<qsizetype>(want));
    std::size_t done = 0;
    m_cacheOk = true;
    while (done < want) {
        auto n = m_reader(m_cacheOffset + done, m_cache.data() + done, want - done);
        if (!n) {
            m_cacheOk = false;
            m_lastError = QString::fromStdString(n.error().toString());
            return;
        }
        if (*n == 0)
            break;
        done += *n;
    }
    m_cache.resize(static_cast<qsizetype>(done));
}

QByteArray HexView::bytesForLine(std::uint64_t line, bool *ok)
{
    *ok = true;
    const std::uint64_t offset = line * kBytesPerLine;
    if (!m_reader || offset >= m_size)
        return {};
    if (m_cache.isEmpty() || offset < m_cacheOffset || offset >= m_cacheOffset + kBlock)
        fillCache(offset);
    const auto len = static_cast<qsizetype>(std::min<std::uint64_t>(kBytesPerLine, m_size - offset));
    *ok = m_cacheOk;
    if (!m_cacheOk)
        return QByteArray(len, '\0');
    return m_cache.mid(static_cast<qsizetype>(offset - m_cacheOffset), len);
}

int HexView::offsetDigits() const
{
    return m_size > 0xFFFFFFFFull ? 12 : 8;
}

QString HexView::formatLine(std::uint64_t line)
{
    bool ok = true;
    const QByteArray bytes = bytesForLine(line, &ok);
    const QString offset = QStringLiteral("%1").arg(line * kBytesPerLine, offsetDigits(), 16, QLatin1Char('0')).toUpper();
    return offset + QStringLiteral("  ") + hexPart(bytes, ok).leftJustified(kHexChars, QLatin1Char(' ')) +
           QStringLiteral(" |") + asciiPart(bytes, ok) + QLatin1Char('|');
}

HexView::Columns HexView::columns() const
{
    const int cw = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    Columns c{};
    c.offset = kMargin;
    c.hex = c.offset + (offsetDigits() + kGapChars) * cw;
    c.ascii = c.hex + (kHexChars + kGapChars) * cw;
    c.end = c.ascii + kBytesPerLine * cw + kMargin;
    return c;
}

void HexView::paintHeader(QPainter &p, const Columns &c)
{
    const QPalette &pal = palette();
    p.fillRect(QRect(0, 0, viewport()->width() + horizontalScrollBar()->value(), headerHeight()), pal.window());
    p.setPen(pal.color(QPalette::WindowText));
    const int base = (headerHeight() + fontMetrics().ascent() - fontMetrics().descent()) / 2;
    p.drawText(c.offset, base, tr("Offset"));
    QString cols;
    for (int i = 0; i < kBytesPerLine; ++i)
        cols += (i == kBytesPerLine / 2 ? QStringLiteral(" ") : QString()) + QStringLiteral("%1 ").arg(i, 2, 16, QLatin1Char('0')).toUpper();
    p.drawText(c.hex, base, cols.trimmed());
    p.drawText(c.ascii, base, tr("Text"));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, headerHeight() - 1, c.end + viewport()->width(), headerHeight() - 1);
}

void HexView::paintLine(QPainter &p, const Columns &c, std::uint64_t line, int y)
{
    bool ok = true;
    const QByteArray bytes = bytesForLine(line, &ok);
    const QPalette &pal = palette();
    const int base = y + fontMetrics().ascent() + 1;
    if (line % 2)
        p.fillRect(QRect(0, y, c.end + viewport()->width(), lineHeight()), pal.alternateBase());
    p.setPen(pal.color(QPalette::Disabled, QPalette::Text));
    p.drawText(c.offset, base, QStringLiteral("%1").arg(line * kBytesPerLine, offsetDigits(), 16, QLatin1Char('0')).toUpper());
    p.setPen(ok ? pal.color(QPalette::Text) : QColor(200, 40, 40));
    p.drawText(c.hex, base, hexPart(bytes, ok));
    p.setPen(pal.color(QPalette::Text));
    p.drawText(c.ascii, base, asciiPart(bytes, ok));
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.setFont(font());
    p.translate(-horizontalScrollBar()->value(), 0);
    const Columns c = columns();
    const int lines = visibleLineCount() + 1;
    for (int i = 0; i < lines && m_topLine + static_cast<std::uint64_t>(i) < lineCount(); ++i)
        paintLine(p, c, m_topLine + static_cast<std::uint64_t>(i), headerHeight() + i * lineHeight());
    paintHeader(p, c);
    p.setPen(palette().color(QPalette::Midlight));
    const int sepX1 = c.hex - fontMetrics().horizontalAdvance(QLatin1Char('0')) * kGapChars / 2 - 1;
    const int sepX2 = c.ascii - fontMetrics().horizontalAdvance(QLatin1Char('0')) * kGapChars / 2 - 1;
    p.drawLine(sepX1, 0, sepX1, viewport()->height());
    p.drawLine(sepX2, 0, sepX2, viewport()->height());
    if (m_size == 0) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        p.drawText(QRect(0, headerHeight(), c.end, lineHeight() * 2), Qt::AlignCenter, m_reader ? tr("(empty file)") : tr("No file"));
    }
}

QSize HexView::sizeHint() const
{
    return {columns().end + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(), 24 * lineHeight()};
}

} // namespace vigil::ui
