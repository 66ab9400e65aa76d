// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QTimeZone>

#include <filesystem>
#include <vector>

#include "ui/models/timelinemodel.h"

class QGraphicsRectItem;

namespace vigil::ui {

// The timeline histogram (Qt Charts): events per bucket over time, one stacked band per series
// (the whole filter, or one per person lane), the time axis in the display zone. Drag across it
// to brush a span (rangeSelected: the page zooms to it and the table shows it), click a bar to
// jump there (bucketClicked), wheel to zoom in/out around the pointer.
class TimelineChart : public QChartView {
    Q_OBJECT
public:
    struct SeriesStyle {
        QString name;
        QColor colour;
    };

    explicit TimelineChart(QWidget *parent = nullptr);
    void setHistogram(const TimelineHistogram &histogram, const std::vector<SeriesStyle> &styles,
                      const QTimeZone &zone);
    const TimelineHistogram &histogram() const { return m_histogram; }
    // The time (ns UTC) under a horizontal position in the view; nullopt outside the plot.
    std::optional<qint64> timeAt(int x) const;
    // The horizontal position of a time (ns UTC) in the view.
    int xOf(qint64 timeNs) const;
    QString axisFormat() const;
    // The chart as it is drawn, as a picture (.png or .svg by the extension).
    Result<void> exportImage(const std::filesystem::path &path, QSize size = {});

signals:
    void rangeSelected(qint64 fromNs, qint64 toNs);
    void bucketClicked(qint64 startNs);
    void zoomOutRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void rebuild();
    qint64 displayMs(qint64 ns) const;   // axis value of a time
    qint64 utcNs(double axisValue) const;

    TimelineHistogram m_histogram;
    std::vector<SeriesStyle> m_styles;
    QTimeZone m_zone = QTimeZone::utc();
    qint64 m_shiftMs = 0;   // display zone offset minus the system's, at the middle of the range
    std::optional<int> m_pressX;
    QGraphicsRectItem *m_brush = nullptr;
};

// The histogram of a filter (e.g. every event concerning one victim) as a picture, drawn without a
// window (a QGuiApplication is needed; "offscreen" will do): for the report.
Result<void> exportTimelineChart(casedb::Database &db, const casedb::TimelineFilter &filter,
                                 const std::filesystem::path &path, QSize size = {1600, 420},
                                 const QTimeZone &zone = QTimeZone::utc(), const QString &title = {});

} // namespace vigil::ui
