// SPDX-License-Identifier: GPL-3.0-or-later
// People & Victims on a real analysed case (tests/ui/viewers/victimcase.h): the ranked table
// sorts and filters, the detail pane explains the score and highlights the triggering words,
// Enter on a message opens the conversation there, merges, splits and undo run through the
// decisions API and the analysis in the background and the list follows, and the maps lead
// back to the list.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <set>

#include "core/casedb/casestore.h"
#include "core/casedb/peoplequery.h"
#include "tests/testutil/tempdir.h"
#include "tests/ui/viewers/guienvironment.h"
#include "tests/ui/viewers/victimcase.h"
#include "ui/app/casesession.h"
#include "ui/app/conversationspage.h"
#include "ui/app/mainwindow.h"
#include "ui/app/mappage.h"
#include "ui/app/victimdetailpane.h"
#include "ui/app/victimspage.h"
#include "ui/models/messagelistmodel.h"
#include "ui/models/peopleformat.h"
#include "ui/models/victimlistmodel.h"
#include "ui/viewers/chatview.h"
#include "ui/viewers/mapexport.h"
#include "ui/viewers/victimgraphview.h"
#include "ui/viewers/worldmapview.h"

using namespace vigil;
using namespace vigil::ui;

namespace {

class VictimsUi : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = test::buildVictimCase(m_tmp.path() / "case");
        ASSERT_FALSE(HasFatalFailure());
        auto db = casedb::CaseStore::openReadOnly(m_case.dir);
        ASSERT_TRUE(db);
        auto victims = casedb::listVictims(*db);
        ASSERT_TRUE(victims) << victims.error().toString();
        m_victims = std::move(*victims);
        ASSERT_GE(m_victims.size(), 6u);
    }

    void openPage()
    {
        QString error;
        m_session = CaseSession::open(caseDir(), {}, QStringLiteral("Examiner"), &error);
        ASSERT_TRUE(m_session) << error.toStdString();
        m_page = std::make_unique<VictimsPage>();
        m_page->resize(1500, 820);
        m_page->setSession(m_session.get());
        m_page->show();
        QApplication::processEvents();
    }

    QString caseDir() const { return QString::fromStdString(m_case.dir.string()); }
    qint64 personOf(const std::string &account) const { return test::personOf(m_case.dir, m_case.account(account)); }

    // The table's person ids from top to bottom, as shown.
    std::vector<qint64> shown() const
    {
        std::vector<qint64> ids;
        auto *proxy = m_page->proxy();
        for (int r = 0; r < proxy->rowCount(); ++r)
            ids.push_back(proxy->index(r, 0).data(VictimListModel::PersonIdRole).toLongLong());
        return ids;
    }

    const casedb::VictimRow &victim(qint64 personId) const
    {
        static const casedb::VictimRow none;
        for (const auto &v : m_victims)
            if (v.personId == personId)
                return v;
        ADD_FAILURE() << "person " << personId << " is not a victim";
        return none;
    }

    // Runs a page job and waits for it; true when it succeeded.
    bool waitForJob(bool started)
    {
        if (!started)
            return false;
        QSignalSpy done(m_page.get(), &VictimsPage::jobFinished);
        EXPECT_TRUE(m_page->isBusy());
        if (!done.wait(60000))
            return false;
        return done.first().first().toBool();
    }

    QListWidgetItem *messageItem(qint64 messageId) const
    {
        auto *list = m_page->detail()->messages();
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(VictimDetailPane::MessageIdRole).toLongLong() == messageId)
                return list->item(i);
        return nullptr;
    }

    test::TempDir m_tmp;
    test::VictimCase m_case;
    std::vector<casedb::VictimRow> m_victims;
    std::unique_ptr<CaseSession> m_session;
    std::unique_ptr<VictimsPage> m_page;
};

