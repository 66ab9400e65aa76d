// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/victimgraphview.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <tuple>

#include "core/casedb/peoplequery.h"
#include "ui/models/modelformat.h"
#include "ui/models/peopleformat.h"

namespace vigil::ui {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTopAngle = -kPi / 2;   // the first sector starts at the top, clockwise

QString accountKey(const casedb::PersonAccount &a)
{
    for (const std::string *s : {&a.phone, &a.username, &a.email, &a.accountKey, &a.displayName})
        if (!s->empty())
            return fromStd(*s);
    return QObject::tr("(owner)");
}

GraphAccount graphAccount(const casedb::PersonAccount &a)
{
    return {a.accountId, a.evidenceId, fromStd(a.app), fromStd(a.appName.empty() ? a.app : a.appName), accountKey(a)};
}

const casedb::GraphEdge *edgeBetween(const std::vector<casedb::GraphEdge> &edges, qint64 a, qint64 b)
{
    for (const auto &e : edges)
        if ((e.personA == a && e.personB == b) || (e.personA == b && e.personB == a))
            return &e;
    return nullptr;
}

// The suspect's account of one app: on an evidence item where the victim has an account of
// that app when the suspect has several; null when he has none.
const GraphAccount *accountForApp(const GraphSuspect &suspect, const casedb::PersonRow *victim, const std::string &app)
{
    const GraphAccount *first = nullptr;
    for (const auto &a : suspect.accounts) {
        if (a.app != fromStd(app))
            continue;
        if (!first)
            first = &a;
        if (!victim)
            break;
        for (const auto &va : victim->accounts)
            if (va.app == app && va.evidenceId == a.evidenceId)
                return &a;
    }
    return first;
}

// The suspect's accounts of the apps this pair used, each once.
std::vector<qint64> targetAccounts(const GraphSuspect &suspect, const casedb::PersonRow *victim,
                                   const std::vector<std::string> &apps)
{
    std::vector<qint64> out;
    for (const auto &app : apps) {
        const GraphAccount *chosen = accountForApp(suspect, victim, app);
        if (chosen && std::find(out.begin(), out.end(), chosen->accountId) == out.end())
            out.push_back(chosen->accountId);
    }
    return out;
}

std::map<std::string, QString> appNames(const std::vector<casedb::PersonRow> &persons)
{
    std::map<std::string, QString> names;
    for (const auto &p : persons)
        for (const auto &a : p.accounts)
            if (!a.appName.empty())
                names.emplace(a.app, fromStd(a.appName));
    return names;
}

GraphVictim graphVictim(const casedb::VictimRow &v, const std::map<std::string, QString> &names)
{
    GraphVictim g;
    g.personId = v.personId;
    g.rank = v.rank;
    g.label = fromStd(v.label);
    g.priority = fromStd(v.priority);
    g.country = fromStd(v.country);
    g.stage = fromStd(v.stage);
    g.age = v.statedAge;
    g.risk = v.risk;
    g.messages = v.messages;
    for (const auto &app : v.apps) {
        const auto it = names.find(app);
        g.apps << (it != names.end() ? it->second : fromStd(app));
    }
    for (const auto &r : v.priorityReasons)
        g.priorityReasons << fromStd(r);
    return g;
}

} // namespace

