// SPDX-License-Identifier: GPL-3.0-or-later
// The victim map and the world map on a real analysed case (tests/ui/viewers/victimcase.h) and on
// a large synthetic operation: victims sit in their country's sector, nothing overlaps, the
// layout is the same every time, edges go to the suspect accounts that were used, clicks name
// the victim or the country, and both maps are written as PNG and SVG that read back.
#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <numbers>
#include <set>

#include "core/analysis/geo/countryshapes.h"
#include "core/casedb/casestore.h"
#include "core/casedb/peoplequery.h"
#include "tests/testutil/tempdir.h"
#include "tests/ui/viewers/guienvironment.h"
#include "tests/ui/viewers/victimcase.h"
#include "ui/models/peopleformat.h"
#include "ui/viewers/mapexport.h"
#include "ui/viewers/victimgraphview.h"
#include "ui/viewers/worldmapview.h"

using namespace vigil;
using namespace vigil::ui;

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

// Angle of a node relative to a sector's start, in [0, 2π).
double offsetIn(double angle, double start)
{
    return std::fmod(std::fmod(angle - start, kTwoPi) + kTwoPi, kTwoPi);
}

const GraphSector *sectorOf(const VictimGraphLayout &l, const QString &country)
{
    for (const auto &s : l.sectors())
        if (s.country == country)
            return &s;
    return nullptr;
}

std::vector<const GraphNode *> victimNodes(const VictimGraphLayout &l)
{
    std::vector<const GraphNode *> out;
    for (const auto &n : l.nodes())
        if (n.kind == GraphNode::Victim)
            out.push_back(&n);
    return out;
}

// Every victim node clear of every other, and neighbours on the ring far enough apart for
// their (radial) labels not to overlap.
void expectReadable(const VictimGraphLayout &l)
{
    auto nodes = victimNodes(l);
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (std::size_t j = i + 1; j < nodes.size(); ++j) {
            const double d = std::hypot(nodes[i]->pos.x() - nodes[j]->pos.x(), nodes[i]->pos.y() - nodes[j]->pos.y());
            EXPECT_GE(d, nodes[i]->radius + nodes[j]->radius) << nodes[i]->label.toStdString() << " / "
                                                              << nodes[j]->label.toStdString();
            EXPECT_GE(d, l.labelFont().pixelSize() * 0.95) << "labels of " << nodes[i]->label.toStdString() << " and "
                                                           << nodes[j]->label.toStdString() << " overlap";
        }
    const QRectF canvas(QPointF(0, 0), l.size());
    for (const auto *n : nodes) {
        const QRectF label = l.labelTransform(*n).mapRect(l.labelRect(*n));
        EXPECT_TRUE(canvas.contains(label)) << n->label.toStdString() << " is cut off";
    }
}

// A synthetic operation: `victims` victims in `countries` countries (country i gets i+1 shares),
// some unknown, two suspects with three accounts each.
VictimGraphData syntheticOperation(int victims, int countries)
{
    static const char *codes[] = {"GB", "US", "CA", "AU", "IE", "NZ", "PH", "IN", "ZA", "DE", "FR", "NL"};
    VictimGraphData data;
    for (int s = 0; s < 2; ++s) {
        GraphSuspect suspect{1000 + s, QStringLiteral("Suspect %1").arg(s + 1), {}};
        for (int a = 0; a < 3; ++a)
            suspect.accounts.push_back({100 * (s + 1) + a, 1, QStringLiteral("app%1").arg(a),
                                        QStringLiteral("App %1").arg(a), QStringLiteral("+4477009001%1%2").arg(s).arg(a)});
        data.suspects.push_back(suspect);
    }
    static const char *priorities[] = {"urgent", "high", "medium", "low"};
    for (int i = 0; i < victims; ++i) {
        GraphVictim v;
        v.personId = 5000 + i;
        v.rank = i + 1;
        v.label = QStringLiteral("Victim %1 Surname").arg(i + 1);
        v.age = 11 + i % 6;
        v.priority = QString::fromLatin1(priorities[std::min(3, i / std::max(1, victims / 4))]);
        v.country = i % 13 == 12 ? QString() : QString::fromLatin1(codes[(i * 7) % countries]);
        v.messages = 5 + (i * 37) % 300;
        const int suspect = i % 5 == 0 ? 2 : 1;   // every fifth talked with both
        for (int s = 0; s < suspect; ++s)
            v.links.push_back({1000 + s, 100 * (s + 1) + i % 3, v.messages, {QStringLiteral("app%1").arg(i % 3)}});
        data.victims.push_back(v);
    }
    return data;
}

