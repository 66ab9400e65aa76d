// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop application end to end, offscreen: create a case, ingest the demo E01
// through the UI code path (waiting on signals), browse to a deleted file, check its
// provenance and hashes, and check that images stay blurred until revealed.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QFile>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QUrl>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QTemporaryDir>
#include <QTest>

#include "core/casedb/casestore.h"
#include "core/casedb/filequery.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/app/casesession.h"
#include "ui/app/conversationspage.h"
#include "ui/app/detailpane.h"
#include "ui/app/hashsetimporter.h"
#include "ui/app/ingestpanel.h"
#include "ui/app/mainwindow.h"
#include "ui/app/mediapage.h"
#include "ui/models/mediagridmodel.h"
#include "ui/app/pages.h"
#include "ui/app/startpage.h"
#include "ui/models/evidencetreemodel.h"
#include "ui/models/conversationlistmodel.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/messagelistmodel.h"
#include "ui/viewers/chatview.h"
#include "ui/viewers/imagepreview.h"

using namespace vigil;
using namespace vigil::ui;

namespace {

QString demoImage() { return QStringLiteral(VIGIL_BINARY_DIR "/generated-demo/demo.E01"); }

std::int64_t scalar(const QString &caseDir, const std::string &sql)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir.toStdString());
    if (!db)
        return -1;
    auto st = db->prepare(sql);
    std::int64_t v = -1;
    if (st)
        (void)st->forEachRow([&](const casedb::Statement &r) {
            v = r.int64(0);
            return false;
        });
    return v;
}

std::string text(const QString &caseDir, const std::string &sql)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir.toStdString());
    if (!db)
        return {};
    auto st = db->prepare(sql);
    std::string v;
    if (st)
        (void)st->forEachRow([&](const casedb::Statement &r) {
            v = r.text(0);
            return false;
        });
    return v;
}

class DesktopApp : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!QFileInfo::exists(demoImage()))
            GTEST_SKIP() << "no demo evidence: run the generate_demo CTest fixture";
        ASSERT_TRUE(m_tmp.isValid());
        m_caseDir = m_tmp.filePath("case");
        QSettings().clear();   // first-run layout for comparable screenshots
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1440, 900);
        m_window->show();
        QString error;
        ASSERT_TRUE(m_window->createCase(m_caseDir, "DEMO-001", "Test Examiner", "UI test", &error)) << error.toStdString();
        m_window->addEvidence({demoImage()});
        QSignalSpy done(m_window.get(), &MainWindow::ingestFinished);
        m_window->startIngest();
        ASSERT_TRUE(done.wait(120000)) << "ingest did not finish";
        ASSERT_FALSE(done.first().first().toBool()) << "ingest was cancelled";
    }

    // Selects the first row of a file table and returns that file's id.
    qint64 selectFirst(FileTable *table)
    {
        auto *model = table->model();
        EXPECT_GT(model->rowCount(), 0);
        table->view()->setCurrentIndex(model->index(0, 0));
        QApplication::processEvents();
        return model->fileId(0);
    }

    // Shows the Files area filtered by `pathText` and selects the first match.
    qint64 selectByPath(const QString &pathText)
    {
        m_window->showArea(MainWindow::FilesArea);
        auto *page = m_window->filesPage();
        page->pathContains()->setText(pathText);
        QTest::keyClick(page->pathContains(), Qt::Key_Return);
        return selectFirst(page->files());
    }

    QTemporaryDir m_tmp;
    QString m_caseDir;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(DesktopApp, IngestShowsProgressAndResults)
{
    auto *panel = m_window->ingestPanel();
    ASSERT_EQ(panel->rowCount(), 1);
    EXPECT_EQ(panel->cellText(0, 1), "done");
    EXPECT_GT(scalar(m_caseDir, "SELECT count(*) FROM files"), 50);
    m_window->showArea(MainWindow::EvidenceArea);
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-evidence").isEmpty());
    // The file table fetches lazily: no more than a page until asked for more.
    auto *model = m_window->evidencePage()->files()->model();
    EXPECT_LE(model->rowCount(), FileTableModel::kPageSize);
}

