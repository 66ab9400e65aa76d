// SPDX-License-Identifier: GPL-3.0-or-later
// Whole CASE/UCO exports of synthetic cases (the people tests' grooming scenario), read back: the
// document parses, its counts are the case's, each message carries its body, time, sender and
// recipients, files their hashes, attachments and sources their relationships, every id is defined
// once and every reference resolves — also for an empty case, hostile text, a person filter and a
// file limit; a target that cannot be written gives an error and leaves nothing behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include "core/casedb/casestore.h"
#include "core/report/caseuco/caseuco.h"
#include "core/util/utf8.h"
#include "tests/core/analysis/people/peoplecase.h"
#include "tests/core/report/caseuco/ucograph.h"
#include "tests/testutil/tempdir.h"

using namespace vigil;
using namespace vigil::test;
using report::CaseUcoOptions;
using report::CaseUcoStats;

namespace {

class CaseUco : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = PeopleCase::create(m_tmp.path() / "case");
        ASSERT_TRUE(m_case);
        m_s = buildScenario(*m_case, true);
    }
    void exec(const std::string &sql)
    {
        auto r = m_case->db().exec(sql);
        ASSERT_TRUE(r) << sql << ": " << r.error().toString();
    }
    // Exports with these options and reads the document back (checked for duplicates and dangling ids).
    std::unique_ptr<UcoGraph> exportCase(CaseUcoOptions options = {})
    {
        if (options.toolVersion.empty())
            options.toolVersion = "9.9.9";
        const auto out = m_tmp.path() / "case.jsonld";
        auto stats = report::writeCaseUco(m_case->db(), out, options);
        EXPECT_TRUE(stats) << stats.error().toString();
        if (!stats)
            return nullptr;
        m_stats = *stats;
        std::string error;
        auto graph = UcoGraph::load(out, error);
        EXPECT_TRUE(graph) << error;
        if (graph) {
            EXPECT_EQ(graph->duplicateIds(), std::vector<std::string>{});
            EXPECT_EQ(graph->danglingReferences(), std::vector<std::string>{});
            EXPECT_EQ(static_cast<std::int64_t>(graph->top().size()), m_stats.objects);
        }
        return graph;
    }
    std::int64_t count(const std::string &sql) { return m_case->scalar(sql); }

    TempDir m_tmp;
    std::unique_ptr<PeopleCase> m_case;
    Scenario m_s;
    CaseUcoStats m_stats;
};

TEST_F(CaseUco, CountsMatchTheCase)
{
    auto g = exportCase();
    ASSERT_TRUE(g);
    EXPECT_EQ(m_stats.messages, count("SELECT count(*) FROM messages"));
    EXPECT_EQ(m_stats.threads, count("SELECT count(*) FROM conversations"));
    EXPECT_EQ(m_stats.accounts, count("SELECT count(*) FROM accounts"));
    EXPECT_EQ(m_stats.files, count("SELECT count(*) FROM files WHERE meta_type NOT IN ('dir', 'virtual')"));
    EXPECT_EQ(static_cast<std::int64_t>(g->ofType("uco-observable:Message").size()), m_stats.messages);
    EXPECT_EQ(static_cast<std::int64_t>(g->ofType("uco-observable:MessageThread").size()), m_stats.threads);
    EXPECT_EQ(static_cast<std::int64_t>(g->ofType("uco-observable:ApplicationAccount").size()), m_stats.accounts);
    EXPECT_EQ(g->ofType("uco-identity:Person").size(), 11u + 1u) << "ten persons and the examiner";
    const auto relationships = g->ofType("uco-observable:ObservableRelationship").size() +
                               g->ofType("uco-core:Relationship").size();
    EXPECT_EQ(static_cast<std::int64_t>(relationships), m_stats.relationships);
    EXPECT_GT(m_stats.relationships, m_stats.messages) << "every message cites its source, every account its holder";
    EXPECT_EQ(g->context().at("kb").back(), '/');
}

