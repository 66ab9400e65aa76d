// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/filequery.h"

namespace vigil::ui {

// The file table: lazily fetched pages of files (by id) matching a filter, read from
// its own read-only connection so it can follow a case that an ingest is writing.
class FileTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Source: where the file came from ("" live, "deleted", "carved", "carved · partial",
    // "archive member", "embedded"; the tooltip says where exactly).
    enum Column { Name, Path, Size, Source, Modified, Accessed, Changed, Created, State, Type, Mismatch, Md5, Sha1,
                  ColumnCount };
    static constexpr int FileIdRole = Qt::UserRole + 1;
    static constexpr int kPageSize = 500;

    explicit FileTableModel(const std::filesystem::path &caseDir, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const casedb::FileQueryFilter &filter);   // resets to the first page
    const casedb::FileQueryFilter &filter() const { return m_filter; }
    // Picks up files written since (appends them once all loaded rows are shown) and
    // re-reads loaded rows whose content results were still pending.
    void refresh();
    std::int64_t fileId(int row) const;
    const casedb::FileRow *fileAt(int row) const;
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString &message);

private:
    QVariant displayData(const casedb::FileRow &f, int column) const;
    QVariant toolTipData(const casedb::FileRow &f, int column) const;
    std::vector<casedb::FileRow> readPage(std::int64_t afterId);
    void fetchPage();
    void refreshPending();
    void setError(const QString &message);

    casedb::Database m_db;
    casedb::FileQueryFilter m_filter;
    std::vector<casedb::FileRow> m_rows;
    bool m_atEnd = false;
    bool m_inserting = false;
    QString m_lastError;
};

} // namespace vigil::ui