TEST_F(DesktopApp, DeletedFileShowsProvenanceAndHashes)
{
    m_window->showArea(MainWindow::FilesArea);
    m_window->filesPage()->showSource(casedb::SourceFilter::Deleted);
    const qint64 id = selectFirst(m_window->filesPage()->files());
    ASSERT_GT(id, 0);
    EXPECT_EQ(scalar(m_caseDir, "SELECT allocated FROM files WHERE id=" + std::to_string(id)), 0);
    auto db = casedb::CaseStore::openReadOnly(m_caseDir.toStdString());
    ASSERT_TRUE(db);
    auto file = casedb::fileById(*db, id);
    ASSERT_TRUE(file && *file);
    const QString text = m_window->detailPane()->metadataText();
    EXPECT_TRUE(text.contains("deleted")) << text.toStdString();
    EXPECT_TRUE(text.contains("Provenance")) << text.toStdString();
    EXPECT_TRUE(text.contains(QString::fromStdString((*file)->path))) << text.toStdString();
    if (!(*file)->md5.empty()) {
        EXPECT_TRUE(text.contains(QString::fromStdString((*file)->md5))) << text.toStdString();
    }
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-files-deleted").isEmpty());
}

TEST_F(DesktopApp, ImagesAreBlurredUntilRevealedAndRevealIsAudited)
{
    const qint64 id = selectByPath(".png");
    ASSERT_GT(id, 0);
    auto *image = m_window->detailPane()->image();
    ASSERT_TRUE(image->hasImage()) << image->message().toStdString();
    EXPECT_FALSE(image->isRevealed());
    const QImage blurred = image->displayedImage();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-image-blurred").isEmpty());
    image->setFocus();
    QTest::keyClick(image, Qt::Key_R);
    ASSERT_TRUE(image->isRevealed());
    EXPECT_NE(image->displayedImage(), blurred) << "revealing changes the pixels";
    ASSERT_TRUE(m_window->session()->store().flush());
    EXPECT_EQ(scalar(m_caseDir, "SELECT count(*) FROM audit_log WHERE action='image.reveal' AND details LIKE '%" +
                                    std::to_string(id) + "%'"),
              1);
    // Moving on blurs again.
    m_window->filesPage()->files()->view()->setFocus();
    QApplication::processEvents();
    EXPECT_FALSE(image->isRevealed());
}

TEST_F(DesktopApp, EveryAreaRendersAndErrorsAreListed)
{
    const char *names[] = {"evidence", "files", "conversations", "media", "people", "timeline", "map", "reports", "errors"};
    for (int a = 0; a < MainWindow::AreaCount; ++a) {
        m_window->showArea(static_cast<MainWindow::Area>(a));
        EXPECT_FALSE(test::saveScreenshot(m_window.get(), QString("app-area-%1").arg(names[a])).isEmpty());
    }
    auto *errors = m_window->errorsPage()->view()->model();
    ASSERT_NE(errors, nullptr);
    EXPECT_EQ(errors->rowCount(), scalar(m_caseDir, "SELECT count(*) FROM processing_errors"));
}

TEST_F(DesktopApp, MediaOfTheDemoAreBlurredGroupedAndGraded)
{
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    ASSERT_EQ(m_window->currentArea(), MainWindow::MediaArea);
    auto *page = m_window->mediaPage();
    auto *model = page->model();
    EXPECT_EQ(model->rowCount(), scalar(m_caseDir, "SELECT count(*) FROM media"));
    page->setGrouping(MediaGrouping::NearDuplicates);
    QApplication::processEvents();
    // The camera photo, its two edits and its mirror image lead the grid as one group.
    const qint64 group = scalar(m_caseDir, "SELECT near_dup_group FROM media m JOIN files f ON f.id = m.file_id "
                                           "WHERE f.name = 'IMG_20240312_153005.jpg'");
    ASSERT_GT(group, 0);
    for (int row = 0; row < 4; ++row)
        EXPECT_EQ(model->groupOf(row).value_or(-1), group) << row;
    page->view()->setCurrentIndex(model->index(0, 0));
    page->view()->setFocus();
    QTest::keyClick(page->view(), Qt::Key_4, Qt::ShiftModifier);   // the whole group: not indecent
    EXPECT_EQ(scalar(m_caseDir, "SELECT count(*) FROM gradings g JOIN media m ON m.file_id = g.file_id "
                                "WHERE m.near_dup_group = " + std::to_string(group) + " AND g.category = 'uk:NI'"),
              4);
    QApplication::processEvents();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-media-demo").isEmpty());
}

