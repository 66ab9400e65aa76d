// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimeZone>
#include <QToolBar>

#include "ui/app/casesession.h"
#include "ui/app/casesummarypanel.h"
#include "ui/app/conversationspage.h"
#include "ui/app/detailpane.h"
#include "ui/app/hashsetimporter.h"
#include "ui/app/ingestcontroller.h"
#include "ui/app/ingestpanel.h"
#include "ui/app/mappage.h"
#include "ui/app/mediapage.h"
#include "ui/app/newcasedialog.h"
#include "ui/app/pages.h"
#include "ui/app/reportwizard.h"
#include "ui/app/startpage.h"
#include "ui/app/timelinepage.h"
#include "ui/app/victimspage.h"
#include "ui/app/democase.h"
#include "ui/app/examinersettings.h"
#include "ui/app/settingsdialog.h"
#include "ui/app/wellnessdialog.h"
#include "core/casedb/sourcefilter.h"
#include "ui/viewers/blursettings.h"

namespace vigil::ui {

namespace {

struct AreaInfo {
    const char *name;
    const char *comingText;   // for areas later work fills; null when built
};

constexpr AreaInfo kAreas[] = {
    {QT_TRANSLATE_NOOP("MainWindow", "Evidence"), nullptr},
    {QT_TRANSLATE_NOOP("MainWindow", "Files"), nullptr},
    {QT_TRANSLATE_NOOP("MainWindow", "Conversations"), nullptr},
    {QT_TRANSLATE_NOOP("MainWindow", "Media"), nullptr},
    {QT_TRANSLATE_NOOP("MainWindow", "People & Victims"), nullptr},
    {QT_TRANSLATE_NOOP("MainWindow", "Timeline"), nullptr},
    {QT_TRANSLATE_NOOP("MainWindow", "Map"), nullptr},
    {QT_TRANSLATE_NOOP("MainWindow", "Reports"), "Court reports and exports are produced here."},
    {QT_TRANSLATE_NOOP("MainWindow", "Processing errors"), nullptr},
};

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Vigil"));
    setAcceptDrops(true);
    createPages();
    createNavigator();
    createDocks();
    createActions();
    m_statusCase = new QLabel(tr("No case open"), this);
    statusBar()->addPermanentWidget(m_statusCase);
    restoreLayout();
}

MainWindow::~MainWindow()
{
    m_victimsPage->setSession(nullptr);   // waits for a running merge/split before the store goes
    if (m_ingest) {
        m_ingest->cancel();
        m_ingest->wait();
    }
}

void MainWindow::createPages()
{
    m_pages = new QStackedWidget(this);
    m_evidencePage = new EvidencePage(this);
    m_filesPage = new FilesPage(this);
    m_errorsPage = new ErrorsPage(this);
    m_conversationsPage = new ConversationsPage(this);
    m_conversationsPage->setBlurSettings(BlurSettings::load(QSettings()));
    m_mediaPage = new MediaPage(this);
    m_mediaPage->setBlurSettings(BlurSettings::load(QSettings()));
    m_victimsPage = new VictimsPage(this);
    m_mapPage = new MapPage(this);
    m_timelinePage = new TimelinePage(this);
    // In the order of Area; null: an area later work fills.
    QWidget *const built[AreaCount] = {m_evidencePage, m_filesPage,   m_conversationsPage, m_mediaPage, m_victimsPage,
                                       m_timelinePage, m_mapPage,     nullptr,             m_errorsPage};
    for (int a = 0; a < AreaCount; ++a)
        m_pages->addWidget(built[a] ? built[a] : makeComingPage(tr(kAreas[a].name), tr(kAreas[a].comingText), this));
    m_startPage = new StartPage(this);
    m_pages->addWidget(m_startPage);   // index AreaCount: while no case is open
    m_pages->setCurrentWidget(m_startPage);
    setCentralWidget(m_pages);
    connect(m_startPage, &StartPage::newCaseRequested, this, &MainWindow::newCaseDialog);
    connect(m_startPage, &StartPage::openCaseRequested, this, &MainWindow::openCaseDialog);
    connect(m_startPage, &StartPage::settingsRequested, this, &MainWindow::settingsDialog);
    connect(m_startPage, &StartPage::demoCaseRequested, this, [this] {
        QString error;
        if (!openDemoCase(&error))
            QMessageBox::warning(this, tr("Demo case"), error);
    });
    connect(m_startPage, &StartPage::recentChosen, this, [this](const QString &folder) {
        QString error;
        if (!openCase(folder, &error))
            QMessageBox::warning(this, tr("Open case"), error);
    });
    connect(m_evidencePage, &EvidencePage::startRequested, this, &MainWindow::startIngest);
    auto *summary = m_evidencePage->summary();
    connect(summary, &CaseSummaryPanel::filesRequested, this, [this](casedb::SourceFilter source) {
        showArea(FilesArea);
        m_filesPage->showSource(source);
    });
    connect(summary, &CaseSummaryPanel::mediaRequested, this, [this](casedb::SourceFilter source) {
        showArea(MediaArea);
        m_mediaPage->setSource(source);
    });
    connect(summary, &CaseSummaryPanel::messagesRequested, this, [this](casedb::SourceFilter source) {
        showArea(ConversationsArea);
        m_conversationsPage->setSource(source);
    });
    connect(m_evidencePage, &EvidencePage::addRequested, this, &MainWindow::addEvidenceDialog);
    connect(m_victimsPage, &VictimsPage::messageActivated, this, &MainWindow::openMessage);
    connect(m_victimsPage, &VictimsPage::peopleChanged, m_mapPage, &MapPage::refresh);
    connect(m_victimsPage, &VictimsPage::peopleChanged, m_timelinePage, &TimelinePage::refresh);
    connect(m_victimsPage, &VictimsPage::timelineRequested, this, [this](qint64 personId) {
        showArea(TimelineArea);
        m_timelinePage->showPerson(personId);
    });
    connect(m_timelinePage, &TimelinePage::messageActivated, this, &MainWindow::openMessage);
    connect(m_timelinePage, &TimelinePage::exported, this,
            [this](const QString &path, const QString &what, qint64 events, const QString &filter) {
                if (m_session)
                    m_session->audit("timeline.export", QJsonObject{{"target", path}, {"format", what},
                                                                     {"events", events}, {"filter", filter}});
            });
    connect(m_timelinePage, &TimelinePage::conversationActivated, this, [this](qint64 conversationId) {
        showArea(ConversationsArea);
        m_conversationsPage->setSource(casedb::SourceFilter::All);
        m_conversationsPage->openConversation(conversationId);
    });
    connect(m_timelinePage, &TimelinePage::fileActivated, this, [this](qint64 fileId, const QString &path) {
        m_detailDock->show();
        m_detail->showFile(fileId);
        showArea(FilesArea);
        m_filesPage->locate(fileId, path);
    });
    connect(m_victimsPage, &VictimsPage::victimSelected, m_mapPage, &MapPage::setSelectedVictim);
    connect(m_mapPage, &MapPage::victimClicked, this, [this](qint64 personId) {
        showArea(PeopleArea);
        m_victimsPage->selectVictim(personId);
    });
    connect(m_mapPage, &MapPage::countryClicked, this, [this](const QString &iso2) {
        showArea(PeopleArea);
        m_victimsPage->setCountryFilter(iso2);
    });
    connect(m_mapPage, &MapPage::exported, this, [this](const QString &path, const QString &map) {
        if (m_session)
            m_session->audit("map.export", QJsonObject{{"map", map}, {"target", path}});
    });
}

bool MainWindow::openMessage(qint64 conversationId, qint64 messageId)
{
    if (!m_session)
        return false;
    showArea(ConversationsArea);
    m_conversationsPage->openConversation(conversationId);
    if (m_conversationsPage->openMessage(messageId))
        return true;
    m_conversationsPage->setSource(casedb::SourceFilter::All);   // a source filter hid it
    m_conversationsPage->openConversation(conversationId);
    return m_conversationsPage->openMessage(messageId);
}

void MainWindow::createNavigator()
{
    m_navigator = new QListWidget(this);
    m_navigator->setObjectName("navigator");
    for (int a = 0; a < AreaCount; ++a) {
        auto *item = new QListWidgetItem(tr(kAreas[a].name), m_navigator);
        item->setToolTip(tr("Ctrl+%1").arg(a + 1));
    }
    m_navigator->setCurrentRow(0);
    m_navigator->setEnabled(false);   // until a case is open
    connect(m_navigator, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_session)
            m_pages->setCurrentIndex(row);
    });
    m_navigatorDock = new QDockWidget(tr("Navigator"), this);
    m_navigatorDock->setObjectName("navigatorDock");
    m_navigatorDock->setWidget(m_navigator);
    m_navigatorDock->setFeatures(QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, m_navigatorDock);
}

