// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/conversationlistmodel.h"

#include <array>

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"

namespace vigil::ui {

QString conversationLabel(const casedb::ConversationRow &c)
{
    const QString people = fromStd(c.participants);
    if (!c.title.empty())
        return people.isEmpty() ? fromStd(c.title) : fromStd(c.title) + QStringLiteral(" — ") + people;
    return people.isEmpty() ? QObject::tr("(thread %1)").arg(fromStd(c.threadKey)) : people;
}

namespace {

// "2026-03-01 10:05" (UTC, to the minute): the exact time is in the tooltip and the chat.
QString shortTime(const std::optional<std::int64_t> &t)
{
    return isoTime(t).left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
}

QVariant cell(const casedb::ConversationRow &c, int column)
{
    switch (column) {
    case ConversationListModel::App: return fromStd(c.appName);
    case ConversationListModel::Participants: return conversationLabel(c);
    case ConversationListModel::Messages: return qint64(c.messageCount);
    case ConversationListModel::First: return shortTime(c.firstMessage);
    case ConversationListModel::Last: return shortTime(c.lastMessage);
    case ConversationListModel::Deleted: return c.deletedCount ? QVariant(qint64(c.deletedCount)) : QVariant();
    case ConversationListModel::Recovered: return c.recoveredCount ? QVariant(qint64(c.recoveredCount)) : QVariant();
    default: return {};
    }
}

} // namespace

ConversationListModel::ConversationListModel(const std::filesystem::path &caseDir, QObject *parent)
    : QAbstractTableModel(parent)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        m_lastError = errorText(db.error());
        return;
    }
    m_db = std::move(*db);
    refresh();
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConversationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &c = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return cell(c, index.column());
    case ConversationIdRole: return qint64(c.id);
    case Qt::ToolTipRole:
        return tr("%1\n%2 to %3 UTC\nRead from %4 by %5 %6")
            .arg(conversationLabel(c), isoTime(c.firstMessage), isoTime(c.lastMessage), fromStd(c.prov.filePath),
                 fromStd(c.prov.parser), fromStd(c.prov.parserVersion));
    case Qt::ForegroundRole:
        return index.column() == Deleted || index.column() == Recovered ? QVariant(deletedForeground()) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Messages || index.column() == Deleted || index.column() == Recovered
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    default: return {};
    }
}

QVariant ConversationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const std::array<const char *, ColumnCount> names = {"App", "Participants", "Messages", "First (UTC)",
                                                                "Last (UTC)", "Deleted", "Recovered"};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(names[static_cast<std::size_t>(section)]);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void ConversationListModel::refresh()
{
    if (!m_db.isOpen())
        return;
    auto rows = casedb::listConversations(m_db, m_filter);
    if (!rows) {
        m_lastError = errorText(rows.error());
        return;
    }
    beginResetModel();
    m_rows = std::move(*rows);
    endResetModel();
}

void ConversationListModel::setSourceFilter(casedb::SourceFilter source)
{
    m_filter.source = source;
    refresh();
}

const casedb::ConversationRow *ConversationListModel::conversationAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == conversationId)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace vigil::ui
