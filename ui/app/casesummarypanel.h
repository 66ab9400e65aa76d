// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QWidget>

#include <optional>

#include "core/casedb/recoverycounts.h"
#include "core/casedb/sourcefilter.h"

class QComboBox;
class QLabel;

namespace vigil::ui {

// What the case (or the evidence item chosen above it) holds and how much of it was recovered,
// per source:
// files (deleted, carved from unallocated space or slack, partial, archive members, embedded),
// media, messages and calls (recovered per place in the database, WAL-only, rows of deleted /
// carved / nested databases). Each count that a view can filter on is a link that opens that
// view with the source filter set. Counted on demand (refresh), not while an ingest runs.
class CaseSummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit CaseSummaryPanel(QWidget *parent = nullptr);
    void setCase(const QString &caseDir);
    void setEvidence(std::optional<qint64> evidenceId);   // none: the whole case
    std::optional<qint64> evidence() const { return m_evidence; }
    void refresh();   // the evidence items and the counts
    QComboBox *scopeBox() const { return m_scope; }
    // The counts on show (empty before a case is set or when they could not be read).
    const std::optional<casedb::RecoveryCounts> &counts() const { return m_counts; }
    QString text() const;   // as plain text
    QString html() const;
    // Follows a link of the panel ("files:carved", "media:recovered", "messages:wal", …); the
    // views then list every case row of that source.
    void activateLink(const QString &link);

signals:
    void filesRequested(casedb::SourceFilter source);
    void mediaRequested(casedb::SourceFilter source);
    void messagesRequested(casedb::SourceFilter source);

private:
    void fillScope(casedb::Database &db);
    void showCounts(casedb::Database &db);

    QString m_caseDir;
    std::optional<qint64> m_evidence;
    std::optional<casedb::RecoveryCounts> m_counts;
    QComboBox *m_scope;
    QLabel *m_label;
};

} // namespace vigil::ui
