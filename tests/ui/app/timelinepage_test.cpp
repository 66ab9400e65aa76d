// SPDX-License-Identifier: GPL-3.0-or-later
// The Timeline area on the demo scenario (both demo devices through `vigil ingest`): the table
// lists every event in (time, id) order however it is paged, the filters select what they name,
// lanes put each victim's events in their own column, the histogram brushes a span and jumps to a
// bucket, the display zone converts absolute times and leaves local-clock times as recorded, and
// Enter on an event opens its source; the victims page opens a victim's timeline.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <QFile>
#include <QImage>

#include <algorithm>
#include <fstream>
#include <memory>

#include "core/casedb/casestore.h"
#include "core/casedb/peoplequery.h"
#include "core/casedb/timelinequery.h"
#include "tests/integration/democase.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/app/casesession.h"
#include "ui/app/conversationspage.h"
#include "ui/app/detailpane.h"
#include "ui/app/mainwindow.h"
#include "ui/app/timelinepage.h"
#include "ui/app/victimspage.h"
#include "ui/models/messagelistmodel.h"
#include "ui/models/timelinemodel.h"
#include "ui/viewers/chatview.h"
#include "ui/viewers/timelinechart.h"

using namespace vigil;
using namespace vigil::ui;
using namespace vigil::test;

namespace {

// Waits until the model has counted every event of its filter.
bool waitIndexed(TimelineModel &model)
{
    QSignalSpy spy(&model, &TimelineModel::indexed);
    return !model.isIndexing() || spy.wait(60000);
}

class TimelineUi : public DemoDevicesTest {
protected:
    void SetUp() override
    {
        DemoDevicesTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        QSettings().clear();
        auto db = casedb::CaseStore::openReadOnly(caseDir());
        ASSERT_TRUE(db);
        m_db = std::move(*db);
        auto victims = casedb::listVictims(m_db);
        ASSERT_TRUE(victims);
        ASSERT_GE(victims->size(), 3u);
        m_victims = std::move(*victims);
    }
    static QString caseFolder() { return QString::fromStdString(caseDir().string()); }

    std::vector<casedb::TimelineEvent> events(const casedb::TimelineFilter &filter)
    {
        std::vector<casedb::TimelineEvent> out;
        auto visited = casedb::forEachEvent(m_db, filter, [&](const casedb::TimelineEvent &e) { out.push_back(e); });
        EXPECT_TRUE(visited);
        return out;
    }

    void openPage()
    {
        m_page = std::make_unique<TimelinePage>();
        m_page->resize(1400, 860);
        m_page->show();
        m_page->setCase(caseFolder());
        ASSERT_TRUE(waitIndexed(*m_page->model()));
        QApplication::processEvents();
    }

    // Chooses the item of a filter box with this data and applies it.
    void choose(QComboBox *box, const QVariant &data)
    {
        const int i = box->findData(data);
        ASSERT_GE(i, 0) << data.toString().toStdString();
        box->setCurrentIndex(i);
        emit box->activated(i);
        ASSERT_TRUE(waitIndexed(*m_page->model()));
    }

    // The events the page's table shows, top to bottom.
    std::vector<casedb::TimelineEvent> shown() const
    {
        std::vector<casedb::TimelineEvent> out;
        for (int r = 0; r < m_page->model()->rowCount(); ++r)
            if (const auto *e = m_page->model()->eventAt(r))
                out.push_back(*e);
        return out;
    }

