// SPDX-License-Identifier: GPL-3.0-or-later
// The source filter (live / deleted / carved / recovered / nested / wal) of every listing —
// files (both queries), media, messages, conversations — and the recovery counts, on a case
// with known answers (recoverycase.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/casedb/casestore.h"
#include "core/casedb/filequery.h"
#include "core/casedb/mediaquery.h"
#include "core/casedb/messagequery.h"
#include "core/casedb/queries.h"
#include "core/casedb/recoverycounts.h"
#include "tests/core/casedb/recoverycase.h"
#include "testdir.h"

using namespace vigil;
using namespace vigil::casedb;

namespace {

using Ids = std::vector<std::int64_t>;

class RecoveryViews : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto built = test::buildRecoveryCase(m_dir.path() / "case");
        ASSERT_TRUE(built) << built.error().toString();
        auto db = CaseStore::openReadOnly(m_dir.path() / "case");
        ASSERT_TRUE(db) << db.error().toString();
        m_db = std::move(*db);
    }

    Ids files(SourceFilter source)
    {
        Ids ids;
        FileFilter filter;
        filter.source = source;
        auto n = forEachFile(m_db, filter, [&](const FileRow &r) { ids.push_back(r.id); });
        EXPECT_TRUE(n) << n.error().toString();
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    Ids pagedFiles(FileQueryFilter filter)
    {
        Ids ids;
        for (std::int64_t after = 0;;) {   // pages of 2: keyset pagination with the filter
            auto page = fetchFiles(m_db, filter, after, 2);
            EXPECT_TRUE(page) << page.error().toString();
            if (!page || page->empty())
                break;
            for (const auto &r : *page)
                ids.push_back(r.id);
            after = page->back().id;
        }
        auto n = countFiles(m_db, filter);
        EXPECT_TRUE(n);
        EXPECT_EQ(n.value_or(-1), static_cast<std::int64_t>(ids.size()));
        return ids;
    }

    Ids media(SourceFilter source)
    {
        MediaFilter filter;
        filter.source = source;
        auto rows = listMedia(m_db, filter);
        EXPECT_TRUE(rows) << rows.error().toString();
        Ids ids;
        for (const auto &m : rows.value_or(std::vector<MediaRow>{}))
            ids.push_back(m.fileId);
        return ids;
    }

    Ids messages(SourceFilter source, const std::string &search = {})
    {
        MessageFilter filter;
        filter.source = source;
        filter.search = search;
        Ids ids;
        auto n = forEachMessage(m_db, filter, [&](const MessageRow &m) { ids.push_back(m.id); });
        EXPECT_TRUE(n) << n.error().toString();
        auto count = countMessages(m_db, filter);
        EXPECT_TRUE(count);
        EXPECT_EQ(count.value_or(-1), static_cast<std::int64_t>(ids.size()));
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    Ids conversations(SourceFilter source)
    {
        ConversationFilter filter;
        filter.source = source;
        auto rows = listConversations(m_db, filter);
        EXPECT_TRUE(rows) << rows.error().toString();
        Ids ids;
        for (const auto &c : rows.value_or(std::vector<ConversationRow>{}))
            ids.push_back(c.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    TestDir m_dir;
    Database m_db;
};

} // namespace

TEST(SourceFilterNames, RoundTripAndRejectUnknown)
{
    for (auto f : {SourceFilter::All, SourceFilter::Live, SourceFilter::Deleted, SourceFilter::Carved,
                   SourceFilter::Recovered, SourceFilter::Nested, SourceFilter::Wal})
        EXPECT_EQ(sourceFilterFromName(sourceFilterName(f)), f);
    EXPECT_EQ(sourceFilterFromName("Recovered"), std::nullopt);
    EXPECT_EQ(sourceFilterFromName(""), std::nullopt);
    EXPECT_EQ(sourceFilterFromName("recovered; DROP TABLE files"), std::nullopt);
    EXPECT_EQ(fileSourceLabel("fs", true), "live");
    EXPECT_EQ(fileSourceLabel("fs", false), "deleted");
    EXPECT_EQ(fileSourceLabel("carved", false), "carved");
    EXPECT_EQ(fileSourceLabel("member", true), "member");
}

TEST_F(RecoveryViews, FileListingFiltersBySource)
{
    EXPECT_EQ(files(SourceFilter::All).size(), 17u);
    EXPECT_EQ(files(SourceFilter::Live), (Ids{1, 3, 8, 10, 13, 15, 16}));
    EXPECT_EQ(files(SourceFilter::Deleted), (Ids{2, 12, 17}));
    EXPECT_EQ(files(SourceFilter::Carved), (Ids{4, 5, 6, 7}));
    EXPECT_EQ(files(SourceFilter::Recovered), (Ids{2, 4, 5, 6, 7, 12, 17}));
    EXPECT_EQ(files(SourceFilter::Nested), (Ids{9, 11, 14}));
    // The old "deleted" flag still means "not allocated" (carved files included) and combines.
    FileFilter deleted;
    deleted.deletedOnly = true;
    deleted.source = SourceFilter::Carved;
    deleted.evidenceId = 1;
    Ids ids;
    ASSERT_TRUE(forEachFile(m_db, deleted, [&](const FileRow &r) { ids.push_back(r.id); }));
    EXPECT_EQ(ids, (Ids{4, 5, 6, 7}));
}

TEST_F(RecoveryViews, WalIsNotASourceOfFilesOrMedia)
{
    FileFilter filter;
    filter.source = SourceFilter::Wal;
    auto n = forEachFile(m_db, filter, [](const FileRow &) {});
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, ErrorCode::InvalidArgument);
    FileQueryFilter table;
    table.source = SourceFilter::Wal;
    EXPECT_FALSE(fetchFiles(m_db, table, 0, 10));
    EXPECT_FALSE(countFiles(m_db, table));
    MediaFilter mediaFilter;
    mediaFilter.source = SourceFilter::Wal;
    EXPECT_FALSE(listMedia(m_db, mediaFilter));
}

TEST_F(RecoveryViews, FileTableQueryPagesThroughEachSourceAndCombinesFilters)
{
    FileQueryFilter f;
    f.source = SourceFilter::Recovered;
    EXPECT_EQ(pagedFiles(f), (Ids{2, 4, 5, 6, 7, 12, 17}));
    f.signatureType = "jpeg";
    EXPECT_EQ(pagedFiles(f), (Ids{2, 4, 5, 6, 17}));
    f.evidenceId = 2;
    EXPECT_EQ(pagedFiles(f), (Ids{17}));
    FileQueryFilter nested;
    nested.source = SourceFilter::Nested;
    nested.pathContains = "pics.zip>>";
    EXPECT_EQ(pagedFiles(nested), (Ids{9, 14}));
    FileQueryFilter live;
    live.source = SourceFilter::Live;
    live.evidenceId = 1;
    EXPECT_EQ(pagedFiles(live), (Ids{1, 3, 8, 10, 13}));
}

TEST_F(RecoveryViews, FileRowsCarryTheirOrigin)
{
    auto rows = filesByIds(m_db, {1, 4, 6, 11});
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 4u);
    const FileRow &live = (*rows)[0], &slack = (*rows)[1], &partial = (*rows)[2], &embedded = (*rows)[3];
    EXPECT_EQ(live.origin, "fs");
    EXPECT_EQ(live.sourceLabel(), "live");
    EXPECT_FALSE(live.parentId);
    EXPECT_EQ(slack.origin, "carved");
    EXPECT_EQ(slack.parentId, 3);
    EXPECT_EQ(slack.originOffset, 0x3000);
    EXPECT_EQ(slack.carveStatus, "complete");
    EXPECT_EQ(slack.depth, 1);
    EXPECT_EQ(partial.carveStatus, "partial");
    EXPECT_EQ(partial.carveNote, "fragmented or overwritten after 40 %");
    EXPECT_EQ(partial.originOffset, 0x2b000000);
    EXPECT_EQ(embedded.sourceLabel(), "embedded");
    EXPECT_EQ(embedded.parentId, 10);
    EXPECT_EQ(embedded.originOffset, 0x1f400);
}