Result<VictimGraphData> loadVictimGraph(casedb::Database &db)
{
    auto victims = casedb::listVictims(db);
    if (!victims)
        return std::unexpected(victims.error());
    auto persons = casedb::listPersons(db);
    if (!persons)
        return std::unexpected(persons.error());
    auto edges = casedb::communicationGraph(db);
    if (!edges)
        return std::unexpected(edges.error());
    VictimGraphData data;
    std::map<qint64, const casedb::PersonRow *> byId;
    for (const auto &p : *persons) {
        byId[p.id] = &p;
        if (p.role != "suspect")
            continue;
        GraphSuspect s{p.id, fromStd(p.label), {}};
        for (const auto &a : p.accounts)
            s.accounts.push_back(graphAccount(a));
        data.suspects.push_back(std::move(s));
    }
    const auto names = appNames(*persons);
    for (const auto &v : *victims) {
        GraphVictim g = graphVictim(v, names);
        const auto it = byId.find(v.personId);
        const casedb::PersonRow *victimPerson = it == byId.end() ? nullptr : it->second;
        for (const auto &suspect : data.suspects) {
            const casedb::GraphEdge *e = edgeBetween(*edges, v.personId, suspect.personId);
            if (!e && std::find(v.suspects.begin(), v.suspects.end(), suspect.personId) == v.suspects.end())
                continue;
            GraphVictim::Link link{suspect.personId, 0, e ? e->messages : v.messages, {}};
            const std::vector<std::string> apps = e ? e->apps : v.apps;
            for (const auto &app : apps)
                link.apps << fromStd(app);
            const auto targets = targetAccounts(suspect, victimPerson, apps);
            if (targets.empty())
                g.links.push_back(link);
            for (qint64 account : targets) {
                link.accountId = account;
                g.links.push_back(link);
            }
        }
        data.victims.push_back(std::move(g));
    }
    return data;
}

// ---- layout ----

namespace {

QString victimLabel(const GraphVictim &v)
{
    return v.age ? QStringLiteral("%1, %2").arg(v.label).arg(*v.age) : v.label;
}

QString victimTooltip(const GraphVictim &v)
{
    QString text = QObject::tr("#%1 %2 — %3 priority, risk %4\nCountry: %5\nStage: %6\nApps: %7\nMessages: %8")
                       .arg(v.rank)
                       .arg(victimLabel(v), priorityLabel(v.priority), QString::number(v.risk, 'f', 1),
                            countryText(v.country), stageLabel(v.stage), v.apps.join(QStringLiteral(", ")))
                       .arg(v.messages);
    for (const auto &reason : v.priorityReasons)
        text += QStringLiteral("\n• ") + reason;
    return text;
}

struct SectorPlan {
    QString country;
    std::vector<const GraphVictim *> victims;
};

// Countries by victims (most first, then code), unknown last; victims by rank inside.
std::vector<SectorPlan> planSectors(const VictimGraphData &data)
{
    std::map<QString, std::vector<const GraphVictim *>> byCountry;
    for (const auto &v : data.victims)
        byCountry[v.country].push_back(&v);
    std::vector<SectorPlan> plans;
    for (auto &[country, victims] : byCountry) {
        std::stable_sort(victims.begin(), victims.end(),
                         [](const GraphVictim *a, const GraphVictim *b) { return a->rank < b->rank; });
        plans.push_back({country, victims});
    }
    std::stable_sort(plans.begin(), plans.end(), [](const SectorPlan &a, const SectorPlan &b) {
        if (a.country.isEmpty() != b.country.isEmpty())
            return b.country.isEmpty();
        if (a.victims.size() != b.victims.size())
            return a.victims.size() > b.victims.size();
        return a.country < b.country;
    });
    return plans;
}

QPointF polar(QPointF centre, double radius, double angle)
{
    return centre + QPointF(radius * std::cos(angle), radius * std::sin(angle));
}

double widestLabel(const VictimGraphData &data, QFont font)
{
    font.setBold(true);
    const QFontMetricsF fm(font);
    double widest = 0;
    for (const auto &v : data.victims)
        widest = std::max(widest, fm.horizontalAdvance(victimLabel(v)));
    return widest;
}

} // namespace

QFont victimGraphSectorFont(const QFont &labelFont)
{
    QFont f = labelFont;
    f.setBold(true);
    f.setPixelSize(std::max(11, labelFont.pixelSize()));
    return f;
}

