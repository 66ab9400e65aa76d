// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QCache>
#include <QColor>
#include <QImage>
#include <QSet>
#include <QString>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/mediaquery.h"

namespace vigil::ui {

// How the gallery orders its items: case order, near-duplicate groups together, or face
// groups together (a media with several face groups sits with its lowest one).
enum class MediaGrouping { None, NearDuplicates, Faces };

// The media of a case for the gallery grid, one row per picture or video, read from its own
// read-only connection. Rows are read when the filter changes; thumbnails are decoded only
// when a view asks for them and kept in a bounded cache. The model never hands out an
// unobscured thumbnail by itself: every thumbnail goes through the preview function (the
// wellness blur, set by the view), and without one there is no image at all.
class MediaGridModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        FileIdRole = Qt::UserRole + 1,
        CategoryRole,        // code ("uk:A"), empty when ungraded
        CategorySourceRole,  // "analyst" / "hashset" / empty
        KindRole,            // "image" / "video"
        DurationRole,        // ms (videos), invalid otherwise
        GroupRole,           // the item's group in the current grouping (invalid: none)
        GroupSizeRole,       // media in that group (near-duplicates: the whole case)
        GroupStartRole,      // true for the first item of a group run (a header goes there)
        GroupOrdinalRole,    // 0, 1, 2, ... per group run (alternating tints), -1 without grouping
        KnownGoodRole,
        RevealedRole,
        SourceRole,          // "" (live), "deleted", "carved", "carved · partial", "archive member", "embedded"
        SourceColourRole,    // the source marker's colour (QColor)
    };
    static constexpr int kThumbnailSize = 160;           // longest side of a grid thumbnail
    static constexpr int kCacheKiB = 48 * 1024;          // decoded thumbnails kept (about 480)
    using PreviewFunction = std::function<QImage(const QImage &thumbnail, bool revealed)>;

    // Opens the case read-only and reads the rows once, grouped and filtered as given.
    explicit MediaGridModel(const std::filesystem::path &caseDir, MediaGrouping grouping = MediaGrouping::None,
                            bool showKnownGood = false, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // What every thumbnail goes through before display (blur unless revealed); clears the cache.
    void setPreview(PreviewFunction preview);
    void setGrouping(MediaGrouping grouping);                 // re-reads the rows
    MediaGrouping grouping() const { return m_grouping; }
    void setCategoryFilter(std::optional<std::string> code);  // none: all; "": ungraded
    std::optional<std::string> categoryFilter() const { return m_filter.category; }
    void setShowKnownGood(bool show);
    bool showKnownGood() const { return m_filter.includeKnownGood; }
    void setSourceFilter(casedb::SourceFilter source);   // live / deleted / carved / recovered / nested
    casedb::SourceFilter sourceFilter() const { return m_filter.source; }
    void refresh();   // re-reads the rows (an ingest adds media, a grading may change the filter's result)

    const casedb::MediaRow *mediaAt(int row) const;
    int rowOf(qint64 fileId) const;
    // The row's group in the current grouping; without grouping its near-duplicate group.
    std::optional<qint64> groupOf(int row) const;
    // Every media of the row's group (from the case, not only the loaded rows; known-good
    // media only when they are shown). Empty when the row has no group.
    Result<std::vector<std::int64_t>> groupMembers(int row);
    // Re-reads the grading of these files (after a grade or an undo) and updates their rows.
    Result<void> reloadGrades(const std::vector<std::int64_t> &fileIds);
    Result<std::vector<casedb::CategoryCount>> gradingCounts();
    Result<model::GradingScheme> gradingScheme();

    // Reveal is for one item the analyst chose; the view audits it.
    void setRevealed(qint64 fileId, bool revealed);
    void concealAll();
    bool isRevealed(qint64 fileId) const { return m_revealed.contains(fileId); }
    // Thumbnails decoded since the model was made (the cache keeps this low: tests, measurements).
    int decodedCount() const { return m_decoded; }
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString &message);

private:
    QImage thumbnail(const casedb::MediaRow &row) const;
    std::optional<qint64> groupKey(const casedb::MediaRow &row) const;
    void computeGroups();
    void setError(const QString &message);

    mutable casedb::Database m_db;   // data() reads thumbnails on demand
    casedb::MediaFilter m_filter;
    MediaGrouping m_grouping = MediaGrouping::None;
    std::vector<casedb::MediaRow> m_rows;
    std::vector<int> m_ordinal;          // group run per row (-1: none)
    std::vector<std::int64_t> m_groupSize;
    PreviewFunction m_preview;
    QSet<qint64> m_revealed;
    mutable QCache<qint64, QImage> m_cache{kCacheKiB};
    mutable int m_decoded = 0;
    mutable QString m_lastError;
};

// Presentation of grading categories, one look across views: "A", "NI", "VIC 1" and a colour.
QString categoryBadge(const std::string &code);
QColor categoryColour(const std::string &code);
QString categoryLabel(const std::string &code);   // "Category A"; "Ungraded" for ""
QString durationText(std::int64_t ms);              // "1:05", "1:02:03"

} // namespace vigil::ui
