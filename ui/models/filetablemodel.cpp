// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/filetablemodel.h"

#include <QBrush>
#include <QFont>

#include <array>

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"
#include "ui/models/sourceformat.h"

namespace vigil::ui {

using casedb::FileRow;

namespace {

QString stateText(const FileRow &f)
{
    if (f.origin == "carved")
        return QStringLiteral("unallocated");   // the bytes lie in unallocated space or slack
    if (f.allocated)
        return QStringLiteral("allocated");
    return f.reallocated ? QStringLiteral("deleted-realloc") : QStringLiteral("deleted");
}

QString mismatchText(const std::optional<bool> &m)
{
    if (!m)
        return {};
    return *m ? QStringLiteral("yes") : QStringLiteral("no");
}

std::optional<std::int64_t> timeOf(const FileRow &f, int column)
{
    switch (column) {
    case FileTableModel::Modified: return f.mtime;
    case FileTableModel::Accessed: return f.atime;
    case FileTableModel::Changed: return f.ctime;
    case FileTableModel::Created: return f.crtime;
    default: return std::nullopt;
    }
}

// The source marker stands out: bold for anything not live.
QVariant sourceFont(const FileRow &f)
{
    if (f.origin == "fs" && f.allocated)
        return {};
    QFont font;
    font.setBold(true);
    return font;
}

} // namespace

FileTableModel::FileTableModel(const std::filesystem::path &caseDir, QObject *parent) : QAbstractTableModel(parent)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        setError(errorText(db.error()));
        m_atEnd = true;
        return;
    }
    m_db = std::move(*db);
    fetchPage();
}

int FileTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FileTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FileTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FileRow &f = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return displayData(f, index.column());
    case Qt::ToolTipRole: return toolTipData(f, index.column());
    case FileIdRole: return QVariant::fromValue<qlonglong>(f.id);
    case Qt::ForegroundRole:
        if (index.column() == Source && f.origin != "fs")
            return QBrush(sourceColour(originOf(f)));
        return f.allocated ? QVariant() : QVariant(QBrush(deletedForeground()));
    case Qt::FontRole: return index.column() == Source ? sourceFont(f) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Size ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default: return {};
    }
}

QVariant FileTableModel::displayData(const FileRow &f, int column) const
{
    switch (column) {
    case Name: return fromStd(f.name);
    case Path: return fromStd(f.path);
    case Size: return humanSize(f.size);
    case State: return stateText(f);
    case Source: return sourceBadge(originOf(f));
    case Type: return fromStd(f.sigType);
    case Mismatch: return mismatchText(f.extMismatch);
    case Md5: return fromStd(f.md5);
    case Sha1: return fromStd(f.sha1);
    default: return isoTime(timeOf(f, column));
    }
}

QVariant FileTableModel::toolTipData(const FileRow &f, int column) const
{
    switch (column) {
    case Size: return exactBytes(f.size);
    case Type: return fromStd(f.sigMime);
    case Path: return fromStd(f.evidenceName + ": " + f.path);
    case Source: return originText(originOf(f));
    default: return {};
    }
}

QVariant FileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const std::array<const char *, ColumnCount> names = {
        "Name", "Path", "Size", "Source", "Modified", "Accessed", "Changed", "Created", "State", "Type", "Mismatch", "MD5",
        "SHA-1"};
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return tr(names[static_cast<std::size_t>(section)]);
    if (role == Qt::TextAlignmentRole && section == Size)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

// Not while rows are being inserted or reset: views and testers ask again from those signals.
bool FileTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_inserting;
}

void FileTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchPage();
}

// The next page after `afterId`; sets m_atEnd when there is no more.
std::vector<FileRow> FileTableModel::readPage(std::int64_t afterId)
{
    auto page = casedb::fetchFiles(m_db, m_filter, afterId, kPageSize);
    if (!page) {
        setError(errorText(page.error()));
        m_atEnd = true;
        return {};
    }
    m_atEnd = page->size() < static_cast<std::size_t>(kPageSize);
    return std::move(*page);
}

void FileTableModel::fetchPage()
{
    auto page = readPage(m_rows.empty() ? 0 : m_rows.back().id);
    if (page.empty())
        return;
    const int first = rowCount();
    m_inserting = true;
    beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    endInsertRows();
    m_inserting = false;
}

void FileTableModel::setFilter(const casedb::FileQueryFilter &filter)
{
    // The first page is read inside the reset, so views see one change, not two.
    m_inserting = true;
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    m_atEnd = true;
    if (m_db.isOpen()) {
        auto page = readPage(0);
        m_rows = std::move(page);
    }
    endResetModel();
    m_inserting = false;
}

void FileTableModel::refresh()
{
    if (!m_db.isOpen())
        return;
    refreshPending();
    if (m_atEnd) {   // everything loaded: show what was written since
        m_atEnd = false;
        fetchPage();
    }
}

// Hashes and signatures arrive after the index: re-read rows still waiting for them.
void FileTableModel::refreshPending()
{
    std::vector<std::int64_t> ids;
    for (const auto &f : m_rows) {
        if (f.contentStatus == "pending")
            ids.push_back(f.id);
    }
    for (std::size_t i = 0; i < ids.size(); i += kPageSize) {
        const auto end = std::min(ids.size(), i + kPageSize);
        auto fresh = casedb::filesByIds(m_db, {ids.begin() + static_cast<std::ptrdiff_t>(i),
                                                ids.begin() + static_cast<std::ptrdiff_t>(end)});
        if (!fresh)
            return setError(errorText(fresh.error()));
        for (auto &f : *fresh) {
            auto it = std::lower_bound(m_rows.begin(), m_rows.end(), f.id,
                                       [](const FileRow &r, std::int64_t id) { return r.id < id; });
            if (it == m_rows.end() || it->id != f.id)
                continue;
            *it = std::move(f);
            const int row = static_cast<int>(it - m_rows.begin());
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

std::int64_t FileTableModel::fileId(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].id : 0;
}

const FileRow *FileTableModel::fileAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

void FileTableModel::setError(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

} // namespace vigil::ui