namespace {

QFont sectorFont(const QFont &labelFont)
{
    return victimGraphSectorFont(labelFont);
}

QString sectorText(const QString &country, int count, bool full)
{
    const QString name = country.isEmpty() ? QObject::tr("Unknown") : full ? countryText(country) : country;
    return QStringLiteral("%1 · %2").arg(name).arg(count);
}

struct RingPlan {
    double gap = 0.0, step = 0.0;   // radians between sectors, per victim
};

RingPlan ringPlan(std::size_t sectors, int victims)
{
    RingPlan r;
    r.gap = sectors > 1 ? std::min(0.06, kPi / 2 / static_cast<double>(sectors)) : 0.0;
    r.step = (2 * kPi - r.gap * static_cast<double>(sectors)) / std::max(1, victims);
    return r;
}

// The largest ring whose sector labels (outside the victims' labels) stay on the canvas: a
// label's reach beyond the centre, horizontally and vertically, depends on its angle.
double ringLimit(const std::vector<SectorPlan> &plans, const RingPlan &plan, const QFontMetricsF &fm, double halfWidth,
                 double halfHeight, double room)
{
    double limit = std::min(halfWidth, halfHeight) - room - 10;
    double angle = kTopAngle + plan.gap / 2;
    for (const auto &p : plans) {
        const double span = plan.step * static_cast<double>(p.victims.size());
        const double mid = angle + span / 2, c = std::abs(std::cos(mid)), s = std::abs(std::sin(mid));
        angle += span + plan.gap;
        const double w = fm.horizontalAdvance(sectorText(p.country, static_cast<int>(p.victims.size()), true)) + 8;
        const double h = fm.height() + 4, radialHalf = c * w / 2 + s * h / 2;
        if (c > 0.05)
            limit = std::min(limit, (halfWidth - w / 2) / c - radialHalf - room - 4);
        if (s > 0.05)
            limit = std::min(limit, (halfHeight - h / 2) / s - radialHalf - room - 4);
    }
    return limit;
}

} // namespace

// The ring's radius leaves room outside it for the victims' radial labels and, beyond them, the
// countries' names; the label size follows from the room each victim gets on the ring.
VictimGraphLayout VictimGraphLayout::compute(const VictimGraphData &data, QSizeF size)
{
    VictimGraphLayout l;
    l.m_size = size;
    l.m_victims = static_cast<int>(data.victims.size());
    const double height = std::max(0.0, size.height() - 40.0), width = std::max(0.0, size.width());
    const double minSide = std::min(width, height);
    l.m_centre = QPointF(width / 2, 20.0 + height / 2);
    const auto sectors = planSectors(data);
    const RingPlan plan = ringPlan(sectors.size(), l.m_victims);
    l.m_labelFont.setFamily(QStringLiteral("Sans Serif"));
    double ring = minSide * 0.32;
    for (int pass = 0; pass < 2; ++pass) {
        const double px = std::clamp(ring * plan.step * 0.8, 7.0, minSide >= 700 ? 13.0 : 11.0);
        l.m_labelFont.setPixelSize(static_cast<int>(px));
        l.m_labelRoom = std::min(widestLabel(data, l.m_labelFont), minSide * 0.17) + 18;
        const QFontMetricsF sm(sectorFont(l.m_labelFont));
        ring = std::max(ringLimit(sectors, plan, sm, width / 2 - 4, height / 2 - 10, l.m_labelRoom), minSide * 0.22);
    }
    l.m_ring = ring;
    l.placeSuspects(data);
    l.placeVictims(data);
    l.addEdges(data);
    l.placeLegend();
    return l;
}

