// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/sourceformat.h"

#include <QComboBox>
#include <QObject>

#include "core/casedb/mediaquery.h"
#include "core/casedb/messagequery.h"
#include "core/casedb/queries.h"

namespace vigil::ui {

namespace {

QString carveText(const FileOrigin &o)
{
    const QString at = o.originOffset ? QObject::tr(" at byte offset %1").arg(hexOffset(*o.originOffset)) : QString();
    QString text = o.parentId ? QObject::tr("Carved from the slack of file #%1%2").arg(*o.parentId).arg(at)
                              : QObject::tr("Carved from unallocated space%1 of the evidence").arg(at);
    if (o.carveStatus == "partial")
        text += QObject::tr(" — partial") + (o.carveNote.empty() ? QString() : QStringLiteral(": ") + QString::fromStdString(o.carveNote));
    else if (!o.carveNote.empty())
        text += QStringLiteral(" — ") + QString::fromStdString(o.carveNote);
    return text;
}

} // namespace

FileOrigin originOf(const casedb::FileRow &f)
{
    return {f.origin, f.allocated, f.parentId, f.originOffset, f.carveStatus, f.carveNote};
}

FileOrigin originOf(const casedb::MediaRow &m)
{
    return {m.origin, !m.deleted, m.parentId, m.originOffset, m.carveStatus, m.carveNote};
}

QString sourceBadge(const FileOrigin &o)
{
    if (o.origin == "carved")
        return o.carveStatus == "partial" ? QObject::tr("carved · partial") : QObject::tr("carved");
    if (o.origin == "member")
        return QObject::tr("archive member");
    if (o.origin == "embedded")
        return QObject::tr("embedded");
    if (o.origin != "fs" && !o.origin.empty())
        return QString::fromStdString(o.origin);
    return o.allocated ? QString() : QObject::tr("deleted");
}

QColor sourceColour(const FileOrigin &o)
{
    if (o.origin == "carved")
        return QColor(0x6A, 0x1B, 0x9A);   // purple
    if (o.origin == "member" || o.origin == "embedded")
        return QColor(0x00, 0x69, 0x5C);   // teal
    return QColor(0xB0, 0x3A, 0x2E);       // deleted: the red of deleted rows
}

QString originText(const FileOrigin &o)
{
    if (o.origin == "carved")
        return carveText(o);
    const QString parent = o.parentId ? QObject::tr(" file #%1").arg(*o.parentId) : QObject::tr(" another file");
    if (o.origin == "member")
        return QObject::tr("Member of the archive") + parent;
    if (o.origin == "embedded")
        return QObject::tr("Embedded in") + parent +
               (o.originOffset ? QObject::tr(" at byte offset %1").arg(hexOffset(*o.originOffset)) : QString());
    if (o.origin != "fs" && !o.origin.empty())
        return QString::fromStdString(o.origin);
    return o.allocated ? QObject::tr("File-system entry (allocated)")
                       : QObject::tr("Deleted file-system entry (recovered from the file system's records)");
}

QString hexOffset(std::int64_t offset)
{
    return QStringLiteral("0x%1").arg(static_cast<qulonglong>(offset), 0, 16);
}

QString recoveryPlaceText(const std::string &from)
{
    if (from == "freeblock")
        return QObject::tr("a freeblock");
    if (from == "unallocated")
        return QObject::tr("unallocated page space");
    if (from == "freelist")
        return QObject::tr("the freelist");
    if (from == "wal")
        return QObject::tr("an old WAL frame");
    if (from == "superseded")
        return QObject::tr("an older version of a page the WAL replaced");
    if (from == "journal")
        return QObject::tr("the rollback journal");
    return from.empty() ? QObject::tr("deleted space") : QString::fromStdString(from);
}

QString recordStateText(const casedb::RecordProvenance &p)
{
    if (p.recordSource == "wal")
        return QObject::tr("only in the write-ahead log (not yet written into the database file)");
    if (p.recordSource != "recovered")
        return QObject::tr("live row of the database");
    QString text = QObject::tr("recovered from %1").arg(recoveryPlaceText(p.recoveredFrom));
    if (p.sourceOffset)
        text += QObject::tr(" at byte offset %1 (%2)").arg(hexOffset(*p.sourceOffset)).arg(*p.sourceOffset);
    return text;
}

QString databaseSourceText(const std::string &fileSource)
{
    if (fileSource == "deleted")
        return QObject::tr("a deleted database");
    if (fileSource == "carved")
        return QObject::tr("a carved database");
    if (fileSource == "member")
        return QObject::tr("a database in an archive");
    if (fileSource == "embedded")
        return QObject::tr("a database embedded in another file");
    return {};
}

QList<QPair<QString, casedb::SourceFilter>> sourceChoices(bool records)
{
    using casedb::SourceFilter;
    QList<QPair<QString, SourceFilter>> out = {
        {QObject::tr("All sources"), SourceFilter::All},  {QObject::tr("Live"), SourceFilter::Live},
        {QObject::tr("Deleted"), SourceFilter::Deleted},  {QObject::tr("Carved"), SourceFilter::Carved},
        {QObject::tr("Recovered"), SourceFilter::Recovered}, {QObject::tr("Nested"), SourceFilter::Nested},
    };
    if (records)
        out.append({QObject::tr("WAL only"), SourceFilter::Wal});
    return out;
}

QString sourceChoiceHelp(casedb::SourceFilter filter, bool records)
{
    using casedb::SourceFilter;
    switch (filter) {
    case SourceFilter::All: return QObject::tr("Everything, whatever its source");
    case SourceFilter::Live:
        return records ? QObject::tr("Live rows (and WAL-only rows) of databases that are live files")
                       : QObject::tr("Allocated file-system entries");
    case SourceFilter::Deleted:
        return records ? QObject::tr("Rows recovered from a database's deleted space, and every row of a deleted "
                                     "database file")
                       : QObject::tr("Deleted file-system entries");
    case SourceFilter::Carved:
        return records ? QObject::tr("Rows of databases carved from unallocated space or slack")
                       : QObject::tr("Carved from unallocated space or from file slack");
    case SourceFilter::Recovered: return QObject::tr("Deleted and carved together: everything recovered");
    case SourceFilter::Nested:
        return records ? QObject::tr("Rows of databases inside archives or other files")
                       : QObject::tr("Archive members and files embedded in other files");
    case SourceFilter::Wal: return QObject::tr("Rows that exist only in the write-ahead log");
    }
    return {};
}

void fillSourceBox(QComboBox *box, bool records)
{
    box->clear();
    for (const auto &[label, filter] : sourceChoices(records)) {
        box->addItem(label, int(filter));
        box->setItemData(box->count() - 1, sourceChoiceHelp(filter, records), Qt::ToolTipRole);
    }
}

} // namespace vigil::ui
