// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <filesystem>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/queries.h"

namespace vigil::ui {

// Every processing error recorded in the case, oldest first.
class ErrorsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Stage, Component, Code, Path, Message, Detail, ColumnCount };

    explicit ErrorsModel(const std::filesystem::path &caseDir, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void refresh();   // appends errors recorded since
    const casedb::ErrorRow *errorAt(int row) const;
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString &message);

private:
    void setError(const QString &message);

    casedb::Database m_db;
    std::vector<casedb::ErrorRow> m_rows;
    QString m_lastError;
};

} // namespace vigil::ui