void MainWindow::createDocks()
{
    m_detail = new DetailPane(this);
    m_detailDock = new QDockWidget(tr("Details"), this);
    m_detailDock->setObjectName("detailDock");
    m_detailDock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);
    m_ingestPanel = new IngestPanel(this);
    m_ingestDock = new QDockWidget(tr("Ingest"), this);
    m_ingestDock->setObjectName("ingestDock");
    m_ingestDock->setWidget(m_ingestPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_ingestDock);
    auto show = [this](qint64 id) { m_detail->showFile(id); };
    connect(m_evidencePage, &EvidencePage::fileSelected, this, show);
    connect(m_filesPage, &FilesPage::fileSelected, this, show);
    connect(m_conversationsPage, &ConversationsPage::attachmentActivated, this, show);
    connect(m_mediaPage, &MediaPage::fileSelected, this, show);
    connect(m_conversationsPage, &ConversationsPage::messageSelected, this,
            [this](const casedb::MessageRow &m) { m_detail->showMessage(m); });
    connect(m_conversationsPage, &ConversationsPage::sourceRequested, this, [this](qint64 fileId, const QString &path) {
        showArea(FilesArea);
        m_filesPage->locate(fileId, path);
    });
    connect(m_detail, &DetailPane::revealed, this, [this](qint64 id) {
        if (m_session)
            m_session->audit("image.reveal", QJsonObject{{"file_id", id}});
    });
    connect(m_ingestPanel, &IngestPanel::cancelRequested, this, [this] {
        if (m_ingest)
            m_ingest->cancel();
    });
}