TEST_F(VictimsUi, ListsTheRankedVictimsWithTheirChips)
{
    openPage();
    auto *model = m_page->model();
    ASSERT_EQ(model->rowCount(), static_cast<int>(m_victims.size()));
    std::vector<qint64> expected;
    for (const auto &v : m_victims)
        expected.push_back(v.personId);
    EXPECT_EQ(shown(), expected) << "not in rank order";
    const qint64 ava = personOf("ava");
    const int row = model->rowOf(ava);
    ASSERT_GE(row, 0);
    auto cell = [&](int column, int role = Qt::DisplayRole) { return model->index(row, column).data(role); };
    EXPECT_EQ(cell(VictimListModel::Priority).toString(), QStringLiteral("Urgent"));
    EXPECT_EQ(cell(VictimListModel::Name).toString(), QStringLiteral("Ava"));
    EXPECT_EQ(cell(VictimListModel::Age).toString(), QStringLiteral("13"));
    EXPECT_EQ(cell(VictimListModel::Country).toString(), QStringLiteral("CA Canada"));
    EXPECT_EQ(cell(VictimListModel::Apps).toString(), QStringLiteral("iOS Messages"));
    EXPECT_EQ(cell(VictimListModel::Messages).toLongLong(), victim(ava).messages);
    const QStringList kinds = cell(VictimListModel::Indicators, VictimListModel::ChipKindsRole).toStringList();
    ASSERT_FALSE(kinds.isEmpty());
    EXPECT_EQ(kinds.first(), QStringLiteral("self-harm")) << "the most serious chip comes first";
    EXPECT_EQ(kinds.size(), static_cast<qsizetype>(orderedIndicators(victim(ava).indicators).size()));
    EXPECT_TRUE(cell(VictimListModel::Indicators).toString().contains(QStringLiteral("self-harm ×1")));
    EXPECT_TRUE(m_page->statusText().contains(QStringLiteral("%1 victim(s)").arg(m_victims.size())))
        << m_page->statusText().toStdString();
}

TEST_F(VictimsUi, SortsByEachColumn)
{
    openPage();
    auto *table = m_page->table();
    auto column = [&](int c, int role) {
        std::vector<QVariant> values;
        for (int r = 0; r < m_page->proxy()->rowCount(); ++r)
            values.push_back(m_page->proxy()->index(r, c).data(role));
        return values;
    };
    table->sortByColumn(VictimListModel::Risk, Qt::DescendingOrder);
    const auto risks = column(VictimListModel::Risk, VictimListModel::SortRole);
    for (std::size_t i = 1; i < risks.size(); ++i)
        EXPECT_GE(risks[i - 1].toDouble(), risks[i].toDouble());
    table->sortByColumn(VictimListModel::Name, Qt::AscendingOrder);
    const auto names = column(VictimListModel::Name, Qt::DisplayRole);
    for (std::size_t i = 1; i < names.size(); ++i)
        EXPECT_LE(names[i - 1].toString().compare(names[i].toString(), Qt::CaseInsensitive), 0);
    table->sortByColumn(VictimListModel::Priority, Qt::AscendingOrder);
    const auto priorities = column(VictimListModel::Priority, VictimListModel::PriorityRole);
    EXPECT_EQ(priorities.front().toString(), QStringLiteral("urgent"));
    for (std::size_t i = 1; i < priorities.size(); ++i)
        EXPECT_LE(priorityOrder(priorities[i - 1].toString()), priorityOrder(priorities[i].toString()));
    table->sortByColumn(VictimListModel::Messages, Qt::DescendingOrder);
    const auto messages = column(VictimListModel::Messages, Qt::DisplayRole);
    for (std::size_t i = 1; i < messages.size(); ++i)
        EXPECT_GE(messages[i - 1].toLongLong(), messages[i].toLongLong());
    table->sortByColumn(VictimListModel::LastContact, Qt::DescendingOrder);
    const auto last = column(VictimListModel::LastContact, VictimListModel::SortRole);
    for (std::size_t i = 1; i < last.size(); ++i)
        EXPECT_GE(last[i - 1].toLongLong(), last[i].toLongLong());
}