class VictimMaps : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = test::buildVictimCase(m_tmp.path() / "case");
        ASSERT_FALSE(HasFatalFailure());
        auto db = casedb::CaseStore::openReadOnly(m_case.dir);
        ASSERT_TRUE(db) << db.error().toString();
        m_db = std::move(*db);
        auto victims = casedb::listVictims(m_db);
        ASSERT_TRUE(victims) << victims.error().toString();
        m_victims = std::move(*victims);
        ASSERT_GE(m_victims.size(), 6u) << "the people analysis found too few victims";
    }

    VictimGraphData graph()
    {
        auto data = loadVictimGraph(m_db);
        EXPECT_TRUE(data) << (data ? "" : data.error().toString());
        return data ? std::move(*data) : VictimGraphData{};
    }

    qint64 victimOf(const std::string &account) { return test::personOf(m_case.dir, m_case.account(account)); }

    const casedb::VictimRow *victim(qint64 personId)
    {
        for (const auto &v : m_victims)
            if (v.personId == personId)
                return &v;
        return nullptr;
    }

    test::TempDir m_tmp;
    test::VictimCase m_case;
    casedb::Database m_db;
    std::vector<casedb::VictimRow> m_victims;
};

TEST_F(VictimMaps, EveryVictimSitsInItsCountrysSector)
{
    const VictimGraphData data = graph();
    ASSERT_EQ(data.victims.size(), m_victims.size());
    ASSERT_EQ(data.suspects.size(), 1u);
    EXPECT_GE(data.suspects[0].accounts.size(), 3u);
    const auto l = VictimGraphLayout::compute(data, {1200, 900});
    std::map<QString, int> perCountry;
    for (const auto &v : m_victims)
        ++perCountry[QString::fromStdString(v.country)];
    ASSERT_EQ(l.sectors().size(), perCountry.size());
    for (const auto &s : l.sectors()) {
        EXPECT_EQ(s.count, perCountry[s.country]) << s.country.toStdString();
        EXPECT_TRUE(s.label.startsWith(s.country.isEmpty() ? QStringLiteral("Unknown") : s.country)) << s.label.toStdString();
    }
    for (std::size_t i = 1; i < l.sectors().size(); ++i) {   // most victims first, unknown last
        if (!l.sectors()[i].country.isEmpty()) {
            EXPECT_GE(l.sectors()[i - 1].count, l.sectors()[i].count);
        }
    }
    for (const auto &v : m_victims) {
        const GraphNode *n = l.victimNode(v.personId);
        ASSERT_TRUE(n) << v.label;
        const GraphSector *s = sectorOf(l, QString::fromStdString(v.country));
        ASSERT_TRUE(s);
        EXPECT_LT(offsetIn(n->angle, s->start), s->span) << v.label << " is outside the " << v.country << " sector";
        EXPECT_NEAR(std::hypot(n->pos.x() - l.centre().x(), n->pos.y() - l.centre().y()), l.ringRadius(), 0.01);
        EXPECT_EQ(n->colour, priorityColour(QString::fromStdString(v.priority)));
        EXPECT_TRUE(n->label.startsWith(QString::fromStdString(v.label)));
        if (v.statedAge) {
            EXPECT_TRUE(n->label.endsWith(QStringLiteral(", %1").arg(*v.statedAge))) << n->label.toStdString();
        }
    }
    expectReadable(l);
}

TEST_F(VictimMaps, LayoutIsTheSameEveryTime)
{
    const auto a = VictimGraphLayout::compute(graph(), {1000, 800});
    const auto b = VictimGraphLayout::compute(graph(), {1000, 800});
    ASSERT_EQ(a.nodes().size(), b.nodes().size());
    for (std::size_t i = 0; i < a.nodes().size(); ++i) {
        EXPECT_EQ(a.nodes()[i].id, b.nodes()[i].id);
        EXPECT_EQ(a.nodes()[i].pos, b.nodes()[i].pos);
    }
    ASSERT_EQ(a.edges().size(), b.edges().size());
    for (std::size_t i = 0; i < a.edges().size(); ++i)
        EXPECT_EQ(a.edges()[i].to, b.edges()[i].to);
}

