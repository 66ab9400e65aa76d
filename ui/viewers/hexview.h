// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QString>

#include "ui/viewers/bytereader.h"

namespace vigil::ui {

// Classic hex dump: offset | 16 bytes in hex | ASCII. Paints only the visible lines and
// reads just those bytes on demand, so files of any size (many GiB) open instantly.
class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    static constexpr int kBytesPerLine = 16;

    explicit HexView(QWidget *parent = nullptr);

    void setSource(ByteReader reader, std::uint64_t size);
    void setFileContent(pipeline::FileContent &content);   // the caller keeps it alive
    void clear();

    std::uint64_t size() const { return m_size; }
    std::uint64_t lineCount() const;
    std::uint64_t topLine() const { return m_topLine; }
    int visibleLineCount() const;
    void scrollToLine(std::uint64_t line);
    // One line as painted: "00000010  48 65 6c 6c 6f ...  |Hello...|".
    QString formatLine(std::uint64_t line);
    QString lastError() const { return m_lastError; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Columns {
        int offset, hex, ascii, end;
    };
    QByteArray bytesForLine(std::uint64_t line, bool *ok);
    void fillCache(std::uint64_t offset);
    int offsetDigits() const;
    Columns columns() const;
    int lineHeight() const;
    int headerHeight() const;
    std::uint64_t maxTopLine() const;
    void updateScrollBar();
    void paintHeader(QPainter &p, const Columns &c);
    void paintLine(QPainter &p, const Columns &c, std::uint64_t line, int y);

    ByteReader m_reader;
    std::uint64_t m_size = 0;
    std::uint64_t m_topLine = 0;
    std::uint64_t m_cacheOffset = 0;
    QByteArray m_cache;
    bool m_cacheOk = false;
    QString m_lastError;
    bool m_syncingScrollBar = false;
};

} // namespace vigil::ui
