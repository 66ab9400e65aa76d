// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/worldmapview.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPolygonF>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/analysis/geo/countryshapes.h"
#include "core/casedb/peoplequery.h"
#include "ui/models/modelformat.h"
#include "ui/models/peopleformat.h"

namespace vigil::ui {

namespace {

// The map shows latitudes 84 N to 57 S (no Antarctica): inhabited land, less wasted height.
constexpr double kNorth = 84.0, kSouth = -57.0;
constexpr std::array<int, 6> kBinStarts = {1, 2, 3, 6, 11, 21};
constexpr std::array<QRgb, 6> kBinColours = {0xFCBBA1, 0xFC9272, 0xFB6A4A, 0xEF3B2C, 0xCB181D, 0x99000D};
const QColor kOcean(0xEE, 0xF4, 0xF9), kLand(0xDA, 0xDC, 0xDE);

QFont mapFont(double pixels, bool bold = false)
{
    QFont f(QStringLiteral("Sans Serif"));
    f.setPixelSize(static_cast<int>(std::lround(pixels)));
    f.setBold(bold);
    return f;
}

} // namespace

int WorldMapData::total() const
{
    int n = unknown;
    for (const auto &[code, count] : counts)
        n += count;
    return n;
}

WorldMapData worldMapData(const std::vector<casedb::VictimRow> &victims)
{
    WorldMapData data;
    for (const auto &v : victims) {
        if (v.country.empty())
            ++data.unknown;
        else
            ++data.counts[fromStd(v.country)];
    }
    return data;
}

Result<WorldMapData> loadWorldMapData(casedb::Database &db)
{
    auto victims = casedb::listVictims(db);
    if (!victims)
        return std::unexpected(victims.error());
    return worldMapData(*victims);
}

int victimCountBin(int count)
{
    int bin = -1;
    for (std::size_t i = 0; i < kBinStarts.size(); ++i)
        if (count >= kBinStarts[i])
            bin = static_cast<int>(i);
    return bin;
}

QColor victimCountColour(int count)
{
    const int bin = victimCountBin(count);
    return bin < 0 ? kLand : QColor(kBinColours[static_cast<std::size_t>(bin)]);
}

QString victimCountBinLabel(int bin)
{
    if (bin < 0 || bin >= static_cast<int>(kBinStarts.size()))
        return {};
    const int from = kBinStarts[static_cast<std::size_t>(bin)];
    if (bin + 1 == static_cast<int>(kBinStarts.size()))
        return QStringLiteral("%1+").arg(from);
    const int to = kBinStarts[static_cast<std::size_t>(bin) + 1] - 1;
    return from == to ? QString::number(from) : QStringLiteral("%1–%2").arg(from).arg(to);
}

// ---- layout ----

WorldMapLayout WorldMapLayout::compute(const analysis::CountryShapes *shapes, const WorldMapData &data, QSizeF size)
{
    WorldMapLayout l;
    l.m_size = size;
    l.m_data = data;
    const QRectF area(8, 34, std::max(1.0, size.width() - 16), std::max(1.0, size.height() - 42));
    l.m_scale = std::min(area.width() / 360.0, area.height() / (kNorth - kSouth));
    const QSizeF mapSize(360.0 * l.m_scale, (kNorth - kSouth) * l.m_scale);
    l.m_map = QRectF(area.left() + (area.width() - mapSize.width()) / 2,
                     area.top() + (area.height() - mapSize.height()) / 2, mapSize.width(), mapSize.height());
    l.m_textScale = std::clamp(l.m_map.width() / 1300.0, 1.0, 2.0);   // report-sized pictures get larger labels
    if (!shapes)
        return l;
    l.m_hasShapes = true;
    for (const auto &shape : shapes->countries()) {
        if (shape.iso2 == "AQ")
            continue;
        Country c{fromStd(shape.iso2), fromStd(shape.name), {}, 0};
        c.path.setFillRule(Qt::OddEvenFill);
        for (const auto &ring : shape.rings) {
            QPolygonF polygon;
            polygon.reserve(static_cast<qsizetype>(ring.size()));
            for (const auto &pt : ring)
                polygon << l.project(pt.lon, pt.lat);
            c.path.addPolygon(polygon);
            c.path.closeSubpath();
        }
        const auto it = data.counts.find(c.iso2);
        c.count = it == data.counts.end() ? 0 : it->second;
        l.m_countries.push_back(std::move(c));
    }
    l.placeLabels(*shapes);
    return l;
}

QPointF WorldMapLayout::project(double lon, double lat) const
{
    return {m_map.left() + (lon + 180.0) * m_scale, m_map.top() + (kNorth - lat) * m_scale};
}

// Count bubbles at each country's centre, most victims first; one that would cover another is
// moved outwards on a spiral (a leader line joins it to its country).
void WorldMapLayout::placeLabels(const analysis::CountryShapes &shapes)
{
    std::vector<std::pair<QString, int>> order(m_data.counts.begin(), m_data.counts.end());
    std::stable_sort(order.begin(), order.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    const QFontMetricsF fm(mapFont(12 * m_textScale, true)), codeFm(mapFont(11 * m_textScale, true));
    std::vector<QRectF> taken;
    for (const auto &[iso2, count] : order) {
        const analysis::CountryShape *shape = shapes.find(iso2.toStdString());
        if (!shape)
            continue;
        Label label{iso2, count, project(shape->anchor.lon, shape->anchor.lat), {}, {}};
        const double d = std::max(fm.horizontalAdvance(QString::number(count)) + 8, fm.height() + 4);
        const double codeWidth = codeFm.horizontalAdvance(iso2) + 6;
        for (int attempt = 0; attempt < 48; ++attempt) {
            const double r = attempt == 0 ? 0.0 : 6.0 + 3.0 * attempt;
            const double a = attempt * 2.4;   // golden-angle steps
            const QPointF at = label.anchor + QPointF(r * std::cos(a), r * std::sin(a));
            label.bubble = QRectF(at.x() - d / 2, at.y() - d / 2, d, d);
            label.code = QRectF(label.bubble.right() + 1, at.y() - codeFm.height() / 2, codeWidth, codeFm.height());
            const QRectF whole = label.bubble.united(label.code);
            if (std::none_of(taken.begin(), taken.end(), [&](const QRectF &t) { return t.intersects(whole); }))
                break;
        }
        taken.push_back(label.bubble.united(label.code));
        m_labels.push_back(label);
    }
}

QString WorldMapLayout::countryAt(QPointF point) const
{
    for (const auto &label : m_labels)
        if (label.bubble.adjusted(-2, -2, 2, 2).contains(point) || label.code.contains(point))
            return label.iso2;
    for (const auto &c : m_countries)
        if (c.path.controlPointRect().contains(point) && c.path.contains(point))
            return c.iso2;
    return {};
}

const WorldMapLayout::Country *WorldMapLayout::country(const QString &iso2) const
{
    for (const auto &c : m_countries)
        if (c.iso2 == iso2)
            return &c;
    return nullptr;
}

// ---- painting ----

namespace {

void paintCountries(QPainter &p, const WorldMapLayout &l, const QString &selected)
{
    p.save();
    p.setClipRect(l.mapRect());
    p.fillRect(l.mapRect(), kOcean);
    for (const auto &c : l.countries()) {
        p.setPen(c.count ? QPen(QColor(0x6D, 0x6D, 0x6D), 0.7) : QPen(Qt::white, 0.5));
        p.setBrush(victimCountColour(c.count));
        p.drawPath(c.path);
    }
    if (const auto *c = l.country(selected)) {
        p.setPen(QPen(QColor(0x0D, 0x47, 0xA1), 2.2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(c->path);
    }
    p.restore();
}

void paintLabels(QPainter &p, const WorldMapLayout &l)
{
    for (const auto &label : l.labels()) {
        if (!label.bubble.contains(label.anchor)) {
            p.setPen(QPen(QColor(0x42, 0x42, 0x42), 1));
            p.drawLine(label.anchor, label.bubble.center());
        }
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(QColor(0x21, 0x21, 0x21));
        p.drawEllipse(label.bubble);
        p.setFont(mapFont(12 * l.textScale(), true));
        p.setPen(Qt::white);
        p.drawText(label.bubble, Qt::AlignCenter, QString::number(label.count));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 210));
        p.drawRoundedRect(label.code, 2, 2);
        p.setFont(mapFont(11 * l.textScale(), true));
        p.setPen(QColor(0x21, 0x21, 0x21));
        p.drawText(label.code, Qt::AlignCenter, label.iso2);
    }
}

void paintLegend(QPainter &p, const WorldMapLayout &l)
{
    int most = 0;
    for (const auto &[code, count] : l.data().counts)
        most = std::max(most, count);
    const int bins = victimCountBin(most) + 1;
    const QFont font = mapFont(11 * l.textScale());
    const QFontMetricsF fm(font);
    const double line = fm.height() + 4;
    const int rows = 2 + bins + (l.data().unknown ? 1 : 0);
    const QString heading = QObject::tr("Victims per country");
    const double swatchWidth = 18 * l.textScale();
    QRectF box(l.mapRect().left() + 8, l.mapRect().bottom() - 8 - rows * line - 8,
               std::max(fm.horizontalAdvance(heading), fm.horizontalAdvance(QObject::tr("Unknown country: 000"))) +
                   swatchWidth + 22,
               rows * line + 8);
    p.setPen(QColor(0xBD, 0xBD, 0xBD));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(box, 4, 4);
    p.setFont(mapFont(11 * l.textScale(), true));
    p.setPen(QColor(0x21, 0x21, 0x21));
    double y = box.top() + 4;
    p.drawText(QRectF(box.left() + 8, y, box.width(), line), Qt::AlignVCenter, heading);
    p.setFont(font);
    y += line;
    auto swatch = [&](const QColor &colour, const QString &text) {
        p.setPen(QPen(QColor(0x9E, 0x9E, 0x9E), 0.5));
        p.setBrush(colour);
        p.drawRect(QRectF(box.left() + 8, y + 3, swatchWidth, line - 6));
        p.setPen(QColor(0x21, 0x21, 0x21));
        p.drawText(QRectF(box.left() + 14 + swatchWidth, y, box.width(), line), Qt::AlignVCenter, text);
        y += line;
    };
    swatch(kLand, QObject::tr("none"));
    for (int b = 0; b < bins; ++b)
        swatch(QColor(kBinColours[static_cast<std::size_t>(b)]), victimCountBinLabel(b));
    if (l.data().unknown) {
        p.drawText(QRectF(box.left() + 8, y, box.width(), line), Qt::AlignVCenter,
                   QObject::tr("Unknown country: %1").arg(l.data().unknown));
    }
}

} // namespace

void paintWorldMap(QPainter &p, const WorldMapLayout &l, const QString &selected, const QString &title)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRectF(QPointF(0, 0), l.size()), Qt::white);
    p.setFont(mapFont(15 * l.textScale(), true));
    p.setPen(QColor(0x21, 0x21, 0x21));
    const int countries = static_cast<int>(l.data().counts.size());
    const QString heading =
        !title.isEmpty() ? title
        : countries == 1 ? QObject::tr("Victims per country: %n victim(s) in 1 country", nullptr, l.data().total())
                         : QObject::tr("Victims per country: %n victim(s) in %1 countries", nullptr, l.data().total())
                               .arg(countries);
    p.drawText(QRectF(10, 6, l.size().width() - 20, 24), Qt::AlignLeft | Qt::AlignVCenter, heading);
    if (!l.hasShapes()) {
        p.setFont(mapFont(12));
        p.drawText(QRectF(QPointF(0, 0), l.size()), Qt::AlignCenter,
                   QObject::tr("Country shapes are missing (resources/geo/countries.geojson)."));
        p.restore();
        return;
    }
    paintCountries(p, l, selected);
    paintLabels(p, l);
    paintLegend(p, l);
    p.restore();
}