// The legend goes to the first corner where it covers no label (bottom left, bottom right,
// top right, top left), else where it covers the fewest.
void VictimGraphLayout::placeLegend()
{
    QFont font = m_labelFont;
    font.setPixelSize(11);
    const QFontMetricsF fm(font);
    const double line = fm.height() + 3;
    const QSizeF box(std::max(fm.horizontalAdvance(QObject::tr("Edge width: messages exchanged")),
                              fm.horizontalAdvance(QObject::tr("Suspect's account (pale: no victim)"))) + 40,
                     line * 6 + 8);
    std::vector<QRectF> taken;
    const QFontMetricsF sm(sectorFont(m_labelFont));
    for (const auto &s : m_sectors) {
        QRectF r(0, 0, sm.horizontalAdvance(s.label) + 8, sm.height() + 4);
        r.moveCenter(s.labelPos);
        taken.push_back(r);
    }
    for (const auto &n : m_nodes)
        taken.push_back(n.kind == GraphNode::Victim ? labelTransform(n).mapRect(labelRect(n)).united(
                                                          QRectF(n.pos, QSizeF(1, 1)).adjusted(-n.radius, -n.radius, n.radius, n.radius))
                                                    : QRectF());
    const double right = m_size.width() - 8 - box.width(), bottom = m_size.height() - 8 - box.height();
    const QPointF corners[] = {{8, bottom}, {right, bottom}, {right, 34}, {8, 34}};
    std::size_t fewest = taken.size() + 1;
    for (const QPointF &corner : corners) {
        const QRectF candidate = QRectF(corner, box).adjusted(-4, -4, 4, 4);
        const auto covered = static_cast<std::size_t>(std::count_if(
            taken.begin(), taken.end(), [&](const QRectF &r) { return !r.isNull() && r.intersects(candidate); }));
        if (covered < fewest) {
            fewest = covered;
            m_legend = QRectF(corner, box);
        }
        if (covered == 0)
            break;
    }
}

namespace {

// The suspect's accounts in app order; those that reached a victim drawn dark, the others pale.
std::vector<const GraphAccount *> sortedAccounts(const GraphSuspect &suspect)
{
    std::vector<const GraphAccount *> out;
    for (const auto &a : suspect.accounts)
        out.push_back(&a);
    std::stable_sort(out.begin(), out.end(), [](const GraphAccount *x, const GraphAccount *y) {
        return std::tie(x->appName, x->key, x->accountId) < std::tie(y->appName, y->key, y->accountId);
    });
    return out;
}

std::set<qint64> linkedAccounts(const VictimGraphData &data)
{
    std::set<qint64> linked;
    for (const auto &v : data.victims)
        for (const auto &link : v.links)
            linked.insert(link.accountId);
    return linked;
}

} // namespace

// Each suspect is a pill with his name. One suspect: his accounts in two columns either side
// of him, labels outwards (they never overlap, however many there are); two: one column each
// on the outer side; more: a fan of accounts around each.
void VictimGraphLayout::placeSuspects(const VictimGraphData &data)
{
    const std::size_t k = data.suspects.size();
    QFont bold = m_labelFont;
    bold.setBold(true);
    bold.setPixelSize(std::max(11, m_labelFont.pixelSize()));
    const QFontMetricsF fm(bold);
    const double spread = k > 1 ? m_ring * 0.32 : 0.0;
    const auto linked = linkedAccounts(data);
    for (std::size_t s = 0; s < k; ++s) {
        const auto &suspect = data.suspects[s];
        const double a = kPi + 2 * kPi * static_cast<double>(s) / static_cast<double>(std::max<std::size_t>(k, 1));
        const QPointF hub = polar(m_centre, spread, a);
        const double hubRadius = std::min(fm.horizontalAdvance(suspect.label) + 18, m_ring * 0.7) / 2;
        m_nodes.push_back({GraphNode::Suspect, suspect.personId, hub, hubRadius, a, suspect.label,
                           QObject::tr("Suspect: %1\n%n account(s)", nullptr, static_cast<int>(suspect.accounts.size()))
                               .arg(suspect.label),
                           QColor(0x26, 0x32, 0x38)});
        const auto accounts = sortedAccounts(suspect);
        if (k <= 2)
            placeAccountColumns(suspect, accounts, hub, hubRadius, k == 1 ? 0 : (s == 0 ? -1 : 1), linked);
        else
            placeAccountFan(suspect, accounts, hub, hubRadius, a, linked);
    }
}