    casedb::Database m_db;
    std::vector<casedb::VictimRow> m_victims;
    std::unique_ptr<TimelinePage> m_page;
};

TEST_F(TimelineUi, ModelListsEveryEventInTimeOrderPageByPage)
{
    TimelineModel model(caseDir());
    ASSERT_TRUE(waitIndexed(model));
    const auto all = events({});
    ASSERT_GT(all.size(), 3u * TimelineModel::kPageSize) << "the demo should give several pages of events";
    ASSERT_EQ(model.rowCount(), static_cast<int>(all.size()));
    for (int r = 0; r < model.rowCount(); ++r) {
        const auto *e = model.eventAt(r);
        ASSERT_TRUE(e) << r;
        ASSERT_EQ(e->id, all[static_cast<std::size_t>(r)].id) << "row " << r;
    }
    // A walk from top to bottom reads each page once.
    EXPECT_EQ(model.pagesRead(), (model.rowCount() + TimelineModel::kPageSize - 1) / TimelineModel::kPageSize);
    // Walking backwards from the end re-reads only what the cache dropped: still page-sized reads.
    const qint64 before = model.pagesRead();
    for (int r = model.rowCount() - 1; r >= 0; r -= 97)
        ASSERT_EQ(model.index(r, TimelineModel::Time).data(TimelineModel::EventIdRole).toLongLong(),
                  all[static_cast<std::size_t>(r)].id);
    EXPECT_LE(model.pagesRead() - before, (model.rowCount() / TimelineModel::kPageSize) + 1);
    // The histogram counts every event once: in a bar, or before/after the chart. The demo has stray
    // times (a 2015 FAT volume label, a 2076 file time) that the chart leaves out of its range.
    const auto &h = model.histogram();
    qint64 drawn = 0;
    ASSERT_EQ(h.series.size(), 1u);
    for (qint64 n : h.series.front())
        drawn += n;
    EXPECT_EQ(drawn + h.before + h.after, model.rowCount());
    EXPECT_GE(drawn, model.rowCount() * 98 / 100) << "the chart focuses on where the events are";
    EXPECT_EQ(h.before, std::count_if(all.begin(), all.end(), [&](const auto &e) { return e.time < h.from; }));
    EXPECT_EQ(h.after, std::count_if(all.begin(), all.end(), [&](const auto &e) { return e.time >= h.to; }));
}

TEST_F(TimelineUi, RowAtOrAfterFindsTheFirstEventAtThatTime)
{
    TimelineModel model(caseDir());
    ASSERT_TRUE(waitIndexed(model));
    const auto all = events({});
    for (std::size_t i = 0; i < all.size(); i += all.size() / 23 + 1) {
        const qint64 t = all[i].time;
        const auto first = std::find_if(all.begin(), all.end(), [&](const auto &e) { return e.time >= t; });
        EXPECT_EQ(model.rowAtOrAfter(t), static_cast<int>(first - all.begin())) << "time " << t;
        EXPECT_EQ(model.rowAtOrAfter(t - 1), static_cast<int>(
                      std::find_if(all.begin(), all.end(), [&](const auto &e) { return e.time >= t - 1; }) - all.begin()));
    }
    EXPECT_EQ(model.rowAtOrAfter(all.back().time + 1), -1);
    EXPECT_EQ(model.rowAtOrAfter(all.front().time - 1'000'000'000), 0);
}

TEST_F(TimelineUi, FiltersSelectWhatTheyName)
{
    openPage();
    ASSERT_FALSE(HasFatalFailure());
    const qint64 victim = m_victims.front().personId;
    choose(m_page->personBox(), QVariant::fromValue<qint64>(victim));
    casedb::TimelineFilter byPerson;
    byPerson.personId = victim;
    auto rows = shown();
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.size(), events(byPerson).size());
    EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [&](const auto &e) { return e.personId == victim; }));
    EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(),
                               [](const auto &a, const auto &b) { return std::pair(a.time, a.id) < std::pair(b.time, b.id); }));
    const std::string app = rows.front().app;
    choose(m_page->personBox(), QVariant::fromValue<qint64>(0));

    choose(m_page->appBox(), QString::fromStdString(app));
    rows = shown();
    ASSERT_FALSE(rows.empty());
    EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [&](const auto &e) { return e.app == app; }));
    choose(m_page->appBox(), QString());

    choose(m_page->typeBox(), QStringLiteral("kind:message-sent"));
    rows = shown();
    ASSERT_FALSE(rows.empty());
    EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [](const auto &e) { return e.kind == "message-sent"; }));
    choose(m_page->typeBox(), QStringLiteral("lane:web"));
    rows = shown();
    ASSERT_FALSE(rows.empty());
    EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [](const auto &e) { return e.lane == "web"; }));
    choose(m_page->typeBox(), QString());

    const qint64 phone = m_page->evidenceBox()->itemData(2).toLongLong();   // the second evidence item
    ASSERT_GT(phone, 0);
    choose(m_page->evidenceBox(), QVariant::fromValue<qint64>(phone));
    rows = shown();
    ASSERT_FALSE(rows.empty());
    EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [&](const auto &e) { return e.evidenceId == phone; }));
    choose(m_page->evidenceBox(), QVariant::fromValue<qint64>(0));

    QSignalSpy ready(m_page.get(), &TimelinePage::ready);
    m_page->textFilter()->setText(QStringLiteral("SECRET"));   // the debounced filter runs by itself
    ASSERT_TRUE(ready.wait(10000));
    rows = shown();
    ASSERT_FALSE(rows.empty());
    for (const auto &e : rows) {
        QString haystack = QString::fromStdString(e.summary + " " + e.path).toLower();
        EXPECT_TRUE(haystack.contains(QStringLiteral("secret"))) << e.summary;
    }
    EXPECT_TRUE(m_page->statusText().contains(QString::number(rows.size()))) << m_page->statusText().toStdString();
}