TEST_F(VictimMaps, EdgesGoToTheSuspectAccountUsedAndWidenWithMessages)
{
    const auto l = VictimGraphLayout::compute(graph(), {1200, 900});
    auto accountNode = [&](const std::string &name) -> const GraphNode * {
        for (const auto &n : l.nodes())
            if (n.kind == GraphNode::Account && n.id == m_case.account(name))
                return &n;
        return nullptr;
    };
    auto edgesOf = [&](qint64 victim) {
        std::vector<const GraphEdge *> out;
        for (const auto &e : l.edges())
            if (e.victimId == victim)
                out.push_back(&e);
        return out;
    };
    const auto ios = accountNode("suspect-ios"), wa = accountNode("suspect-wa"), skype = accountNode("suspect-skype");
    ASSERT_TRUE(ios && wa && skype);
    const auto ava = edgesOf(victimOf("ava")), lena = edgesOf(victimOf("lena")), cara = edgesOf(victimOf("cara"));
    ASSERT_EQ(ava.size(), 1u);
    EXPECT_EQ(ava[0]->to, ios->pos) << "Ava wrote to the suspect's iOS Messages account";
    ASSERT_EQ(lena.size(), 1u);
    EXPECT_EQ(lena[0]->to, wa->pos);
    ASSERT_EQ(cara.size(), 1u);
    EXPECT_EQ(cara[0]->to, skype->pos);
    // Ben exchanged more messages than Cara: a wider edge.
    const auto ben = edgesOf(victimOf("ben"));
    ASSERT_EQ(ben.size(), 1u);
    ASSERT_GT(victim(victimOf("ben"))->messages, victim(victimOf("cara"))->messages);
    EXPECT_GT(ben[0]->width, cara[0]->width);
}

TEST_F(VictimMaps, ClickingAVictimNamesItAndHoverExplains)
{
    VictimGraphView view;
    view.resize(1100, 800);
    view.setTitle(QStringLiteral("Victim map — test case"));
    view.setData(graph());
    view.show();
    QApplication::processEvents();
    const qint64 ava = victimOf("ava");
    const GraphNode *node = view.layout().victimNode(ava);
    ASSERT_TRUE(node);
    QSignalSpy clicked(&view, &VictimGraphView::victimClicked);
    QTest::mouseClick(&view, Qt::LeftButton, {}, node->pos.toPoint());
    ASSERT_EQ(clicked.count(), 1);
    EXPECT_EQ(clicked.first().first().toLongLong(), ava);
    EXPECT_EQ(view.selectedVictim(), ava);
    EXPECT_TRUE(node->tooltip.contains(QStringLiteral("Urgent"))) << node->tooltip.toStdString();
    EXPECT_TRUE(node->tooltip.contains(QStringLiteral("CA Canada"))) << node->tooltip.toStdString();
    // The label is clickable too; an empty spot is not.
    const QPointF onLabel = view.layout().labelTransform(*node).map(view.layout().labelRect(*node).center());
    QTest::mouseClick(&view, Qt::LeftButton, {}, onLabel.toPoint());
    EXPECT_EQ(clicked.count(), 2);
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(5, 790));
    EXPECT_EQ(clicked.count(), 2);
    EXPECT_FALSE(test::saveScreenshot(&view, "victim-map").isEmpty());
}

TEST(VictimMapScale, AHundredAndTenVictimsStayReadable)
{
    const VictimGraphData data = syntheticOperation(110, 9);
    const auto l = VictimGraphLayout::compute(data, {1600, 1200});
    EXPECT_EQ(l.victimCount(), 110);
    EXPECT_EQ(l.sectors().size(), 10u);   // nine countries and "unknown"
    expectReadable(l);
    int edges = 0;
    for (const auto &v : data.victims)
        edges += static_cast<int>(v.links.size());
    EXPECT_EQ(static_cast<int>(l.edges().size()), edges);
    VictimGraphView view;
    view.resize(1600, 1200);
    view.setData(data);
    view.setSelectedVictim(5003);
    view.show();
    QApplication::processEvents();
    EXPECT_FALSE(test::saveScreenshot(&view, "victim-map-110").isEmpty());
}

TEST(VictimMapScale, EmptyAndTinyCasesDrawWithoutTrouble)
{
    for (const QSizeF size : {QSizeF(0, 0), QSizeF(50, 30), QSizeF(800, 600)}) {
        const auto empty = VictimGraphLayout::compute({}, size);
        EXPECT_TRUE(empty.nodes().empty());
        const auto one = VictimGraphLayout::compute(syntheticOperation(1, 1), size);
        EXPECT_EQ(one.victimCount(), 1);
        QImage image(std::max(1, int(size.width())), std::max(1, int(size.height())), QImage::Format_ARGB32);
        QPainter p(&image);
        paintVictimGraph(p, one);
        paintVictimGraph(p, empty);
    }
}

