// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/mediagridmodel.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/casedb/casestore.h"
#include "core/model/media.h"
#include "ui/models/modelformat.h"
#include "ui/models/sourceformat.h"

namespace vigil::ui {

namespace {

const char *orderOf(MediaGrouping g)
{
    switch (g) {
    case MediaGrouping::NearDuplicates: return "group";
    case MediaGrouping::Faces: return "face";
    default: return "file";
    }
}

QString toolTip(const casedb::MediaRow &m)
{
    QString text = fromStd(m.path);
    text += QStringLiteral("\n") + categoryLabel(m.category);
    if (m.categorySource == "hashset")
        text += QObject::tr(" (pre-graded by hash set: %1)").arg(fromStd(m.hashSets));
    if (m.knownGood)
        text += QObject::tr("\nKnown-good (matched a known-good hash set)");
    if (m.origin != "fs" || m.deleted)
        text += QStringLiteral("\n") + originText(originOf(m));
    return text;
}

} // namespace

QString categoryBadge(const std::string &code)
{
    if (code.starts_with("uk:"))
        return fromStd(code.substr(3));
    if (code.starts_with("vic:"))
        return QStringLiteral("VIC ") + fromStd(code.substr(4));
    return fromStd(code);
}

QColor categoryColour(const std::string &code)
{
    static const std::map<std::string, QColor, std::less<>> colours = {
        {"uk:A", QColor(0xB7, 0x1C, 0x1C)},  {"uk:B", QColor(0xE6, 0x5C, 0x00)}, {"uk:C", QColor(0xC7, 0x9A, 0x00)},
        {"uk:NI", QColor(0x2E, 0x7D, 0x32)}, {"vic:0", QColor(0x54, 0x6E, 0x7A)}, {"vic:1", QColor(0xB7, 0x1C, 0x1C)},
        {"vic:2", QColor(0xE6, 0x5C, 0x00)}, {"vic:3", QColor(0x6A, 0x1B, 0x9A)}, {"vic:4", QColor(0x15, 0x65, 0xC0)},
    };
    const auto it = colours.find(code);
    return it == colours.end() ? QColor(0x75, 0x75, 0x75) : it->second;
}

QString categoryLabel(const std::string &code)
{
    if (code.empty())
        return QObject::tr("Ungraded");
    const auto *c = model::findGradingCategory(code);
    return c ? fromStd(std::string(c->label)) : fromStd(code);
}

QString durationText(std::int64_t ms)
{
    const std::int64_t s = std::max<std::int64_t>(0, ms) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

MediaGridModel::MediaGridModel(const std::filesystem::path &caseDir, MediaGrouping grouping, bool showKnownGood,
                               QObject *parent)
    : QAbstractListModel(parent), m_grouping(grouping)
{
    m_filter.order = orderOf(grouping);
    m_filter.includeKnownGood = showKnownGood;
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        setError(errorText(db.error()));
        return;
    }
    m_db = std::move(*db);
    refresh();
}

int MediaGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant MediaGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const casedb::MediaRow &m = m_rows[row];
    switch (role) {
    case Qt::DisplayRole: return fromStd(m.name);
    case Qt::DecorationRole: return thumbnail(m);
    case Qt::ToolTipRole: return toolTip(m);
    case FileIdRole: return qint64(m.fileId);
    case CategoryRole: return fromStd(m.category);
    case CategorySourceRole: return fromStd(m.categorySource);
    case KindRole: return fromStd(m.kind);
    case DurationRole: return m.durationMs ? QVariant(qint64(*m.durationMs)) : QVariant();
    case GroupRole: {
        const auto g = groupOf(index.row());
        return g ? QVariant(*g) : QVariant();
    }
    case GroupSizeRole: return qint64(m_groupSize[row]);
    case GroupStartRole:
        return m_ordinal[row] >= 0 && (row == 0 || m_ordinal[row - 1] != m_ordinal[row]);
    case GroupOrdinalRole: return m_ordinal[row];
    case KnownGoodRole: return m.knownGood;
    case RevealedRole: return m_revealed.contains(m.fileId);
    case SourceRole: return sourceBadge(originOf(m));
    case SourceColourRole: return sourceColour(originOf(m));
    default: return {};
    }
}

void MediaGridModel::setPreview(PreviewFunction preview)
{
    m_preview = std::move(preview);
    m_cache.clear();
    if (!m_rows.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole});
}

void MediaGridModel::setGrouping(MediaGrouping grouping)
{
    m_grouping = grouping;
    m_filter.order = orderOf(grouping);
    refresh();
}

void MediaGridModel::setCategoryFilter(std::optional<std::string> code)
{
    m_filter.category = std::move(code);
    refresh();
}

void MediaGridModel::setShowKnownGood(bool show)
{
    m_filter.includeKnownGood = show;
    refresh();
}

void MediaGridModel::setSourceFilter(casedb::SourceFilter source)
{
    m_filter.source = source;
    refresh();
}

