// SPDX-License-Identifier: GPL-3.0-or-later
// The report wizard (issue 9) on the demo scenario (both demo devices through `vigil ingest`),
// driven through its widgets: the options it builds follow the check boxes, the victim list and
// its country filter, and the redaction box; the preview names the case and shows children's
// initials, never their names; Finish writes the chosen files, with .sha256 sidecars that match
// and report.write audit entries, into a folder it creates; it asks before replacing files, keeps
// every choice when writing fails, refuses CASE/UCO with redaction, writes a country's referral
// package, remembers folder and formats, and opens from the main window's Case menu.
// Screenshots of every page go to VIGIL_SCREENSHOT_DIR.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextDocument>
#include <QUrl>
#include <QTreeWidget>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "core/casedb/audit.h"
#include "core/casedb/casestore.h"
#include "core/casedb/peoplequery.h"
#include "core/casedb/reportquery.h"
#include "core/report/redaction.h"
#include "tests/integration/democase.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/app/casesession.h"
#include "ui/app/mainwindow.h"
#include "ui/app/reportwizard.h"
#include "ui/app/reportwizardpages.h"
#include "ui/app/reportwizardsummary.h"

using namespace vigil;
using namespace vigil::ui;
using namespace vigil::test;

namespace {

constexpr const char *kCaseNumber = "OP/2024 17";
constexpr int kWriteTimeoutMs = 300000;   // a full PDF of the demo case on a slow machine

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Whether `word` stands in `text` between non-letters, case-insensitively (the redactor's rule).
bool containsWord(const QString &text, const QString &word)
{
    const QRegularExpression re(QStringLiteral("(?<!\\p{L})%1(?!\\p{L})").arg(QRegularExpression::escape(word)),
                                QRegularExpression::CaseInsensitiveOption);
    return re.match(text).hasMatch();
}

class ReportWizardUi : public DemoDevicesTest {
protected:
    // The demo devices ingested with a case number that needs cleaning for a file name.
    static void SetUpTestSuite()
    {
        QApplication::setApplicationName(QStringLiteral("ui_reportwizard_test"));   // settings of its own
        s_tmp = std::make_unique<TempDir>();
        if (haveEvidence())
            s_ingest = ingestShared({demoEvidence(), demoPhoneEvidence()}, caseDir(), "--case-number " + quote(kCaseNumber));
    }

    void SetUp() override
    {
        DemoDevicesTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        QSettings().clear();
        QString error;
        m_session = CaseSession::open(caseFolder(), {}, QStringLiteral("Test Examiner"), &error);
        ASSERT_TRUE(m_session) << error.toStdString();
        auto db = casedb::CaseStore::openReadOnly(caseDir());
        ASSERT_TRUE(db);
        m_db = std::move(*db);
        auto victims = casedb::listVictims(m_db);
        ASSERT_TRUE(victims);
        ASSERT_GE(victims->size(), 5u);
        m_victims = std::move(*victims);
        auto cover = casedb::caseCover(m_db);
        ASSERT_TRUE(cover);
        m_caseNumber = QString::fromStdString(cover->caseNumber);
        ASSERT_EQ(m_caseNumber, kCaseNumber);
        m_out = std::make_unique<TempDir>("vigil-report-wizard-");
    }

    void TearDown() override
    {
        m_wizard.reset();
        m_session.reset();
    }

    static QString caseFolder() { return QString::fromStdString(caseDir().string()); }
    QString outFolder(const std::string &name) const { return QString::fromStdString((m_out->path() / name).string()); }

    ReportWizard &openWizard()
    {
        QString error;
        m_wizard.reset(ReportWizard::create(*m_session, nullptr, &error));
        EXPECT_TRUE(m_wizard) << error.toStdString();
        m_wizard->show();
        QApplication::processEvents();
        return *m_wizard;
    }

    template <typename W>
    W *child(const char *name) const
    {
        auto *w = m_wizard->findChild<W *>(QLatin1String(name));
        EXPECT_TRUE(w) << name;
        return w;
    }

    // A click where the user would click: on a check box's indicator (its middle may be empty
    // space when a layout stretches it), on a push button's middle.
    static void click(QAbstractButton *button)
    {
        QPoint at = button->rect().center();
        if (auto *box = qobject_cast<QCheckBox *>(button)) {
            QStyleOptionButton option;
            option.initFrom(box);
            at = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box).center();
        }
        QTest::mouseClick(button, Qt::LeftButton, {}, at);
    }
    void next()
    {
        QAbstractButton *button = m_wizard->button(QWizard::NextButton);
        ASSERT_TRUE(button->isVisible() && button->isEnabled()) << "Next is not available on page "
                                                                 << m_wizard->currentId();
        click(button);
    }
    void back() { click(m_wizard->button(QWizard::BackButton)); }
    void goTo(int page)
    {
        while (m_wizard->currentId() < page && !HasFatalFailure())
            next();
        ASSERT_EQ(m_wizard->currentId(), page);
    }
    static void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }
    void setFormats(unsigned formats)
    {
        const std::pair<unsigned, const char *> boxes[] = {
            {report::FormatPdf, "format-pdf"},         {report::FormatHtml, "format-html"},
            {report::FormatCsv, "format-csv"},         {report::FormatXlsx, "format-xlsx"},
            {report::FormatCaseUco, "format-case-uco"}, {report::FormatVics, "format-vics"}};
        for (const auto &[bit, name] : boxes)
            if (auto *box = child<QCheckBox>(name); box && box->isChecked() != ((formats & bit) != 0))
                click(box);
        EXPECT_EQ(m_wizard->formats(), formats);
    }

