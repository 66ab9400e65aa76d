// SPDX-License-Identifier: GPL-3.0-or-later
// The first run of the desktop application (issue 11): the start page with the demo case and
// the settings, the settings dialog, and the demo case built from the demo evidence.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include "tests/integration/harness.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/app/casesession.h"
#include "ui/app/democase.h"
#include "ui/app/examinersettings.h"
#include "ui/app/ingestcontroller.h"
#include "ui/app/mainwindow.h"
#include "ui/app/settingsdialog.h"
#include "ui/app/startpage.h"
#include "ui/app/timelinepage.h"
#include "ui/app/victimspage.h"

using namespace vigil;
using namespace vigil::ui;

namespace {

const QString kDemoDir = QStringLiteral(VIGIL_BINARY_DIR "/generated-demo");

std::int64_t scalar(const QString &caseDir, const std::string &sql)
{
    return test::caseScalar(caseDir.toStdString(), sql);
}

} // namespace

TEST(FirstRun, TheStartPageAsksForTheSettingsUntilTheyAreSaved)
{
    QSettings().clear();
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    auto *start = window.startPage();
    ASSERT_EQ(window.currentArea(), MainWindow::AreaCount);
    EXPECT_TRUE(start->firstRunNote()->isVisible());
    EXPECT_TRUE(start->demoButton()->isVisible());
    EXPECT_TRUE(start->settingsButton()->isVisible());
    EXPECT_FALSE(test::saveScreenshot(&window, "app-start-first-run").isEmpty());

    SettingsDialog dialog(ExaminerSettings::load(QSettings()));
    dialog.show();
    dialog.examinerEdit()->clear();
    QTest::keyClicks(dialog.examinerEdit(), "   ");
    const auto saveButtons = dialog.findChildren<QPushButton *>();
    const auto saveIt = std::find_if(saveButtons.begin(), saveButtons.end(),
                                     [](QPushButton *b) { return b->text().contains(QStringLiteral("Save")); });
    ASSERT_NE(saveIt, saveButtons.end());
    EXPECT_FALSE((*saveIt)->isEnabled()) << "a blank examiner name cannot be saved";
    dialog.examinerEdit()->clear();
    QTest::keyClicks(dialog.examinerEdit(), "DC Jane Smith");
    QTest::keyClicks(dialog.agencyEdit(), "Example Police");
    const int london = dialog.zoneBox()->findData(QByteArray("Europe/London"));
    ASSERT_GE(london, 0);
    dialog.zoneBox()->setCurrentIndex(london);
    dialog.blurSlider()->setValue(85);
    EXPECT_TRUE((*saveIt)->isEnabled());
    EXPECT_FALSE(test::saveScreenshot(&dialog, "app-settings").isEmpty());

    window.applySettings(dialog.settings());
    const ExaminerSettings stored = ExaminerSettings::load(QSettings());
    EXPECT_EQ(stored.examiner, "DC Jane Smith");
    EXPECT_EQ(stored.agency, "Example Police");
    EXPECT_EQ(stored.timeZone, "Europe/London");
    EXPECT_EQ(stored.blur.strength, 85);
    // The pages read the same keys: the report wizard's agency, the timeline's zone.
    EXPECT_EQ(QSettings().value("report/agency").toString(), "Example Police");
    EXPECT_EQ(window.timelinePage()->zoneBox()->currentData().toByteArray(), "Europe/London");
    EXPECT_FALSE(ExaminerSettings::firstRun(QSettings()));
    EXPECT_FALSE(start->firstRunNote()->isVisible());
}

TEST(FirstRun, AnUnknownStoredZoneFallsBackToUtc)
{
    QSettings().clear();
    QSettings().setValue("timeline/zone", QByteArray("Mars/Olympus_Mons"));
    EXPECT_EQ(ExaminerSettings::load(QSettings()).timeZone, "UTC");
}

