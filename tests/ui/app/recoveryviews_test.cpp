// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop's recovery views on a case with known answers (tests/core/casedb/recoverycase.h,
// opened in the main window): the source filter of the Files, Media and Conversations areas
// changes the rows shown; carved, deleted and nested files, media and recovered messages carry a
// visible marker and say where they came from; the case summary on the Evidence page counts per
// source and its links open the filtered views.
#include <gtest/gtest.h>

#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QFont>
#include <QImage>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

#include <set>

#include "core/casedb/casestore.h"
#include "tests/core/casedb/recoverycase.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/app/casesummarypanel.h"
#include "ui/app/conversationspage.h"
#include "ui/app/detailpane.h"
#include "ui/app/mainwindow.h"
#include "ui/app/mediapage.h"
#include "ui/app/pages.h"
#include "ui/models/conversationlistmodel.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/mediagridmodel.h"
#include "ui/models/messagelistmodel.h"
#include "ui/viewers/chatview.h"

using namespace vigil;
using namespace vigil::ui;
using casedb::SourceFilter;

namespace {

using Ids = std::set<qint64>;

// A generated, benign thumbnail: a chequerboard whose colours vary with i.
QByteArray thumbnail(int i)
{
    QImage img(160, 120, QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            img.setPixel(x, y, ((x / 10 + y / 10) % 2) ? qRgb(240, 200 - 10 * i, 40 + 12 * i) : qRgb(30 + 10 * i, 80, 190));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "JPEG", 90);
    return bytes;
}

void addThumbnails(const std::filesystem::path &caseDir)
{
    auto db = casedb::Database::open(caseDir / casedb::CaseStore::kDatabaseName, casedb::Database::Mode::ReadWrite);
    ASSERT_TRUE(db);
    auto st = db->prepare("UPDATE media SET thumbnail = ? WHERE file_id = ?");
    ASSERT_TRUE(st);
    for (int id : {1, 2, 4, 5, 6, 9, 11, 16, 17}) {
        const QByteArray jpeg = thumbnail(id % 9);
        st->bindBlob(1, {reinterpret_cast<const unsigned char *>(jpeg.constData()), static_cast<std::size_t>(jpeg.size())});
        st->bind(2, static_cast<std::int64_t>(id));
        ASSERT_TRUE(st->run());
    }
}

void choose(QComboBox *box, SourceFilter source)
{
    const int index = box->findData(int(source));
    ASSERT_GE(index, 0);
    box->setCurrentIndex(index);
    QApplication::processEvents();
}

class RecoveryDesktop : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_caseDir = m_tmp.filePath("case");
        auto built = test::buildRecoveryCase(m_caseDir.toStdString());
        ASSERT_TRUE(built) << built.error().toString();
        addThumbnails(m_caseDir.toStdString());
        QSettings().clear();   // first-run layout for comparable screenshots
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1440, 900);
        m_window->show();
        QString error;
        ASSERT_TRUE(m_window->openCase(m_caseDir, &error)) << error.toStdString();
        QApplication::processEvents();
    }

    Ids fileIds()
    {
        auto *model = m_window->filesPage()->files()->model();
        while (model->canFetchMore({}))
            model->fetchMore({});
        Ids ids;
        for (int r = 0; r < model->rowCount(); ++r)
            ids.insert(model->fileId(r));
        return ids;
    }

    int fileRow(qint64 id)
    {
        auto *model = m_window->filesPage()->files()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->fileId(r) == id)
                return r;
        return -1;
    }

    Ids mediaIds()
    {
        auto *model = m_window->mediaPage()->model();
        Ids ids;
        for (int r = 0; r < model->rowCount(); ++r)
            ids.insert(model->mediaAt(r)->fileId);
        return ids;
    }

    Ids conversationIds()
    {
        auto *model = m_window->conversationsPage()->conversationModel();
        Ids ids;
        for (int r = 0; r < model->rowCount(); ++r)
            ids.insert(model->conversationAt(r)->id);
        return ids;
    }

    Ids messageIds()
    {
        auto *model = m_window->conversationsPage()->messageModel();
        while (model->canFetchMore({}))
            model->fetchMore({});
        Ids ids;
        for (int r = 0; r < model->rowCount(); ++r)
            ids.insert(model->messageAt(r)->row.id);
        return ids;
    }

    QTemporaryDir m_tmp;
    QString m_caseDir;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(RecoveryDesktop, FilesAreaFiltersBySource)
{
    m_window->showArea(MainWindow::FilesArea);
    auto *box = m_window->filesPage()->sourceBox();
    EXPECT_EQ(fileIds().size(), 17u);
    choose(box, SourceFilter::Live);
    EXPECT_EQ(fileIds(), (Ids{1, 3, 8, 10, 13, 15, 16}));
    choose(box, SourceFilter::Deleted);
    EXPECT_EQ(fileIds(), (Ids{2, 12, 17}));
    choose(box, SourceFilter::Recovered);
    EXPECT_EQ(fileIds(), (Ids{2, 4, 5, 6, 7, 12, 17}));
    choose(box, SourceFilter::Nested);
    EXPECT_EQ(fileIds(), (Ids{9, 11, 14}));
    choose(box, SourceFilter::Carved);
    EXPECT_EQ(fileIds(), (Ids{4, 5, 6, 7}));
    EXPECT_EQ(box->findData(int(SourceFilter::Wal)), -1) << "files have no WAL-only rows";
}

