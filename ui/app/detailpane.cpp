// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/detailpane.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSettings>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/casedb/casestore.h"
#include "core/casedb/filequery.h"
#include "core/casedb/messagequery.h"
#include "core/pipeline/filecontent.h"
#include "core/util/hashing.h"
#include "core/util/timeutil.h"
#include "ui/models/sourceformat.h"
#include "ui/viewers/hexview.h"
#include "ui/viewers/imagepreview.h"
#include "ui/viewers/textview.h"

namespace vigil::ui {

namespace {

constexpr std::uint64_t kImageLimit = 64ull << 20;

QString esc(const std::string &s) { return QString::fromStdString(s).toHtmlEscaped(); }

QString time(const std::optional<std::int64_t> &t)
{
    return t ? QString::fromStdString(toIso8601(*t)) : QStringLiteral("—");
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='color:#666;padding-right:12px'>%1</td><td>%2</td></tr>").arg(label, value);
}

QString mono(const std::string &s)
{
    return s.empty() ? QStringLiteral("—") : QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(esc(s));
}

QString inode(const casedb::FileRow &f)
{
    QString s = f.metaAddr ? QString::number(*f.metaAddr) : QStringLiteral("—");
    if (f.attrType && f.attrId)
        s += QStringLiteral("-%1-%2").arg(*f.attrType).arg(*f.attrId);
    return s;
}

QString stateText(const casedb::FileRow &f)
{
    if (f.origin == "carved")
        return QObject::tr("<b style='color:#6a1b9a'>carved</b> (not a file-system entry)");
    if (f.allocated)
        return QObject::tr("allocated");
    return f.reallocated ? QObject::tr("deleted (name reused)") : QObject::tr("<b style='color:#b00'>deleted</b>");
}

// Where a carved, nested or deleted file came from, with its parent's path when it has one.
QString sourceRow(const casedb::FileRow &f, const QString &parentPath)
{
    if (f.origin == "fs" && f.allocated)
        return {};
    QString text = originText(originOf(f)).toHtmlEscaped();
    if (!parentPath.isEmpty())
        text += QObject::tr("<br>Parent: %1").arg(parentPath.toHtmlEscaped());
    return row(QObject::tr("Source"), text);
}

QString describe(const casedb::FileRow &f, const QString &parentPath)
{
    const QLocale locale;
    const QString state = stateText(f);
    QString html = QStringLiteral("<h3 style='margin:0 0 6px 0'>%1</h3><table cellspacing=2>").arg(esc(f.name.empty() ? f.path : f.name));
    html += row(QObject::tr("Path"), esc(f.path));
    html += row(QObject::tr("Size"), QObject::tr("%1 (%2 bytes)").arg(locale.formattedDataSize(f.size), locale.toString(f.size)));
    html += row(QObject::tr("State"), state + (f.orphan ? QObject::tr(", orphan") : QString()));
    html += sourceRow(f, parentPath);
    html += row(QObject::tr("Type"), esc(f.sigType.empty() ? "unknown" : f.sigType) +
                                        (f.extMismatch.value_or(false) ? QObject::tr(" — <b>extension mismatch</b>") : QString()));
    html += row(QObject::tr("Modified"), time(f.mtime)) + row(QObject::tr("Accessed"), time(f.atime));
    html += row(QObject::tr("Changed"), time(f.ctime)) + row(QObject::tr("Created"), time(f.crtime));
    html += row(QStringLiteral("MD5"), mono(f.md5)) + row(QStringLiteral("SHA-1"), mono(f.sha1));
    if (!f.sha256.empty())
        html += row(QStringLiteral("SHA-256"), mono(f.sha256));
    html += QStringLiteral("</table><h4 style='margin:10px 0 4px 0'>%1</h4><table cellspacing=2>").arg(QObject::tr("Provenance"));
    html += row(QObject::tr("Evidence"), QStringLiteral("#%1 %2").arg(f.evidenceId).arg(esc(f.evidenceName)));
    if (f.volumeOffset)
        html += row(QObject::tr("File system"), QObject::tr("%1 at byte offset %2").arg(esc(f.fsType)).arg(*f.volumeOffset));
    html += row(QObject::tr("Inode"), inode(f));
    html += row(QObject::tr("Content at"), f.sourceOffset ? QObject::tr("byte offset %1 of the media").arg(*f.sourceOffset)
                                                          : QStringLiteral("—"));
    html += row(QObject::tr("Content"), esc(f.contentStatus));
    html += row(QObject::tr("Case file id"), QString::number(f.id));
    return html + QStringLiteral("</table>");
}

QString recordSourceText(const casedb::RecordProvenance &p)
{
    QString text = recordStateText(p).toHtmlEscaped();
    if (p.recordSource != "live")
        text = QStringLiteral("<b style='color:#b03a2e'>%1</b>").arg(text);
    if (p.recordSource == "wal")
        text += QObject::tr(" — the -wal file read with the database");
    return text;
}

// "WAL /a/b.db-wal (case file id 9)" for each file read together with the database.
QString companionsText(const std::string &json)
{
    QStringList parts;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    for (const auto &v : doc.array()) {
        const auto o = v.toObject();
        const QString role = o.value("role").toString() == "wal" ? QObject::tr("write-ahead log") : QObject::tr("journal");
        parts << QObject::tr("%1 %2 (case file id %3)").arg(role, o.value("path").toString().toHtmlEscaped())
                     .arg(o.value("file_id").toInteger());
    }
    return parts.join(QStringLiteral("<br>"));
}

QString describeMessage(const casedb::MessageRow &m)
{
    const auto &p = m.prov;
    QString html = QStringLiteral("<h3 style='margin:0 0 6px 0'>%1</h3><table cellspacing=2>").arg(QObject::tr("Message"));
    html += row(QObject::tr("App"), esc(m.appName)) + row(QObject::tr("Conversation"), esc(m.conversation));
    html += row(QObject::tr("Sent (UTC)"), time(m.sentAt)) + row(QObject::tr("Direction"), esc(m.direction));
    html += row(QObject::tr("Sender"), esc(m.sender.empty() ? "unknown" : m.sender));
    html += row(QObject::tr("Status"), esc(m.status.empty() ? "—" : m.status)) + row(QObject::tr("Type"), esc(m.type));
    if (m.deletedInApp)
        html += row(QObject::tr("Deleted"), QObject::tr("<b style='color:#b03a2e'>marked deleted in the app</b>"));
    html += row(QObject::tr("Text"), esc(m.body).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    html += QStringLiteral("</table><h4 style='margin:10px 0 4px 0'>%1</h4><table cellspacing=2>").arg(QObject::tr("Read from"));
    html += row(QObject::tr("Database"), esc(p.filePath) + QObject::tr(" (case file id %1)").arg(p.fileId));
    if (const QString db = databaseSourceText(p.fileSource); !db.isEmpty())
        html += row(QObject::tr("Database state"), QStringLiteral("<b style='color:#b03a2e'>%1</b>").arg(db.toHtmlEscaped()));
    html += row(QObject::tr("Table / row"), esc(p.sourceTable) + QStringLiteral(" / ")
                                               + (p.sourceRowid ? QString::number(*p.sourceRowid) : QStringLiteral("—")));
    if (p.sourceOffset)
        html += row(QObject::tr("Byte offset"), QString::number(*p.sourceOffset));
    html += row(QObject::tr("State"), recordSourceText(p));
    html += row(QObject::tr("Parser"), esc(p.parser + " " + p.parserVersion));
    if (const QString with = companionsText(p.companions); !with.isEmpty())
        html += row(QObject::tr("Read with"), with);
    html += row(QObject::tr("Case message id"), QString::number(m.id));
    return html + QStringLiteral("</table><hr>");
}

QString parentPath(casedb::Database &db, const casedb::FileRow &f)
{
    if (!f.parentId)
        return {};
    auto parent = casedb::fileById(db, *f.parentId);
    return parent && *parent ? QStringLiteral("%1 (case file id %2)").arg(QString::fromStdString((*parent)->path)).arg(*f.parentId)
                             : QString();
}

bool isImage(const casedb::FileRow &f)
{
    return QString::fromStdString(f.sigMime).startsWith(QLatin1String("image/"));
}

} // namespace

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent), m_meta(new QTextBrowser(this)), m_tabs(new QTabWidget(this)), m_hex(new HexView(this)),
      m_text(new TextView(this)), m_image(new ImagePreview(this))
{
    QFont hexFont = m_hex->font();   // a point smaller, so 16 bytes a line fit the pane
    hexFont.setPointSizeF(hexFont.pointSizeF() - 1);
    m_hex->setFont(hexFont);
    m_meta->setOpenLinks(false);
    m_meta->setPlaceholderText(tr("Select a file to see its metadata, hashes and provenance."));
    m_tabs->addTab(m_meta, tr("&Metadata"));
    m_tabs->addTab(m_hex, tr("&Hex"));
    m_tabs->addTab(m_text, tr("&Text"));
    m_tabs->addTab(m_image, tr("&Image"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tabs);
    connect(m_image, &ImagePreview::revealed, this, [this] { emit revealed(m_fileId); });
    QSettings settings;
    m_image->setSettings(BlurSettings::load(settings));
    setMinimumWidth(420);
}

DetailPane::~DetailPane() = default;

void DetailPane::setCase(const QString &caseDir)
{
    m_caseDir = caseDir;
    m_fileId = 0;
    m_meta->clear();
}

void DetailPane::showFile(qint64 fileId)
{
    showFileWith(fileId, {});
}

void DetailPane::showFileWith(qint64 fileId, const QString &header)
{
    m_fileId = fileId;
    auto db = casedb::CaseStore::openReadOnly(m_caseDir.toStdString());
    auto file = db ? casedb::fileById(*db, fileId) : std::unexpected(db.error());
    if (!file || !*file) {
        m_meta->setPlainText(file ? tr("File %1 is not in the case.").arg(fileId)
                                  : QString::fromStdString(file.error().toString()));
        return;
    }
    m_meta->setHtml(header + describe(**file, parentPath(*db, **file)));
    loadViewers();
    if (isImage(**file))
        m_tabs->setCurrentWidget(m_image);
    else if (m_tabs->currentWidget() == m_image)
        m_tabs->setCurrentWidget(m_meta);
}

void DetailPane::showMessage(const casedb::MessageRow &message)
{
    showFileWith(message.prov.fileId, describeMessage(message));
    m_tabs->setCurrentWidget(m_meta);
}

void DetailPane::loadViewers()
{
    m_hex->clear();
    m_text->clear();
    m_image->clear();
    m_content.reset();
    auto content = pipeline::FileContent::open(m_caseDir.toStdString(), m_fileId);
    if (!content)
        return;
    m_content = std::move(*content);
    m_hex->setFileContent(*m_content);
    m_text->setFileContent(*m_content);
    if (m_content->size() == 0 || m_content->size() > kImageLimit)
        return;
    QByteArray bytes(static_cast<qsizetype>(m_content->size()), Qt::Uninitialized);
    auto n = m_content->read(0, bytes.data(), static_cast<std::size_t>(bytes.size()));
    if (n && *n > 0) {
        bytes.truncate(static_cast<qsizetype>(*n));
        m_image->setImageData(bytes);
    }
}

QString DetailPane::exportCurrent(const QString &target, QString *md5)
{
    auto content = pipeline::FileContent::open(m_caseDir.toStdString(), m_fileId);
    if (!content)
        return QString::fromStdString(content.error().toString());
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(target, out.errorString());
    MultiHasher hasher(HashMd5);
    std::vector<char> buffer(1 << 20);
    for (std::uint64_t offset = 0; offset < (*content)->size();) {
        auto n = (*content)->read(offset, buffer.data(), buffer.size());
        if (!n || *n == 0)
            return n ? tr("The content ended early") : QString::fromStdString(n.error().toString());
        hasher.update(buffer.data(), *n);
        if (out.write(buffer.data(), static_cast<qint64>(*n)) != static_cast<qint64>(*n))
            return tr("Cannot write %1: %2").arg(target, out.errorString());
        offset += *n;
    }
    if (md5)
        *md5 = QString::fromStdString(hasher.finish().md5);
    return {};
}

void DetailPane::setBlurSettings(const BlurSettings &settings)
{
    m_image->setSettings(settings);
}

QString DetailPane::metadataText() const
{
    return m_meta->toPlainText();
}

} // namespace vigil::ui
