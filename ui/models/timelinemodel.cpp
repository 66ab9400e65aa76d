// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/timelinemodel.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>
#include <array>

#include "core/casedb/casestore.h"
#include "core/casedb/filequery.h"
#include "ui/models/modelformat.h"
#include "ui/models/peopleformat.h"
#include "ui/models/timelineformat.h"

namespace vigil::ui {

struct TimelineModel::Chunk {
    std::vector<casedb::TimelineCursor> anchors;   // found since the last chunk
    std::vector<std::int64_t> ids;                 // with a text filter: every event's id, since the last chunk
    qint64 rows = 0;                               // counted so far
    TimelineHistogram histogram;
    bool done = false;
    QString error;
};

namespace {

// With a text filter the indexer hands over every event's id and pages are read by id: the keys
// are sorted in memory anyway, and reading 256 ids beats walking the time index past the misses.
bool keepsIds(const casedb::TimelineFilter &filter)
{
    return !filter.text.empty() && filter.lane != "analyst";
}

// The span the counts cover: the filter's from/to, else the first and last time of its events
// (read without the text condition: one step along the time index each).
std::optional<std::pair<qint64, qint64>> spanOf(casedb::Database &db, const casedb::TimelineFilter &filter,
                                               const std::vector<casedb::EventKey> *keys)
{
    std::optional<std::pair<std::int64_t, std::int64_t>> range;
    if (keys) {
        if (!keys->empty())
            range = std::pair(keys->front().time, keys->back().time);
    } else if (!filter.from || !filter.to) {
        casedb::TimelineFilter untexted = filter;
        untexted.text.clear();
        if (auto r = casedb::eventRange(db, untexted))
            range = *r;
    }
    const qint64 from = filter.from.value_or(range ? range->first : 0);
    const qint64 to = filter.to.value_or(range ? range->second + 1 : 0);
    if (to <= from)
        return std::nullopt;
    return std::pair(from, to);
}

// Walks the keys of the filter's events: counts them, keeps every 256th key, fills the histogram,
// and hands what it found to `post` about every 100 ms and at the end.
void indexEvents(std::stop_token stop, const std::filesystem::path &caseDir, const casedb::TimelineFilter &filter,
                 std::vector<std::int64_t> lanePersons, int buckets,
                 const std::function<void(std::shared_ptr<TimelineModel::Chunk>)> &post);

} // namespace

TimelineModel::TimelineModel(const std::filesystem::path &caseDir, QObject *parent)
    : QAbstractTableModel(parent), m_caseDir(caseDir)
{
    refresh();
}

TimelineModel::~TimelineModel()
{
    stopIndexing();
}

void TimelineModel::refresh()
{
    auto db = casedb::CaseStore::openReadOnly(m_caseDir);
    if (!db) {
        m_error = errorText(db.error());
        return;
    }
    m_db = std::move(*db);
    m_evidenceNames.clear();
    if (auto items = casedb::listEvidence(m_db))
        for (const auto &e : *items)
            m_evidenceNames[e.id] = fromStd(e.displayName);
    m_appNames.clear();
    if (auto names = casedb::applicationNames(m_db))
        for (const auto &[id, name] : *names)
            m_appNames[id] = fromStd(name);
    startIndexing();
}

void TimelineModel::setFilter(const casedb::TimelineFilter &filter, int buckets)
{
    m_filter = filter;
    m_filter.after.reset();
    m_filter.limit = -1;
    m_buckets = buckets;
    startIndexing();
}

void TimelineModel::setLanes(const std::vector<Lane> &lanes)
{
    setLanes(lanes, m_filter);
}

void TimelineModel::setLanes(const std::vector<Lane> &lanes, const casedb::TimelineFilter &filter)
{
    m_filter = filter;
    m_filter.after.reset();
    m_filter.limit = -1;
    m_lanes = lanes;
    startIndexing();   // resets the model: the columns change with the lanes
}

void TimelineModel::setDisplayZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    if (m_rows > 0)
        emit dataChanged(index(0, Time), index(m_rows - 1, Time));
    emit headerDataChanged(Qt::Horizontal, Time, Time);
}

void TimelineModel::stopIndexing()
{
    if (m_indexer.joinable()) {
        m_indexer.request_stop();
        m_indexer.join();
    }
    m_indexing = false;
}