TEST_F(RecoveryDesktop, CarvedAndNestedFilesAreMarkedAndExplained)
{
    m_window->showArea(MainWindow::FilesArea);
    choose(m_window->filesPage()->sourceBox(), SourceFilter::Recovered);
    auto *table = m_window->filesPage()->files();
    auto *model = table->model();
    const int partial = fileRow(6);
    ASSERT_GE(partial, 0);
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) { return model->index(row, column).data(role); };
    EXPECT_EQ(cell(partial, FileTableModel::Source).toString(), QStringLiteral("carved · partial"));
    EXPECT_EQ(cell(partial, FileTableModel::State).toString(), "unallocated");
    EXPECT_TRUE(cell(partial, FileTableModel::Source, Qt::FontRole).value<QFont>().bold());
    const QString tip = cell(partial, FileTableModel::Source, Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains("unallocated space at byte offset 0x2b000000")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("partial: fragmented or overwritten after 40 %")) << tip.toStdString();
    EXPECT_EQ(cell(fileRow(2), FileTableModel::Source).toString(), "deleted");
    table->view()->selectRow(partial);
    QApplication::processEvents();
    const QString meta = m_window->detailPane()->metadataText();
    EXPECT_TRUE(meta.contains("Carved from unallocated space at byte offset 0x2b000000 of the evidence")) << meta.toStdString();
    m_window->detailPane()->tabs()->setCurrentIndex(0);   // the metadata, for the screenshot
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "recovery-files").isEmpty());

    choose(m_window->filesPage()->sourceBox(), SourceFilter::Nested);
    EXPECT_EQ(cell(fileRow(9), FileTableModel::Source).toString(), "archive member");
    EXPECT_EQ(cell(fileRow(11), FileTableModel::Source).toString(), "embedded");
    EXPECT_TRUE(cell(fileRow(11), FileTableModel::Source, Qt::ToolTipRole).toString().contains("file #10 at byte offset 0x1f400"));
    EXPECT_FALSE(cell(fileRow(9), FileTableModel::Source, Qt::FontRole).isNull());
    choose(m_window->filesPage()->sourceBox(), SourceFilter::Live);
    EXPECT_EQ(cell(0, FileTableModel::Source).toString(), "");
    EXPECT_TRUE(cell(0, FileTableModel::Source, Qt::FontRole).isNull());
}

TEST_F(RecoveryDesktop, DetailPaneNamesTheParentOfNestedAndSlackFiles)
{
    auto *pane = m_window->detailPane();
    pane->showFile(9);
    QString meta = pane->metadataText();
    EXPECT_TRUE(meta.contains("Member of the archive file #8")) << meta.toStdString();
    EXPECT_TRUE(meta.contains("Parent: /Users/ana/Downloads/pics.zip (case file id 8)")) << meta.toStdString();
    pane->showFile(4);
    meta = pane->metadataText();
    EXPECT_TRUE(meta.contains("Carved from the slack of file #3 at byte offset 0x3000")) << meta.toStdString();
    EXPECT_TRUE(meta.contains("Parent: /Users/ana/notes.txt")) << meta.toStdString();
    pane->showFile(1);
    EXPECT_FALSE(pane->metadataText().contains("Source")) << "a live file needs no source line";
}