TEST_F(DesktopApp, HashSetImportRunsInTheBackgroundAndPreGradesMedia)
{
    const std::string md5 = text(m_caseDir, "SELECT md5 FROM files WHERE name = 'IMG_20240312_153005.jpg'");
    ASSERT_EQ(md5.size(), 32u);
    const QString vics = QDir(m_tmp.path()).filePath("set.json");
    QFile out(vics);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(("{\"@odata.context\": \"http://github.com/ICMEC/ProjectVic/DataModels/2.0.xml/$metadata#Media\", "
               "\"value\": [{\"MediaID\": 1, \"Category\": 2, \"MD5\": \"" + md5 + "\"}]}")
                  .c_str());
    out.close();
    QSignalSpy done(m_window->hashSetImporter(), &HashSetImporter::finished);
    m_window->importHashSet(vics);
    ASSERT_TRUE(done.wait(20000));
    EXPECT_TRUE(done.front().at(0).toBool()) << done.front().at(1).toString().toStdString();
    EXPECT_TRUE(done.front().at(1).toString().contains("Files of the case that match it: 1 (1 pre-graded"))
        << done.front().at(1).toString().toStdString();
    EXPECT_EQ(scalar(m_caseDir, "SELECT count(*) FROM gradings WHERE category = 'vic:2' AND source = 'hashset'"), 1);
    EXPECT_EQ(scalar(m_caseDir, "SELECT count(*) FROM audit_log WHERE action = 'hashset.import'"), 1);
    QApplication::processEvents();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-hashset-imported").isEmpty());
    const auto boxes = m_window->findChildren<QMessageBox *>();
    ASSERT_EQ(boxes.size(), 1);
    EXPECT_TRUE(boxes.front()->text().contains("pre-graded"));
    EXPECT_FALSE(test::saveScreenshot(boxes.front(), "app-hashset-message").isEmpty());
    boxes.front()->close();
}

