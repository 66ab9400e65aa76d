// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <filesystem>
#include <map>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/peoplequery.h"

namespace vigil::ui {

// The ranked victims of a case (casedb::listVictims) with each person's accounts, read on the
// model's own read-only connection. Victims number in the hundreds at most: held in memory.
class VictimListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Rank, Priority, Risk, Name, Age, Country, Apps, FirstContact, LastContact, Messages, Indicators,
                  ColumnCount };
    enum Role {
        PersonIdRole = Qt::UserRole + 1,
        SortRole,        // a number or a string per column (rank, priority order, risk, time, …)
        PriorityRole,    // "urgent", "high", "medium", "low"
        CountryRole,     // ISO code, "" when unknown
        ChipKindsRole,   // QStringList of indicator kinds, most serious first
        ChipTextsRole,   // QStringList "threat ×2", same order
        SearchTextRole,  // what the text filter looks in: name, country, apps, accounts
    };

    explicit VictimListModel(const std::filesystem::path &caseDir, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void refresh();   // re-reads victims and persons (after an ingest or a merge/split)
    const casedb::VictimRow *victimAt(int row) const;
    int rowOf(qint64 personId) const;
    // Any person of the case (victims and others), with accounts; null when unknown.
    const casedb::PersonRow *person(qint64 personId) const;
    const std::vector<casedb::PersonRow> &persons() const { return m_persons; }
    // The person an account belongs to now, 0 when none.
    qint64 personOfAccount(qint64 accountId) const;
    // Countries of the victims with their counts, most victims first ("" = unknown last).
    std::vector<std::pair<QString, int>> countries() const;
    QString appName(const std::string &app) const;   // "WhatsApp" for "whatsapp"
    QString lastError() const { return m_lastError; }

private:
    QVariant cell(const casedb::VictimRow &v, int column) const;
    QVariant sortKey(const casedb::VictimRow &v, int column) const;
    QString searchText(const casedb::VictimRow &v) const;
    QString appsText(const casedb::VictimRow &v) const;

    casedb::Database m_db;
    std::vector<casedb::VictimRow> m_rows;
    std::vector<casedb::PersonRow> m_persons;
    std::map<qint64, std::size_t> m_personIndex;
    std::map<std::string, QString> m_appNames;
    QString m_lastError;
};

// Sorting and filtering of the victims table: by priority, by country and by text (every
// word must occur in the name, country, apps or the person's accounts).
class VictimFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit VictimFilterModel(QObject *parent = nullptr);
    void setPriority(const QString &priority);   // "" = any
    void setCountry(const QString &iso2);        // "" = any, "?" = unknown country
    void setText(const QString &text);
    QString priority() const { return m_priority; }
    QString country() const { return m_country; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_priority, m_country;
    QStringList m_words;
};

} // namespace vigil::ui