TEST_F(VictimMaps, WorldMapFillsTheCountriesWithVictims)
{
    auto shapes = analysis::CountryShapes::shared();
    ASSERT_TRUE(shapes) << shapes.error().toString();
    const WorldMapData data = worldMapData(m_victims);
    EXPECT_EQ(data.total(), static_cast<int>(m_victims.size()));
    for (const char *code : {"CA", "AU", "IE", "US", "GB"})
        EXPECT_GE(data.counts.count(QString::fromLatin1(code)), 1u) << code << " has no victim";
    const auto l = WorldMapLayout::compute(*shapes, data, {1400, 700});
    for (const auto &[code, count] : data.counts) {
        const auto *c = l.country(code);
        ASSERT_TRUE(c) << code.toStdString();
        EXPECT_EQ(c->count, count);
    }
    EXPECT_EQ(l.labels().size(), data.counts.size());
    for (std::size_t i = 0; i < l.labels().size(); ++i) {
        const auto &label = l.labels()[i];
        EXPECT_EQ(l.countryAt(label.bubble.center()), label.iso2);
        const auto *shape = (*shapes)->find(label.iso2.toStdString());
        ASSERT_TRUE(shape);
        EXPECT_EQ((*shapes)->countryAt(shape->anchor), label.iso2.toStdString()) << "the anchor lies outside";
        for (std::size_t j = i + 1; j < l.labels().size(); ++j)
            EXPECT_FALSE(label.bubble.united(label.code).intersects(l.labels()[j].bubble.united(l.labels()[j].code)))
                << label.iso2.toStdString() << " and " << l.labels()[j].iso2.toStdString() << " overlap";
    }
    // Inland Canada (away from any count bubble) and the middle of the Pacific.
    EXPECT_EQ(l.countryAt(l.project(-75.0, 52.0)), QStringLiteral("CA"));
    EXPECT_EQ(l.countryAt(l.project(-150.0, 0.0)), QString());
    EXPECT_EQ(victimCountColour(0), victimCountColour(0));
    EXPECT_NE(victimCountColour(1), victimCountColour(0));
    EXPECT_NE(victimCountColour(12), victimCountColour(1));
    EXPECT_EQ(victimCountBinLabel(2), QStringLiteral("3–5"));
}

TEST_F(VictimMaps, ClickingACountryNamesIt)
{
    WorldMapView view;
    view.resize(1300, 680);
    view.setData(worldMapData(m_victims));
    view.show();
    QApplication::processEvents();
    ASSERT_TRUE(view.shapesError().isEmpty()) << view.shapesError().toStdString();
    QSignalSpy clicked(&view, &WorldMapView::countryClicked);
    const QPointF australia = view.layout().project(134.0, -25.0);
    QTest::mouseClick(&view, Qt::LeftButton, {}, australia.toPoint());
    ASSERT_EQ(clicked.count(), 1);
    EXPECT_EQ(clicked.first().first().toString(), QStringLiteral("AU"));
    EXPECT_EQ(view.selectedCountry(), QStringLiteral("AU"));
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.layout().project(20.0, 0.0).toPoint());   // Congo: no victims
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.layout().project(-150.0, 0.0).toPoint());   // the sea
    EXPECT_EQ(clicked.count(), 1);
    EXPECT_FALSE(test::saveScreenshot(&view, "world-map").isEmpty());
}

// The fill colours of <g> groups holding a <path>, with the first point of each path.
std::vector<std::pair<QString, QPointF>> svgPaths(const QString &file, QStringList *texts, QString *error)
{
    QFile f(file);
    std::vector<std::pair<QString, QPointF>> paths;
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return paths;
    }
    QXmlStreamReader xml(&f);
    QStringList fills;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement && xml.name() == QLatin1String("g"))
            fills << xml.attributes().value(QLatin1String("fill")).toString();
        else if (token == QXmlStreamReader::EndElement && xml.name() == QLatin1String("g") && !fills.isEmpty())
            fills.removeLast();
        else if (token == QXmlStreamReader::StartElement && xml.name() == QLatin1String("path")) {
            const QStringList d = xml.attributes().value(QLatin1String("d")).toString().split(
                QRegularExpression(QStringLiteral("[ ,MLCZmlcz]+")), Qt::SkipEmptyParts);
            if (d.size() >= 2 && !fills.isEmpty())
                paths.emplace_back(fills.last(), QPointF(d[0].toDouble(), d[1].toDouble()));
        } else if (token == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text")) {
            texts->append(xml.readElementText(QXmlStreamReader::IncludeChildElements));
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return paths;
}