void MainWindow::createActions()
{
    auto *file = menuBar()->addMenu(tr("&Case"));
    auto *tools = addToolBar(tr("Case"));
    tools->setObjectName("caseToolBar");
    auto add = [&](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setToolTip(text + " (" + key.toString(QKeySequence::NativeText) + ")");
        connect(a, &QAction::triggered, this, slot);
        file->addAction(a);
        tools->addAction(a);
        return a;
    };
    add(tr("&New case…"), QKeySequence::New, [this] { newCaseDialog(); });
    add(tr("&Open case…"), QKeySequence::Open, [this] { openCaseDialog(); });
    m_addEvidence = add(tr("&Add evidence…"), QKeySequence(tr("Ctrl+E")), [this] { addEvidenceDialog(); });
    m_startIngest = add(tr("&Start ingest"), QKeySequence(tr("Ctrl+R")), [this] { startIngest(); });
    m_cancelIngest = add(tr("&Cancel ingest"), QKeySequence(tr("Ctrl+.")), [this] {
        if (m_ingest)
            m_ingest->cancel();
    });
    m_importHashSet = add(tr("Import &hash set…"), QKeySequence(tr("Ctrl+Shift+H")), [this] {
        const QString chosen = QFileDialog::getOpenFileName(
            this, tr("Import hash set"), {},
            tr("Hash sets (*.json *.csv *.txt *.md5 *.sha1 *.db *.sqlite);;All files (*)"));
        if (!chosen.isEmpty())
            importHashSet(chosen);
    });
    auto *report = add(tr("&Report…"), QKeySequence(tr("Ctrl+Shift+R")), [this] {
        if (!m_session)
            return;
        QString error;
        auto *wizard = ReportWizard::create(*m_session, this, &error);
        if (!wizard) {
            QMessageBox::warning(this, tr("Report"), error);
            return;
        }
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        wizard->open();   // window-modal: the case cannot change under it
    });
    report->setObjectName("reportAction");
    report->setEnabled(false);   // until a case is open
    connect(this, &MainWindow::caseOpened, report, [report] { report->setEnabled(true); });
    add(tr("E&xport file…"), QKeySequence::Save, [this] {
        if (!m_session || !m_detail->currentFile())
            return;
        const QString target = QFileDialog::getSaveFileName(this, tr("Export file"));
        if (target.isEmpty())
            return;
        const QString error = exportCurrentFile(target);
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export"), error);
    });
    m_recentMenu = file->addMenu(tr("&Recent cases"));
    file->addAction(tr("Open &demo case"), this, [this] {
        QString error;
        if (!openDemoCase(&error))
            QMessageBox::warning(this, tr("Demo case"), error);
    });
    file->addSeparator();
    file->addAction(tr("Se&ttings…"), QKeySequence::Preferences, this, &MainWindow::settingsDialog);
    connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { fillRecentMenu(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Wellness…"), QKeySequence(tr("Ctrl+Shift+W")), this, [this] {
        QSettings settings;
        WellnessDialog dialog(BlurSettings::load(settings), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        dialog.settings().save(settings);
        m_detail->setBlurSettings(dialog.settings());
        m_conversationsPage->setBlurSettings(dialog.settings());
        m_mediaPage->setBlurSettings(dialog.settings());
    });
    view->addAction(m_navigatorDock->toggleViewAction());
    view->addAction(m_detailDock->toggleViewAction());
    view->addAction(m_ingestDock->toggleViewAction());
    for (int a = 0; a < AreaCount; ++a) {
        auto *go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + a)));
        connect(go, &QAction::triggered, this, [this, a] { showArea(static_cast<Area>(a)); });
        addAction(go);
    }
    m_startIngest->setEnabled(false);
    m_cancelIngest->setEnabled(false);
    m_addEvidence->setEnabled(false);
    m_importHashSet->setEnabled(false);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray()))
        resize(1440, 900);
    if (!restoreState(settings.value("window/state").toByteArray())) {
        // First run: the central table gets the room; details beside it, ingest below.
        resizeDocks({m_navigatorDock, m_detailDock}, {170, 640}, Qt::Horizontal);
        resizeDocks({m_ingestDock}, {150}, Qt::Vertical);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_ingest && m_ingest->isRunning()) {
        m_ingest->cancel();   // the case stays valid; the next ingest resumes
        m_ingest->wait();
    }
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    event->accept();
}