TEST_F(RecoveryViews, MediaFilterBySourceOfTheirFile)
{
    EXPECT_EQ(media(SourceFilter::All), (Ids{1, 2, 4, 5, 6, 9, 11, 16, 17}));
    EXPECT_EQ(media(SourceFilter::Live), (Ids{1, 16}));
    EXPECT_EQ(media(SourceFilter::Deleted), (Ids{2, 17}));
    EXPECT_EQ(media(SourceFilter::Carved), (Ids{4, 5, 6}));
    EXPECT_EQ(media(SourceFilter::Recovered), (Ids{2, 4, 5, 6, 17}));
    EXPECT_EQ(media(SourceFilter::Nested), (Ids{9, 11}));
    MediaFilter one;
    one.fileId = 6;
    auto rows = listMedia(m_db, one);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().sourceLabel(), "carved");
    EXPECT_EQ(rows->front().carveStatus, "partial");
    EXPECT_EQ(rows->front().originOffset, 0x2b000000);
    EXPECT_FALSE(rows->front().parentId);
}

TEST_F(RecoveryViews, MessagesFilterByRecordAndDatabaseSource)
{
    EXPECT_EQ(messages(SourceFilter::All).size(), 11u);
    EXPECT_EQ(messages(SourceFilter::Live), (Ids{1, 2, 3}));
    EXPECT_EQ(messages(SourceFilter::Wal), (Ids{3}));
    EXPECT_EQ(messages(SourceFilter::Deleted), (Ids{4, 5, 6, 8, 9, 10}));
    EXPECT_EQ(messages(SourceFilter::Carved), (Ids{7, 8}));
    EXPECT_EQ(messages(SourceFilter::Recovered), (Ids{4, 5, 6, 7, 8, 9, 10}));
    EXPECT_EQ(messages(SourceFilter::Nested), (Ids{11}));
    // With a search and a conversation too.
    EXPECT_EQ(messages(SourceFilter::Recovered, "secret"), (Ids{5}));
    EXPECT_EQ(messages(SourceFilter::Live, "secret"), (Ids{}));
    MessageFilter inOne;
    inOne.conversationId = 1;
    inOne.source = SourceFilter::Recovered;
    EXPECT_EQ(countMessages(m_db, inOne).value_or(-1), 3);
}

