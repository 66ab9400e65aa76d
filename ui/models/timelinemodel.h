// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QTimeZone>

#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/timelinequery.h"
#include "ui/models/timelinehistogram.h"

namespace vigil::ui {

// The case timeline as a table that stays responsive with millions of events. A background
// indexer (its own read-only connection) walks the keys of the filter's events in time order
// once: it counts them, keeps the key of every 256th (the page anchors) and fills the histogram;
// rows appear as it goes. A row's page is then read on demand with one keyset query after its
// anchor (casedb::eventPage) and kept in a small cache. Normal columns, or lanes: the time and one
// column per person, so each person's story reads top to bottom.
class TimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Type, Person, App, Indicators, Description, Source, Evidence, Basis, ColumnCount };
    enum Role {
        EventIdRole = Qt::UserRole + 1,
        TimeNsRole,           // qint64, ns UTC
        KindRole, LaneRole,   // "message-sent", "communication"
        FileIdRole, MessageIdRole, ConversationIdRole, CallIdRole, PersonIdRole,   // 0 when none
    };
    struct Lane {
        qint64 personId = 0;
        QString label;
    };
    static constexpr int kPageSize = 256;
    static constexpr int kCachedPages = 64;
    struct Chunk;   // what the background indexer hands over (timelinemodel.cpp)

    explicit TimelineModel(const std::filesystem::path &caseDir, QObject *parent = nullptr);
    ~TimelineModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Starts over with this filter (its from/to also bound the histogram; without them the
    // histogram spans the filter's events). `buckets`: about how many histogram buckets.
    void setFilter(const casedb::TimelineFilter &filter, int buckets = 120);
    const casedb::TimelineFilter &filter() const { return m_filter; }
    // The filter the rows come from: filter() and, with lanes, only the lanes' persons.
    casedb::TimelineFilter effectiveFilter() const;
    // Lanes (one column per person; the filter then selects only their events); empty: normal columns.
    void setLanes(const std::vector<Lane> &lanes);
    void setLanes(const std::vector<Lane> &lanes, const casedb::TimelineFilter &filter);   // and the filter, at once
    const std::vector<Lane> &lanes() const { return m_lanes; }
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const { return m_zone; }
    void refresh();   // reads the case again (after an ingest, a merge or split)

    bool isIndexing() const { return m_indexing; }
    qint64 totalCount() const { return m_rows; }
    const TimelineHistogram &histogram() const { return m_histogram; }
    // The event of a row (reads its page when not cached); null when out of range or unreadable.
    const casedb::TimelineEvent *eventAt(int row) const;
    // The first row at or after this time, -1 when none (rows counted so far).
    int rowAtOrAfter(qint64 timeNs) const;
    QString lastError() const { return m_error; }
    // Pages read from the case so far (for the benchmark and tests).
    qint64 pagesRead() const { return m_pagesRead; }

signals:
    void indexingProgress(qint64 rows);
    // Every event of the filter is counted: `elapsedMs` since setFilter.
    void indexed(qint64 rows, qint64 elapsedMs);
    void histogramChanged();

private:
    struct Page {
        std::vector<casedb::TimelineEvent> events;
        std::map<std::int64_t, QStringList> indicators;   // message id -> kinds
    };
    void startIndexing();
    void stopIndexing();
    void receive(quint64 generation, const std::shared_ptr<Chunk> &chunk);
    const Page *page(int p) const;
    const Page *store(int p, Page pg) const;   // tags the messages' indicators, caches the page
    QVariant display(const casedb::TimelineEvent &e, int column, const Page &pg) const;
    QVariant laneCell(const casedb::TimelineEvent &e, int column) const;
    QString evidenceName(qint64 id) const;

    std::filesystem::path m_caseDir;
    mutable casedb::Database m_db;
    casedb::TimelineFilter m_filter;
    int m_buckets = 120;
    std::vector<Lane> m_lanes;
    QTimeZone m_zone = QTimeZone::utc();
    std::map<qint64, QString> m_evidenceNames;
    std::map<std::string, QString> m_appNames;

    std::jthread m_indexer;
    quint64 m_generation = 0;
    bool m_indexing = false;
    qint64 m_rows = 0;
    std::vector<casedb::TimelineCursor> m_anchors;   // key of rows 255, 511, …
    std::vector<std::int64_t> m_ids;                 // with a text filter: every row's event id
    TimelineHistogram m_histogram;
    qint64 m_startedMs = 0;

    mutable std::map<int, Page> m_pages;
    mutable std::list<int> m_lru;
    mutable qint64 m_pagesRead = 0;
    mutable QString m_error;
};

// The histogram of a filter counted at once, on the caller's connection (what the model's indexer
// counts in the background): for pictures of a timeline without a view, e.g. one victim's in a report.
Result<TimelineHistogram> countTimelineHistogram(casedb::Database &db, const casedb::TimelineFilter &filter,
                                                 int buckets = 120);

} // namespace vigil::ui