// side: 0 both sides (first half left), -1 left only, 1 right only.
void VictimGraphLayout::placeAccountColumns(const GraphSuspect &suspect, const std::vector<const GraphAccount *> &accounts,
                                            QPointF hub, double hubRadius, int side, const std::set<qint64> &linked)
{
    const QFontMetricsF fm(m_labelFont);
    const std::size_t m = accounts.size();
    const std::size_t leftCount = side == 0 ? (m + 1) / 2 : side < 0 ? m : 0;
    const std::size_t rows = std::max<std::size_t>(1, std::max(leftCount, m - leftCount));
    const double twoLines = 2 * fm.height() + 8;
    const double rowHeight = std::clamp(1.3 * m_ring / static_cast<double>(rows), fm.height() + 4, twoLines);
    const double dx = hubRadius + std::max(16.0, m_ring * 0.05);
    for (std::size_t i = 0; i < m; ++i) {
        const GraphAccount &acc = *accounts[i];
        const bool left = i < leftCount;
        const std::size_t row = left ? i : i - leftCount;
        const std::size_t inColumn = left ? leftCount : m - leftCount;
        const double y = hub.y() + (static_cast<double>(row) - (static_cast<double>(inColumn) - 1) / 2) * rowHeight;
        // Up to the ring (less its nodes) at this height; long keys (UUIDs) elided in the middle.
        const double reach = m_ring - 14, dy = y - hub.y();
        const double room = std::max(50.0, std::sqrt(std::max(0.0, reach * reach - dy * dy)) - dx - 12);
        const QString key = fm.elidedText(acc.key, Qt::ElideMiddle, room);
        const QString app = fm.elidedText(acc.appName, Qt::ElideRight, room);
        const QString label = rowHeight >= twoLines ? app + QLatin1Char('\n') + key : app;
        const bool used = linked.contains(acc.accountId);
        m_nodes.push_back({GraphNode::Account, acc.accountId, QPointF(hub.x() + (left ? -dx : dx), y), 7.0,
                           left ? kPi : 0.0, label,
                           QObject::tr("Suspect account (%1)\n%2: %3%4")
                               .arg(suspect.label, acc.appName, acc.key,
                                    used ? QString() : QObject::tr("\nno conversation with a victim")),
                           used ? QColor(0x45, 0x5A, 0x64) : QColor(0xB0, 0xBE, 0xC5)});
    }
}

void VictimGraphLayout::placeAccountFan(const GraphSuspect &suspect, const std::vector<const GraphAccount *> &accounts,
                                        QPointF hub, double hubRadius, double direction, const std::set<qint64> &linked)
{
    const std::size_t m = accounts.size();
    const double around = std::clamp(m_ring * 0.18, hubRadius + 14, 90.0);
    const double step = kPi / static_cast<double>(std::max<std::size_t>(m, 1));
    for (std::size_t i = 0; i < m; ++i) {
        const GraphAccount &acc = *accounts[i];
        const double b = direction - kPi / 2 + step / 2 + step * static_cast<double>(i);
        const bool used = linked.contains(acc.accountId);
        m_nodes.push_back({GraphNode::Account, acc.accountId, polar(hub, around, b), 7.0, b, acc.appName,
                           QObject::tr("Suspect account (%1)\n%2: %3").arg(suspect.label, acc.appName, acc.key),
                           used ? QColor(0x45, 0x5A, 0x64) : QColor(0xB0, 0xBE, 0xC5)});
    }
}

void VictimGraphLayout::placeVictims(const VictimGraphData &data)
{
    const auto plans = planSectors(data);
    if (plans.empty())
        return;
    const RingPlan ring = ringPlan(plans.size(), m_victims);
    const double gap = ring.gap, step = ring.step;
    const double nodeRadius = std::clamp(m_ring * step * 0.3, 3.5, 8.0);
    double angle = kTopAngle + gap / 2;
    for (const auto &plan : plans) {
        GraphSector sector;
        sector.country = plan.country;
        sector.count = static_cast<int>(plan.victims.size());
        sector.start = angle;
        sector.span = step * sector.count;
        for (std::size_t j = 0; j < plan.victims.size(); ++j) {
            const GraphVictim &v = *plan.victims[j];
            const double a = angle + (static_cast<double>(j) + 0.5) * step;
            m_nodes.push_back({GraphNode::Victim, v.personId, polar(m_centre, m_ring, a), nodeRadius, a, victimLabel(v),
                               victimTooltip(v), priorityColour(v.priority)});
        }
        placeSectorLabel(sector);
        m_sectors.push_back(sector);
        angle += sector.span + gap;
    }
}