void TimelineModel::startIndexing()
{
    stopIndexing();
    ++m_generation;
    beginResetModel();
    m_rows = 0;
    m_anchors.clear();
    m_ids.clear();
    m_pages.clear();
    m_lru.clear();
    m_histogram = {};
    endResetModel();
    emit histogramChanged();
    if (!m_db.isOpen())
        return;
    m_indexing = true;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    const casedb::TimelineFilter filter = effectiveFilter();
    const std::vector<std::int64_t> persons = filter.personIds;
    const quint64 generation = m_generation;
    auto post = [this, generation](std::shared_ptr<Chunk> chunk) {
        QMetaObject::invokeMethod(this, [this, generation, chunk] { receive(generation, chunk); }, Qt::QueuedConnection);
    };
    m_indexer = std::jthread([caseDir = m_caseDir, filter, persons, buckets = m_buckets, post](std::stop_token stop) {
        indexEvents(stop, caseDir, filter, persons, buckets, post);
    });
}

void TimelineModel::receive(quint64 generation, const std::shared_ptr<Chunk> &chunk)
{
    if (generation != m_generation)
        return;   // a chunk of a filter since replaced
    m_anchors.insert(m_anchors.end(), chunk->anchors.begin(), chunk->anchors.end());
    m_ids.insert(m_ids.end(), chunk->ids.begin(), chunk->ids.end());
    if (chunk->rows > m_rows) {
        beginInsertRows({}, static_cast<int>(m_rows), static_cast<int>(chunk->rows - 1));
        m_rows = chunk->rows;
        endInsertRows();
    }
    m_histogram = chunk->histogram;
    emit histogramChanged();
    if (!chunk->error.isEmpty())
        m_error = chunk->error;
    if (!chunk->done) {
        emit indexingProgress(m_rows);
        return;
    }
    m_indexing = false;
    emit indexed(m_rows, QDateTime::currentMSecsSinceEpoch() - m_startedMs);
}

casedb::TimelineFilter TimelineModel::effectiveFilter() const
{
    casedb::TimelineFilter f = m_filter;
    for (const auto &lane : m_lanes)
        f.personIds.push_back(lane.personId);
    return f;
}

const TimelineModel::Page *TimelineModel::page(int p) const
{
    if (auto it = m_pages.find(p); it != m_pages.end()) {
        m_lru.remove(p);
        m_lru.push_front(p);
        return &it->second;
    }
    if (p < 0 || (p > 0 && static_cast<std::size_t>(p - 1) >= m_anchors.size()))
        return nullptr;
    casedb::TimelineFilter f = effectiveFilter();
    if (p > 0)
        f.after = m_anchors[static_cast<std::size_t>(p - 1)];
    f.limit = kPageSize;
    Page pg;
    if (keepsIds(m_filter)) {
        const auto begin = std::min(m_ids.size(), static_cast<std::size_t>(p) * kPageSize);
        const auto end = std::min(m_ids.size(), begin + kPageSize);
        auto events = casedb::eventsWithIds(m_db, std::vector<std::int64_t>(m_ids.begin() + long(begin), m_ids.begin() + long(end)));
        if (!events) {
            m_error = errorText(events.error());
            return nullptr;
        }
        pg.events = std::move(*events);
        return store(p, std::move(pg));
    }
    auto read = casedb::forEachEvent(m_db, f, [&](const casedb::TimelineEvent &e) { pg.events.push_back(e); });
    if (!read) {
        m_error = errorText(read.error());
        return nullptr;
    }
    return store(p, std::move(pg));
}

const TimelineModel::Page *TimelineModel::store(int p, Page pg) const
{
    std::vector<std::int64_t> messages;
    for (const auto &e : pg.events)
        if (e.messageId)
            messages.push_back(*e.messageId);
    if (auto kinds = casedb::messageIndicatorKinds(m_db, messages))
        for (auto &[id, list] : *kinds) {
            QStringList labels;
            for (const auto &k : list)
                labels << fromStd(k);
            std::sort(labels.begin(), labels.end(),
                      [](const QString &a, const QString &b) { return indicatorOrder(a) < indicatorOrder(b); });
            pg.indicators[id] = labels;
        }
    ++m_pagesRead;
    m_lru.push_front(p);
    while (m_lru.size() > kCachedPages) {
        m_pages.erase(m_lru.back());
        m_lru.pop_back();
    }
    return &m_pages.emplace(p, std::move(pg)).first->second;
}

const casedb::TimelineEvent *TimelineModel::eventAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return nullptr;
    const Page *pg = page(row / kPageSize);
    const auto i = static_cast<std::size_t>(row % kPageSize);
    return pg && i < pg->events.size() ? &pg->events[i] : nullptr;
}

