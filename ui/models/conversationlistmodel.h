// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include <filesystem>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/messagequery.h"

namespace vigil::ui {

// Every conversation of the case, most recent activity first (conversations number in the
// thousands at most, so they are held in memory; messages are not).
class ConversationListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { App, Participants, Messages, First, Last, Deleted, Recovered, ColumnCount };
    enum Role { ConversationIdRole = Qt::UserRole + 1 };

    explicit ConversationListModel(const std::filesystem::path &caseDir, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void refresh();   // re-reads the list (an ingest adds conversations)
    // Only conversations holding messages of this source (All: every conversation); re-reads.
    void setSourceFilter(casedb::SourceFilter source);
    casedb::SourceFilter sourceFilter() const { return m_filter.source; }
    const casedb::ConversationRow *conversationAt(int row) const;
    int rowOf(qint64 conversationId) const;
    QString lastError() const { return m_lastError; }

private:
    casedb::Database m_db;
    casedb::ConversationFilter m_filter;
    std::vector<casedb::ConversationRow> m_rows;
    QString m_lastError;
};

// "Sam (+447700900456); device owner" or the group's title with its participants.
QString conversationLabel(const casedb::ConversationRow &c);

} // namespace vigil::ui