TEST_F(RecoveryViews, MessageRowsSayWhereTheyWereRecovered)
{
    std::map<std::int64_t, MessageRow> rows;
    ASSERT_TRUE(forEachMessage(m_db, {}, [&](const MessageRow &m) { rows[m.id] = m; }));
    ASSERT_EQ(rows.size(), 11u);
    EXPECT_EQ(rows[5].prov.recordSource, "recovered");
    EXPECT_EQ(rows[5].prov.recoveredFrom, "freelist");
    EXPECT_EQ(rows[5].prov.sourceOffset, 8192);
    EXPECT_EQ(rows[5].prov.fileSource, "live");
    EXPECT_EQ(rows[3].prov.recordSource, "wal");
    EXPECT_EQ(rows[3].prov.recoveredFrom, "");
    EXPECT_EQ(rows[8].prov.fileSource, "carved");
    EXPECT_EQ(rows[8].prov.recoveredFrom, "unallocated");
    EXPECT_EQ(rows[9].prov.fileSource, "deleted");
    EXPECT_EQ(rows[11].prov.fileSource, "member");
    EXPECT_EQ(rows[11].conversation, "Archived chat");
}

TEST_F(RecoveryViews, ConversationsWithMessagesOfASource)
{
    EXPECT_EQ(conversations(SourceFilter::All), (Ids{1, 2, 3, 4}));
    EXPECT_EQ(conversations(SourceFilter::Live), (Ids{1}));
    EXPECT_EQ(conversations(SourceFilter::Wal), (Ids{1}));
    EXPECT_EQ(conversations(SourceFilter::Recovered), (Ids{1, 2, 3}));
    EXPECT_EQ(conversations(SourceFilter::Carved), (Ids{2}));
    EXPECT_EQ(conversations(SourceFilter::Nested), (Ids{4}));
    auto rows = listConversations(m_db, {});
    ASSERT_TRUE(rows);
    for (const auto &c : *rows) {
        if (c.id == 2) {
            EXPECT_EQ(c.prov.fileSource, "carved");
        }
    }
}

