// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/errorsmodel.h"

#include <array>

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"

namespace vigil::ui {

namespace {

QString cellText(const casedb::ErrorRow &e, int column)
{
    switch (column) {
    case ErrorsModel::Time: return fromStd(e.timeUtc);
    case ErrorsModel::Stage: return fromStd(e.stage);
    case ErrorsModel::Component: return fromStd(e.component);
    case ErrorsModel::Code: return fromStd(e.code);
    case ErrorsModel::Path: return fromStd(e.path);
    case ErrorsModel::Message: return fromStd(e.message);
    case ErrorsModel::Detail: return fromStd(e.detail);
    default: return {};
    }
}

} // namespace

ErrorsModel::ErrorsModel(const std::filesystem::path &caseDir, QObject *parent) : QAbstractTableModel(parent)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        setError(errorText(db.error()));
        return;
    }
    m_db = std::move(*db);
    refresh();
}

int ErrorsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ErrorsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ErrorsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &e = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole)
        return cellText(e, index.column());
    if (role == Qt::ToolTipRole && (index.column() == Message || index.column() == Detail))
        return cellText(e, index.column());
    return {};
}

QVariant ErrorsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const std::array<const char *, ColumnCount> names = {"Time (UTC)", "Stage", "Component", "Code",
                                                                "Path",       "Message", "Detail"};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(names[static_cast<std::size_t>(section)]);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void ErrorsModel::refresh()
{
    if (!m_db.isOpen())
        return;
    const std::int64_t lastId = m_rows.empty() ? 0 : m_rows.back().id;
    std::vector<casedb::ErrorRow> added;
    auto n = casedb::forEachError(m_db, [&](const casedb::ErrorRow &e) {
        if (e.id > lastId)
            added.push_back(e);
    });
    if (!n)
        return setError(errorText(n.error()));
    if (added.empty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    m_rows.insert(m_rows.end(), added.begin(), added.end());
    endInsertRows();
}

const casedb::ErrorRow *ErrorsModel::errorAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

void ErrorsModel::setError(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

} // namespace vigil::ui
