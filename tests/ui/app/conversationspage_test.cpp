// SPDX-License-Identifier: GPL-3.0-or-later
// The Conversations area on a real case: a phone extraction (folder) with an Android SMS
// database, its WAL and an MMS picture is ingested with the real parser; the page lists the
// conversations, draws the chat, searches with highlighted hits, marks the WAL-only message,
// keeps the picture blurred and shows where a message was read.
#include <gtest/gtest.h>

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core/casedb/casestore.h"
#include "core/casedb/messagequery.h"
#include "core/pipeline/ingest.h"
#include "plugins/api/host.h"
#include "plugins/api/registry.h"
#include "plugins/parsers/android-sms/androidsms.h"
#include "tests/plugins/parsers/parsertest.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/app/conversationspage.h"
#include "ui/app/detailpane.h"
#include "ui/models/conversationlistmodel.h"
#include "ui/models/messagelistmodel.h"
#include "ui/viewers/chatview.h"

using namespace vigil;
using namespace vigil::ui;

namespace {

namespace fs = std::filesystem;

constexpr const char *kRows = R"SQL(
INSERT INTO canonical_addresses VALUES (1, '+447700900456'), (2, '+447700900123');
INSERT INTO threads (_id, recipient_ids) VALUES (1, '1'), (2, '2');
INSERT INTO sms (_id, thread_id, address, date, type, read, body) VALUES
  (1, 1, '+447700900456', 1772359200000, 1, 1, 'are you coming to football practice on saturday?'),
  (2, 1, '+447700900456', 1772359260000, 2, 1, 'yes! mum is driving, we can pick you up at the corner'),
  (3, 1, '+447700900456', 1772359320000, 1, 1, 'great, see you at ten'),
  (4, 2, '+447700900123', 1772362800000, 1, 0, 'the school trip money is due on friday');
INSERT INTO pdu (_id, thread_id, date, msg_box, read, m_type) VALUES (1, 1, 1772359380, 1, 1, 132);
INSERT INTO addr (_id, msg_id, address, type) VALUES (1, 1, '+447700900456', 137);
INSERT INTO part (_id, mid, ct, cl, _data, text) VALUES
  (1, 1, 'image/png', 'team.png', '/data/user_de/0/com.android.providers.telephony/app_parts/PART_1', NULL),
  (2, 1, 'text/plain', 'text_0.txt', NULL, 'team photo from last week');
)SQL";

constexpr const char *kWal = "INSERT INTO sms (_id, thread_id, address, date, type, read, body) VALUES "
                             "(5, 1, '+447700900456', 1772359500000, 1, 0, 'running late, start without me');";

// Sum of the differences between horizontally neighbouring pixels (high for sharp edges).
qint64 edgeEnergy(const QImage &image)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    qint64 sum = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 1; x < img.width(); ++x)
            sum += std::abs(qGray(img.pixel(x, y)) - qGray(img.pixel(x - 1, y)));
    return sum;
}

