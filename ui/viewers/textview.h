// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QWidget>

#include "ui/viewers/bytereader.h"
#include "ui/viewers/textencoding.h"

class QLabel;
class QPlainTextEdit;

namespace vigil::ui {

// The start of a file as read-only text, in the encoding detected from its bytes.
class TextView : public QWidget {
    Q_OBJECT
public:
    static constexpr std::uint64_t kDefaultLimit = 4ull << 20;   // bytes shown

    explicit TextView(QWidget *parent = nullptr);

    void setLimit(std::uint64_t bytes) { m_limit = bytes; }
    std::uint64_t limit() const { return m_limit; }
    // Reads the first limit() bytes of a source of `size` bytes.
    void setSource(const ByteReader &reader, std::uint64_t size);
    void setFileContent(pipeline::FileContent &content);
    void setBytes(const QByteArray &bytes, std::uint64_t totalSize);
    void clear();

    TextEncoding encoding() const { return m_encoding; }
    QString text() const;
    QString statusText() const;

private:
    void showError(const QString &message);

    QLabel *m_status = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    std::uint64_t m_limit = kDefaultLimit;
    TextEncoding m_encoding = TextEncoding::Utf8;
};

} // namespace vigil::ui