    // Space on the victim's row of the list toggles its check box.
    void toggleVictim(std::int64_t personId)
    {
        auto *list = child<QTreeWidget>("victimList");
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == personId) {
                list->setFocus();
                list->setCurrentItem(list->topLevelItem(i));
                QTest::keyClick(list, Qt::Key_Space);
                return;
            }
        ADD_FAILURE() << "victim " << personId << " is not in the list";
    }
    // Arrow keys on the country box until it shows this country ("" = all countries).
    void chooseCountry(const QString &code)
    {
        auto *box = child<QComboBox>("victimCountry");
        box->setFocus();
        const Qt::Key key = box->findData(code) > box->currentIndex() ? Qt::Key_Down : Qt::Key_Up;
        for (int n = 0; n < box->count() && box->currentData().toString() != code; ++n)
            QTest::keyClick(box, key);
        ASSERT_EQ(box->currentData().toString(), code);
    }
    std::set<std::int64_t> listedVictims() const
    {
        std::set<std::int64_t> ids;
        auto *list = child<QTreeWidget>("victimList");
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (!list->topLevelItem(i)->isHidden())
                ids.insert(list->topLevelItem(i)->data(0, Qt::UserRole).toLongLong());
        return ids;
    }
    std::int64_t victimId(const std::string &label) const
    {
        for (const auto &v : m_victims)
            if (v.label == label)
                return v.personId;
        ADD_FAILURE() << "no victim " << label;
        return 0;
    }

    // Clicks Finish and waits until the files are written (the summary is then on screen).
    bool finish()
    {
        QSignalSpy written(m_wizard.get(), &ReportWizard::reportWritten);
        click(m_wizard->button(QWizard::FinishButton));
        return written.count() == 1 || written.wait(kWriteTimeoutMs);
    }
    void closeSummary()
    {
        ReportSummaryDialog *summary = m_wizard->summaryDialog();
        ASSERT_TRUE(summary && summary->isVisible());
        auto *buttons = summary->findChild<QDialogButtonBox *>();
        ASSERT_TRUE(buttons);
        click(buttons->button(QDialogButtonBox::Ok));
        QApplication::processEvents();
    }
    void closeBox(QMessageBox::StandardButton which)
    {
        QMessageBox *box = m_wizard->messageBox();
        ASSERT_TRUE(box && box->isVisible());
        click(box->button(which));
        QApplication::processEvents();
    }

    // The report.write audit entries: path → sha256, one per entry.
    std::multimap<std::string, std::string> reportWrites()
    {
        EXPECT_TRUE(m_session->store().flush());
        std::multimap<std::string, std::string> out;
        auto read = casedb::forEachAuditEntry(m_db, [&](const casedb::AuditEntry &e) {
            if (e.action == "report.write") {
                const QJsonObject d = QJsonDocument::fromJson(QByteArray::fromStdString(e.details)).object();
                out.emplace(d.value("path").toString().toStdString(), d.value("sha256").toString().toStdString());
            }
            return true;
        });
        EXPECT_TRUE(read);
        return out;
    }

    std::unique_ptr<CaseSession> m_session;
    casedb::Database m_db;
    std::vector<casedb::VictimRow> m_victims;
    QString m_caseNumber;
    std::unique_ptr<TempDir> m_out;
    std::unique_ptr<ReportWizard> m_wizard;
};