TEST(DemoCase, MissingEvidenceSaysWhereItWasLookedFor)
{
    QTemporaryDir empty;
    QString why;
    EXPECT_TRUE(demoEvidenceIn({empty.path()}, &why).isEmpty());
    EXPECT_TRUE(why.contains(empty.path())) << why.toStdString();
    EXPECT_TRUE(why.contains("make_demo.sh")) << why.toStdString();
    // One image alone is not the demo evidence.
    QFile half(QDir(empty.path()).filePath("demo.E01"));
    ASSERT_TRUE(half.open(QIODevice::WriteOnly));
    half.close();
    EXPECT_TRUE(demoEvidenceIn({empty.path()}, &why).isEmpty());
}

TEST(DemoCase, TheDemoButtonBuildsTheDemoCaseOnceAndThenOpensIt)
{
    if (!QFileInfo::exists(kDemoDir + "/demo.E01") || !QFileInfo::exists(kDemoDir + "/demo-phone.E01"))
        GTEST_SKIP() << "no demo evidence: run the generate_demo CTest fixture";
    QSettings().clear();
    QTemporaryDir tmp;
    const QString caseDir = tmp.filePath("demo-case");
    qputenv("VIGIL_DEMO_DIR", kDemoDir.toUtf8());
    qputenv("VIGIL_DEMO_CASE", caseDir.toUtf8());
    EXPECT_EQ(demoEvidence(), (QStringList{kDemoDir + "/demo.E01", kDemoDir + "/demo-phone.E01"}));
    {
        MainWindow window;
        window.resize(1440, 900);
        window.show();
        QSignalSpy done(&window, &MainWindow::ingestFinished);
        QTest::mouseClick(window.startPage()->demoButton(), Qt::LeftButton);
        ASSERT_TRUE(window.session()) << "the demo case was not created";
        EXPECT_EQ(window.session()->folder(), caseDir);
        ASSERT_TRUE(done.wait(300000)) << "the demo ingest did not finish";
        EXPECT_FALSE(done.first().first().toBool()) << "the demo ingest was cancelled";
        EXPECT_EQ(scalar(caseDir, "SELECT count(*) FROM evidence"), 2);
        EXPECT_EQ(scalar(caseDir, "SELECT count(*) FROM case_info WHERE case_number = 'DEMO-001'"), 1);
        EXPECT_GE(scalar(caseDir, "SELECT count(*) FROM victims"), 1);
        window.showArea(MainWindow::PeopleArea);
        QApplication::processEvents();
        EXPECT_FALSE(test::saveScreenshot(&window, "app-demo-case-victims").isEmpty());
    }
    // The second time the made case opens as it is: nothing is queued or ingested again.
    MainWindow again;
    QString error;
    ASSERT_TRUE(again.openDemoCase(&error)) << error.toStdString();
    EXPECT_EQ(again.session()->folder(), caseDir);
    EXPECT_TRUE(again.queuedEvidence().isEmpty());
    EXPECT_FALSE(again.ingest()->isRunning());
    EXPECT_EQ(scalar(caseDir, "SELECT count(*) FROM ingest_runs"), 1);
}

// The icon of the desktop entry (installers/linux) renders at the sizes desktops ask for, and
// the Windows installers' .ico made from it reads back.
TEST(AppIcon, TheSvgRendersAndTheWindowsIconReadsBack)
{
    const QString svg = QStringLiteral(VIGIL_SOURCE_DIR "/installers/linux/org.vigil.Vigil.svg");
    for (int size : {16, 48, 256}) {
        QImage icon(svg);
        ASSERT_FALSE(icon.isNull()) << "Qt cannot read " << svg.toStdString();
        icon = QImage(svg).scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        EXPECT_EQ(icon.width(), size);
        EXPECT_GT(qAlpha(icon.pixel(size / 2, size / 2)), 200) << "the centre of the icon is drawn at " << size;
        EXPECT_EQ(qAlpha(icon.pixel(0, 0)), 0) << "the corner stays transparent at " << size;
    }
    QImage large(svg);
    large = large.scaled(256, 256, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    const QString shots = QStringLiteral(VIGIL_SCREENSHOT_DIR);
    QDir().mkpath(shots);
    EXPECT_TRUE(large.save(shots + "/app-icon.png"));
    const QImage ico(QStringLiteral(VIGIL_SOURCE_DIR "/installers/windows/vigil.ico"));
    ASSERT_FALSE(ico.isNull()) << "installers/windows/vigil.ico is missing or unreadable";
    EXPECT_GE(ico.width(), 48);
}