class ConversationsUi : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        const fs::path phone = fs::path(m_tmp.filePath("phone").toStdString());
        const fs::path dbDir = phone / "data/user_de/0/com.android.providers.telephony/databases";
        fs::create_directories(dbDir);
        test::createDatabaseWithWal(dbDir / "mmssms.db", test::ddl("android_mmssms_modern") + kRows, kWal);
        const fs::path parts = phone / "data/user_de/0/com.android.providers.telephony/app_parts";
        fs::create_directories(parts);
        QImage picture(240, 160, QImage::Format_RGB32);   // a generated, benign picture: a chequerboard
        for (int y = 0; y < picture.height(); ++y)
            for (int x = 0; x < picture.width(); ++x)
                picture.setPixel(x, y, ((x / 8 + y / 8) % 2) ? qRgb(30, 90, 200) : qRgb(250, 220, 40));
        ASSERT_TRUE(picture.save(QString::fromStdString((parts / "PART_1").string()), "PNG"));
        m_picture = picture;
        m_caseDir = m_tmp.filePath("case");
        ingest(phone);
        m_page = std::make_unique<ConversationsPage>();
        m_page->resize(1100, 700);
        m_page->setCase(m_caseDir);
        m_page->show();
        QApplication::processEvents();
    }

    void ingest(const fs::path &evidence)
    {
        plugins::PluginRegistry registry;
        plugins::registerAndroidSmsPlugin(registry);
        registry.load({});
        plugins::PluginHost host(registry.loadedPlugins());
        auto store = casedb::CaseStore::openOrCreate(m_caseDir.toStdString(), {"UI-1", "tester", ""}, "tester");
        ASSERT_TRUE(store);
        pipeline::IngestOptions options;
        options.evidence = {evidence};
        options.plugins = &host;
        const auto summary = pipeline::runIngest(**store, options);
        ASSERT_EQ(summary.evidence.at(0).messages, 6);
    }

    int rowOfText(const QString &text)
    {
        auto *model = m_page->messageModel();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->messageAt(r)->body.contains(text))
                return r;
        return -1;
    }

    QTemporaryDir m_tmp;
    QString m_caseDir;
    QImage m_picture;
    std::unique_ptr<ConversationsPage> m_page;
};

TEST_F(ConversationsUi, ListsConversationsWithCountsAndReadsOne)
{
    auto *list = m_page->conversationModel();
    ASSERT_EQ(list->rowCount(), 2);
    // Latest activity first: the school message (11:00) is newer than the practice chat.
    EXPECT_TRUE(list->data(list->index(0, ConversationListModel::Participants)).toString().contains("+447700900123"));
    const int practice = 1;
    EXPECT_EQ(list->data(list->index(practice, ConversationListModel::Messages)).toLongLong(), 5);
    EXPECT_EQ(list->data(list->index(practice, ConversationListModel::Recovered)).toLongLong(), 1);
    EXPECT_EQ(list->data(list->index(practice, ConversationListModel::First)).toString(), "2026-03-01 10:00");

    m_page->conversations()->selectRow(practice);
    QApplication::processEvents();
    auto *messages = m_page->messageModel();
    ASSERT_EQ(messages->rowCount(), 5);
    EXPECT_EQ(messages->messageAt(0)->body, "are you coming to football practice on saturday?");
    EXPECT_EQ(messages->messageAt(1)->row.direction, "outgoing");
    EXPECT_TRUE(m_page->headerText().contains("Android SMS/MMS"));
    EXPECT_TRUE(m_page->headerText().contains("1 recovered"));
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "conversations-chat").isEmpty());
}

TEST_F(ConversationsUi, WalOnlyMessageIsMarkedAndTheAttachmentStaysBlurred)
{
    m_page->openConversation(m_page->conversationModel()->conversationAt(1)->id);
    const int wal = rowOfText("running late");
    ASSERT_GE(wal, 0);
    EXPECT_EQ(m_page->messageModel()->messageAt(wal)->row.prov.recordSource, "wal");
    const int mms = rowOfText("team photo");
    ASSERT_GE(mms, 0);
    const ChatMessage *m = m_page->messageModel()->messageAt(mms);
    ASSERT_EQ(m->attachments.size(), 1u);
    ASSERT_TRUE(m->attachments[0].fileId.has_value()) << "the MMS part was not linked to its file";
    // What the bubble draws is the blurred thumbnail, never the picture itself.
    ThumbnailCache cache;
    cache.setCase(m_caseDir);
    const QImage thumb = cache.thumbnail(*m->attachments[0].fileId);
    ASSERT_FALSE(thumb.isNull());
    const QImage sharp = m_picture.scaled(thumb.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // Blurred: the edges of the chequerboard are gone (neighbouring pixels barely differ).
    EXPECT_LT(edgeEnergy(thumb), edgeEnergy(sharp) / 4) << edgeEnergy(thumb) << " vs " << edgeEnergy(sharp);
    m_page->chat()->scrollTo(m_page->messageModel()->index(mms));
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "conversations-attachment").isEmpty());
}