TEST_F(VictimsUi, FiltersByPriorityCountryAndText)
{
    openPage();
    auto expect = [&](auto keep) {
        std::vector<qint64> ids;
        for (const auto &v : m_victims)
            if (keep(v))
                ids.push_back(v.personId);
        return ids;
    };
    m_page->setPriorityFilter(QStringLiteral("high"));
    const auto high = expect([](const casedb::VictimRow &v) { return v.priority == "high"; });
    EXPECT_GE(high.size(), 2u);
    EXPECT_LT(high.size(), m_victims.size());
    EXPECT_EQ(shown(), high);
    EXPECT_TRUE(m_page->statusText().startsWith(QStringLiteral("Showing %1 of").arg(high.size())));
    m_page->setPriorityFilter({});
    m_page->setCountryFilter(QStringLiteral("GB"));
    const auto british = expect([](const casedb::VictimRow &v) { return v.country == "GB"; });
    EXPECT_GE(british.size(), 2u);   // Ben and Dan
    EXPECT_EQ(shown(), british);
    EXPECT_TRUE(m_page->countryBox()->currentText().startsWith(QStringLiteral("GB United Kingdom (")));
    m_page->setCountryFilter({});
    // Text looks in the accounts too: Lena's phone number finds her.
    m_page->searchBox()->setText(QStringLiteral("+6141255"));
    EXPECT_EQ(shown(), std::vector<qint64>{personOf("lena")});
    m_page->searchBox()->setText(QStringLiteral("self-harm"));
    EXPECT_EQ(shown(), expect([](const casedb::VictimRow &v) { return v.indicators.contains("self-harm"); }));
    m_page->searchBox()->setText(QStringLiteral("nobody-has-this"));
    EXPECT_TRUE(shown().empty());
    EXPECT_TRUE(m_page->selectVictim(personOf("ava"))) << "selecting clears the filters that hide the row";
    EXPECT_TRUE(m_page->searchBox()->text().isEmpty());
    EXPECT_EQ(m_page->currentVictim(), personOf("ava"));
    EXPECT_FALSE(m_page->selectVictim(personOf("mum"))) << "Mum is not a victim";
}

TEST_F(VictimsUi, DetailPaneExplainsTheScoreAndHighlightsTheWords)
{
    openPage();
    const qint64 ava = personOf("ava");
    ASSERT_TRUE(m_page->selectVictim(ava));
    QApplication::processEvents();
    auto *detail = m_page->detail();
    EXPECT_EQ(detail->personId(), ava);
    const QString header = detail->headerText();
    EXPECT_TRUE(header.contains(QStringLiteral("#%1 Ava").arg(victim(ava).rank))) << header.toStdString();
    EXPECT_TRUE(header.contains(QStringLiteral("URGENT")));
    EXPECT_TRUE(header.contains(QStringLiteral("stated age 13")));
    for (const auto &reason : victim(ava).priorityReasons)
        EXPECT_TRUE(header.contains(QString::fromStdString(reason))) << reason;
    // The explanation: every term of the score, the self-harm term pointing at its message.
    auto *explanation = detail->explanation();
    QTreeWidgetItem *selfHarm = nullptr;
    for (int i = 0; i < explanation->topLevelItemCount(); ++i)
        if (explanation->topLevelItem(i)->data(0, Qt::UserRole + 1).toString() == QLatin1String("self-harm"))
            selfHarm = explanation->topLevelItem(i);
    ASSERT_TRUE(selfHarm);
    EXPECT_GT(selfHarm->text(0).toDouble(), 0.0);
    EXPECT_EQ(selfHarm->text(1), QStringLiteral("Self-harm or suicidal statements"));
    EXPECT_FALSE(selfHarm->text(2).isEmpty());
    // Triggering messages, the matched words highlighted.
    const qint64 selfHarmMessage = m_case.scenario.messages.at("ava-selfharm");
    QListWidgetItem *item = messageItem(selfHarmMessage);
    ASSERT_TRUE(item);
    const QString html = item->data(VictimDetailPane::HtmlRole).toString();
    EXPECT_TRUE(html.contains(QStringLiteral("background-color:%1").arg(QStringLiteral("#")))) << html.toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("die"))) << html.toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("self-harm")));
    const int all = detail->visibleMessageCount();
    explanation->setCurrentItem(selfHarm);
    EXPECT_EQ(detail->visibleMessageCount(), selfHarm->data(0, Qt::UserRole).toList().size());
    EXPECT_LT(detail->visibleMessageCount(), all);
    EXPECT_FALSE(item->isHidden());
    // Accounts with the rule that joined each; the location clue from the phone number.
    ASSERT_EQ(detail->accounts()->topLevelItemCount(), 1);
    EXPECT_EQ(detail->accounts()->topLevelItem(0)->text(0), QStringLiteral("iOS Messages"));
    EXPECT_FALSE(detail->accounts()->topLevelItem(0)->text(4).isEmpty());
    ASSERT_GE(detail->locations()->topLevelItemCount(), 1);
    EXPECT_EQ(detail->locations()->topLevelItem(0)->text(0), QStringLiteral("CA Canada"));
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "victims-page").isEmpty());
}