TEST_F(RecoveryDesktop, MediaAreaFiltersBySourceAndBadgesTiles)
{
    m_window->showArea(MainWindow::MediaArea);
    auto *page = m_window->mediaPage();
    EXPECT_EQ(mediaIds().size(), 9u);
    choose(page->sourceBox(), SourceFilter::Carved);
    EXPECT_EQ(mediaIds(), (Ids{4, 5, 6}));
    choose(page->sourceBox(), SourceFilter::Nested);
    EXPECT_EQ(mediaIds(), (Ids{9, 11}));
    choose(page->sourceBox(), SourceFilter::Live);
    EXPECT_EQ(mediaIds(), (Ids{1, 16}));
    choose(page->sourceBox(), SourceFilter::Recovered);
    EXPECT_EQ(mediaIds(), (Ids{2, 4, 5, 6, 17}));
    auto *model = page->model();
    const QModelIndex partial = model->index(model->rowOf(6));
    EXPECT_EQ(partial.data(MediaGridModel::SourceRole).toString(), QStringLiteral("carved · partial"));
    EXPECT_EQ(model->index(model->rowOf(2)).data(MediaGridModel::SourceRole).toString(), "deleted");
    EXPECT_TRUE(partial.data(Qt::ToolTipRole).toString().contains("0x2b000000"));
    page->view()->setCurrentIndex(partial);
    QApplication::processEvents();
    const QString detail = page->detailText();
    EXPECT_TRUE(detail.contains("State: carved (not in the file system)")) << detail.toStdString();
    EXPECT_TRUE(detail.contains("Source: Carved from unallocated space at byte offset 0x2b000000")) << detail.toStdString();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "recovery-media").isEmpty());
    choose(page->sourceBox(), SourceFilter::All);
    EXPECT_EQ(model->index(model->rowOf(1)).data(MediaGridModel::SourceRole).toString(), "");
}

TEST_F(RecoveryDesktop, ConversationsFilterBySourceAndMarkRecoveredMessages)
{
    m_window->showArea(MainWindow::ConversationsArea);
    auto *page = m_window->conversationsPage();
    EXPECT_EQ(conversationIds(), (Ids{1, 2, 3, 4}));
    choose(page->sourceBox(), SourceFilter::Recovered);
    EXPECT_EQ(conversationIds(), (Ids{1, 2, 3}));
    page->openConversation(1);
    EXPECT_EQ(messageIds(), (Ids{4, 5, 6}));
    auto *messages = page->messageModel();
    const int secret = messages->rowOfMessage(5);
    ASSERT_GE(secret, 0);
    const QString tip = messages->index(secret).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains("recovered from the freelist at byte offset 0x2000 (8192)")) << tip.toStdString();
    page->chat()->setCurrentIndex(messages->index(secret));
    QApplication::processEvents();
    const QString meta = m_window->detailPane()->metadataText();
    EXPECT_TRUE(meta.contains("recovered from the freelist at byte offset 0x2000 (8192)")) << meta.toStdString();
    choose(page->sourceBox(), SourceFilter::Wal);
    EXPECT_EQ(conversationIds(), (Ids{1}));
    EXPECT_EQ(messageIds(), (Ids{3})) << "the open conversation is shown again with the new source";
    choose(page->sourceBox(), SourceFilter::Nested);
    EXPECT_EQ(conversationIds(), (Ids{4}));
    EXPECT_EQ(messages->rowCount(), 0) << "conversation 1 has no nested messages";
    choose(page->sourceBox(), SourceFilter::Carved);
    page->openConversation(2);
    const int carved = messages->rowOfMessage(7);
    ASSERT_GE(carved, 0);
    EXPECT_TRUE(messages->index(carved).data(Qt::ToolTipRole).toString().contains("Read from a carved database"));
}

TEST_F(RecoveryDesktop, SearchKeepsTheSourceFilter)
{
    m_window->showArea(MainWindow::ConversationsArea);
    auto *page = m_window->conversationsPage();
    page->search(QStringLiteral("message"));
    EXPECT_EQ(messageIds(), (Ids{4, 6}));   // "delete this message now", "an older version of a message"
    choose(page->sourceBox(), SourceFilter::Live);
    EXPECT_EQ(messageIds(), (Ids{}));
    choose(page->sourceBox(), SourceFilter::Deleted);
    EXPECT_EQ(messageIds(), (Ids{4, 6}));
    EXPECT_TRUE(page->messageModel()->isSearchResults());
}

TEST_F(RecoveryDesktop, RecoveredBubblesAreTinted)
{
    m_window->showArea(MainWindow::ConversationsArea);
    auto *page = m_window->conversationsPage();
    page->openConversation(1);
    auto *chat = page->chat();
    auto *messages = page->messageModel();
    QApplication::processEvents();
    const QImage shot = chat->viewport()->grab().toImage();
    // Inside the bubble's left padding (incoming bubbles start 8 px from the left).
    auto fill = [&](qint64 id) {
        const QRect r = chat->visualRect(messages->index(messages->rowOfMessage(id)));
        return QColor(shot.pixel(12, r.center().y()));
    };
    EXPECT_EQ(fill(1), QColor(0xEE, 0xEF, 0xF1)) << "a live incoming message";
    EXPECT_EQ(fill(4), QColor(0xFF, 0xF2, 0xDF)) << "a recovered incoming message";
    EXPECT_EQ(fill(3), QColor(0xEE, 0xEF, 0xF1)) << "a WAL-only message is live (marked, not tinted)";
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "recovery-conversation").isEmpty());
}

