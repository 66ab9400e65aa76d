// SPDX-License-Identifier: GPL-3.0-or-later
// Painting of the victim map (victimgraphview.h): the same on screen, in a PNG and in an SVG.
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <numbers>

#include "ui/models/peopleformat.h"
#include "ui/viewers/victimgraphview.h"

namespace vigil::ui {

namespace {

constexpr double kPi = std::numbers::pi;

QPainterPath annularWedge(QPointF c, double inner, double outer, double start, double span)
{
    const double deg = 180.0 / kPi;
    QPainterPath path;
    const QRectF outerRect(c.x() - outer, c.y() - outer, 2 * outer, 2 * outer);
    const QRectF innerRect(c.x() - inner, c.y() - inner, 2 * inner, 2 * inner);
    // Qt's arcs run counter-clockwise in degrees with y up: negate our clockwise screen angles.
    path.arcMoveTo(outerRect, -start * deg);
    path.arcTo(outerRect, -start * deg, -span * deg);
    path.arcTo(innerRect, -(start + span) * deg, span * deg);
    path.closeSubpath();
    return path;
}

void drawHaloText(QPainter &p, const QRectF &rect, int flags, const QString &text, const QColor &background)
{
    p.setPen(Qt::NoPen);
    p.setBrush(background);
    p.drawRoundedRect(rect, 3, 3);
    p.setPen(QColor(0x21, 0x21, 0x21));
    p.drawText(rect, flags, text);
}

void paintSectors(QPainter &p, const VictimGraphLayout &l)
{
    const double inner = l.ringRadius() - 18, outer = l.ringRadius() + l.labelRoom();
    for (std::size_t i = 0; i < l.sectors().size(); ++i) {
        const auto &s = l.sectors()[i];
        p.setPen(Qt::NoPen);
        p.setBrush(i % 2 ? QColor(0xF6, 0xF0, 0xE4) : QColor(0xE8, 0xEF, 0xF7));
        p.drawPath(annularWedge(l.centre(), inner, outer, s.start, s.span));
    }
}

void paintSectorLabels(QPainter &p, const VictimGraphLayout &l)
{
    const QFont font = victimGraphSectorFont(l.labelFont());
    p.setFont(font);
    const QFontMetricsF fm(font);
    for (const auto &s : l.sectors()) {
        QRectF r(0, 0, fm.horizontalAdvance(s.label) + 8, fm.height() + 4);
        r.moveCenter(s.labelPos);
        drawHaloText(p, r, Qt::AlignCenter, s.label, QColor(255, 255, 255, 225));
    }
}

void paintAccounts(QPainter &p, const VictimGraphLayout &l)
{
    QFont small = l.labelFont();
    small.setPixelSize(std::max(8, l.labelFont().pixelSize() - 1));
    const QFontMetricsF fm(small);
    // Spokes from each suspect to its accounts.
    const GraphNode *hub = nullptr;
    for (const auto &n : l.nodes()) {
        if (n.kind == GraphNode::Suspect)
            hub = &n;
        else if (n.kind == GraphNode::Account && hub) {
            p.setPen(QPen(QColor(0x45, 0x5A, 0x64), 2));
            p.drawLine(hub->pos, n.pos);
        }
    }
    for (const auto &n : l.nodes()) {
        if (n.kind == GraphNode::Suspect) {
            QFont bold = l.labelFont();
            bold.setBold(true);
            bold.setPixelSize(std::max(11, l.labelFont().pixelSize()));
            const QFontMetricsF bm(bold);
            QRectF r(0, 0, 2 * n.radius, bm.height() + 10);
            r.moveCenter(n.pos);
            p.setPen(QPen(Qt::white, 2));
            p.setBrush(n.colour);
            p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
            p.setFont(bold);
            p.setPen(Qt::white);
            p.drawText(r, Qt::AlignCenter, bm.elidedText(n.label, Qt::ElideRight, r.width() - 12));
            continue;
        }
        if (n.kind != GraphNode::Account)
            continue;
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(n.colour);
        p.drawRoundedRect(QRectF(n.pos.x() - n.radius, n.pos.y() - n.radius, 2 * n.radius, 2 * n.radius), 2, 2);
        p.setFont(small);
        const QStringList lines = n.label.split(QLatin1Char('\n'));
        double w = 0;
        for (const auto &line : lines)
            w = std::max(w, fm.horizontalAdvance(line));
        QRectF r(0, 0, w + 8, fm.height() * lines.size() + 4);
        const double c = std::cos(n.angle), s = std::sin(n.angle);
        QPointF anchor = n.pos + QPointF(c, s) * (n.radius + 4);
        r.moveCenter(anchor + QPointF(c * r.width() / 2, s * r.height() / 2));
        drawHaloText(p, r, Qt::AlignCenter, n.label, QColor(255, 255, 255, 230));
    }
}

void paintVictims(QPainter &p, const VictimGraphLayout &l, qint64 selected)
{
    for (const auto &n : l.nodes()) {
        if (n.kind != GraphNode::Victim)
            continue;
        const bool isSelected = n.id == selected;
        if (isSelected) {
            p.setPen(QPen(QColor(0x0D, 0x47, 0xA1), 3));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(n.pos, n.radius + 4, n.radius + 4);
        }
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(n.colour);
        p.drawEllipse(n.pos, n.radius, n.radius);
        QFont font = l.labelFont();
        font.setBold(isSelected);
        p.setFont(font);
        p.setPen(isSelected ? QColor(0x0D, 0x47, 0xA1) : QColor(0x21, 0x21, 0x21));
        p.save();
        p.setTransform(l.labelTransform(n), true);
        const QRectF r = l.labelRect(n);
        const bool left = std::cos(n.angle) < 0;
        const QString text = QFontMetricsF(font).elidedText(n.label, Qt::ElideRight, r.width() + 1);
        p.drawText(r.adjusted(-2, 0, 2, 0), Qt::AlignVCenter | (left ? Qt::AlignRight : Qt::AlignLeft), text);
        p.restore();
    }
}

void paintLegend(QPainter &p, const VictimGraphLayout &l)
{
    QFont font = l.labelFont();
    font.setPixelSize(11);
    p.setFont(font);
    const QFontMetricsF fm(font);
    const double line = fm.height() + 3;
    const QStringList priorities = {QStringLiteral("urgent"), QStringLiteral("high"), QStringLiteral("medium"),
                                    QStringLiteral("low")};
    const QString edgeText = QObject::tr("Edge width: messages exchanged");
    const double width = l.legendRect().width();
    const QRectF box = l.legendRect();
    p.setPen(QColor(0xBD, 0xBD, 0xBD));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(box, 4, 4);
    double y = box.top() + 4;
    for (const auto &priority : priorities) {
        p.setPen(QPen(Qt::white, 1));
        p.setBrush(priorityColour(priority));
        p.drawEllipse(QPointF(box.left() + 14, y + line / 2), 6, 6);
        p.setPen(QColor(0x21, 0x21, 0x21));
        p.drawText(QRectF(box.left() + 26, y, width, line), Qt::AlignVCenter, QObject::tr("%1 priority").arg(priorityLabel(priority)));
        y += line;
    }
    p.setBrush(QColor(0x45, 0x5A, 0x64));
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRectF(box.left() + 8, y + line / 2 - 6, 12, 12), 2, 2);
    p.setPen(QColor(0x21, 0x21, 0x21));
    p.drawText(QRectF(box.left() + 26, y, width, line), Qt::AlignVCenter, QObject::tr("Suspect's account (pale: no victim)"));
    y += line;
    p.setPen(QPen(QColor(0x75, 0x75, 0x75), 4));
    p.drawLine(QPointF(box.left() + 6, y + line / 2), QPointF(box.left() + 22, y + line / 2));
    p.setPen(QColor(0x21, 0x21, 0x21));
    p.drawText(QRectF(box.left() + 26, y, width, line), Qt::AlignVCenter, edgeText);
}

} // namespace

void paintVictimGraph(QPainter &p, const VictimGraphLayout &l, qint64 selected, const QString &title)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(QRectF(QPointF(0, 0), l.size()), Qt::white);
    QFont titleFont = l.labelFont();
    titleFont.setPixelSize(15);
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(QColor(0x21, 0x21, 0x21));
    const QString heading = title.isEmpty()
                                ? QObject::tr("Victim map: %n victim(s)", nullptr, l.victimCount())
                                : title;
    p.drawText(QRectF(10, 6, l.size().width() - 20, 24), Qt::AlignLeft | Qt::AlignVCenter, heading);
    if (l.victimCount() == 0) {
        p.setFont(l.labelFont());
        p.drawText(QRectF(QPointF(0, 0), l.size()), Qt::AlignCenter, QObject::tr("No victims in this case (yet)."));
        p.restore();
        return;
    }
    paintSectors(p, l);
    for (const auto &e : l.edges()) {
        p.setPen(QPen(e.colour, e.width, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(e.from, e.to);
    }
    paintAccounts(p, l);
    paintVictims(p, l, selected);
    paintSectorLabels(p, l);
    paintLegend(p, l);
    p.restore();
}

} // namespace vigil::ui