TEST_F(CaseUco, MessagesCarryBodyTimeSenderAndRecipients)
{
    auto g = exportCase();
    ASSERT_TRUE(g);
    const auto *message = g->find("message", m_s.messages["ava-age"]);
    ASSERT_TRUE(message);
    const auto *facet = UcoGraph::facet(*message, "uco-observable:MessageFacet");
    ASSERT_TRUE(facet);
    EXPECT_EQ(UcoGraph::text(*facet, "uco-observable:messageText"), "I'm 13 lol");
    EXPECT_EQ(UcoGraph::literal(*facet, "uco-observable:sentTime", "xsd:dateTime"), "2024-02-03T20:00:00Z");
    EXPECT_EQ(UcoGraph::refs(*facet, "uco-observable:from"),
              std::vector<std::string>{g->idOf("account", m_s.accounts["ava"])});
    EXPECT_EQ(UcoGraph::refs(*facet, "uco-observable:to"),
              std::vector<std::string>{g->idOf("account", m_s.accounts["suspect-ios"])});
    const auto app = UcoGraph::refs(*facet, "uco-observable:application");
    ASSERT_EQ(app.size(), 1u);
    EXPECT_EQ(UcoGraph::text(*g->node(app[0]), "uco-core:name"), "iOS Messages");
    // Every message node has a facet with a time and a sender (the scenario's messages all do).
    for (const auto *m : g->ofType("uco-observable:Message")) {
        const auto *f = UcoGraph::facet(*m, "uco-observable:MessageFacet");
        ASSERT_TRUE(f);
        EXPECT_FALSE(UcoGraph::literal(*f, "uco-observable:sentTime", "xsd:dateTime").empty());
        EXPECT_EQ(UcoGraph::refs(*f, "uco-observable:from").size(), 1u);
    }
}

TEST_F(CaseUco, ThreadsListTheirMessagesInOrderWithParticipants)
{
    auto g = exportCase();
    ASSERT_TRUE(g);
    const auto *thread = g->find("thread", m_s.conversations["group"]);
    ASSERT_TRUE(thread);
    const auto *facet = UcoGraph::facet(*thread, "uco-observable:MessageThreadFacet");
    ASSERT_TRUE(facet);
    EXPECT_EQ(UcoGraph::refs(*facet, "uco-observable:participant").size(), 3u);
    const auto &list = (*facet)["uco-observable:messageThread"];
    EXPECT_TRUE(UcoGraph::hasType(list, "uco-types:Thread"));
    EXPECT_EQ(UcoGraph::literal(list, "co:size", "xsd:nonNegativeInteger"), "3");
    const auto &items = list["co:item"];
    ASSERT_TRUE(items.IsArray());
    ASSERT_EQ(items.Size(), 3u);
    std::vector<std::string> bodies;
    for (const auto &item : items.GetArray()) {
        const auto content = UcoGraph::refs(item, "co:itemContent");
        ASSERT_EQ(content.size(), 1u);
        bodies.push_back(UcoGraph::text(*UcoGraph::facet(*g->node(content[0]), "uco-observable:MessageFacet"),
                                        "uco-observable:messageText"));
    }
    EXPECT_EQ(bodies, (std::vector<std::string>{"great match today", "see you sunday", "well played all"}));
    EXPECT_EQ(UcoGraph::literal(items[0], "co:index", "xsd:positiveInteger"), "1");
    EXPECT_EQ(UcoGraph::refs(items[0], "uco-types:threadNextItem"), std::vector<std::string>{items[1]["@id"].GetString()});
    // A group message goes to every other participant when the app recorded no recipients.
    const auto *last = g->node(UcoGraph::refs(items[2], "co:itemContent")[0]);
    EXPECT_EQ(UcoGraph::refs(*UcoGraph::facet(*last, "uco-observable:MessageFacet"), "uco-observable:to").size(), 2u);
}

TEST_F(CaseUco, FilesCarryTheirHashesAndLocation)
{
    exec("UPDATE files SET md5 = 'D41D8CD98F00B204E9800998ECF8427E', sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709', "
         "sha256 = 'not-a-hash', sig_mime = 'application/x-sqlite3', mtime = 1706745600000000000 WHERE id = 1");
    auto g = exportCase();
    ASSERT_TRUE(g);
    const auto *file = g->find("file", 1);
    ASSERT_TRUE(file);
    const auto *names = UcoGraph::facet(*file, "uco-observable:FileFacet");
    ASSERT_TRUE(names);
    EXPECT_EQ(UcoGraph::text(*names, "uco-observable:fileName"), "chat.db");
    EXPECT_EQ(UcoGraph::text(*names, "uco-observable:filePath"), "/chat.db");
    EXPECT_EQ((*names)["uco-observable:sizeInBytes"].GetInt64(), 4096);
    EXPECT_EQ(UcoGraph::literal(*names, "uco-observable:modifiedTime", "xsd:dateTime"), "2024-02-01T00:00:00Z");
    const auto *content = UcoGraph::facet(*file, "uco-observable:ContentDataFacet");
    ASSERT_TRUE(content);
    std::map<std::string, std::string> hashes;
    for (const auto &h : (*content)["uco-observable:hash"].GetArray()) {
        EXPECT_TRUE(UcoGraph::hasType(h, "uco-types:Hash"));
        hashes[UcoGraph::text(h, "uco-types:hashMethod")] = UcoGraph::literal(h, "uco-types:hashValue", "xsd:hexBinary");
    }
    EXPECT_EQ(hashes, (std::map<std::string, std::string>{{"MD5", "d41d8cd98f00b204e9800998ecf8427e"},
                                                          {"SHA1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"}}))
        << "a malformed SHA-256 is left out rather than written as hexBinary";
    EXPECT_EQ(UcoGraph::text(*content, "uco-observable:mimeType"), "application/x-sqlite3");
    // The file lies in its evidence item (no file system in this case) at its path.
    bool located = false;
    for (const auto *r : g->ofType("uco-observable:ObservableRelationship")) {
        if (UcoGraph::refs(*r, "uco-core:source") == std::vector<std::string>{g->idOf("file", 1)} &&
            UcoGraph::text(*r, "uco-core:kindOfRelationship") == "Contained_Within") {
            located = UcoGraph::refs(*r, "uco-core:target") == std::vector<std::string>{g->idOf("evidence", 1)};
        }
    }
    EXPECT_TRUE(located);
}