TEST_F(DesktopApp, ConversationsOfTheDemoAreListedReadAndSearched)
{
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    ASSERT_EQ(m_window->currentArea(), MainWindow::ConversationsArea);
    auto *page = m_window->conversationsPage();
    auto *list = page->conversationModel();
    EXPECT_EQ(list->rowCount(), scalar(m_caseDir, "SELECT count(*) FROM conversations"));
    ASSERT_GT(list->rowCount(), 10);
    // The WhatsApp chat whose last two messages exist only in the write-ahead log.
    const qint64 walChat = scalar(m_caseDir, "SELECT conversation_id FROM messages WHERE record_source='wal' LIMIT 1");
    page->conversations()->selectRow(list->rowOf(walChat));
    QApplication::processEvents();
    auto *messages = page->messageModel();
    ASSERT_GT(messages->rowCount(), 0);
    EXPECT_EQ(messages->messageAt(messages->rowCount() - 1)->row.prov.recordSource, "wal");
    page->chat()->scrollToBottom();
    QApplication::processEvents();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-conversations-demo").isEmpty());

    // Selecting a message shows its source in the detail pane.
    page->chat()->setCurrentIndex(messages->index(messages->rowCount() - 1));
    QApplication::processEvents();
    EXPECT_TRUE(m_window->detailPane()->metadataText().contains("msgstore.db")) << m_window->detailPane()->metadataText().toStdString();
    EXPECT_TRUE(m_window->detailPane()->metadataText().contains("write-ahead log"));

    // Ctrl+J: the database it was read from, selected among the files.
    const qint64 source = messages->messageAt(messages->rowCount() - 1)->row.prov.fileId;
    QTest::keyClick(page->chat(), Qt::Key_J, Qt::ControlModifier);
    EXPECT_EQ(m_window->currentArea(), MainWindow::FilesArea);
    auto *files = m_window->filesPage()->files();
    ASSERT_TRUE(files->view()->currentIndex().isValid());
    EXPECT_EQ(files->model()->fileId(files->view()->currentIndex().row()), source);
    m_window->showArea(MainWindow::ConversationsArea);

    page->searchBox()->setText("disappear");
    QTest::keyClick(page->searchBox(), Qt::Key_Return);
    EXPECT_EQ(messages->totalCount(), scalar(m_caseDir, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'disappear'"));
    ASSERT_GT(messages->rowCount(), 0);
    EXPECT_FALSE(messages->messageAt(0)->hits.isEmpty());
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-conversations-search").isEmpty());
}

TEST_F(DesktopApp, HexAndTextViewersShowTheSelectedFile)
{
    ASSERT_GT(selectByPath("letter_to_landlord"), 0);
    auto *tabs = m_window->detailPane()->tabs();
    tabs->setCurrentIndex(1);
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-detail-hex").isEmpty());
    tabs->setCurrentIndex(2);
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-detail-text").isEmpty());
}

namespace {
// Depth-first search of a lazily filled tree for a node whose PathRole is `path`.
QModelIndex findFolder(QAbstractItemModel *model, const QModelIndex &parent, const QString &path, int depth = 0)
{
    if (depth > 8)
        return {};
    if (model->canFetchMore(parent))
        model->fetchMore(parent);
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex child = model->index(r, 0, parent);
        if (child.data(EvidenceTreeModel::PathRole).toString() == path)
            return child;
        if (auto found = findFolder(model, child, path, depth + 1); found.isValid())
            return found;
    }
    return {};
}
} // namespace

TEST_F(DesktopApp, EvidenceTreeBrowsesFolders)
{
    m_window->showArea(MainWindow::EvidenceArea);
    auto *tree = m_window->evidencePage()->tree();
    const QModelIndex folder = findFolder(tree->model(), {}, "/Users/alex/Pictures");
    ASSERT_TRUE(folder.isValid());
    tree->expand(folder.parent());
    tree->setCurrentIndex(folder);
    QApplication::processEvents();
    auto *files = m_window->evidencePage()->files()->model();
    ASSERT_GT(files->rowCount(), 2);
    for (int r = 0; r < files->rowCount(); ++r) {
        const QString path = files->index(r, FileTableModel::Path).data().toString();
        EXPECT_TRUE(path.startsWith("/Users/alex/Pictures/")) << path.toStdString();
        EXPECT_FALSE(path.mid(21).contains('/')) << "only direct children: " << path.toStdString();
    }
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "app-evidence-folder").isEmpty());
}

TEST_F(DesktopApp, ExportIsExactAndAudited)
{
    const qint64 id = selectByPath("budget_2024.csv");
    ASSERT_GT(id, 0);
    const QString target = m_tmp.filePath("exported.csv");
    ASSERT_TRUE(m_window->exportCurrentFile(target).isEmpty());
    auto db = casedb::CaseStore::openReadOnly(m_caseDir.toStdString());
    auto file = casedb::fileById(*db, id);
    ASSERT_TRUE(file && *file);
    EXPECT_EQ(QFileInfo(target).size(), (*file)->size);
    QFile out(target);
    ASSERT_TRUE(out.open(QIODevice::ReadOnly));
    EXPECT_EQ(QCryptographicHash::hash(out.readAll(), QCryptographicHash::Md5).toHex().toStdString(), (*file)->md5);
    ASSERT_TRUE(m_window->session()->store().flush());
    EXPECT_EQ(scalar(m_caseDir, "SELECT count(*) FROM audit_log WHERE action='file.export' AND details LIKE '%" +
                                    (*file)->md5 + "%'"),
              1);
}