void MainWindow::showArea(Area area)
{
    if (!m_session)
        return;
    m_navigator->setCurrentRow(area);
    m_pages->setCurrentIndex(area);
    m_pages->currentWidget()->setFocus();
}

int MainWindow::currentArea() const
{
    return m_pages->currentIndex();
}

bool MainWindow::createCase(const QString &folder, const QString &caseNumber, const QString &examiner,
                            const QString &description, QString *error)
{
    if ((m_ingest && m_ingest->isRunning()) || (m_hashSets && m_hashSets->isRunning())) {
        if (error)
            *error = tr("An ingest or a hash set import is running; let it finish before opening another case.");
        return false;
    }
    casedb::CaseInfo info{caseNumber.toStdString(), examiner.toStdString(), description.toStdString()};
    m_ingest.reset();   // they refer to the old case's store
    m_hashSets.reset();
    m_victimsPage->setSession(nullptr);
    m_session = CaseSession::open(folder, info, examiner, error);
    if (!m_session)
        return false;
    attachCase();
    return true;
}

bool MainWindow::openCase(const QString &folder, QString *error)
{
    const QString examiner = QSettings().value("examiner", qEnvironmentVariable("USER")).toString();
    return createCase(folder, {}, examiner, {}, error);
}

void MainWindow::attachCase()
{
    m_ingest = std::make_unique<IngestController>(m_session->store());
    connect(m_ingest.get(), &IngestController::progress, this, [this](const IngestStatus &s) {
        m_ingestPanel->update(s);
        m_evidencePage->refresh();   // results appear while ingest runs
        m_filesPage->refresh();
        if (s.stage == QLatin1String("parsing"))
            m_conversationsPage->refresh();
    });
    connect(m_ingest.get(), &IngestController::finished, this,
            [this](const QString &summaryJson, bool cancelled, quint64 errors) {
                const QJsonObject summary = QJsonDocument::fromJson(summaryJson.toUtf8()).object();
                const QString failure = summary.value(QStringLiteral("storage_failure")).toString();
                if (failure.isEmpty()) {
                    m_ingestPanel->end(cancelled, errors);
                } else {
                    m_ingestPanel->stopped(failure);
                    auto *box = new QMessageBox(QMessageBox::Critical, tr("Ingest stopped"),
                                                failure + tr("\n\nFree space, then open the case again and start "
                                                             "the ingest again: it resumes where it stopped."),
                                                QMessageBox::Ok, this);
                    box->setDetailedText(summary.value(QStringLiteral("storage_failure_detail")).toString());
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                }
                onIngestFinished(cancelled);
            });
    m_hashSets = std::make_unique<HashSetImporter>(m_session->store());
    connect(m_hashSets.get(), &HashSetImporter::progress, this, [this](quint64 entries) {
        statusBar()->showMessage(tr("Importing hash set: %L1 entries read…").arg(entries));
    });
    connect(m_hashSets.get(), &HashSetImporter::finished, this, [this](bool ok, const QString &text) {
        m_importHashSet->setEnabled(true);
        statusBar()->showMessage(ok ? tr("Hash set imported.") : tr("Hash set not imported."), 15000);
        m_mediaPage->refresh();
        auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Import hash set"),
                                    text, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();   // not exec(): the window stays responsive
    });
    m_importHashSet->setEnabled(true);
    const QString dir = m_session->folder();
    m_evidencePage->setCase(dir);
    m_filesPage->setCase(dir);
    m_errorsPage->setCase(dir);
    m_conversationsPage->setCase(dir);
    m_mediaPage->setSession(m_session.get());
    m_victimsPage->setSession(m_session.get());
    m_mapPage->setCase(dir);
    m_timelinePage->setCase(dir);
    m_detail->setCase(dir);
    m_addEvidence->setEnabled(true);
    m_navigator->setEnabled(true);
    m_pages->setCurrentIndex(m_navigator->currentRow());
    setWindowTitle(tr("%1 — Vigil").arg(m_session->title()));
    rememberRecent(dir);
    updateStatus();
    emit caseOpened(dir);
}