TEST_F(CaseUco, FatTimesWithoutAZoneHaveNone)
{
    exec("INSERT INTO filesystems (id, evidence_id, start_offset, fs_type) VALUES (1, 1, 0, 'fat32')");
    exec("UPDATE files SET fs_id = 1, mtime = 1706745600000000000 WHERE id = 1");
    auto g = exportCase();
    ASSERT_TRUE(g);
    const auto *names = UcoGraph::facet(*g->find("file", 1), "uco-observable:FileFacet");
    EXPECT_EQ(UcoGraph::literal(*names, "uco-observable:modifiedTime", "xsd:dateTime"), "2024-02-01T00:00:00")
        << "a FAT wall-clock time read with no zone given is not claimed to be UTC";
    exec("UPDATE evidence SET fs_timezone = 'Europe/London' WHERE id = 1");
    g = exportCase();
    ASSERT_TRUE(g);
    names = UcoGraph::facet(*g->find("file", 1), "uco-observable:FileFacet");
    EXPECT_EQ(UcoGraph::literal(*names, "uco-observable:modifiedTime", "xsd:dateTime"), "2024-02-01T00:00:00Z");
}

TEST_F(CaseUco, AttachmentsPointAtTheirFileOrStandAlone)
{
    // ava-photo's attachment was not found in the evidence; ben-pic's is the file chat.db (id 1).
    exec("UPDATE attachments SET file_id = 1, file_name = 'IMG-1.jpg' WHERE message_id = " +
         std::to_string(m_s.messages["ben-pic"]));
    auto g = exportCase();
    ASSERT_TRUE(g);
    std::map<std::string, std::string> attachmentOf;   // message id -> source node id
    for (const auto *r : g->ofType("uco-observable:ObservableRelationship")) {
        if (UcoGraph::text(*r, "uco-core:kindOfRelationship") == "Attachment_Of")
            attachmentOf[UcoGraph::refs(*r, "uco-core:target").at(0)] = UcoGraph::refs(*r, "uco-core:source").at(0);
    }
    EXPECT_EQ(attachmentOf.size(), static_cast<std::size_t>(count("SELECT count(*) FROM attachments")));
    EXPECT_EQ(attachmentOf[g->idOf("message", m_s.messages["ben-pic"])], g->idOf("file", 1));
    const auto *own = g->node(attachmentOf[g->idOf("message", m_s.messages["ava-photo"])]);
    ASSERT_TRUE(own);
    EXPECT_TRUE(UcoGraph::hasType(*own, "uco-observable:File"));
    EXPECT_EQ(UcoGraph::text(*UcoGraph::facet(*own, "uco-observable:FileFacet"), "uco-observable:fileName"), "IMG-0.jpg");
}