int TimelineModel::rowAtOrAfter(qint64 timeNs) const
{
    const auto it = std::lower_bound(m_anchors.begin(), m_anchors.end(), timeNs,
                                     [](const casedb::TimelineCursor &c, qint64 t) { return c.time < t; });
    const int p = static_cast<int>(it - m_anchors.begin());
    if (static_cast<qint64>(p) * kPageSize >= m_rows)
        return -1;
    const Page *pg = page(p);
    if (!pg)
        return -1;
    for (std::size_t i = 0; i < pg->events.size(); ++i)
        if (pg->events[i].time >= timeNs)
            return p * kPageSize + static_cast<int>(i);
    return -1;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows);
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_lanes.empty() ? ColumnCount : 1 + static_cast<int>(m_lanes.size());
}

QString TimelineModel::evidenceName(qint64 id) const
{
    const auto it = m_evidenceNames.find(id);
    return it != m_evidenceNames.end() ? it->second : QString::number(id);
}

QVariant TimelineModel::display(const casedb::TimelineEvent &e, int column, const Page &pg) const
{
    switch (column) {
    case Time: return eventTimeText(e, m_zone);
    case Type: return eventKindLabel(fromStd(e.kind));
    case Person: return fromStd(e.person);
    case App: {
        const auto it = m_appNames.find(e.app);
        return it != m_appNames.end() ? it->second : fromStd(e.app);
    }
    case Description: return eventDescription(e).left(300);
    case Indicators: {
        const auto it = e.messageId ? pg.indicators.find(*e.messageId) : pg.indicators.end();
        if (it == pg.indicators.end())
            return {};
        QStringList chips;
        for (const auto &k : it->second)
            chips << indicatorChipLabel(k);
        return chips.join(QStringLiteral(", "));
    }
    case Source: return fromStd(e.source);
    case Evidence: return evidenceName(e.evidenceId);
    case Basis: return eventBasisText(e);
    default: return {};
    }
}