void MediaGridModel::refresh()
{
    if (!m_db.isOpen())
        return;
    std::vector<casedb::MediaRow> rows;
    auto n = casedb::forEachMedia(m_db, m_filter, [&](const casedb::MediaRow &m) {
        rows.push_back(m);
        return true;
    });
    if (!n) {
        setError(errorText(n.error()));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_revealed.clear();   // a new list starts obscured
    computeGroups();
    endResetModel();
}

std::optional<qint64> MediaGridModel::groupKey(const casedb::MediaRow &m) const
{
    if (m_grouping == MediaGrouping::Faces)
        return m.faceGroups.empty() ? std::nullopt : std::optional<qint64>(m.faceGroups.front());
    return m.nearDupGroup ? std::optional<qint64>(*m.nearDupGroup) : std::nullopt;
}

void MediaGridModel::computeGroups()
{
    m_ordinal.assign(m_rows.size(), -1);
    m_groupSize.assign(m_rows.size(), 1);
    std::unordered_map<qint64, std::int64_t> faceSizes;   // face groups: counted over the loaded rows
    for (const auto &m : m_rows)
        if (const auto k = groupKey(m); k && m_grouping == MediaGrouping::Faces)
            ++faceSizes[*k];
    int ordinal = -1;
    std::optional<std::optional<qint64>> previous;   // the key of the previous row (none before the first)
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto key = groupKey(m_rows[i]);
        m_groupSize[i] = m_grouping == MediaGrouping::Faces ? (key ? faceSizes[*key] : 1) : m_rows[i].nearDupSize;
        if (m_grouping == MediaGrouping::None)
            continue;
        if (!previous || *previous != key)
            ++ordinal;
        previous = key;
        m_ordinal[i] = ordinal;
    }
}

const casedb::MediaRow *MediaGridModel::mediaAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int MediaGridModel::rowOf(qint64 fileId) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const auto &m) { return m.fileId == fileId; });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

std::optional<qint64> MediaGridModel::groupOf(int row) const
{
    const auto *m = mediaAt(row);
    return m ? groupKey(*m) : std::nullopt;
}

Result<std::vector<std::int64_t>> MediaGridModel::groupMembers(int row)
{
    const auto group = groupOf(row);
    if (!group)
        return std::vector<std::int64_t>{};
    casedb::MediaFilter filter;
    filter.includeKnownGood = m_filter.includeKnownGood;
    if (m_grouping == MediaGrouping::Faces)
        filter.faceGroup = *group;
    else
        filter.nearDupGroup = *group;
    std::vector<std::int64_t> ids;
    auto n = casedb::forEachMedia(m_db, filter, [&](const casedb::MediaRow &m) {
        ids.push_back(m.fileId);
        return true;
    });
    if (!n)
        return std::unexpected(n.error());
    return ids;
}

Result<void> MediaGridModel::reloadGrades(const std::vector<std::int64_t> &fileIds)
{
    auto grades = casedb::gradesOf(m_db, fileIds);
    if (!grades)
        return std::unexpected(grades.error());
    for (const auto &g : *grades) {
        const int row = rowOf(g.fileId);
        if (row < 0)
            continue;
        auto &m = m_rows[static_cast<std::size_t>(row)];
        m.category = g.category;
        m.categorySource = g.source;
        emit dataChanged(index(row), index(row), {CategoryRole, CategorySourceRole, Qt::ToolTipRole});
    }
    return {};
}

Result<std::vector<casedb::CategoryCount>> MediaGridModel::gradingCounts()
{
    if (!m_db.isOpen())
        return fail(ErrorCode::Database, "the case database is not open");
    return casedb::gradingCounts(m_db);
}

Result<model::GradingScheme> MediaGridModel::gradingScheme()
{
    if (!m_db.isOpen())
        return fail(ErrorCode::Database, "the case database is not open");
    return casedb::gradingScheme(m_db);
}

void MediaGridModel::setRevealed(qint64 fileId, bool revealed)
{
    if (revealed == m_revealed.contains(fileId))
        return;
    if (revealed)
        m_revealed.insert(fileId);
    else
        m_revealed.remove(fileId);
    m_cache.remove(fileId);
    if (const int row = rowOf(fileId); row >= 0)
        emit dataChanged(index(row), index(row), {Qt::DecorationRole, RevealedRole});
}

void MediaGridModel::concealAll()
{
    const auto ids = m_revealed.values();
    for (const auto id : ids)
        setRevealed(id, false);
}

QImage MediaGridModel::thumbnail(const casedb::MediaRow &m) const
{
    if (!m_preview || !m_db.isOpen())
        return {};
    if (const QImage *cached = m_cache.object(m.fileId))
        return *cached;
    QImage image;
    auto bytes = casedb::mediaThumbnail(m_db, m.fileId);
    if (!bytes)
        m_lastError = errorText(bytes.error());   // shown as "no preview"; the row stays
    else if (!bytes->empty() && image.loadFromData(bytes->data(), static_cast<int>(bytes->size())))
        image = m_preview(image.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation),
                          m_revealed.contains(m.fileId));
    ++m_decoded;
    const auto cost = std::max<qsizetype>(1, image.sizeInBytes() / 1024);
    m_cache.insert(m.fileId, new QImage(image), cost);   // a null image too: not read again
    return image;
}

void MediaGridModel::setError(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

} // namespace vigil::ui