void MainWindow::importHashSet(const QString &file, const QString &role)
{
    if (!m_hashSets || m_hashSets->isRunning())
        return;
    m_importHashSet->setEnabled(false);
    statusBar()->showMessage(tr("Importing hash set %1…").arg(file));
    m_hashSets->start(file, role);
}

void MainWindow::addEvidence(const QStringList &paths)
{
    if (!m_session)
        return;
    for (const auto &p : paths)
        if (!m_queued.contains(p))
            m_queued << p;
    m_evidencePage->setQueued(m_queued);
    m_startIngest->setEnabled(!m_queued.isEmpty());
}

void MainWindow::startIngest()
{
    if (!m_session || !m_ingest || m_ingest->isRunning() || m_queued.isEmpty())
        return;
    m_ingestPanel->begin();
    m_ingestDock->show();
    m_startIngest->setEnabled(false);
    m_cancelIngest->setEnabled(true);
    m_ingest->start(m_queued);
    m_queued.clear();
    m_evidencePage->setQueued(m_queued);
}

void MainWindow::onIngestFinished(bool cancelled)
{
    m_cancelIngest->setEnabled(false);
    m_startIngest->setEnabled(!m_queued.isEmpty());
    m_evidencePage->refresh();
    m_evidencePage->refreshSummary();
    m_filesPage->refresh();
    m_errorsPage->refresh();
    m_conversationsPage->refresh();
    m_mediaPage->refresh();
    m_victimsPage->refresh();
    m_mapPage->refresh();
    m_timelinePage->refresh();
    updateStatus();
    emit ingestFinished(cancelled);
}

