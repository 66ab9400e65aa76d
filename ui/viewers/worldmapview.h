// SPDX-License-Identifier: GPL-3.0-or-later
// The world map of victims: country shapes (Natural Earth, resources/geo) in an
// equirectangular projection, countries with victims filled by their count (legend), the
// counts as labels. Layout and painting work on any QPainter (screen, PNG, SVG).
#pragma once

#include <QColor>
#include <QPainterPath>
#include <QString>
#include <QWidget>

#include <map>
#include <vector>

#include "core/casedb/database.h"

class QPainter;

namespace vigil::analysis {
class CountryShapes;
struct GeoPoint;
}
namespace vigil::casedb {
struct VictimRow;
}

namespace vigil::ui {

struct WorldMapData {
    std::map<QString, int> counts;   // ISO code -> victims
    int unknown = 0;                 // victims without a country
    int total() const;
};

WorldMapData worldMapData(const std::vector<casedb::VictimRow> &victims);
Result<WorldMapData> loadWorldMapData(casedb::Database &db);

// Fill colour bins: 1, 2, 3-5, 6-10, 11-20, 21 and more.
int victimCountBin(int count);
QColor victimCountColour(int count);   // light grey for 0
QString victimCountBinLabel(int bin);  // "3–5"

class WorldMapLayout {
public:
    struct Country {
        QString iso2, name;
        QPainterPath path;   // in widget coordinates
        int count = 0;
    };
    struct Label {
        QString iso2;
        int count = 0;
        QPointF anchor;   // the country's centre (largest ring)
        QRectF bubble;    // the count's circle; moved off its neighbours when they collide
        QRectF code;      // the ISO code beside it
    };

    // shapes may be null (none found): the layout is empty and the painter says so.
    static WorldMapLayout compute(const analysis::CountryShapes *shapes, const WorldMapData &data, QSizeF size);

    QSizeF size() const { return m_size; }
    QRectF mapRect() const { return m_map; }
    const std::vector<Country> &countries() const { return m_countries; }
    const std::vector<Label> &labels() const { return m_labels; }
    const WorldMapData &data() const { return m_data; }
    bool hasShapes() const { return m_hasShapes; }
    double textScale() const { return m_textScale; }   // 1 on screen, up to 2 for large pictures
    QPointF project(double lon, double lat) const;
    // The country under a point (its count bubble first), "" at sea.
    QString countryAt(QPointF point) const;
    const Country *country(const QString &iso2) const;

private:
    void placeLabels(const analysis::CountryShapes &shapes);

    QSizeF m_size;
    QRectF m_map;
    double m_scale = 1.0, m_textScale = 1.0;
    bool m_hasShapes = false;
    WorldMapData m_data;
    std::vector<Country> m_countries;
    std::vector<Label> m_labels;
};

void paintWorldMap(QPainter &painter, const WorldMapLayout &layout, const QString &selected = {},
                   const QString &title = {});

class WorldMapView : public QWidget {
    Q_OBJECT
public:
    explicit WorldMapView(QWidget *parent = nullptr);
    // Uses CountryShapes::shared() unless shapes are set.
    void setData(WorldMapData data);
    void setShapes(const analysis::CountryShapes *shapes);
    const WorldMapLayout &layout() const { return m_layout; }
    const WorldMapData &data() const { return m_data; }
    void setSelectedCountry(const QString &iso2);
    QString selectedCountry() const { return m_selected; }
    void setTitle(const QString &title);
    QString shapesError() const { return m_shapesError; }

signals:
    // A country with victims was clicked.
    void countryClicked(const QString &iso2);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout();
    const analysis::CountryShapes *shapes();

    const analysis::CountryShapes *m_shapes = nullptr;
    QString m_shapesError;
    WorldMapData m_data;
    WorldMapLayout m_layout;
    QString m_selected, m_title;
};

} // namespace vigil::ui