TEST(VictimHighlight, SpansAreClippedNeverTrusted)
{
    using casedb::TriggerSpan;
    const std::string body = "I'm 13 & <b>sad</b> — très";
    EXPECT_EQ(highlightedBody(body, {}), QStringLiteral("I'm 13 &amp; &lt;b&gt;sad&lt;/b&gt; — très"));
    const QString marked = highlightedBody(body, {TriggerSpan{0, 6, "age-disclosure", "e1"}});
    EXPECT_TRUE(marked.startsWith(QStringLiteral("<span style='background-color:"))) << marked.toStdString();
    EXPECT_TRUE(marked.contains(QStringLiteral("><b>I'm 13</b></span>"))) << marked.toStdString();
    // Out of range, reversed, overlapping and mid-character spans: no crash, text kept whole.
    const std::vector<TriggerSpan> hostile = {{500, 600, "self-harm", "x"}, {10, 4, "self-harm", "x"},
                                              {2, 8, "self-harm", "x"},     {4, 12, "threat-blackmail", "x"},
                                              {22, 24, "self-harm", "x"},   {0, std::string::npos, "x", "x"}};
    const QString clipped = highlightedBody(body, hostile);
    QString plain = clipped;
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    EXPECT_EQ(plain, QStringLiteral("I'm 13 &amp; &lt;b&gt;sad&lt;/b&gt; — très"));
    EXPECT_EQ(highlightedBody("", hostile), QString());
}

TEST_F(VictimsUi, MergeSplitAndUndoRunInTheBackgroundAndTheListFollows)
{
    openPage();
    const qint64 ava = personOf("ava"), second = personOf("ava-skype");
    ASSERT_NE(ava, second);
    EXPECT_LT(m_page->model()->rowOf(second), 0) << "the second account alone is not a victim";
    EXPECT_FALSE(m_page->undoButton()->isEnabled());
    ASSERT_TRUE(waitForJob(m_page->mergePersons(ava, second, QStringLiteral("same photo, same school"))));
    // One person now: Ava's row lists both apps and the Skype messages; it stays selected.
    const qint64 merged = personOf("ava");
    EXPECT_EQ(personOf("ava-skype"), merged);
    const int row = m_page->model()->rowOf(merged);
    ASSERT_GE(row, 0);
    EXPECT_EQ(m_page->model()->index(row, VictimListModel::Apps).data().toString(), QStringLiteral("iOS Messages, Skype"));
    EXPECT_EQ(m_page->currentVictim(), merged);
    ASSERT_EQ(m_page->detail()->accounts()->topLevelItemCount(), 2);
    EXPECT_TRUE(m_page->undoButton()->isEnabled());
    EXPECT_TRUE(m_page->undoButton()->toolTip().contains(QStringLiteral("same photo, same school")));
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM audit_log WHERE action = 'person.merge'"), 1);
    // The timeline was rebuilt with the new persons: Ava's Skype messages are now her events.
    EXPECT_GT(test::caseScalar(m_case.dir, "SELECT count(*) FROM events WHERE person_id = " + std::to_string(merged)), 0);
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM events WHERE person_id IS NOT NULL AND person_id NOT IN "
                                           "(SELECT id FROM persons)"),
              0);

    // Undo: two persons again.
    ASSERT_TRUE(waitForJob(m_page->undoLastDecision()));
    EXPECT_NE(personOf("ava-skype"), personOf("ava"));
    EXPECT_EQ(m_page->model()->index(m_page->model()->rowOf(personOf("ava")), VictimListModel::Apps).data().toString(),
              QStringLiteral("iOS Messages"));
    EXPECT_FALSE(m_page->undoButton()->isEnabled());

    // Merge again, then split the Skype account off through the detail pane's selection.
    ASSERT_TRUE(waitForJob(m_page->mergePersons(personOf("ava"), personOf("ava-skype"), QStringLiteral("again"))));
    ASSERT_TRUE(m_page->selectVictim(personOf("ava")));
    auto *accounts = m_page->detail()->accounts();
    for (int i = 0; i < accounts->topLevelItemCount(); ++i)
        accounts->topLevelItem(i)->setSelected(accounts->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() ==
                                               m_case.account("ava-skype"));
    ASSERT_TRUE(m_page->detail()->splitButton()->isEnabled());
    const auto selected = m_page->detail()->selectedAccounts();
    ASSERT_EQ(selected, std::vector<qint64>{m_case.account("ava-skype")});
    ASSERT_TRUE(waitForJob(m_page->splitAccounts(selected, QStringLiteral("a cousin's account after all"))));
    EXPECT_NE(personOf("ava-skype"), personOf("ava"));
    EXPECT_EQ(m_page->currentVictim(), personOf("ava")) << "the victim whose account left stays selected";
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM identity_decisions"), 3);
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM audit_log WHERE action = 'person.split'"), 1);
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM audit_log WHERE action = 'person.undo'"), 1);
}