TEST_F(ConversationsUi, SearchFindsHighlightsAndOpensTheConversation)
{
    m_page->searchBox()->setText("PICK corner");
    QTest::keyClick(m_page->searchBox(), Qt::Key_Return);
    auto *messages = m_page->messageModel();
    ASSERT_TRUE(messages->isSearchResults());
    ASSERT_EQ(messages->rowCount(), 1);
    const ChatMessage *hit = messages->messageAt(0);
    ASSERT_EQ(hit->hits.size(), 2);
    EXPECT_EQ(hit->body.mid(hit->hits[0].first, hit->hits[0].second), "pick");
    EXPECT_EQ(hit->body.mid(hit->hits[1].first, hit->hits[1].second), "corner");
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "conversations-search").isEmpty());

    ASSERT_TRUE(m_page->openMessage(hit->row.id));
    EXPECT_FALSE(messages->isSearchResults());
    EXPECT_EQ(messages->rowCount(), 5);
    const QModelIndex current = m_page->chat()->currentIndex();
    ASSERT_TRUE(current.isValid());
    const ChatMessage *opened = messages->messageAt(current.row());
    EXPECT_TRUE(opened->body.startsWith("yes! mum is driving"));
    EXPECT_EQ(opened->hits.size(), 2);   // still highlighted in the conversation
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "conversations-search-opened").isEmpty());
}

TEST_F(ConversationsUi, SelectingAMessageShowsWhereItWasRead)
{
    DetailPane detail;
    detail.setCase(m_caseDir);
    QObject::connect(m_page.get(), &ConversationsPage::messageSelected, &detail,
                     [&](const casedb::MessageRow &m) { detail.showMessage(m); });
    m_page->openConversation(m_page->conversationModel()->conversationAt(1)->id);
    const int wal = rowOfText("running late");
    m_page->chat()->setCurrentIndex(m_page->messageModel()->index(wal));
    QApplication::processEvents();
    const QString text = detail.metadataText();
    EXPECT_TRUE(text.contains("/data/user_de/0/com.android.providers.telephony/databases/mmssms.db")) << text.toStdString();
    EXPECT_TRUE(text.contains("sms / 5")) << text.toStdString();
    EXPECT_TRUE(text.contains("android-sms 1.0.0")) << text.toStdString();
    EXPECT_TRUE(text.contains("write-ahead log")) << text.toStdString();
    EXPECT_TRUE(text.contains("mmssms.db-wal")) << text.toStdString();
    detail.resize(520, 700);
    detail.show();
    EXPECT_FALSE(test::saveScreenshot(&detail, "conversations-provenance").isEmpty());
}

TEST_F(ConversationsUi, ClickingAnAttachmentOpensItsFileBlurred)
{
    m_page->openConversation(m_page->conversationModel()->conversationAt(1)->id);
    const int mms = rowOfText("team photo");
    auto *chat = m_page->chat();
    chat->scrollTo(m_page->messageModel()->index(mms));
    QApplication::processEvents();
    const QRect row = chat->visualRect(m_page->messageModel()->index(mms));
    qint64 opened = 0;
    QObject::connect(m_page.get(), &ConversationsPage::attachmentActivated, [&](qint64 id) { opened = id; });
    // Find the thumbnail by probing the row (its place depends on the font).
    for (int y = row.top(); y < row.bottom() && !opened; y += 6)
        for (int x = row.left(); x < row.right() && !opened; x += 6)
            if (chat->attachmentAt(QPoint(x, y)))
                QTest::mouseClick(chat->viewport(), Qt::LeftButton, {}, QPoint(x + 2, y + 2));
    EXPECT_EQ(opened, *m_page->messageModel()->messageAt(mms)->attachments[0].fileId);
}

} // namespace