// Beyond the victims' labels, on the sector's middle, horizontal; the country's name when the
// sector is wide enough, else its code; moved outwards off a neighbour's label.
void VictimGraphLayout::placeSectorLabel(GraphSector &sector)
{
    const QFontMetricsF fm(sectorFont(m_labelFont));
    const double mid = sector.start + sector.span / 2;
    const double base = m_ring + m_labelRoom + 4;
    const double chord = base * sector.span;
    const QString full = sectorText(sector.country, sector.count, true);
    const double need = fm.horizontalAdvance(full) * std::abs(std::sin(mid)) + fm.height() * std::abs(std::cos(mid));
    sector.label = need <= chord ? full : sectorText(sector.country, sector.count, false);
    const double w = fm.horizontalAdvance(sector.label) + 8, h = fm.height() + 4;
    const double radialHalf = std::abs(std::cos(mid)) * w / 2 + std::abs(std::sin(mid)) * h / 2;
    const QRectF canvas(QPointF(0, 30), m_size - QSizeF(0, 30));
    QRectF rect;
    for (int attempt = 0; attempt < 6; ++attempt) {
        rect = QRectF(0, 0, w, h);
        rect.moveCenter(polar(m_centre, base + radialHalf + attempt * (h + 2), mid));
        rect.moveLeft(std::clamp(rect.left(), canvas.left() + 2, std::max(canvas.left() + 2, canvas.right() - w - 2)));
        rect.moveTop(std::clamp(rect.top(), canvas.top(), std::max(canvas.top(), canvas.bottom() - h - 2)));
        const bool clear = std::none_of(m_sectors.begin(), m_sectors.end(), [&](const GraphSector &other) {
            QRectF r(0, 0, fm.horizontalAdvance(other.label) + 8, h);
            r.moveCenter(other.labelPos);
            return r.intersects(rect);
        });
        if (clear)
            break;
    }
    sector.labelPos = rect.center();
}

void VictimGraphLayout::addEdges(const VictimGraphData &data)
{
    qint64 most = 1;
    for (const auto &v : data.victims)
        for (const auto &link : v.links)
            most = std::max(most, link.messages);
    auto nodeOf = [this](GraphNode::Kind kind, qint64 id) -> const GraphNode * {
        for (const auto &n : m_nodes)
            if (n.kind == kind && n.id == id)
                return &n;
        return nullptr;
    };
    // Thinner edges when there are many: a hundred wide lines hide the centre.
    const double widest = std::clamp(8.0 - m_victims / 20.0, 2.5, 6.0);
    std::vector<std::pair<int, GraphEdge>> ordered;
    for (const auto &v : data.victims) {
        const GraphNode *victim = nodeOf(GraphNode::Victim, v.personId);
        for (const auto &link : v.links) {
            const GraphNode *target = link.accountId ? nodeOf(GraphNode::Account, link.accountId)
                                                     : nodeOf(GraphNode::Suspect, link.suspectId);
            if (!victim || !target)
                continue;
            QColor colour = priorityColour(v.priority);
            colour.setAlpha(m_victims > 40 ? 110 : 150);
            const double width = 1.0 + widest * std::sqrt(static_cast<double>(link.messages) / static_cast<double>(most));
            ordered.push_back({priorityOrder(v.priority), {v.personId, victim->pos, target->pos, width, colour}});
        }
    }
    // Low priority first, urgent last: the most important edges are drawn on top.
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (auto &[order, edge] : ordered)
        m_edges.push_back(edge);
}