void MainWindow::updateStatus()
{
    m_statusCase->setText(m_session ? tr("Case: %1").arg(m_session->folder()) : tr("No case open"));
}

void MainWindow::rememberRecent(const QString &folder)
{
    QSettings settings;
    QStringList recent = settings.value("recentCases").toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    settings.setValue("recentCases", recent.mid(0, 10));
}

QString MainWindow::exportCurrentFile(const QString &target)
{
    if (!m_session || !m_detail->currentFile())
        return tr("No file selected.");
    QString md5;
    const QString error = m_detail->exportCurrent(target, &md5);
    if (error.isEmpty())
        m_session->audit("file.export", QJsonObject{{"file_id", m_detail->currentFile()}, {"target", target}, {"md5", md5}});
    return error;
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentCases").toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString folder = recent[i];
        auto *a = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(folder));
        connect(a, &QAction::triggered, this, [this, folder] {
            QString error;
            if (!openCase(folder, &error))
                QMessageBox::warning(this, tr("Open case"), error);
        });
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
}

void MainWindow::newCaseDialog()
{
    NewCaseDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!createCase(dialog.folder(), dialog.caseNumber(), dialog.examiner(), dialog.description(), &error))
        QMessageBox::warning(this, tr("New case"), error);
}

bool MainWindow::openDemoCase(QString *error)
{
    const QString folder = demoCaseFolder();
    if (QFileInfo::exists(QDir(folder).filePath(QStringLiteral("case.vigil"))))
        return openCase(folder, error);
    const QStringList evidence = demoEvidence(error);
    if (evidence.isEmpty())
        return false;
    const ExaminerSettings settings = ExaminerSettings::load(QSettings());
    if (!createCase(folder, QStringLiteral("DEMO-001"), settings.examiner,
                    tr("Bundled synthetic demo evidence: one suspect's laptop and phone"), error))
        return false;
    addEvidence(evidence);
    startIngest();
    return true;
}

void MainWindow::settingsDialog()
{
    SettingsDialog dialog(ExaminerSettings::load(QSettings()), this);
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog.settings());
}

void MainWindow::applySettings(const ExaminerSettings &settings)
{
    QSettings stored;
    settings.save(stored);
    m_detail->setBlurSettings(settings.blur);
    m_conversationsPage->setBlurSettings(settings.blur);
    m_mediaPage->setBlurSettings(settings.blur);
    m_timelinePage->setDisplayZone(QTimeZone(settings.timeZone));
    m_startPage->reload();
}

void MainWindow::openCaseDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open case folder"));
    QString error;
    if (!dir.isEmpty() && !openCase(dir, &error))
        QMessageBox::warning(this, tr("Open case"), error);
}

void MainWindow::addEvidenceDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add evidence"), {},
        tr("Disk images (*.E01 *.e01 *.dd *.raw *.img *.001 *.qcow *.qcow2 *.vhd *.vmdk *.iso);;ZIP (*.zip);;All files (*)"));
    addEvidence(files);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_session && event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const auto &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    addEvidence(paths);
    event->acceptProposedAction();
}

} // namespace vigil::ui