TEST_F(TimelineUi, LanesPutEachVictimsEventsInTheirColumn)
{
    openPage();
    ASSERT_FALSE(HasFatalFailure());
    m_page->setLanes(true);
    ASSERT_TRUE(waitIndexed(*m_page->model()));
    auto *model = m_page->model();
    const std::size_t lanes = std::min<std::size_t>(m_victims.size(), TimelinePage::kMaxLanes);
    ASSERT_EQ(model->lanes().size(), lanes);
    EXPECT_EQ(model->columnCount(), 1 + static_cast<int>(lanes));
    EXPECT_FALSE(m_page->personBox()->isEnabled());
    std::size_t expected = 0;
    for (std::size_t l = 0; l < lanes; ++l) {
        EXPECT_EQ(model->lanes()[l].personId, m_victims[l].personId) << "lanes follow the victims' ranks";
        casedb::TimelineFilter f;
        f.personId = m_victims[l].personId;
        expected += events(f).size();
    }
    ASSERT_EQ(static_cast<std::size_t>(model->rowCount()), expected);
    for (int r = 0; r < model->rowCount(); ++r) {
        const qint64 person = model->index(r, 0).data(TimelineModel::PersonIdRole).toLongLong();
        for (int c = 1; c < model->columnCount(); ++c) {
            const bool mine = model->lanes()[static_cast<std::size_t>(c - 1)].personId == person;
            ASSERT_EQ(model->index(r, c).data().toString().isEmpty(), !mine) << "row " << r << " column " << c;
            ASSERT_EQ(model->index(r, c).data(Qt::ToolTipRole).isValid(), mine) << "the whole text, in its lane only";
        }
    }
    ASSERT_EQ(model->histogram().series.size(), lanes);
    for (std::size_t l = 0; l < lanes; ++l) {
        casedb::TimelineFilter f;
        f.personId = m_victims[l].personId;
        qint64 sum = 0;
        for (qint64 n : model->histogram().series[l])
            sum += n;
        EXPECT_EQ(sum, static_cast<qint64>(events(f).size())) << "lane " << l;
    }
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "timeline-lanes-demo").isEmpty());
    m_page->setLanes(false);
    ASSERT_TRUE(waitIndexed(*m_page->model()));
    EXPECT_EQ(model->columnCount(), static_cast<int>(TimelineModel::ColumnCount));
    EXPECT_EQ(static_cast<std::size_t>(model->rowCount()), events({}).size());
}

