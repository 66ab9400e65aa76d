// SPDX-License-Identifier: GPL-3.0-or-later
// The victim map: the suspect's accounts at the centre, the victims around them in one sector
// per country, an edge per victim and suspect account (width by messages), nodes coloured by
// safeguarding priority, labelled with name and stated age. The layout is a pure function
// of the data and the size (deterministic), and the painter draws on any QPainter, so the
// same picture goes to the screen, a PNG or an SVG (mapexport.h).
#pragma once

#include <QColor>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QTransform>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "core/casedb/database.h"

class QPainter;

namespace vigil::ui {

struct GraphAccount {
    qint64 accountId = 0, evidenceId = 0;
    QString app, appName, key;   // key: phone, username or the app's id
};

struct GraphSuspect {
    qint64 personId = 0;
    QString label;
    std::vector<GraphAccount> accounts;
};

// One victim and the suspect accounts they talked with.
struct GraphVictim {
    struct Link {
        qint64 suspectId = 0, accountId = 0;   // accountId 0: the suspect as a whole
        qint64 messages = 0;
        QStringList apps;
    };
    qint64 personId = 0;
    int rank = 0;
    QString label, priority, country, stage;
    std::optional<int> age;
    double risk = 0.0;
    qint64 messages = 0;
    QStringList apps;   // app names
    QStringList priorityReasons;
    std::vector<Link> links;
};

struct VictimGraphData {
    std::vector<GraphSuspect> suspects;
    std::vector<GraphVictim> victims;   // ranked
};

// Victims, suspects and their edges from the case (casedb people queries).
Result<VictimGraphData> loadVictimGraph(casedb::Database &db);

struct GraphNode {
    enum Kind { Victim, Account, Suspect };
    Kind kind = Victim;
    qint64 id = 0;          // person id (victim, suspect) or account id
    QPointF pos;
    double radius = 6.0;
    double angle = 0.0;     // victims: radians, clockwise from the right (screen y down)
    QString label, tooltip;
    QColor colour;
};

struct GraphEdge {
    qint64 victimId = 0;
    QPointF from, to;
    double width = 1.0;
    QColor colour;
};

struct GraphSector {
    QString country, label;      // label: "CA Canada · 3" or "CA · 3" when narrow
    double start = 0.0, span = 0.0;   // radians
    int count = 0;
    QPointF labelPos;
};

class VictimGraphLayout {
public:
    static VictimGraphLayout compute(const VictimGraphData &data, QSizeF size);

    QSizeF size() const { return m_size; }
    QPointF centre() const { return m_centre; }
    double ringRadius() const { return m_ring; }
    double labelRoom() const { return m_labelRoom; }
    const QFont &labelFont() const { return m_labelFont; }
    const std::vector<GraphNode> &nodes() const { return m_nodes; }
    const std::vector<GraphEdge> &edges() const { return m_edges; }
    const std::vector<GraphSector> &sectors() const { return m_sectors; }
    int victimCount() const { return m_victims; }
    // The node (victim label included) under a point, or null.
    const GraphNode *nodeAt(QPointF point) const;
    const GraphNode *victimNode(qint64 personId) const;
    // Where a victim's label is drawn, in the node's rotated frame (see paintVictimGraph).
    QRectF labelRect(const GraphNode &node) const;
    QTransform labelTransform(const GraphNode &node) const;
    QRectF legendRect() const { return m_legend; }

private:
    void placeSuspects(const VictimGraphData &data);
    void placeAccountColumns(const GraphSuspect &suspect, const std::vector<const GraphAccount *> &accounts, QPointF hub,
                             double hubRadius, int side, const std::set<qint64> &linked);
    void placeAccountFan(const GraphSuspect &suspect, const std::vector<const GraphAccount *> &accounts, QPointF hub,
                         double hubRadius, double direction, const std::set<qint64> &linked);
    void placeVictims(const VictimGraphData &data);
    void addEdges(const VictimGraphData &data);
    void placeSectorLabel(GraphSector &sector);
    void placeLegend();

    QSizeF m_size;
    QPointF m_centre;
    double m_ring = 0.0, m_labelRoom = 0.0;
    QFont m_labelFont;
    int m_victims = 0;
    std::vector<GraphNode> m_nodes;
    std::vector<GraphEdge> m_edges;
    std::vector<GraphSector> m_sectors;
    QRectF m_legend;
};

// The bold font of the countries' names (layout and painting share it).
QFont victimGraphSectorFont(const QFont &labelFont);

// Draws the whole map into (0,0)-layout.size(): white background, sectors, edges, nodes,
// labels, title and legend. selected: a victim drawn highlighted (0: none).
void paintVictimGraph(QPainter &painter, const VictimGraphLayout &layout, qint64 selected = 0,
                      const QString &title = {});

class VictimGraphView : public QWidget {
    Q_OBJECT
public:
    explicit VictimGraphView(QWidget *parent = nullptr);
    void setData(VictimGraphData data);
    const VictimGraphData &data() const { return m_data; }
    const VictimGraphLayout &layout() const { return m_layout; }
    void setSelectedVictim(qint64 personId);
    qint64 selectedVictim() const { return m_selected; }
    void setTitle(const QString &title);
    // The smallest size at which this many victims and accounts stay readable (the view's
    // minimum: a smaller window scrolls rather than squeezing the labels).
    static QSize readableSize(const VictimGraphData &data);

signals:
    void victimClicked(qint64 personId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout();

    VictimGraphData m_data;
    VictimGraphLayout m_layout;
    qint64 m_selected = 0;
    QString m_title;
};

} // namespace vigil::ui