TEST_F(VictimsUi, AFailedJobIsReportedAndChangesNothing)
{
    openPage();
    const qint64 ava = personOf("ava");
    EXPECT_FALSE(m_page->mergePersons(ava, ava, {})) << "a person with itself";
    EXPECT_FALSE(m_page->mergePersons(ava, 999999, {})) << "a person that does not exist";
    EXPECT_FALSE(m_page->splitAccounts({}, {}));
    EXPECT_FALSE(m_page->isBusy());
    // Undo with nothing to undo: the job fails on the writer, the page says so, the case is as it was.
    const auto persons = test::caseScalar(m_case.dir, "SELECT count(*) FROM persons");
    QSignalSpy done(m_page.get(), &VictimsPage::jobFinished);
    ASSERT_TRUE(m_page->undoLastDecision());
    ASSERT_TRUE(done.wait(60000));
    EXPECT_FALSE(done.first().first().toBool());
    EXPECT_TRUE(m_page->statusText().startsWith(QStringLiteral("Not done:"))) << m_page->statusText().toStdString();
    EXPECT_TRUE(m_page->statusText().contains(QStringLiteral("no merge or split to undo")));
    EXPECT_FALSE(m_page->isBusy());
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM persons"), persons);
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM audit_log WHERE action LIKE 'person.%'"), 0);
    EXPECT_EQ(m_page->model()->rowCount(), static_cast<int>(m_victims.size()));
}

class VictimsWindow : public VictimsUi {
protected:
    void SetUp() override
    {
        VictimsUi::SetUp();
        ASSERT_FALSE(HasFatalFailure());
        QSettings().clear();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1440, 900);
        m_window->show();
        QString error;
        ASSERT_TRUE(m_window->openCase(caseDir(), &error)) << error.toStdString();
        m_window->showArea(MainWindow::PeopleArea);
        QApplication::processEvents();
    }
    void TearDown() override { m_window.reset(); }

    std::unique_ptr<MainWindow> m_window;
};

TEST_F(VictimsWindow, EnterOnATriggeringMessageOpensTheConversationThere)
{
    auto *page = m_window->victimsPage();
    ASSERT_EQ(m_window->currentArea(), MainWindow::PeopleArea);
    ASSERT_TRUE(page->selectVictim(personOf("ava")));
    const qint64 message = m_case.scenario.messages.at("ava-selfharm");
    auto *list = page->detail()->messages();
    QListWidgetItem *item = nullptr;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(VictimDetailPane::MessageIdRole).toLongLong() == message)
            item = list->item(i);
    ASSERT_TRUE(item);
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-victims").isEmpty());
    list->setFocus();
    list->setCurrentItem(item);
    QTest::keyClick(list, Qt::Key_Return);
    ASSERT_EQ(m_window->currentArea(), MainWindow::ConversationsArea);
    auto *conversations = m_window->conversationsPage();
    EXPECT_EQ(conversations->messageModel()->conversationId(), m_case.scenario.conversations.at("ava"));
    const QModelIndex current = conversations->chat()->currentIndex();
    ASSERT_TRUE(current.isValid());
    EXPECT_EQ(current.data(MessageListModel::MessageIdRole).toLongLong(), message);
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-victims-opened-message").isEmpty());
}