TEST_F(TimelineUi, BrushingTheChartShowsThatSpanAndAClickJumpsToABucket)
{
    openPage();
    ASSERT_FALSE(HasFatalFailure());
    // Communication only: the demo's chats span weeks, so a brushed span holds some of them.
    choose(m_page->typeBox(), QStringLiteral("lane:communication"));
    QApplication::processEvents();
    auto *chart = m_page->chart();
    const auto h = m_page->model()->histogram();
    ASSERT_FALSE(h.empty());
    const qint64 span = h.to - h.from;
    const int x0 = chart->xOf(h.from + span / 4), x1 = chart->xOf(h.from + span * 3 / 4);
    ASSERT_LT(x0 + 20, x1) << "the chart should be laid out";
    const int y = chart->height() / 2;
    QSignalSpy brushed(chart, &TimelineChart::rangeSelected);
    QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, QPoint(x0, y));
    QTest::mouseMove(chart->viewport(), QPoint((x0 + x1) / 2, y));
    QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, QPoint(x1, y));
    ASSERT_EQ(brushed.count(), 1);
    ASSERT_TRUE(waitIndexed(*m_page->model()));
    const qint64 from = brushed.at(0).at(0).toLongLong(), to = brushed.at(0).at(1).toLongLong();
    EXPECT_NEAR(double(from - h.from) / double(span), 0.25, 0.02);
    EXPECT_NEAR(double(to - h.from) / double(span), 0.75, 0.02);
    const auto rows = shown();
    casedb::TimelineFilter f;
    f.lane = "communication";
    f.from = from;
    f.to = to;
    EXPECT_EQ(rows.size(), events(f).size());
    EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [&](const auto &e) { return e.time >= from && e.time < to; }));
    EXPECT_EQ(m_page->model()->histogram().from, from) << "the chart zooms to the brushed span";

    // A click on a bar selects the first event of that bucket.
    m_page->setRange(std::nullopt, std::nullopt);
    ASSERT_TRUE(waitIndexed(*m_page->model()));
    QApplication::processEvents();
    const auto &full = m_page->model()->histogram();
    std::size_t busiest = 0;
    for (std::size_t b = 0; b < full.series[0].size(); ++b)
        if (full.series[0][b] > full.series[0][busiest])
            busiest = b;
    const qint64 bucket = full.from + qint64(busiest) * full.bucketNs;
    const int xb = chart->xOf(bucket + full.bucketNs / 2);
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, QPoint(xb, y));
    const QModelIndex current = m_page->table()->currentIndex();
    ASSERT_TRUE(current.isValid());
    const qint64 t = current.data(TimelineModel::TimeNsRole).toLongLong();
    EXPECT_GE(t, bucket);
    EXPECT_LT(t, bucket + full.bucketNs);
    if (current.row() > 0) {
        EXPECT_LT(m_page->model()->index(current.row() - 1, 0).data(TimelineModel::TimeNsRole).toLongLong(), bucket);
    }
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "timeline-communication-demo").isEmpty());
}

TEST_F(TimelineUi, DisplayZoneConvertsAbsoluteTimesButNotLocalClocks)
{
    openPage();
    ASSERT_FALSE(HasFatalFailure());
    auto *model = m_page->model();
    const auto all = events({});
    // An absolute (UTC) time and a local-clock FAT time.
    const auto utc = std::find_if(all.begin(), all.end(), [](const auto &e) { return e.basis == "utc" && e.precision == "exact"; });
    const auto local = std::find_if(all.begin(), all.end(), [](const auto &e) { return e.basis == "local"; });
    ASSERT_NE(utc, all.end());
    ASSERT_NE(local, all.end());
    const int utcRow = static_cast<int>(utc - all.begin()), localRow = static_cast<int>(local - all.begin());
    const QString utcText = model->index(utcRow, 0).data().toString();
    const QString localText = model->index(localRow, 0).data().toString();
    const QTimeZone newYork("America/New_York");
    m_page->setDisplayZone(newYork);
    const QString shownText = model->index(utcRow, 0).data().toString();
    const QDateTime asUtc = QDateTime::fromString(utcText, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    const QDateTime asNewYork = QDateTime::fromString(shownText, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    ASSERT_TRUE(asUtc.isValid()) << utcText.toStdString();
    ASSERT_TRUE(asNewYork.isValid()) << shownText.toStdString();
    const int offset = newYork.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utc->time / 1'000'000, QTimeZone::utc()));
    ASSERT_TRUE(offset == -5 * 3600 || offset == -4 * 3600);
    EXPECT_EQ(asUtc.secsTo(asNewYork), offset) << "EST is UTC-5, EDT UTC-4";
    EXPECT_EQ(model->index(localRow, 0).data().toString(), localText) << "a local clock is shown as recorded";
    EXPECT_TRUE(model->index(localRow, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("not converted")));
    EXPECT_TRUE(model->headerData(0, Qt::Horizontal).toString().contains(QStringLiteral("America/New_York")));
    EXPECT_EQ(QSettings().value(QStringLiteral("timeline/zone")).toByteArray(), QByteArray())
        << "only the user's choice in the box is remembered";
}

