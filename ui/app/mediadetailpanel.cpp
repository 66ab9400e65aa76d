// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/mediadetailpanel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>

#include <algorithm>
#include <utility>
#include <vector>

#include "core/casedb/mediaquery.h"
#include "ui/models/mediagridmodel.h"
#include "ui/models/modelformat.h"
#include "ui/models/sourceformat.h"

namespace vigil::ui {

namespace {

QString orNone(const QString &s)
{
    return s.isEmpty() ? QObject::tr("none") : s;
}

QString joined(const std::vector<QString> &parts, const QString &sep = QStringLiteral(" "))
{
    QStringList list;
    for (const auto &s : parts)
        if (!s.isEmpty())
            list << s;
    return list.join(sep);
}

// A PDQ hash in four groups of 16 hex digits, so it wraps in a narrow panel.
QString pdqText(const casedb::MediaRow &m)
{
    if (m.pdq.empty())
        return QObject::tr("not computed");
    QString hex = fromStd(m.pdq);
    for (qsizetype at = hex.size() - 16; at > 0; at -= 16)
        hex.insert(at, QLatin1Char(' '));
    return m.pdqQuality ? hex + QObject::tr(" (quality %1)").arg(*m.pdqQuality) : hex;
}

bool isHashField(const QString &label)
{
    return label == QObject::tr("MD5") || label == QObject::tr("SHA-1") || label == QObject::tr("PDQ") ||
           label == QObject::tr("pHash");
}

// Values that must not break inside (hashes, a time): they move under their label instead.
bool isUnbreakable(const QString &label)
{
    return label != QObject::tr("PDQ") && (isHashField(label) || label == QObject::tr("Captured (UTC)"));
}

QString gpsText(const casedb::MediaRow &m)
{
    if (!m.gpsLat || !m.gpsLon)
        return {};
    QString text = QStringLiteral("%1, %2").arg(*m.gpsLat, 0, 'f', 6).arg(*m.gpsLon, 0, 'f', 6);
    if (m.gpsAlt)
        text += QObject::tr(" (altitude %1 m)").arg(*m.gpsAlt, 0, 'f', 1);
    return text;
}

QString gradingText(const casedb::MediaRow &m)
{
    if (m.category.empty())
        return QObject::tr("Ungraded");
    const QString source = m.categorySource == "hashset" ? QObject::tr("pre-graded by hash set")
                                                          : QObject::tr("graded by the analyst");
    return QStringLiteral("%1 (%2) — %3").arg(categoryLabel(m.category), fromStd(m.category), source);
}

QString facesText(const casedb::MediaRow &m)
{
    if (m.faceCount == 0)
        return QObject::tr("no faces found");
    QStringList groups;
    for (auto g : m.faceGroups)
        groups << QString::number(g);
    return QObject::tr("%n face(s); groups: %1", nullptr, static_cast<int>(m.faceCount)).arg(orNone(groups.join(", ")));
}

QString nearDupText(const casedb::MediaRow &m)
{
    return m.nearDupGroup
               ? QObject::tr("group %1 (%n media)", nullptr, static_cast<int>(m.nearDupSize)).arg(*m.nearDupGroup)
               : QObject::tr("none");
}

QString stateText(const casedb::MediaRow &m)
{
    if (m.origin == "carved")
        return QObject::tr("carved (not in the file system)");
    return m.deleted ? QObject::tr("deleted") : QObject::tr("allocated");
}

// Everything known about one media, as (label, value) pairs; empty values are left out.
std::vector<std::pair<QString, QString>> detailFields(const casedb::MediaRow &m)
{
    std::vector<std::pair<QString, QString>> f = {
        {QObject::tr("Name"), fromStd(m.name)},
        {QObject::tr("Path"), fromStd(m.path)},
        {QObject::tr("Size"), humanSize(m.size) + QStringLiteral(" (") + exactBytes(m.size) + QStringLiteral(")")},
        {QObject::tr("State"), stateText(m)},
        {QObject::tr("Source"), m.origin == "fs" ? QString() : originText(originOf(m))},
        {QObject::tr("MD5"), orNone(fromStd(m.md5))},
        {QObject::tr("SHA-1"), orNone(fromStd(m.sha1))},
        {QObject::tr("Type"), joined({fromStd(m.kind), fromStd(m.format), fromStd(m.codec)}, QStringLiteral(" · "))},
        {QObject::tr("Dimensions"), m.width > 0 ? QObject::tr("%1 × %2 px").arg(m.width).arg(m.height) : QString()},
        {QObject::tr("Duration"), m.durationMs ? durationText(*m.durationMs) : QString()},
        {QObject::tr("PDQ"), pdqText(m)},
        {QObject::tr("pHash"), orNone(fromStd(m.phash))},
        {QObject::tr("Captured (UTC)"), isoTime(m.capturedUtc)},
        {QObject::tr("Captured (EXIF)"), joined({fromStd(m.capturedRaw), fromStd(m.tzOffset)})},
        {QObject::tr("Camera"), joined({fromStd(m.cameraMake), fromStd(m.cameraModel)})},
        {QObject::tr("Camera serial"), fromStd(m.cameraSerial)},
        {QObject::tr("Software"), fromStd(m.software)},
        {QObject::tr("GPS"), gpsText(m)},
        {QObject::tr("Hash sets"),
         orNone(fromStd(m.hashSets)) + (m.knownGood ? QObject::tr(" (known-good)") : QString())},
        {QObject::tr("Grading"), gradingText(m)},
        {QObject::tr("Near-duplicates"), nearDupText(m)},
        {QObject::tr("Faces"), facesText(m)},
        {QObject::tr("Analysis"), joined({fromStd(m.status), fromStd(m.note)}, QStringLiteral(": "))},
    };
    std::erase_if(f, [](const auto &field) { return field.second.isEmpty(); });
    return f;
}

QString labelText(QLayoutItem *item)
{
    auto *label = item ? qobject_cast<QLabel *>(item->widget()) : nullptr;
    return label ? label->text() : QString();
}

} // namespace

MediaDetailPanel::MediaDetailPanel(QWidget *parent) : QWidget(parent), m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("mediaDetail"));
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);   // a hash goes under its label when narrow
}

void MediaDetailPanel::setMedia(const casedb::MediaRow *media)
{
    clear();
    if (!media) {
        m_form->addRow(new QLabel(tr("Select a picture or video to see its details."), this));
        return;
    }
    for (const auto &[label, value] : detailFields(*media))
        addField(label, value);
}

void MediaDetailPanel::clear()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
}

void MediaDetailPanel::addField(const QString &label, const QString &value)
{
    auto *text = new QLabel(value, this);
    text->setTextFormat(Qt::PlainText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text->setWordWrap(!isUnbreakable(label));
    if (isHashField(label)) {
        QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        mono.setPointSizeF(std::max(6.0, font().pointSizeF() - 1));
        text->setFont(mono);
    }
    m_form->addRow(new QLabel(label + QLatin1Char(':'), this), text);
}

QString MediaDetailPanel::detailText() const
{
    QStringList lines;
    for (int r = 0; r < m_form->rowCount(); ++r) {
        auto *label = m_form->itemAt(r, QFormLayout::LabelRole);
        auto *field = m_form->itemAt(r, QFormLayout::FieldRole);
        lines << (label ? labelText(label) + QLatin1Char(' ') + labelText(field) : labelText(field));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace vigil::ui