TEST_F(CaseUco, RecordsCiteTheDatabaseTheyWereReadFrom)
{
    exec("UPDATE messages SET source_table = 'messages', source_rowid = 77 WHERE id = " +
         std::to_string(m_s.messages["ava-age"]));
    auto g = exportCase();
    ASSERT_TRUE(g);
    const std::string message = g->idOf("message", m_s.messages["ava-age"]);
    const UcoGraph::Value *source = nullptr;
    for (const auto *r : g->ofType("uco-observable:ObservableRelationship")) {
        if (UcoGraph::refs(*r, "uco-core:source") == std::vector<std::string>{message})
            source = r;
    }
    ASSERT_TRUE(source);
    EXPECT_EQ(UcoGraph::text(*source, "uco-core:kindOfRelationship"), "Contained_Within");
    EXPECT_EQ(UcoGraph::refs(*source, "uco-core:target"), std::vector<std::string>{g->idOf("file", 1)});
    EXPECT_EQ(UcoGraph::text(*source, "uco-core:description"), "Read by whatsapp-android 1");
    const auto *row = UcoGraph::facet(*source, "uco-observable:SQLiteBlobFacet");
    ASSERT_TRUE(row);
    EXPECT_EQ(UcoGraph::text(*row, "uco-observable:tableName"), "messages");
    EXPECT_EQ(UcoGraph::text(*row, "uco-observable:rowCondition"), "rowid = 77");
}

TEST_F(CaseUco, AccountsBelongToTheirPersons)
{
    auto g = exportCase();
    ASSERT_TRUE(g);
    const auto *account = g->find("account", m_s.accounts["suspect-skype"]);
    ASSERT_TRUE(account);
    EXPECT_EQ(UcoGraph::text(*UcoGraph::facet(*account, "uco-observable:AccountFacet"), "uco-observable:accountIdentifier"),
              "alex.dunn.1987");
    EXPECT_EQ(UcoGraph::text(*UcoGraph::facet(*account, "uco-observable:DigitalAccountFacet"), "uco-observable:displayName"),
              "Alex Dunn");
    EXPECT_EQ(UcoGraph::text(*account, "uco-core:tag"), "device owner");
    int held = 0;
    for (const auto *r : g->ofType("uco-core:Relationship")) {
        if (UcoGraph::text(*r, "uco-core:kindOfRelationship") != "Has_Account")
            continue;
        EXPECT_TRUE(UcoGraph::hasType(*g->node(UcoGraph::refs(*r, "uco-core:source").at(0)), "uco-identity:Person"));
        if (UcoGraph::refs(*r, "uco-core:source") == std::vector<std::string>{g->idOf("person", m_s.suspect)})
            ++held;
    }
    EXPECT_EQ(held, 3) << "the suspect holds three accounts";
}

TEST_F(CaseUco, APersonFilterKeepsTheirConversationsOnly)
{
    CaseUcoOptions options;
    options.personIds = {m_s.ben};
    auto g = exportCase(options);
    ASSERT_TRUE(g);
    EXPECT_EQ(m_stats.threads, 1);
    EXPECT_EQ(m_stats.messages, count("SELECT count(*) FROM messages WHERE conversation_id = " +
                                      std::to_string(m_s.conversations["ben"])));
    EXPECT_EQ(m_stats.accounts, 2) << "Ben's and the suspect's WhatsApp accounts";
    EXPECT_TRUE(g->find("thread", m_s.conversations["ben"]));
    EXPECT_FALSE(g->find("thread", m_s.conversations["ava"]));
    EXPECT_FALSE(g->find("account", m_s.accounts["ava"]));
    EXPECT_EQ(m_stats.files, 2) << "files are not filtered by person";

    options.personIds = {987654};
    const auto r = report::writeCaseUco(m_case->db(), m_tmp.path() / "none.jsonld", options);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(std::filesystem::exists(m_tmp.path() / "none.jsonld"));
}

TEST_F(CaseUco, AFileLimitDropsFilesAndEveryReferenceToThem)
{
    CaseUcoOptions options;
    options.maxFiles = 1;
    auto g = exportCase(options);   // the dangling-reference check is the point
    ASSERT_TRUE(g);
    EXPECT_EQ(m_stats.files, 1);
    EXPECT_TRUE(g->find("file", 1));
    EXPECT_FALSE(g->find("file", 2)) << "the phone's chat.db is past the limit";
    options.maxFiles = 0;
    g = exportCase(options);
    ASSERT_TRUE(g);
    EXPECT_EQ(m_stats.files, 0);
    EXPECT_EQ(m_stats.messages, count("SELECT count(*) FROM messages")) << "messages stay; only their source citation goes";
}

TEST_F(CaseUco, IdsAreTheSameInTwoExports)
{
    auto first = exportCase();
    auto second = exportCase();
    ASSERT_TRUE(first && second);
    std::set<std::string> a, b;
    for (const auto *v : first->top())
        a.insert((*v)["@id"].GetString());
    for (const auto *v : second->top())
        b.insert((*v)["@id"].GetString());
    std::vector<std::string> differ;
    std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(differ));
    ASSERT_EQ(differ.size(), 2u) << "only the export action itself (a new one each time) differs";
    EXPECT_TRUE(differ[0].starts_with("kb:export-") && differ[1].starts_with("kb:export-"));
}

