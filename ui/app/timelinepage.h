// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTimeZone>
#include <QWidget>

#include <memory>
#include <optional>

#include "core/casedb/database.h"
#include "core/casedb/timelinequery.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace vigil::ui {

class TimelineModel;
class TimelineChart;

// The Timeline area: the histogram over time (brush a span to show it, click to jump, wheel to
// zoom), the events below it in time order, filters (person, app, type, evidence item, text),
// the display zone, and lanes: one column per victim so each child's story reads top to bottom.
// Enter / double-click on an event opens its source (conversation at the message, file, media).
class TimelinePage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxLanes = 8;
    enum class Export { Csv, BodyFile, Chart };

    explicit TimelinePage(QWidget *parent = nullptr);
    ~TimelinePage() override;
    void setCase(const QString &caseDir);
    void refresh();   // the events were rebuilt (ingest, merge, split)
    // The per-victim timeline: every event concerning this person, over all time.
    void showPerson(qint64 personId);
    void setLanes(bool on);   // one column per victim (the highest ranked kMaxLanes)
    void setRange(std::optional<qint64> fromNs, std::optional<qint64> toNs);
    void setDisplayZone(const QTimeZone &zone);
    // Selects the first event at or after this time; false when none.
    bool goToTime(qint64 timeNs);
    void activateRow(int row);
    // Writes what the page shows: its events (the filter, the lanes' persons) as CSV or a body
    // file, or the chart as a picture (.png/.svg). An error text, or "" (and `exported`).
    QString exportTo(const QString &path, Export what);

    TimelineModel *model() const { return m_model.get(); }
    TimelineChart *chart() const { return m_chart; }
    QTableView *table() const { return m_table; }
    QComboBox *personBox() const { return m_person; }
    QComboBox *appBox() const { return m_app; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *evidenceBox() const { return m_evidence; }
    QComboBox *zoneBox() const { return m_zone; }
    QLineEdit *textFilter() const { return m_text; }
    QPushButton *lanesButton() const { return m_lanes; }
    QString statusText() const;
    casedb::TimelineFilter currentFilter() const;

signals:
    void fileActivated(qint64 fileId, const QString &path);
    void messageActivated(qint64 conversationId, qint64 messageId);
    void conversationActivated(qint64 conversationId);
    // The events of the current filter are all counted (tests wait on it).
    void ready(qint64 events);
    // A file was written (for the audit log): what is "csv", "bodyfile" or "chart".
    void exported(const QString &path, const QString &what, qint64 events, const QString &filter);

private:
    void buildBar();
    void fillBoxes();
    void fillZones();
    void apply();
    void updateChart();
    void updateStatus();
    void zoomOut();
    void exportDialog(Export what);
    QString filterText() const;   // the filter in words, for the audit log

    QString m_caseDir;
    casedb::Database m_db;
    std::unique_ptr<TimelineModel> m_model;
    std::optional<qint64> m_from, m_to;
    TimelineChart *m_chart;
    QTableView *m_table;
    QComboBox *m_person, *m_app, *m_type, *m_evidence, *m_zone;
    QLineEdit *m_text;
    QPushButton *m_lanes, *m_all, *m_out, *m_export;
    QLabel *m_status;
    qint64 m_lastElapsedMs = -1;
};

} // namespace vigil::ui
