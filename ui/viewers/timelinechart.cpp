// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/timelinechart.h"

#include <QAreaSeries>
#include <QGuiApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsRectItem>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>

#include "ui/viewers/mapexport.h"

namespace vigil::ui {

namespace {

constexpr qint64 kMsPerNs = 1'000'000;
constexpr int kClickSlop = 4;   // pixels a press may move and still be a click

} // namespace

TimelineChart::TimelineChart(QWidget *parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing, false);
    chart()->legend()->setAlignment(Qt::AlignRight);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setBackgroundRoundness(0);
    setMinimumHeight(160);
    setToolTip(tr("Drag across the chart to show a span; click a bar to go to it; wheel to zoom."));
    m_brush = new QGraphicsRectItem;
    m_brush->setBrush(QColor(30, 120, 220, 60));
    m_brush->setPen(QPen(QColor(30, 120, 220), 1));
    m_brush->setZValue(100);
    m_brush->hide();
    chart()->scene()->addItem(m_brush);
}

void TimelineChart::setHistogram(const TimelineHistogram &histogram, const std::vector<SeriesStyle> &styles,
                                 const QTimeZone &zone)
{
    m_histogram = histogram;
    m_styles = styles;
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    rebuild();
}

qint64 TimelineChart::displayMs(qint64 ns) const
{
    return ns / kMsPerNs + m_shiftMs;
}

qint64 TimelineChart::utcNs(double axisValue) const
{
    return (static_cast<qint64>(axisValue) - m_shiftMs) * kMsPerNs;
}

QString TimelineChart::axisFormat() const
{
    const qint64 span = (m_histogram.to - m_histogram.from) / kMsPerNs;
    if (span <= 10LL * 60 * 1000)
        return QStringLiteral("HH:mm:ss");
    if (span <= 3LL * 86400 * 1000)
        return QStringLiteral("MM-dd HH:mm");
    if (span <= 400LL * 86400 * 1000)
        return QStringLiteral("yyyy-MM-dd");
    return QStringLiteral("yyyy-MM");
}

void TimelineChart::rebuild()
{
    QChart *c = chart();
    c->removeAllSeries();   // deletes them
    for (auto *axis : c->axes()) {
        c->removeAxis(axis);   // gives up ownership without deleting (LeakSanitizer found them lost)
        delete axis;
    }
    if (m_histogram.empty())
        return;
    // QDateTimeAxis shows the system's zone: shift the values so that its labels read in ours.
    const qint64 midMs = (m_histogram.from + (m_histogram.to - m_histogram.from) / 2) / kMsPerNs;
    const QDateTime mid = QDateTime::fromMSecsSinceEpoch(midMs, QTimeZone::utc());
    m_shiftMs = (qint64(m_zone.offsetFromUtc(mid)) - QDateTime::fromMSecsSinceEpoch(midMs).offsetFromUtc()) * 1000;
    auto *x = new QDateTimeAxis;
    x->setFormat(axisFormat());
    x->setTickCount(7);
    x->setRange(QDateTime::fromMSecsSinceEpoch(displayMs(m_histogram.from)),
                QDateTime::fromMSecsSinceEpoch(displayMs(m_histogram.to)));
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    const std::size_t buckets = m_histogram.series.front().size();
    std::vector<qint64> base(buckets, 0);
    qint64 top = 0;
    for (std::size_t s = 0; s < m_histogram.series.size(); ++s) {
        auto *lower = new QLineSeries, *upper = new QLineSeries;
        for (std::size_t b = 0; b < buckets; ++b) {   // steps: flat across each bucket
            const double x0 = double(displayMs(m_histogram.from + qint64(b) * m_histogram.bucketNs));
            const double x1 = double(displayMs(m_histogram.from + qint64(b + 1) * m_histogram.bucketNs));
            const qint64 next = base[b] + m_histogram.series[s][b];
            lower->append(x0, double(base[b]));
            lower->append(x1, double(base[b]));
            upper->append(x0, double(next));
            upper->append(x1, double(next));
            base[b] = next;
            top = std::max(top, next);
        }
        auto *area = new QAreaSeries(upper, lower);
        upper->setParent(area);   // an area series does not own its lines (LeakSanitizer found them lost)
        lower->setParent(area);
        const SeriesStyle style = s < m_styles.size() ? m_styles[s] : SeriesStyle{tr("Events"), QColor(31, 119, 180)};
        area->setName(style.name);
        area->setColor(style.colour);
        area->setBorderColor(style.colour.darker(130));
        c->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
    }
    y->setRange(0, std::max<qint64>(1, top + top / 10));
    y->applyNiceNumbers();
    c->legend()->setVisible(m_histogram.series.size() > 1);
}