TEST_F(RecoveryViews, CountsPerSourceForTheCase)
{
    auto c = recoveryCounts(m_db);
    ASSERT_TRUE(c) << c.error().toString();
    EXPECT_EQ(c->files.total, 17);
    EXPECT_EQ(c->files.live, 7);
    EXPECT_EQ(c->files.deleted, 3);
    EXPECT_EQ(c->files.carvedUnallocated, 3);
    EXPECT_EQ(c->files.carvedSlack, 1);
    EXPECT_EQ(c->files.carvedPartial, 1);
    EXPECT_EQ(c->files.members, 2);
    EXPECT_EQ(c->files.embedded, 1);
    EXPECT_EQ(c->files.recovered(), 7);
    EXPECT_EQ(c->files.nested(), 3);
    EXPECT_EQ(c->media.total, 9);
    EXPECT_EQ(c->media.live, 2);
    EXPECT_EQ(c->media.deleted, 2);
    EXPECT_EQ(c->media.carved, 3);
    EXPECT_EQ(c->media.nested, 2);
    const auto &m = c->messages;
    EXPECT_EQ(m.total, 11);
    EXPECT_EQ(m.live, 5);
    EXPECT_EQ(m.walOnly, 1);
    EXPECT_EQ(m.recovered, 5);
    using Places = std::vector<std::pair<std::string, std::int64_t>>;
    EXPECT_EQ(m.recoveredFrom, (Places{{"freeblock", 1}, {"unallocated", 1}, {"freelist", 1}, {"wal", 1}, {"superseded", 0}, {"journal", 1}}));
    EXPECT_EQ(m.fromDeletedDatabases, 2);
    EXPECT_EQ(m.fromCarvedDatabases, 2);
    EXPECT_EQ(m.fromNestedDatabases, 1);
    // The same numbers as the Deleted and Recovered filters of the messages show.
    EXPECT_EQ(m.deletedView, static_cast<std::int64_t>(messages(SourceFilter::Deleted).size()));
    EXPECT_EQ(m.recoveredView, static_cast<std::int64_t>(messages(SourceFilter::Recovered).size()));
    EXPECT_EQ(m.recoveredView, 7);
    EXPECT_EQ(c->calls.total, 3);
    EXPECT_EQ(c->calls.live, 2);
    EXPECT_EQ(c->calls.recovered, 1);
    EXPECT_EQ(c->calls.recoveredFrom,
              (Places{{"freeblock", 0}, {"unallocated", 0}, {"freelist", 1}, {"wal", 0}, {"superseded", 0}, {"journal", 0}}));
    EXPECT_EQ(c->calls.fromCarvedDatabases, 1);
}

TEST_F(RecoveryViews, CountsPerEvidenceItem)
{
    auto disk = recoveryCounts(m_db, 1);
    auto phone = recoveryCounts(m_db, 2);
    auto none = recoveryCounts(m_db, 99);
    ASSERT_TRUE(disk && phone && none);
    EXPECT_EQ(disk->files.total, 14);
    EXPECT_EQ(disk->files.deleted, 2);
    EXPECT_EQ(disk->files.carved(), 4);
    EXPECT_EQ(phone->files.total, 3);
    EXPECT_EQ(phone->files.carved(), 0);
    EXPECT_EQ(disk->media.total, 7);
    EXPECT_EQ(phone->media.deleted, 1);
    EXPECT_EQ(disk->messages.total, 5);
    EXPECT_EQ(disk->messages.recovered, 2);
    EXPECT_EQ(disk->messages.deletedView, 3);
    EXPECT_EQ(disk->messages.recoveredView, 4);
    EXPECT_EQ(phone->messages.recovered, 3);
    EXPECT_EQ(phone->messages.walOnly, 1);
    EXPECT_EQ(none->files.total, 0);
    EXPECT_EQ(none->messages.total, 0);
    EXPECT_EQ(none->messages.recoveredFrom.size(), 6u);
}

TEST_F(RecoveryViews, OddRecoveryPlacesAreCountedNotDropped)
{
    // A row marked recovered with no place, and one with a place this build does not know.
    {
        auto rw = Database::open(m_dir.path() / "case" / CaseStore::kDatabaseName, Database::Mode::ReadWrite);
        ASSERT_TRUE(rw);
        ASSERT_TRUE(rw->exec("INSERT INTO messages (conversation_id, evidence_id, direction, source_id, record_source, "
                             "recovered_from) VALUES (1, 2, 'unknown', 1, 'recovered', NULL), "
                             "(1, 2, 'unknown', 1, 'recovered', 'overflow')"));
    }
    auto c = recoveryCounts(m_db);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->messages.recovered, 7);
    ASSERT_EQ(c->messages.recoveredFrom.size(), 8u);
    EXPECT_EQ(c->messages.recoveredFrom[6], (std::pair<std::string, std::int64_t>{"", 1}));
    EXPECT_EQ(c->messages.recoveredFrom[7], (std::pair<std::string, std::int64_t>{"overflow", 1}));
    EXPECT_EQ(messages(SourceFilter::Recovered).size(), 9u);
}