TEST_F(TimelineUi, AnalystLaneListsTheAuditLog)
{
    openPage();
    ASSERT_FALSE(HasFatalFailure());
    choose(m_page->typeBox(), QStringLiteral("lane:analyst"));
    casedb::TimelineFilter f;
    std::int64_t audited = 0;
    ASSERT_TRUE(casedb::forEachAnalystAction(m_db, f, [&](const casedb::TimelineEvent &) { ++audited; }));
    ASSERT_GT(audited, 0);
    const auto rows = shown();
    EXPECT_EQ(static_cast<std::int64_t>(rows.size()), audited);
    EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [](const auto &e) { return e.lane == "analyst"; }));
}

// Reads a text file's lines.
std::vector<std::string> fileLines(const fs::path &path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

TEST_F(TimelineUi, ExportWritesTheEventsAndTheChartThePageShows)
{
    openPage();
    ASSERT_FALSE(HasFatalFailure());
    const qint64 victim = m_victims.front().personId;
    choose(m_page->personBox(), QVariant::fromValue<qint64>(victim));
    const auto rows = shown();
    ASSERT_FALSE(rows.empty());
    TempDir out;
    QSignalSpy exported(m_page.get(), &TimelinePage::exported);
    const fs::path csv = out.path() / "victim.csv";
    ASSERT_EQ(m_page->exportTo(QString::fromStdString(csv.string()), TimelinePage::Export::Csv), QString());
    const auto lines = fileLines(csv);
    ASSERT_EQ(lines.size(), rows.size() + 1) << "a header and one line an event";
    EXPECT_TRUE(lines[0].starts_with("time_utc,time_precision,time_basis,"));
    for (std::size_t i = 0; i < rows.size(); ++i)
        ASSERT_TRUE(lines[i + 1].ends_with("," + std::to_string(rows[i].id))) << "in the table's order: " << lines[i + 1];
    const fs::path body = out.path() / "victim.body";
    ASSERT_EQ(m_page->exportTo(QString::fromStdString(body.string()), TimelinePage::Export::BodyFile), QString());
    const auto bodyLines = fileLines(body);
    ASSERT_FALSE(bodyLines.empty());
    for (const auto &line : bodyLines)
        EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 10) << line;
    for (const char *name : {"victim-chart.png", "victim-chart.svg"}) {
        const fs::path chart = out.path() / name;
        ASSERT_EQ(m_page->exportTo(QString::fromStdString(chart.string()), TimelinePage::Export::Chart), QString());
        ASSERT_TRUE(fs::exists(chart));
    }
    EXPECT_EQ(QImage(QString::fromStdString((out.path() / "victim-chart.png").string())).size(), m_page->chart()->size());
    EXPECT_NE(fileLines(out.path() / "victim-chart.svg").front().find("<?xml"), std::string::npos);
    ASSERT_EQ(exported.count(), 4);
    EXPECT_EQ(exported.at(0).at(1).toString(), QStringLiteral("csv"));
    EXPECT_EQ(exported.at(0).at(2).toLongLong(), static_cast<qint64>(rows.size()));
    EXPECT_TRUE(exported.at(0).at(3).toString().contains(QStringLiteral("(victim)")));
    EXPECT_NE(m_page->exportTo(QString::fromStdString((out.path() / "no" / "such" / "dir.csv").string()),
                               TimelinePage::Export::Csv),
              QString()) << "an unwritable target is an error, not a silent nothing";
    EXPECT_NE(m_page->exportTo(QString::fromStdString((out.path() / "chart.bmp").string()), TimelinePage::Export::Chart),
              QString());
}