TEST_F(ReportWizardUi, DefaultsCoverEverythingAndRedact)
{
    ReportWizard &wizard = openWizard();
    const report::ReportOptions o = wizard.options();
    EXPECT_EQ(o.sections, unsigned(report::AllSections));
    EXPECT_TRUE(o.victimIds.empty()) << "every victim, all checked";
    EXPECT_TRUE(o.country.empty());
    EXPECT_TRUE(o.redactNames) << "initials by default: the safer choice";
    EXPECT_FALSE(o.mediaThumbnails);
    EXPECT_EQ(o.keyMessagesPerVictim, 12);
    EXPECT_EQ(o.examiner, "Test Examiner") << "the session's examiner";
    EXPECT_EQ(wizard.formats(), unsigned(report::FormatPdf | report::FormatHtml));
    EXPECT_FALSE(wizard.referralPackages());
    EXPECT_EQ(wizard.baseName(), "OP_2024_17-report") << "the case number made safe for a file name";
    EXPECT_EQ(wizard.outputFolder(), caseFolder() + "/reports");
    std::set<std::int64_t> all;
    for (const auto &v : m_victims)
        all.insert(v.personId);
    EXPECT_EQ(listedVictims(), all);
    EXPECT_EQ(wizard.victimsPage()->checkedCount(), static_cast<int>(m_victims.size()));
    EXPECT_FALSE(wizard.button(QWizard::BackButton)->isVisible());
    EXPECT_EQ(wizard.currentId(), ReportWizard::SectionsPageId);
}

