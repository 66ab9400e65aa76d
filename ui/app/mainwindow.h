// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QStringList>

#include <memory>

class QListWidget;
class QStackedWidget;
class QDockWidget;
class QLabel;
class QAction;
class QMenu;

namespace vigil::ui {

class CaseSession;
class IngestController;
class HashSetImporter;
class IngestPanel;
class EvidencePage;
class FilesPage;
class ErrorsPage;
class ConversationsPage;
class MediaPage;
class VictimsPage;
class MapPage;
class TimelinePage;
class DetailPane;
class StartPage;
struct ExaminerSettings;

// The case window: navigator (areas), central page, detail pane, ingest panel, status bar.
// Every action has a shortcut; layout and window state persist between runs.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Area { EvidenceArea, FilesArea, ConversationsArea, MediaArea, PeopleArea, TimelineArea, MapArea,
                ReportsArea, ErrorsArea, AreaCount };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openCase(const QString &folder, QString *error = nullptr);
    // The start page's demo case: opens it when made before, else creates it in demoCaseFolder()
    // and ingests the demo evidence into it (ingestFinished signals the end).
    bool openDemoCase(QString *error = nullptr);
    bool createCase(const QString &folder, const QString &caseNumber, const QString &examiner,
                    const QString &description, QString *error = nullptr);
    void addEvidence(const QStringList &paths);
    void startIngest();
    void showArea(Area area);
    // Copies the selected file out of the evidence and audits it; an error text or empty.
    QString exportCurrentFile(const QString &target);
    // Imports a hash set into the open case in the background (hashSetImporter() signals the end).
    void importHashSet(const QString &file, const QString &role = {});
    // Saves the examiner's settings and applies them to the open pages.
    void applySettings(const ExaminerSettings &settings);

    CaseSession *session() const { return m_session.get(); }
    IngestController *ingest() const { return m_ingest.get(); }
    HashSetImporter *hashSetImporter() const { return m_hashSets.get(); }
    IngestPanel *ingestPanel() const { return m_ingestPanel; }
    EvidencePage *evidencePage() const { return m_evidencePage; }
    FilesPage *filesPage() const { return m_filesPage; }
    ErrorsPage *errorsPage() const { return m_errorsPage; }
    ConversationsPage *conversationsPage() const { return m_conversationsPage; }
    MediaPage *mediaPage() const { return m_mediaPage; }
    VictimsPage *victimsPage() const { return m_victimsPage; }
    MapPage *mapPage() const { return m_mapPage; }
    TimelinePage *timelinePage() const { return m_timelinePage; }
    // Shows the conversation at this message (from the victims' triggering messages).
    bool openMessage(qint64 conversationId, qint64 messageId);
    DetailPane *detailPane() const { return m_detail; }
    StartPage *startPage() const { return m_startPage; }
    // The area on screen (AreaCount while the start page shows).
    int currentArea() const;
    QStringList queuedEvidence() const { return m_queued; }

signals:
    void caseOpened(const QString &folder);
    void ingestFinished(bool cancelled);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createNavigator();
    void createPages();
    void createDocks();
    void restoreLayout();
    void newCaseDialog();
    void openCaseDialog();
    void settingsDialog();
    void addEvidenceDialog();
    void attachCase();
    void onIngestFinished(bool cancelled);
    void updateStatus();
    void rememberRecent(const QString &folder);
    void fillRecentMenu();

    std::unique_ptr<CaseSession> m_session;
    std::unique_ptr<IngestController> m_ingest;
    std::unique_ptr<HashSetImporter> m_hashSets;
    QStringList m_queued;

    QListWidget *m_navigator = nullptr;
    QStackedWidget *m_pages = nullptr;
    EvidencePage *m_evidencePage = nullptr;
    FilesPage *m_filesPage = nullptr;
    ErrorsPage *m_errorsPage = nullptr;
    ConversationsPage *m_conversationsPage = nullptr;
    MediaPage *m_mediaPage = nullptr;
    VictimsPage *m_victimsPage = nullptr;
    MapPage *m_mapPage = nullptr;
    TimelinePage *m_timelinePage = nullptr;
    StartPage *m_startPage = nullptr;
    DetailPane *m_detail = nullptr;
    IngestPanel *m_ingestPanel = nullptr;
    QDockWidget *m_navigatorDock = nullptr;
    QDockWidget *m_detailDock = nullptr;
    QDockWidget *m_ingestDock = nullptr;
    QLabel *m_statusCase = nullptr;
    QAction *m_startIngest = nullptr;
    QAction *m_cancelIngest = nullptr;
    QAction *m_addEvidence = nullptr;
    QAction *m_importHashSet = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace vigil::ui