TEST_F(VictimMaps, BothMapsExportAsPngAndSvg)
{
    const auto dir = m_tmp.path();
    const QSize graphSize(1400, 1000), worldSize(1600, 800);
    ASSERT_TRUE(exportVictimGraph(m_db, dir / "victims.png", graphSize)) << "png";
    ASSERT_TRUE(exportVictimGraph(m_db, dir / "victims.svg", graphSize)) << "svg";
    ASSERT_TRUE(exportWorldMap(m_db, dir / "world.png", worldSize)) << "png";
    ASSERT_TRUE(exportWorldMap(m_db, dir / "world.svg", worldSize)) << "svg";

    const QImage graphPng(QString::fromStdString((dir / "victims.png").string()));
    ASSERT_FALSE(graphPng.isNull());
    EXPECT_EQ(graphPng.size(), graphSize);
    const auto layout = VictimGraphLayout::compute(graph(), QSizeF(graphSize));
    const GraphNode *ava = layout.victimNode(victimOf("ava"));
    ASSERT_TRUE(ava);
    EXPECT_EQ(graphPng.pixelColor(ava->pos.toPoint()), priorityColour(QStringLiteral("urgent")))
        << "Ava's node is not drawn in the urgent colour";
    const QImage worldPng(QString::fromStdString((dir / "world.png").string()));
    ASSERT_FALSE(worldPng.isNull());
    EXPECT_EQ(worldPng.size(), worldSize);
    auto shapes = analysis::CountryShapes::shared();
    ASSERT_TRUE(shapes);
    const WorldMapData data = worldMapData(m_victims);
    const auto world = WorldMapLayout::compute(*shapes, data, QSizeF(worldSize));
    EXPECT_EQ(worldPng.pixelColor(world.project(-75.0, 52.0).toPoint()), victimCountColour(data.counts.at("CA")))
        << "inland Canada is not filled with its count's colour";

    QStringList texts;
    QString error;
    svgPaths(QString::fromStdString((dir / "victims.svg").string()), &texts, &error);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    EXPECT_TRUE(texts.filter(QStringLiteral("Ava")).size() >= 1) << texts.join(" | ").toStdString();
    EXPECT_TRUE(texts.filter(QStringLiteral("Lena")).size() >= 1);
    texts.clear();
    const auto paths = svgPaths(QString::fromStdString((dir / "world.svg").string()), &texts, &error);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    const QString canadaFill = victimCountColour(data.counts.at("CA")).name();
    const QRectF canada = world.country(QStringLiteral("CA"))->path.boundingRect();
    const bool found = std::any_of(paths.begin(), paths.end(), [&](const auto &p) {
        return p.first.compare(canadaFill, Qt::CaseInsensitive) == 0 && canada.contains(p.second);
    });
    EXPECT_TRUE(found) << "no path filled " << canadaFill.toStdString() << " inside Canada's outline";
    EXPECT_TRUE(texts.contains(QStringLiteral("CA")));
}

TEST_F(VictimMaps, ExportRefusesWhatItCannotWrite)
{
    const auto dir = m_tmp.path();
    auto gif = exportVictimGraph(m_db, dir / "victims.gif", {800, 600});
    ASSERT_FALSE(gif);
    EXPECT_EQ(gif.error().code, ErrorCode::InvalidArgument);
    auto tiny = exportWorldMap(m_db, dir / "world.png", {10, 10});
    ASSERT_FALSE(tiny);
    EXPECT_EQ(tiny.error().code, ErrorCode::InvalidArgument);
    for (const char *name : {"no/such/folder/victims.png", "no/such/folder/victims.svg"}) {
        auto missing = exportVictimGraph(m_db, dir / name, {800, 600});
        ASSERT_FALSE(missing) << name;
        EXPECT_EQ(missing.error().code, ErrorCode::Io);
    }
    // A case without victims still gives a valid picture that says so.
    ASSERT_TRUE(exportVictimGraph(VictimGraphData{}, dir / "empty.png", {640, 480}));
    EXPECT_FALSE(QImage(QString::fromStdString((dir / "empty.png").string())).isNull());
    ASSERT_TRUE(exportWorldMap(WorldMapData{}, dir / "empty.svg", {640, 320}));
}

} // namespace