TEST_F(ReportWizardUi, OptionsFollowSectionsVictimsCountryAndRedaction)
{
    ReportWizard &wizard = openWizard();
    click(child<QCheckBox>("section-map"));
    click(child<QCheckBox>("section-audit"));
    EXPECT_EQ(wizard.options().sections, unsigned(report::AllSections & ~report::SectionMap & ~report::SectionAudit));

    next();
    ASSERT_EQ(wizard.currentId(), ReportWizard::VictimsPageId);
    const std::int64_t grace = victimId("Grace");
    toggleVictim(grace);
    std::vector<std::int64_t> expected;
    for (const auto &v : m_victims)
        if (v.personId != grace)
            expected.push_back(v.personId);
    auto ids = wizard.options().victimIds;
    std::sort(ids.begin(), ids.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(ids, expected) << "every victim but the one unchecked";
    EXPECT_TRUE(child<QLabel>("victimCount")->text().startsWith(QString::number(m_victims.size() - 1) + " of "));

    // The country filter restricts the list to that country's victims and goes into the options.
    chooseCountry(QStringLiteral("IE"));
    std::set<std::int64_t> irish, irishChecked;
    for (const auto &v : m_victims)
        if (v.country == "IE") {
            irish.insert(v.personId);
            if (v.personId != grace)
                irishChecked.insert(v.personId);
        }
    ASSERT_GE(irish.size(), 2u);
    EXPECT_EQ(listedVictims(), irish);
    EXPECT_EQ(wizard.options().country, "IE");
    const auto chosen = wizard.options().victimIds;
    EXPECT_EQ(std::set<std::int64_t>(chosen.begin(), chosen.end()), irishChecked);

    click(child<QPushButton>("checkNone"));
    EXPECT_FALSE(wizard.button(QWizard::NextButton)->isEnabled()) << "a report needs a victim";
    click(child<QPushButton>("checkAll"));
    EXPECT_TRUE(wizard.button(QWizard::NextButton)->isEnabled());
    EXPECT_TRUE(wizard.options().victimIds.empty()) << "all of the country's victims: the country says it";
    EXPECT_EQ(wizard.options().country, "IE");

    next();
    ASSERT_EQ(wizard.currentId(), ReportWizard::ContentPageId);
    click(child<QCheckBox>("redactNames"));
    EXPECT_FALSE(wizard.options().redactNames);
    click(child<QCheckBox>("redactNames"));
    EXPECT_TRUE(wizard.options().redactNames);
    click(child<QCheckBox>("mediaThumbnails"));
    EXPECT_TRUE(wizard.options().mediaThumbnails);
    typeInto(child<QLineEdit>("agency"), QStringLiteral("Garda NPSB"));
    auto *spin = child<QSpinBox>("keyMessages");
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("5"));
    const report::ReportOptions o = wizard.options();
    EXPECT_EQ(o.agency, "Garda NPSB");
    EXPECT_EQ(o.keyMessagesPerVictim, 5);

    // Back to the victims: the choices are still there.
    back();
    ASSERT_EQ(wizard.currentId(), ReportWizard::VictimsPageId);
    EXPECT_EQ(wizard.options().country, "IE");
    EXPECT_EQ(wizard.options().sections, unsigned(report::AllSections & ~report::SectionMap & ~report::SectionAudit));
}

TEST_F(ReportWizardUi, PreviewNamesTheCaseAndShowsInitialsNotNames)
{
    ReportWizard &wizard = openWizard();
    goTo(ReportWizard::PreviewPageId);
    const QString text = wizard.previewPage()->browser()->toPlainText();
    EXPECT_TRUE(text.contains(m_caseNumber)) << "the cover names the case";
    EXPECT_FALSE(containsWord(text, "Grace"));
    EXPECT_TRUE(text.contains("G.")) << "Grace's initial";
    EXPECT_FALSE(containsWord(text, "Ethan"));
    EXPECT_TRUE(text.contains("E. M.")) << "Ethan M's initials";
    std::vector<std::int64_t> ids;
    for (const auto &v : m_victims)
        ids.push_back(v.personId);
    auto redactor = report::Redactor::forVictims(m_db, ids);
    ASSERT_TRUE(redactor);
    ASSERT_FALSE(redactor->secrets().empty());
    for (const std::string &secret : redactor->secrets())
        EXPECT_FALSE(containsWord(text, QString::fromStdString(secret))) << "a child's name in the preview: " << secret;
    EXPECT_TRUE(child<QLabel>("previewWhat")->text().contains("as initials"));

    // Back to the redaction, off, and forward again: the preview is made anew.
    back();
    back();
    ASSERT_EQ(wizard.currentId(), ReportWizard::ContentPageId);
    click(child<QCheckBox>("redactNames"));
    goTo(ReportWizard::PreviewPageId);
    const QString full = wizard.previewPage()->browser()->toPlainText();
    EXPECT_TRUE(containsWord(full, "Grace"));
    EXPECT_TRUE(full.contains("Ethan M"));
    EXPECT_TRUE(child<QLabel>("previewWhat")->text().contains("in full"));
}