TEST(CaseUcoEmpty, AnEmptyCaseIsAValidDocument)
{
    TempDir tmp;
    {
        auto store = casedb::CaseStore::openOrCreate(tmp.path() / "case", {"", "", ""}, "");
        ASSERT_TRUE(store) << store.error().toString();
    }
    auto db = casedb::Database::open(tmp.path() / "case" / casedb::CaseStore::kDatabaseName, casedb::Database::Mode::ReadOnly);
    ASSERT_TRUE(db);
    auto stats = report::writeCaseUco(*db, tmp.path() / "empty.jsonld", {"1.0", {}, -1});
    ASSERT_TRUE(stats) << stats.error().toString();
    EXPECT_EQ(stats->messages + stats->files + stats->threads + stats->accounts + stats->relationships, 0);
    std::string error;
    auto g = UcoGraph::load(tmp.path() / "empty.jsonld", error);
    ASSERT_TRUE(g) << error;
    EXPECT_EQ(g->danglingReferences(), std::vector<std::string>{});
    ASSERT_EQ(g->ofType("case-investigation:Investigation").size(), 1u);
    EXPECT_EQ(UcoGraph::text(*g->ofType("case-investigation:Investigation")[0], "uco-core:name"), "Vigil case");
    bool tool = false;
    for (const auto *t : g->ofType("uco-tool:Tool"))
        tool = tool || UcoGraph::text(*t, "uco-tool:version") == "1.0";
    EXPECT_TRUE(tool) << "the exporting Vigil is named with its version";
}

TEST(CaseUcoEmpty, NotACaseIsAnError)
{
    TempDir tmp;
    auto db = casedb::Database::open(tmp.path() / "x.db", casedb::Database::Mode::ReadWrite, true);
    ASSERT_TRUE(db);
    const auto r = report::writeCaseUco(*db, tmp.path() / "x.jsonld", {});
    EXPECT_FALSE(r);
    EXPECT_FALSE(std::filesystem::exists(tmp.path() / "x.jsonld"));
}

TEST_F(CaseUco, HostileTextStaysValidJson)
{
    using namespace std::string_literals;
    const std::string body = "quote \" backslash \\ newline\n bell \x07 del \x7f bad \xff\xfe nul \0 end </script> \xE2\x80\xA8"s;
    const auto conv = m_s.conversations["ava"];
    const auto id = m_case->message(conv, m_s.accounts["ava"], "incoming", feb(20), body);
    exec("UPDATE conversations SET title = 'x\"}]' || char(10) || '{' WHERE id = " + std::to_string(conv));
    exec("UPDATE accounts SET display_name = CAST(X'41FF22005C' AS TEXT) WHERE id = " + std::to_string(m_s.accounts["ava"]));
    exec("UPDATE case_info SET case_number = 'OP \"1\" \\ ' || char(1)");
    auto g = exportCase();   // parsed with UTF-8 validation
    ASSERT_TRUE(g);
    const auto *facet = UcoGraph::facet(*g->find("message", id), "uco-observable:MessageFacet");
    ASSERT_TRUE(facet);
    EXPECT_EQ(UcoGraph::text(*facet, "uco-observable:messageText"), sanitizeUtf8(body))
        << "every byte survives except the invalid ones and NUL, each now U+FFFD";
    EXPECT_EQ(UcoGraph::text(*g->find("thread", conv), "uco-core:name"), "x\"}]\n{");
    EXPECT_EQ(UcoGraph::text(*g->ofType("case-investigation:Investigation")[0], "uco-core:name"), "OP \"1\" \\ \x01");
}

TEST_F(CaseUco, AnUnwritableTargetIsAnErrorAndLeavesNothing)
{
    const auto blocker = m_tmp.path() / "file.txt";
    { std::ofstream(blocker) << "x"; }
    auto r = report::writeCaseUco(m_case->db(), blocker / "out.jsonld", {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::NotFound) << "its folder is a file";

    // A directory in the way: refused before anything is written.
    const auto folder = m_tmp.path() / "out";
    std::filesystem::create_directories(folder / "inside");
    const auto before = std::distance(std::filesystem::directory_iterator(m_tmp.path()), {});
    r = report::writeCaseUco(m_case->db(), folder, {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(m_tmp.path()), {}), before) << "no partial file left";
    EXPECT_TRUE(std::filesystem::is_directory(folder / "inside"));
}

} // namespace