// ---- widget ----

WorldMapView::WorldMapView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(360, 200);
}

const analysis::CountryShapes *WorldMapView::shapes()
{
    if (!m_shapes && m_shapesError.isEmpty()) {
        auto shared = analysis::CountryShapes::shared();
        if (shared)
            m_shapes = *shared;
        else
            m_shapesError = errorText(shared.error());
    }
    return m_shapes;
}

void WorldMapView::setShapes(const analysis::CountryShapes *shapes)
{
    m_shapes = shapes;
    m_shapesError.clear();
    relayout();
}

void WorldMapView::setData(WorldMapData data)
{
    m_data = std::move(data);
    relayout();
}

void WorldMapView::setSelectedCountry(const QString &iso2)
{
    m_selected = iso2;
    update();
}

void WorldMapView::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void WorldMapView::relayout()
{
    m_layout = WorldMapLayout::compute(shapes(), m_data, size());
    update();
}

void WorldMapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintWorldMap(p, m_layout, m_selected, m_title);
}

void WorldMapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void WorldMapView::mousePressEvent(QMouseEvent *event)
{
    const QString iso2 = m_layout.countryAt(event->position());
    const auto it = m_data.counts.find(iso2);
    if (event->button() == Qt::LeftButton && it != m_data.counts.end() && it->second > 0) {
        setSelectedCountry(iso2);
        emit countryClicked(iso2);
        return;
    }
    QWidget::mousePressEvent(event);
}

bool WorldMapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString iso2 = m_layout.countryAt(help->pos());
        if (iso2.isEmpty()) {
            QToolTip::hideText();
        } else {
            const auto it = m_data.counts.find(iso2);
            const int n = it == m_data.counts.end() ? 0 : it->second;
            const auto *c = m_layout.country(iso2);
            const QString name = c && !c->name.isEmpty() ? c->name : countryName(iso2);
            QToolTip::showText(help->globalPos(),
                               QObject::tr("%1 %2: %n victim(s)", nullptr, n).arg(iso2, name) +
                                   (n ? QObject::tr("\nClick to list them") : QString()),
                               this);
        }
        return true;
    }
    if (event->type() == QEvent::MouseMove) {
        const auto *move = static_cast<QMouseEvent *>(event);
        const auto it = m_data.counts.find(m_layout.countryAt(move->position()));
        setCursor(it != m_data.counts.end() && it->second > 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }
    return QWidget::event(event);
}

} // namespace vigil::ui