TEST_F(ReportWizardUi, FinishWritesTheChosenFilesWithMatchingSidecarsAndAuditEntries)
{
    const auto before = reportWrites();
    ReportWizard &wizard = openWizard();
    goTo(ReportWizard::OutputPageId);
    setFormats(report::FormatPdf | report::FormatHtml | report::FormatCsv);
    const QString folder = outFolder("not/yet/there");
    typeInto(child<QLineEdit>("outputFolder"), folder);
    ASSERT_EQ(wizard.outputFolder(), folder);
    goTo(ReportWizard::PreviewPageId);
    ASSERT_TRUE(finish());

    ASSERT_TRUE(fs::is_directory(folder.toStdString())) << "the folder is created";
    const std::string base = wizard.baseName().toStdString();
    const std::set<std::string> names{base + ".pdf", base + ".html", base + "-victims.csv"};
    ASSERT_EQ(wizard.written().size(), names.size());
    const auto after = reportWrites();
    EXPECT_EQ(after.size(), before.size() + names.size()) << "one report.write entry per file";
    ReportSummaryDialog *summary = wizard.summaryDialog();
    ASSERT_TRUE(summary && summary->isVisible());
    ASSERT_EQ(summary->fileList()->topLevelItemCount(), static_cast<int>(names.size()));
    for (const auto &f : wizard.written()) {
        const std::string name = f.path.filename().string();
        EXPECT_TRUE(names.count(name)) << name;
        EXPECT_EQ(f.path.parent_path(), fs::path(folder.toStdString()));
        ASSERT_TRUE(fs::exists(f.path)) << name;
        const std::string sha = sha256File(f.path);
        EXPECT_EQ(f.sha256, sha) << name;
        EXPECT_EQ(readAll(f.path.string() + ".sha256"), sha + "  " + name + "\n") << "sidecar of " << name;
        const auto audited = after.find(fs::absolute(f.path).string());
        ASSERT_NE(audited, after.end()) << "audited: " << name;
        EXPECT_EQ(audited->second, sha) << "audited with its hash: " << name;
        EXPECT_TRUE(summary->listing().contains(QString::fromStdString(sha + "  " + name + "\n"))) << name;
        EXPECT_FALSE(summary->fileList()->findItems(QString::fromStdString(sha), Qt::MatchExactly, 2).isEmpty())
            << "listed with its hash: " << name;
    }
    EXPECT_TRUE(summary->findChild<QPushButton *>("openFolder"));

    QSignalSpy finished(&wizard, &QDialog::finished);
    closeSummary();
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).toInt(), int(QDialog::Accepted));
    EXPECT_FALSE(wizard.isVisible());

    // The folder and the formats are remembered.
    ReportWizard &again = openWizard();
    EXPECT_EQ(again.outputFolder(), folder);
    EXPECT_EQ(again.formats(), unsigned(report::FormatPdf | report::FormatHtml | report::FormatCsv));
}