TEST_F(TimelineUi, AVictimsChartIsDrawnWithoutAWindowForTheReport)
{
    TempDir out;
    casedb::TimelineFilter f;
    f.personId = m_victims.front().personId;
    const fs::path png = out.path() / "victim-timeline.png";
    auto written = exportTimelineChart(m_db, f, png, QSize(1200, 360), QTimeZone::utc(),
                                       QStringLiteral("Events concerning victim #1"));
    ASSERT_TRUE(written) << written.error().toString();
    const QImage image(QString::fromStdString(png.string()));
    EXPECT_EQ(image.size(), QSize(1200, 360));
    auto histogram = countTimelineHistogram(m_db, f, 100);
    ASSERT_TRUE(histogram);
    qint64 counted = histogram->before + histogram->after;
    for (qint64 n : histogram->series.at(0))
        counted += n;
    EXPECT_EQ(counted, static_cast<qint64>(events(f).size()));
    const QString artefact = QStringLiteral(VIGIL_SCREENSHOT_DIR "/export-victim-timeline-demo.png");
    QFile::remove(artefact);   // copy does not overwrite
    EXPECT_TRUE(QFile::copy(QString::fromStdString(png.string()), artefact));
    EXPECT_FALSE(exportTimelineChart(m_db, f, out.path() / "chart.gif"));
}

class TimelineWindow : public TimelineUi {
protected:
    void SetUp() override
    {
        TimelineUi::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1440, 900);
        m_window->show();
        QString error;
        ASSERT_TRUE(m_window->openCase(caseFolder(), &error)) << error.toStdString();
        m_window->showArea(MainWindow::TimelineArea);
        ASSERT_TRUE(waitIndexed(*m_window->timelinePage()->model()));
        QApplication::processEvents();
    }
    void TearDown() override { m_window.reset(); }

    int rowWhere(const std::function<bool(const casedb::TimelineEvent &)> &pred)
    {
        auto *model = m_window->timelinePage()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            if (const auto *e = model->eventAt(r); e && pred(*e))
                return r;
        return -1;
    }

    std::unique_ptr<MainWindow> m_window;
};

TEST_F(TimelineWindow, EnterOnAnEventOpensItsSource)
{
    auto *page = m_window->timelinePage();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-timeline-demo").isEmpty());
    const int messageRow = rowWhere([](const auto &e) { return e.kind == "message-received" && e.personId; });
    ASSERT_GE(messageRow, 0);
    const auto message = *page->model()->eventAt(messageRow);
    page->table()->setFocus();
    page->table()->setCurrentIndex(page->model()->index(messageRow, TimelineModel::Description));
    QTest::keyClick(page->table(), Qt::Key_Return);
    ASSERT_EQ(m_window->currentArea(), MainWindow::ConversationsArea);
    auto *conversations = m_window->conversationsPage();
    EXPECT_EQ(conversations->messageModel()->conversationId(), *message.conversationId);
    const QModelIndex current = conversations->chat()->currentIndex();
    ASSERT_TRUE(current.isValid());
    EXPECT_EQ(current.data(MessageListModel::MessageIdRole).toLongLong(), *message.messageId);

    m_window->showArea(MainWindow::TimelineArea);
    const int fileRow = rowWhere([](const auto &e) { return e.lane == "file" && e.fileId && !e.path.empty(); });
    ASSERT_GE(fileRow, 0);
    const auto file = *page->model()->eventAt(fileRow);
    page->activateRow(fileRow);
    EXPECT_EQ(m_window->currentArea(), MainWindow::FilesArea);
    EXPECT_EQ(m_window->detailPane()->currentFile(), *file.fileId);
}

TEST_F(TimelineWindow, ExportsAreAudited)
{
    TempDir out;
    const fs::path csv = out.path() / "all.csv";
    ASSERT_EQ(m_window->timelinePage()->exportTo(QString::fromStdString(csv.string()), TimelinePage::Export::Csv),
              QString());
    ASSERT_TRUE(m_window->session()->store().flush());
    EXPECT_EQ(caseScalar(caseDir(), "SELECT count(*) FROM audit_log WHERE action = 'timeline.export' AND details LIKE '%" +
                                        csv.filename().string() + "%'"),
              1);
}