std::optional<qint64> TimelineChart::timeAt(int xPos) const
{
    if (m_histogram.empty())
        return std::nullopt;
    const QRectF plot = chart()->plotArea();
    const QPointF scenePos = mapToScene(QPoint(xPos, int(plot.center().y())));
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    if (chartPos.x() < plot.left() || chartPos.x() > plot.right())
        return std::nullopt;
    const auto series = chart()->series();
    const QPointF value = chart()->mapToValue(chartPos, series.isEmpty() ? nullptr : series.front());
    return std::clamp(utcNs(value.x()), m_histogram.from, m_histogram.to);
}

int TimelineChart::xOf(qint64 timeNs) const
{
    const auto series = chart()->series();
    const QPointF chartPos =
        chart()->mapToPosition(QPointF(double(displayMs(timeNs)), 0), series.isEmpty() ? nullptr : series.front());
    return mapFromScene(chart()->mapToScene(chartPos)).x();
}

void TimelineChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && timeAt(event->position().toPoint().x())) {
        m_pressX = event->position().toPoint().x();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        emit zoomOutRequested();
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimelineChart::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressX) {
        QChartView::mouseMoveEvent(event);
        return;
    }
    const QRectF plot = chart()->plotArea();
    const int x = event->position().toPoint().x();
    const double left = chart()->mapFromScene(mapToScene(QPoint(std::min(x, *m_pressX), 0))).x();
    const double right = chart()->mapFromScene(mapToScene(QPoint(std::max(x, *m_pressX), 0))).x();
    m_brush->setRect(QRectF(QPointF(std::max(left, plot.left()), plot.top()),
                            QPointF(std::min(right, plot.right()), plot.bottom())));
    m_brush->show();
    event->accept();
}

void TimelineChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressX || event->button() != Qt::LeftButton) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    const int x0 = *m_pressX, x1 = event->position().toPoint().x();
    m_pressX.reset();
    m_brush->hide();
    event->accept();
    const auto t0 = timeAt(std::min(x0, x1));
    const auto t1 = timeAt(std::max(x0, x1));
    if (std::abs(x1 - x0) <= kClickSlop) {
        if (t0)
            emit bucketClicked(m_histogram.from + (*t0 - m_histogram.from) / m_histogram.bucketNs * m_histogram.bucketNs);
        return;
    }
    const qint64 from = t0.value_or(m_histogram.from), to = t1.value_or(m_histogram.to);
    if (to > from)
        emit rangeSelected(from, to);
}

void TimelineChart::wheelEvent(QWheelEvent *event)
{
    const auto at = timeAt(event->position().toPoint().x());
    if (!at || event->angleDelta().y() == 0) {
        QChartView::wheelEvent(event);
        return;
    }
    event->accept();
    if (event->angleDelta().y() < 0) {
        emit zoomOutRequested();
        return;
    }
    const qint64 span = (m_histogram.to - m_histogram.from) / 4;   // half the span around the pointer
    emit rangeSelected(std::max(m_histogram.from, *at - span), std::min(m_histogram.to, *at + span));
}

} // namespace vigil::ui

namespace vigil::ui {

Result<void> TimelineChart::exportImage(const std::filesystem::path &path, QSize size)
{
    if (size.isValid() && size != this->size())
        resize(size);
    const QSize picture = this->size();
    return renderPicture(path, picture, chart()->title().isEmpty() ? tr("Timeline") : chart()->title(),
                         [&](QPainter &p) { render(&p, QRectF(QPointF(0, 0), QSizeF(picture))); });
}

Result<void> exportTimelineChart(casedb::Database &db, const casedb::TimelineFilter &filter,
                                 const std::filesystem::path &path, QSize size, const QTimeZone &zone, const QString &title)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return fail(ErrorCode::InvalidArgument, "drawing a timeline needs a QGuiApplication (QT_QPA_PLATFORM=offscreen will do)");
    auto histogram = countTimelineHistogram(db, filter, std::clamp(size.width() / 8, 20, 400));
    if (!histogram)
        return std::unexpected(histogram.error());
    TimelineChart chart;
    chart.setAttribute(Qt::WA_DontShowOnScreen);   // laid out as if shown: Qt Charts lays out on show
    chart.resize(size);
    chart.chart()->setTitle(title);
    chart.setHistogram(*histogram, {{QObject::tr("Events"), QColor(0x1f, 0x77, 0xb4)}}, zone);
    chart.show();
    QCoreApplication::sendPostedEvents();
    return chart.exportImage(path, size);
}

} // namespace vigil::ui