QTransform VictimGraphLayout::labelTransform(const GraphNode &node) const
{
    QTransform t;
    t.translate(node.pos.x(), node.pos.y());
    const bool left = std::cos(node.angle) < 0;
    t.rotateRadians(left ? node.angle + kPi : node.angle);
    return t;
}

QRectF VictimGraphLayout::labelRect(const GraphNode &node) const
{
    QFont bold = m_labelFont;   // room for the selected victim's bold label
    bold.setBold(true);
    const QFontMetricsF fm(bold);
    const double width = std::min(fm.horizontalAdvance(node.label) + 2, m_labelRoom - 12);
    const double h = fm.height();
    const bool left = std::cos(node.angle) < 0;
    const double gap = node.radius + 8;   // clear of the selection ring
    const double x = left ? -(gap + width) : gap;
    return {x, -h / 2, width, h};
}

const GraphNode *VictimGraphLayout::nodeAt(QPointF point) const
{
    const GraphNode *best = nullptr;
    double bestDistance = 1e9;
    for (const auto &n : m_nodes) {
        const double d = std::hypot(n.pos.x() - point.x(), n.pos.y() - point.y());
        if (d <= n.radius + 3 && d < bestDistance) {
            best = &n;
            bestDistance = d;
        }
    }
    if (best)
        return best;
    for (const auto &n : m_nodes) {
        if (n.kind != GraphNode::Victim)
            continue;
        bool invertible = false;
        const QTransform inverse = labelTransform(n).inverted(&invertible);
        if (invertible && labelRect(n).contains(inverse.map(point)))
            return &n;
    }
    return nullptr;
}

const GraphNode *VictimGraphLayout::victimNode(qint64 personId) const
{
    for (const auto &n : m_nodes)
        if (n.kind == GraphNode::Victim && n.id == personId)
            return &n;
    return nullptr;
}

// ---- widget ----

VictimGraphView::VictimGraphView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(readableSize({}));
    setAutoFillBackground(false);
}

void VictimGraphView::setData(VictimGraphData data)
{
    m_data = std::move(data);
    setMinimumSize(readableSize(m_data));
    relayout();
}

QSize VictimGraphView::readableSize(const VictimGraphData &data)
{
    std::size_t accounts = 0;
    for (const auto &s : data.suspects)
        accounts = std::max(accounts, s.accounts.size());
    const std::size_t n = data.victims.size();
    QSize size = n <= 20 ? QSize(760, 560) : n <= 60 ? QSize(1000, 760) : QSize(1300, 1000);
    if (accounts > 8)   // two columns of accounts in the middle need a ring to match
        size = size.expandedTo(QSize(static_cast<int>(520 + 30 * accounts), static_cast<int>(420 + 34 * accounts)));
    return size;
}

void VictimGraphView::setSelectedVictim(qint64 personId)
{
    if (m_selected == personId)
        return;
    m_selected = personId;
    update();
}

void VictimGraphView::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void VictimGraphView::relayout()
{
    m_layout = VictimGraphLayout::compute(m_data, size());
    update();
}

void VictimGraphView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintVictimGraph(p, m_layout, m_selected, m_title);
}

void VictimGraphView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void VictimGraphView::mousePressEvent(QMouseEvent *event)
{
    const GraphNode *n = m_layout.nodeAt(event->position());
    if (event->button() == Qt::LeftButton && n && n->kind == GraphNode::Victim) {
        setSelectedVictim(n->id);
        emit victimClicked(n->id);
        return;
    }
    QWidget::mousePressEvent(event);
}

bool VictimGraphView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const GraphNode *n = m_layout.nodeAt(help->pos());
        if (n)
            QToolTip::showText(help->globalPos(), n->tooltip, this);
        else
            QToolTip::hideText();
        return true;
    }
    if (event->type() == QEvent::MouseMove) {
        const auto *move = static_cast<QMouseEvent *>(event);
        const GraphNode *n = m_layout.nodeAt(move->position());
        setCursor(n && n->kind == GraphNode::Victim ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }
    return QWidget::event(event);
}

} // namespace vigil::ui