QVariant TimelineModel::laneCell(const casedb::TimelineEvent &e, int column) const
{
    if (column == 0)
        return eventTimeText(e, m_zone);
    const auto &lane = m_lanes[static_cast<std::size_t>(column - 1)];
    if (!e.personId || *e.personId != lane.personId)
        return {};
    const QString text = eventDescription(e).left(200);
    return text.isEmpty() ? eventKindLabel(fromStd(e.kind)) : eventKindLabel(fromStd(e.kind)) + QStringLiteral(": ") + text;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const Page *pg = page(index.row() / kPageSize);
    const auto i = static_cast<std::size_t>(index.row() % kPageSize);
    if (!pg || i >= pg->events.size())
        return {};
    const auto &e = pg->events[i];
    const int column = index.column();
    const bool timeColumn = column == Time;
    switch (role) {
    case Qt::DisplayRole:
        return m_lanes.empty() ? display(e, column, *pg) : laneCell(e, column);
    case Qt::ToolTipRole:
        if (timeColumn)
            return eventTimeTooltip(e, m_zone);
        if (m_lanes.empty() ? column != Description : laneCell(e, column).isNull())
            return {};
        return eventDescription(e).left(2000);   // the whole text the cell cuts
    case Qt::ForegroundRole:
        if (m_lanes.empty() && column == Type)
            return laneColour(fromStd(e.lane));
        if (m_lanes.empty() && column == Indicators) {
            const auto it = e.messageId ? pg->indicators.find(*e.messageId) : pg->indicators.end();
            return it != pg->indicators.end() && !it->second.isEmpty() ? QVariant(indicatorColour(it->second.front()))
                                                                       : QVariant();
        }
        return {};
    case Qt::FontRole:
        if (timeColumn && e.basis != "utc") {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case EventIdRole: return QVariant::fromValue<qint64>(e.id);
    case TimeNsRole: return QVariant::fromValue<qint64>(e.time);
    case KindRole: return fromStd(e.kind);
    case LaneRole: return fromStd(e.lane);
    case FileIdRole: return QVariant::fromValue<qint64>(e.fileId.value_or(0));
    case MessageIdRole: return QVariant::fromValue<qint64>(e.messageId.value_or(0));
    case ConversationIdRole: return QVariant::fromValue<qint64>(e.conversationId.value_or(0));
    case CallIdRole: return QVariant::fromValue<qint64>(e.callId.value_or(0));
    case PersonIdRole: return QVariant::fromValue<qint64>(e.personId.value_or(0));
    default: return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("Time (%1)").arg(zoneLabel(m_zone));
    if (!m_lanes.empty())
        return section - 1 < static_cast<int>(m_lanes.size()) ? m_lanes[static_cast<std::size_t>(section - 1)].label
                                                               : QVariant();
    static const std::array<const char *, ColumnCount> kHeaders = {
        "", QT_TR_NOOP("Type"), QT_TR_NOOP("Person"), QT_TR_NOOP("App"), QT_TR_NOOP("Indicators"),
        QT_TR_NOOP("Description"), QT_TR_NOOP("Source"), QT_TR_NOOP("Evidence"), QT_TR_NOOP("Time basis")};
    return section < ColumnCount ? tr(kHeaders[static_cast<std::size_t>(section)]) : QVariant();
}

namespace {

// The span a brushed filter shows as given; without one the chart finds its own (FineHistogram).
std::optional<std::pair<qint64, qint64>> brushedRange(const casedb::TimelineFilter &filter)
{
    if (filter.from && filter.to)
        return std::pair<qint64, qint64>(*filter.from, *filter.to);
    return std::nullopt;
}

// Walks the keys of the filter's events in order and counts each into `fine`: one series per lane
// person (in the order given), or one. The audit log's few entries (lane "analyst") are read first,
// so that their span is known; events walk the time index. visit returns false to stop.
Result<std::int64_t> walkEvents(casedb::Database &db, const casedb::TimelineFilter &filter,
                                const std::vector<std::int64_t> &lanePersons, FineHistogram &fine,
                                const std::function<bool(const casedb::EventKey &)> &visit)
{
    const bool analyst = filter.lane == "analyst";
    std::vector<casedb::EventKey> keys;
    if (analyst) {
        auto read = casedb::forEachEventKey(db, filter, false, [&](const casedb::EventKey &k) {
            keys.push_back(k);
            return true;
        });
        if (!read)
            return std::unexpected(read.error());
    }
    const auto span = spanOf(db, filter, analyst ? &keys : nullptr);
    const std::size_t series = lanePersons.empty() ? 1 : lanePersons.size();
    fine = span ? FineHistogram(span->first, span->second, series, !brushedRange(filter)) : FineHistogram();
    std::map<std::int64_t, std::size_t> laneOf;
    for (std::size_t i = 0; i < lanePersons.size(); ++i)
        laneOf[lanePersons[i]] = i;
    auto step = [&](const casedb::EventKey &k) {
        if (laneOf.empty()) {
            fine.add(k.time, 0);
        } else if (const auto lane = laneOf.find(k.personId); lane != laneOf.end()) {
            fine.add(k.time, lane->second);
        }
        return visit(k);
    };
    if (!analyst)
        return casedb::forEachEventKey(db, filter, !lanePersons.empty(), step);
    std::int64_t visited = 0;
    for (const auto &k : keys) {
        ++visited;
        if (!step(k))
            break;
    }
    return visited;
}

} // namespace

Result<TimelineHistogram> countTimelineHistogram(casedb::Database &db, const casedb::TimelineFilter &filter, int buckets)
{
    FineHistogram fine;
    if (auto walked = walkEvents(db, filter, {}, fine, [](const casedb::EventKey &) { return true; }); !walked)
        return std::unexpected(walked.error());
    return fine.display(buckets, brushedRange(filter));
}

namespace {

void indexEvents(std::stop_token stop, const std::filesystem::path &caseDir, const casedb::TimelineFilter &filter,
                 std::vector<std::int64_t> lanePersons, int buckets,
                 const std::function<void(std::shared_ptr<TimelineModel::Chunk>)> &post)
{
    auto chunk = std::make_shared<TimelineModel::Chunk>();
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        chunk->error = errorText(db.error());
        chunk->done = true;
        post(chunk);
        return;
    }
    const bool keepIds = keepsIds(filter);
    const auto range = brushedRange(filter);
    FineHistogram fine;
    qint64 rows = 0, lastPost = QDateTime::currentMSecsSinceEpoch();
    auto flush = [&](bool done) {
        chunk->rows = rows;
        chunk->histogram = fine.display(buckets, range);
        chunk->done = done;
        post(chunk);
        chunk = std::make_shared<TimelineModel::Chunk>();
        lastPost = QDateTime::currentMSecsSinceEpoch();
    };
    auto visit = [&](const casedb::EventKey &k) {
        if (stop.stop_requested())
            return false;
        if (++rows % TimelineModel::kPageSize == 0)
            chunk->anchors.push_back({k.time, k.id});
        if (keepIds)
            chunk->ids.push_back(k.id);
        // The first page at once, then about ten times a second (a selective filter finds few rows).
        if (rows == TimelineModel::kPageSize || (rows % 64 == 0 && QDateTime::currentMSecsSinceEpoch() - lastPost >= 100))
            flush(false);
        return true;
    };
    if (auto walked = walkEvents(*db, filter, lanePersons, fine, visit); !walked)
        chunk->error = errorText(walked.error());
    if (!stop.stop_requested())
        flush(true);
}

} // namespace

} // namespace vigil::ui