TEST_F(TimelineWindow, TheVictimsPageOpensAVictimsTimeline)
{
    const auto &victim = m_victims.front();
    m_window->showArea(MainWindow::PeopleArea);
    ASSERT_TRUE(m_window->victimsPage()->selectVictim(victim.personId));
    m_window->victimsPage()->timelineButton()->click();
    ASSERT_EQ(m_window->currentArea(), MainWindow::TimelineArea);
    auto *page = m_window->timelinePage();
    ASSERT_TRUE(waitIndexed(*page->model()));
    EXPECT_EQ(page->personBox()->currentData().toLongLong(), victim.personId);
    casedb::TimelineFilter f;
    f.personId = victim.personId;
    const auto expected = events(f);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(static_cast<std::size_t>(page->model()->rowCount()), expected.size());
    // The story starts with the first contact the people analysis found and ends with the last.
    ASSERT_TRUE(victim.firstContact && victim.lastContact);
    const auto first = std::find_if(expected.begin(), expected.end(), [](const auto &e) { return e.messageId.has_value(); });
    ASSERT_NE(first, expected.end());
    EXPECT_EQ(first->time, *victim.firstContact);
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-timeline-victim").isEmpty());
}

} // namespace

namespace {

// The desktop's ingest on DFTT #5 (a FAT12 floppy written at 2:00 PM on 1 January and 3:00 PM on
// 1 June 2004) in a process whose zone is New York: The Sleuth Kit reads FAT times through the C
// library's local time, so without the pipeline setting TZ they would come out shifted by five and
// four hours. They must come out as written, marked local, with no zone recorded.
TEST(TimelineDesktopIngest, FatTimesAreReadAsTheClockWhateverTheMachinesZone)
{
    TempDir tmp;
    std::string why;
    const auto daylight = unpackExternalImage("from_brian_5-fat-daylight.zip", "5-fat-daylight/daylight.dd", tmp.path(), why);
    if (daylight.empty())
        GTEST_SKIP() << why;
    const QByteArray oldTz = qgetenv("TZ");
    qputenv("TZ", "America/New_York");
    tzset();
    QSettings().clear();
    MainWindow window;
    QString error;
    const QString caseDir = QString::fromStdString((tmp.path() / "case").string());
    ASSERT_TRUE(window.createCase(caseDir, "DFTT-5", "Test Examiner", "daylight", &error)) << error.toStdString();
    window.addEvidence({QString::fromStdString(daylight.string())});
    QSignalSpy done(&window, &MainWindow::ingestFinished);
    window.startIngest();
    ASSERT_TRUE(done.wait(120000)) << "ingest did not finish";
    oldTz.isNull() ? qunsetenv("TZ") : qputenv("TZ", oldTz);
    tzset();
    auto db = casedb::CaseStore::openReadOnly(caseDir.toStdString());
    ASSERT_TRUE(db);
    casedb::TimelineFilter created;
    created.kinds = {"file-created"};
    created.text = ".txt";
    std::vector<casedb::TimelineEvent> events;
    ASSERT_TRUE(casedb::forEachEvent(*db, created, [&](const casedb::TimelineEvent &e) { events.push_back(e); }));
    ASSERT_EQ(events.size(), 2u);
    const qint64 winter = QDateTime(QDate(2004, 1, 1), QTime(14, 0, 1, 340), QTimeZone::utc()).toMSecsSinceEpoch();
    const qint64 summer = QDateTime(QDate(2004, 6, 1), QTime(15, 0, 1, 620), QTimeZone::utc()).toMSecsSinceEpoch();
    EXPECT_EQ(events[0].time / 1'000'000, winter);
    EXPECT_EQ(events[1].time / 1'000'000, summer);
    for (const auto &e : events) {
        EXPECT_EQ(e.basis, "local");
        EXPECT_EQ(e.originalTz, "");
    }
    EXPECT_EQ(caseScalar(caseDir.toStdString(), "SELECT count(*) FROM evidence WHERE fs_timezone IS NULL"), 1);
}

} // namespace