TEST_F(DesktopApp, WellnessSettingsApplyToPreviews)
{
    ASSERT_GT(selectByPath(".png"), 0);
    BlurSettings grey;
    grey.greyscale = true;
    m_window->detailPane()->setBlurSettings(grey);
    const QImage shown = m_window->detailPane()->image()->displayedImage();
    ASSERT_FALSE(shown.isNull());
    for (int y = 0; y < shown.height(); y += 17)
        for (int x = 0; x < shown.width(); x += 13) {
            const QColor c = shown.pixelColor(x, y);
            ASSERT_TRUE(c.red() == c.green() && c.green() == c.blue()) << x << "," << y;
        }
}

TEST(DesktopStart, StartPageUntilACaseIsOpenThenKeyboardNavigation)
{
    QSettings().clear();
    QTemporaryDir tmp;
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    EXPECT_EQ(window.currentArea(), MainWindow::AreaCount) << "the start page shows first";
    EXPECT_FALSE(test::saveScreenshot(&window, "app-start").isEmpty());
    QString error;
    ASSERT_TRUE(window.createCase(tmp.filePath("case"), "K-1", "Keyboard", {}, &error)) << error.toStdString();
    EXPECT_EQ(window.currentArea(), MainWindow::EvidenceArea);
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    EXPECT_EQ(window.currentArea(), MainWindow::FilesArea);
    QTest::keyClick(&window, Qt::Key_9, Qt::ControlModifier);
    EXPECT_EQ(window.currentArea(), MainWindow::ErrorsArea);
    // Evidence dropped on the window is queued for the next ingest.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(demoImage())});
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    static_cast<QObject *>(&window)->event(&drop);   // straight to the window, as a real drop arrives
    EXPECT_EQ(window.queuedEvidence(), QStringList{demoImage()});
    // The case was opened with an audit entry; it is in the recent list for next time.
    ASSERT_TRUE(window.session()->store().flush());
    EXPECT_EQ(scalar(tmp.filePath("case"), "SELECT count(*) FROM audit_log WHERE action='case.open'"), 1);
    window.startPage()->reload();
    EXPECT_GE(window.startPage()->recent()->count(), 1);
}

// A case whose disk fills during the ingest (SQLite's page limit stands in for the full disk):
// the ingest panel says "stopped" with the reason and a dialog tells the examiner what to do.
TEST(DesktopStorage, AFullDiskStopsTheIngestAndSaysWhy)
{
    if (!QFileInfo::exists(demoImage()))
        GTEST_SKIP() << "no demo evidence: run the generate_demo CTest fixture";
    QSettings().clear();
    QTemporaryDir tmp;
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QString error;
    ASSERT_TRUE(window.createCase(tmp.filePath("case"), "F-1", "Examiner", {}, &error)) << error.toStdString();
    ASSERT_TRUE(window.session()->store().writer().callVoid([](casedb::Database &db) -> Result<void> {
        auto pages = db.prepare("PRAGMA page_count");
        if (!pages || !*pages->step())
            return std::unexpected(Error(ErrorCode::Database, "page_count"));
        return db.exec("PRAGMA max_page_count=" + std::to_string(pages->int64(0) + 40));
    }));
    window.addEvidence({demoImage()});
    QSignalSpy done(&window, &MainWindow::ingestFinished);
    window.startIngest();
    ASSERT_TRUE(done.wait(120000)) << "ingest did not finish";
    EXPECT_EQ(window.ingestPanel()->cellText(0, 1), "stopped");
    QMessageBox *box = nullptr;
    for (auto *w : QApplication::topLevelWidgets())
        if (auto *b = qobject_cast<QMessageBox *>(w); b && b->isVisible())
            box = b;
    ASSERT_NE(box, nullptr) << "no dialog";
    EXPECT_TRUE(box->text().contains("The disk holding the case is full")) << box->text().toStdString();
    EXPECT_TRUE(box->text().contains("resumes where it stopped")) << box->text().toStdString();
    EXPECT_FALSE(test::saveScreenshot(&window, "app-ingest-stopped").isEmpty());
    EXPECT_FALSE(test::saveScreenshot(box, "app-ingest-stopped-dialog").isEmpty());
    box->close();
}