TEST_F(RecoveryDesktop, CaseSummaryCountsPerSourceAndLinksToTheViews)
{
    m_window->showArea(MainWindow::EvidenceArea);
    auto *summary = m_window->evidencePage()->summary();
    ASSERT_TRUE(summary->counts());
    EXPECT_EQ(summary->counts()->files.total, 17);
    const QString html = summary->html();
    for (const char *link : {"<a href='files:carved'>4 carved</a>", "<a href='files:deleted'>3 deleted</a>",
                             "<a href='files:recovered'>7 files</a>", "<a href='files:nested'>3 files</a>",
                             "<a href='media:recovered'>5 recovered</a>", "<a href='media:nested'>2 nested</a>",
                             "<a href='messages:recovered'>7 recovered</a>", "<a href='messages:wal'>1 WAL-only</a>",
                             "<a href='messages:deleted'>6 deleted</a>", "<a href='messages:carved'>2 carved</a>"})
        EXPECT_TRUE(html.contains(QString::fromUtf8(link))) << link << "\n" << html.toStdString();
    const QString text = summary->text();
    EXPECT_TRUE(text.contains("3 unallocated, 1 slack; 1 partial")) << text.toStdString();
    EXPECT_TRUE(text.contains("freeblock 1 · unallocated 1 · freelist 1 · wal 1 · journal 1")) << text.toStdString();
    EXPECT_FALSE(test::saveScreenshot(m_window.get(), "recovery-evidence-summary").isEmpty());

    summary->activateLink("files:carved");
    EXPECT_EQ(m_window->currentArea(), MainWindow::FilesArea);
    EXPECT_EQ(fileIds(), (Ids{4, 5, 6, 7}));
    summary->activateLink("media:recovered");
    EXPECT_EQ(m_window->currentArea(), MainWindow::MediaArea);
    EXPECT_EQ(mediaIds(), (Ids{2, 4, 5, 6, 17}));
    summary->activateLink("messages:wal");
    EXPECT_EQ(m_window->currentArea(), MainWindow::ConversationsArea);
    EXPECT_EQ(conversationIds(), (Ids{1}));
}

TEST_F(RecoveryDesktop, SummaryCountsTheWholeCaseOrOneEvidenceItem)
{
    m_window->showArea(MainWindow::EvidenceArea);
    auto *summary = m_window->evidencePage()->summary();
    auto *scope = summary->scopeBox();
    ASSERT_EQ(scope->count(), 3);   // whole case, disk.E01, phone
    EXPECT_EQ(scope->itemText(2), "Evidence 2: phone");
    auto *tree = m_window->evidencePage()->tree();
    tree->setCurrentIndex(tree->model()->index(1, 0));   // browsing the tree keeps the scope
    QApplication::processEvents();
    EXPECT_FALSE(summary->evidence());
    emit scope->activated(2);   // as when the examiner picks the phone
    ASSERT_TRUE(summary->counts());
    EXPECT_EQ(summary->evidence(), 2);
    EXPECT_EQ(summary->counts()->files.total, 3);
    EXPECT_EQ(summary->counts()->messages.walOnly, 1);
    summary->refresh();   // after an ingest: the choice stays
    EXPECT_EQ(scope->currentIndex(), 2);
    EXPECT_EQ(summary->counts()->files.total, 3);
    emit scope->activated(0);
    EXPECT_EQ(summary->counts()->files.total, 17);
    summary->setEvidence(99);   // an item the case does not hold: back to the whole case
    EXPECT_FALSE(summary->evidence());
    EXPECT_EQ(scope->currentIndex(), 0);
}

TEST_F(RecoveryDesktop, BadSummaryLinksDoNothing)
{
    auto *summary = m_window->evidencePage()->summary();
    QSignalSpy files(summary, &CaseSummaryPanel::filesRequested), media(summary, &CaseSummaryPanel::mediaRequested),
        messages(summary, &CaseSummaryPanel::messagesRequested);
    for (const char *link : {"", ":", "files", "files:", "files:bogus", "media:Recovered", "people:live", "messages:wal:x"})
        summary->activateLink(QString::fromLatin1(link));
    EXPECT_EQ(files.count() + media.count() + messages.count(), 0);
    summary->activateLink("messages:wal");
    EXPECT_EQ(messages.count(), 1);
}

TEST(RecoverySummaryPanel, ReportsACaseItCannotRead)
{
    QTemporaryDir tmp;
    CaseSummaryPanel panel;
    panel.setCase(tmp.filePath("no-case-here"));
    EXPECT_FALSE(panel.counts());
    EXPECT_TRUE(panel.text().contains("Counts not available")) << panel.text().toStdString();
}