TEST_F(VictimsWindow, MapsLeadBackToTheList)
{
    m_window->showArea(MainWindow::MapArea);
    QApplication::processEvents();
    auto *maps = m_window->mapPage();
    auto *graph = maps->victimMap();
    const qint64 lena = personOf("lena");
    const GraphNode *node = graph->layout().victimNode(lena);
    ASSERT_TRUE(node);
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-victim-map").isEmpty());
    QTest::mouseClick(graph, Qt::LeftButton, {}, node->pos.toPoint());
    EXPECT_EQ(m_window->currentArea(), MainWindow::PeopleArea);
    EXPECT_EQ(m_window->victimsPage()->currentVictim(), lena);

    m_window->showArea(MainWindow::MapArea);
    maps->tabs()->setCurrentIndex(MapPage::WorldMapTab);
    QApplication::processEvents();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-world-map").isEmpty());
    auto *world = maps->worldMap();
    QTest::mouseClick(world, Qt::LeftButton, {}, world->layout().project(134.0, -25.0).toPoint());
    EXPECT_EQ(m_window->currentArea(), MainWindow::PeopleArea);
    EXPECT_EQ(m_window->victimsPage()->proxy()->country(), QStringLiteral("AU"));
    EXPECT_EQ(m_window->victimsPage()->proxy()->rowCount(), 1);

    // Exporting from the page writes the file and audits it.
    m_window->showArea(MainWindow::MapArea);
    const QString target = QString::fromStdString((m_tmp.path() / "world.svg").string());
    EXPECT_TRUE(maps->exportCurrent(target).isEmpty());
    EXPECT_TRUE(QFileInfo::exists(target));
    ASSERT_TRUE(m_window->session()->store().flush());   // audit entries are written asynchronously
    EXPECT_EQ(test::caseScalar(m_case.dir, "SELECT count(*) FROM audit_log WHERE action = 'map.export'"), 1);
}

} // namespace

namespace {

// The demo evidence (a laptop and a phone, tests/data/make_demo.sh) ingested through the window:
// the victims appear in the list and on both maps when the ingest ends; screenshots of each.
TEST(VictimsDemo, TheDemoCaseFillsTheListAndBothMaps)
{
    const QString laptop = QStringLiteral(VIGIL_BINARY_DIR "/generated-demo/demo.E01");
    const QString phone = QStringLiteral(VIGIL_BINARY_DIR "/generated-demo/demo-phone.E01");
    if (!QFileInfo::exists(laptop) || !QFileInfo::exists(phone))
        GTEST_SKIP() << "no demo evidence: run the generate_demo CTest fixture";
    test::TempDir tmp;
    QSettings().clear();
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QString error;
    const QString caseDir = QString::fromStdString((tmp.path() / "demo-case").string());
    ASSERT_TRUE(window.createCase(caseDir, "DEMO-7", "Test Examiner", "victims", &error)) << error.toStdString();
    window.addEvidence({laptop, phone});
    QSignalSpy done(&window, &MainWindow::ingestFinished);
    window.startIngest();
    ASSERT_TRUE(done.wait(300000)) << "ingest did not finish";
    auto db = casedb::CaseStore::openReadOnly(caseDir.toStdString());
    ASSERT_TRUE(db);
    auto victims = casedb::listVictims(*db);
    ASSERT_TRUE(victims);
    ASSERT_FALSE(victims->empty()) << "the demo has victims";
    std::set<std::string> countries;
    for (const auto &v : *victims)
        if (!v.country.empty())
            countries.insert(v.country);

    window.showArea(MainWindow::PeopleArea);
    auto *page = window.victimsPage();
    EXPECT_EQ(page->model()->rowCount(), static_cast<int>(victims->size()));
    ASSERT_TRUE(page->selectVictim(victims->front().personId));
    QApplication::processEvents();
    EXPECT_FALSE(test::saveScreenshot(&window, "app-victims-demo").isEmpty());

    window.showArea(MainWindow::MapArea);
    auto *maps = window.mapPage();
    EXPECT_EQ(maps->victimMap()->layout().victimCount(), static_cast<int>(victims->size()));
    QApplication::processEvents();
    EXPECT_FALSE(test::saveScreenshot(&window, "app-victim-map-demo").isEmpty());
    maps->tabs()->setCurrentIndex(MapPage::WorldMapTab);
    QApplication::processEvents();
    EXPECT_EQ(maps->worldMap()->data().total(), static_cast<int>(victims->size()));
    EXPECT_EQ(maps->worldMap()->data().counts.size(), countries.size());
    EXPECT_FALSE(test::saveScreenshot(&window, "app-world-map-demo").isEmpty());
    // The pictures a report would include, at report size.
    const QString dir = QStringLiteral(VIGIL_SCREENSHOT_DIR);
    EXPECT_TRUE(exportVictimGraph(*db, (dir + "/export-victim-map-demo.png").toStdString(), {1600, 1200}));
    EXPECT_TRUE(exportWorldMap(*db, (dir + "/export-world-map-demo.png").toStdString(), {2000, 840}));
    EXPECT_TRUE(exportVictimGraph(*db, (dir + "/export-victim-map-demo.svg").toStdString(), {1600, 1200}));
}

} // namespace
