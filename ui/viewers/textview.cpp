// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/textview.h"

#include <algorithm>

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "core/pipeline/filecontent.h"

namespace vigil::ui {

namespace {

Result<QByteArray> readHead(const ByteReader &reader, std::uint64_t size, std::uint64_t limit)
{
    QByteArray bytes(static_cast<qsizetype>(std::min(size, limit)), '\0');
    std::size_t done = 0;
    while (done < static_cast<std::size_t>(bytes.size())) {
        auto n = reader(done, bytes.data() + done, static_cast<std::size_t>(bytes.size()) - done);
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        done += *n;
    }
    bytes.resize(static_cast<qsizetype>(done));
    return bytes;
}

} // namespace

TextView::TextView(QWidget *parent) : QWidget(parent)
{
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setContentsMargins(6, 4, 6, 4);
    m_edit = new QPlainTextEdit(this);
    m_edit->setReadOnly(true);
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(10.0, mono.pointSizeF()));
    m_edit->setFont(mono);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_status);
    layout->addWidget(m_edit, 1);
    setFocusProxy(m_edit);
    clear();
}

void TextView::setSource(const ByteReader &reader, std::uint64_t size)
{
    auto bytes = readHead(reader, size, m_limit);
    if (!bytes) {
        showError(tr("Cannot read the file: %1").arg(QString::fromStdString(bytes.error().toString())));
        return;
    }
    setBytes(*bytes, size);
}

void TextView::setFileContent(pipeline::FileContent &content)
{
    setSource(readerFor(content), content.size());
}

void TextView::setBytes(const QByteArray &bytes, std::uint64_t totalSize)
{
    m_encoding = detectEncoding(bytes);
    m_edit->setPlainText(decodeText(bytes, m_encoding));
    QString status = tr("Encoding: %1").arg(encodingName(m_encoding));
    if (totalSize > static_cast<std::uint64_t>(bytes.size()))
        status += tr("  ·  showing the first %1 of %2")
                      .arg(QLocale().formattedDataSize(bytes.size()), QLocale().formattedDataSize(static_cast<qint64>(totalSize)));
    m_status->setText(status);
}

void TextView::clear()
{
    m_edit->clear();
    m_status->setText(tr("No file"));
}

void TextView::showError(const QString &message)
{
    m_edit->clear();
    m_status->setText(message);
}

QString TextView::text() const
{
    return m_edit->toPlainText();
}

QString TextView::statusText() const
{
    return m_status->text();
}

} // namespace vigil::ui