TEST_F(ReportWizardUi, ExistingFilesAreReplacedOnlyWhenTheExaminerSaysSo)
{
    openWizard();
    goTo(ReportWizard::OutputPageId);
    setFormats(report::FormatCsv);
    typeInto(child<QLineEdit>("outputFolder"), outFolder("twice"));
    goTo(ReportWizard::PreviewPageId);
    ASSERT_TRUE(finish());
    closeSummary();
    const fs::path csv = m_wizard->written().at(0).path;
    const std::string first = readAll(csv);
    const auto writes = reportWrites().size();

    ReportWizard &wizard = openWizard();   // the folder and the format remembered
    EXPECT_EQ(wizard.existingTargets(), QStringList({wizard.baseName() + "-victims.csv",
                                                     wizard.baseName() + "-victims.csv.sha256"}));
    goTo(ReportWizard::PreviewPageId);
    QSignalSpy written(&wizard, &ReportWizard::reportWritten);
    click(wizard.button(QWizard::FinishButton));
    QMessageBox *question = wizard.messageBox();
    ASSERT_TRUE(question && question->isVisible()) << "asks before replacing";
    EXPECT_EQ(question->icon(), QMessageBox::Question);
    EXPECT_TRUE(question->informativeText().contains(wizard.baseName() + "-victims.csv"));
    closeBox(QMessageBox::Cancel);
    EXPECT_EQ(written.count(), 0);
    EXPECT_EQ(reportWrites().size(), writes) << "nothing written";
    EXPECT_EQ(readAll(csv), first);
    EXPECT_TRUE(wizard.isVisible());
    EXPECT_EQ(wizard.currentId(), ReportWizard::PreviewPageId);

    click(wizard.button(QWizard::FinishButton));
    closeBox(QMessageBox::Yes);   // "Replace"
    ASSERT_TRUE(written.count() == 1 || written.wait(kWriteTimeoutMs));
    EXPECT_EQ(reportWrites().size(), writes + 1);
    EXPECT_EQ(readAll(csv.string() + ".sha256"), sha256File(csv) + "  " + csv.filename().string() + "\n");
}

TEST_F(ReportWizardUi, AFailedWriteIsShownAndKeepsEveryChoice)
{
    ReportWizard &wizard = openWizard();
    click(child<QCheckBox>("section-errors"));
    goTo(ReportWizard::OutputPageId);
    setFormats(report::FormatHtml);
    std::ofstream(m_out->path() / "plain-file") << "not a folder";
    typeInto(child<QLineEdit>("outputFolder"), outFolder("plain-file/reports"));
    goTo(ReportWizard::PreviewPageId);
    const report::ReportOptions chosen = wizard.options();

    QSignalSpy failed(&wizard, &ReportWizard::writeFailed);
    click(wizard.button(QWizard::FinishButton));
    ASSERT_EQ(failed.count(), 1);
    QMessageBox *box = wizard.messageBox();
    ASSERT_TRUE(box && box->isVisible());
    EXPECT_EQ(box->icon(), QMessageBox::Warning);
    EXPECT_TRUE(box->text().contains("could not be created")) << box->text().toStdString();
    closeBox(QMessageBox::Ok);
    EXPECT_TRUE(wizard.isVisible());
    EXPECT_EQ(wizard.currentId(), ReportWizard::PreviewPageId);
    EXPECT_EQ(wizard.options().sections, chosen.sections);
    EXPECT_EQ(wizard.outputFolder(), outFolder("plain-file/reports"));
    EXPECT_TRUE(wizard.written().empty());
}

TEST_F(ReportWizardUi, CaseUcoIsRefusedWhileNamesAreRedacted)
{
    ReportWizard &wizard = openWizard();
    goTo(ReportWizard::OutputPageId);
    setFormats(report::FormatCaseUco);
    EXPECT_FALSE(wizard.button(QWizard::NextButton)->isEnabled());
    EXPECT_TRUE(child<QLabel>("outputFiles")->text().contains("never redacted"));
    back();
    click(child<QCheckBox>("redactNames"));
    next();
    EXPECT_TRUE(wizard.button(QWizard::NextButton)->isEnabled()) << "CASE/UCO in full names is allowed";
    EXPECT_TRUE(child<QLabel>("outputFiles")->text().contains(wizard.baseName() + ".jsonld"));
}

TEST_F(ReportWizardUi, ReferralPackageOfTheChosenCountryOnly)
{
    ReportWizard &wizard = openWizard();
    goTo(ReportWizard::VictimsPageId);
    chooseCountry(QStringLiteral("AU"));
    goTo(ReportWizard::OutputPageId);
    setFormats(0);
    EXPECT_FALSE(wizard.button(QWizard::NextButton)->isEnabled()) << "nothing to write";
    click(child<QCheckBox>("referrals"));
    typeInto(child<QLineEdit>("outputFolder"), outFolder("referral"));
    goTo(ReportWizard::PreviewPageId);
    ASSERT_TRUE(finish());
    const fs::path packages = m_out->path() / "referral" / (wizard.baseName().toStdString() + "-referrals");
    std::vector<std::string> countries;
    for (const auto &entry : fs::directory_iterator(packages))
        countries.push_back(entry.path().filename().string());
    EXPECT_EQ(countries, std::vector<std::string>{"AU"});
    EXPECT_TRUE(fs::exists(packages / "AU" / "MANIFEST.sha256"));
    ASSERT_FALSE(wizard.written().empty());
    for (const auto &f : wizard.written()) {
        EXPECT_EQ(f.path.parent_path(), packages / "AU");
        EXPECT_EQ(sha256File(f.path), f.sha256);
    }
    closeSummary();
}

TEST_F(ReportWizardUi, ScreenshotsOfEveryPage)
{
    ReportWizard &wizard = openWizard();
    const char *names[] = {"report-wizard-1-sections", "report-wizard-2-victims", "report-wizard-3-content",
                           "report-wizard-4-output", "report-wizard-5-preview"};
    for (int page = ReportWizard::SectionsPageId; page <= ReportWizard::PreviewPageId; ++page) {
        goTo(page);
        if (page == ReportWizard::OutputPageId) {
            setFormats(report::FormatPdf | report::FormatHtml | report::FormatXlsx);
            typeInto(child<QLineEdit>("outputFolder"), outFolder("shots"));
        }
        EXPECT_FALSE(saveScreenshot(&wizard, QString::fromLatin1(names[page])).isEmpty());
    }
    // The contents' links scroll the preview, and the inlined maps are drawn.
    QTextBrowser *browser = wizard.previewPage()->browser();
    browser->scrollToAnchor(QStringLiteral("map"));
    EXPECT_GT(browser->verticalScrollBar()->value(), 0) << "the map section is reached";
    EXPECT_FALSE(saveScreenshot(&wizard, QStringLiteral("report-wizard-5-preview-map")).isEmpty());
    const QString html = browser->toHtml();
    const QRegularExpression image(QStringLiteral("<img[^>]+src=\"(data:image/png;base64,[^\"]+)\""));
    const QRegularExpressionMatch first = image.match(html);
    ASSERT_TRUE(first.hasMatch()) << "pictures are inlined in the preview";
    const QVariant picture = browser->document()->resource(QTextDocument::ImageResource, QUrl(first.captured(1)));
    EXPECT_TRUE(picture.isValid()) << "the inlined picture is loaded";
    ASSERT_TRUE(finish());
    EXPECT_FALSE(saveScreenshot(wizard.summaryDialog(), QStringLiteral("report-wizard-6-summary")).isEmpty());
    closeSummary();
}

TEST_F(ReportWizardUi, TheCaseMenuOpensTheWizardOnceACaseIsOpen)
{
    m_session.reset();   // the window opens the case with its own writer
    MainWindow window;
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("reportAction"));
    ASSERT_TRUE(action);
    EXPECT_EQ(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+R")));
    const QList<QAction *> caseMenu = window.menuBar()->actions().at(0)->menu()->actions();
    EXPECT_TRUE(caseMenu.contains(action)) << "in the Case menu";
    EXPECT_FALSE(action->isEnabled()) << "no case open";

    QString error;
    ASSERT_TRUE(window.openCase(caseFolder(), &error)) << error.toStdString();
    EXPECT_TRUE(action->isEnabled());
    action->trigger();
    QPointer<ReportWizard> wizard = window.findChild<ReportWizard *>();
    ASSERT_TRUE(wizard);
    EXPECT_TRUE(wizard->isVisible());
    EXPECT_EQ(wizard->windowModality(), Qt::WindowModal);
    click(wizard->button(QWizard::CancelButton));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    EXPECT_TRUE(wizard.isNull()) << "closed and deleted";
}

} // namespace
