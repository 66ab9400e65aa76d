// SPDX-License-Identifier: GPL-3.0-or-later
// The `vigil` command's recovery views, run as a process on a case with known answers
// (tests/core/casedb/recoverycase.h): --source / --recovered on files, media and messages,
// the origin columns in CSV and JSON, and `vigil summary` in text and JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "tests/core/casedb/recoverycase.h"
#include "tests/integration/harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

using Rows = std::vector<std::vector<std::string>>;
using Set = std::set<std::string>;

// RFC 4180 CSV (quoted fields with doubled quotes and line breaks).
Rows parseCsv(const std::string &text)
{
    Rows rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += text[++i];
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

class CliRecovery : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto built = buildRecoveryCase(m_tmp.path() / "case");
        ASSERT_TRUE(built) << built.error().toString();
    }

    CommandResult cli(const std::string &args)
    {
        return run(quote(vigilBinary().string()) + " " + args + " --case " + quote((m_tmp.path() / "case").string()));
    }

    // The CSV of a listing: header + rows; every row has as many fields as the header.
    Rows csv(const std::string &args)
    {
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 0) << args << "\n" << r.out;
        Rows rows = parseCsv(r.out);
        EXPECT_FALSE(rows.empty()) << args;
        for (const auto &row : rows)
            EXPECT_EQ(row.size(), rows.front().size()) << args;
        return rows;
    }

    // One column of every row (by its header name), as a set.
    Set column(const std::string &args, const std::string &name)
    {
        const Rows rows = csv(args);
        if (rows.empty())
            return {};
        const auto at = std::find(rows.front().begin(), rows.front().end(), name) - rows.front().begin();
        EXPECT_LT(static_cast<std::size_t>(at), rows.front().size()) << name;
        Set out;
        for (std::size_t i = 1; i < rows.size(); ++i)
            out.insert(rows[i].at(static_cast<std::size_t>(at)));
        return out;
    }

    // Runs python3 on the JSON output of a command: `expr` sees it as `d`.
    std::string python(const std::string &args, const std::string &expr)
    {
        const auto file = m_tmp.path() / "out.json";
        auto r = run(quote(vigilBinary().string()) + " " + args + " --case " + quote((m_tmp.path() / "case").string()) +
                     " > " + quote(file.string()));
        EXPECT_EQ(r.exitCode, 0) << r.out;
        return run("python3 -c " + quote("import json,sys; d=json.load(open(sys.argv[1])); print(" + expr + ")") + " " +
                   quote(file.string()))
            .out;
    }

    TempDir m_tmp;
};

const std::string kPictures = "/Users/ana/Pictures/";

} // namespace

TEST_F(CliRecovery, FilesBySource)
{
    EXPECT_EQ(column("files --source deleted", "path"),
              (Set{kPictures + "deleted.jpg", "/Users/ana/old.db", "/sdcard/DCIM/gone.jpg"}));
    const Set carved = {"/Users/ana/notes.txt>>$Slack>>@0x3000.jpg", "$Unallocated/1>>@0x2a000000.jpg",
                        "$Unallocated/1>>@0x2b000000.jpg", "$Unallocated/1>>@0x2c000000.sqlite"};
    EXPECT_EQ(column("files --source carved", "path"), carved);
    Set recovered = carved;
    recovered.insert({kPictures + "deleted.jpg", "/Users/ana/old.db", "/sdcard/DCIM/gone.jpg"});
    EXPECT_EQ(column("files --source recovered", "path"), recovered);
    EXPECT_EQ(column("files --recovered", "path"), recovered);
    EXPECT_EQ(column("files --source nested", "origin"), (Set{"member", "embedded"}));
    EXPECT_EQ(column("files --source nested --evidence 1", "path").size(), 3u);
    EXPECT_EQ(column("files --source live", "state"), (Set{"allocated"}));
    EXPECT_EQ(csv("files --source live").size(), 1u + 7u);
    EXPECT_EQ(csv("files").size(), 1u + 17u);
    EXPECT_EQ(csv("files --source all").size(), 1u + 17u);
}

TEST_F(CliRecovery, FilesCarryOriginColumnsInCsvAndJson)
{
    const Rows rows = csv("files --source carved");
    const std::vector<std::string> tail(rows.front().end() - 5, rows.front().end());
    EXPECT_EQ(tail, (std::vector<std::string>{"origin", "parent_id", "origin_offset", "carve_status", "carve_note"}));
    const auto partial = std::find_if(rows.begin(), rows.end(), [](const auto &r) { return r[4] == "$Unallocated/1>>@0x2b000000.jpg"; });
    ASSERT_NE(partial, rows.end());
    const std::vector<std::string> values(partial->end() - 5, partial->end());
    EXPECT_EQ(values, (std::vector<std::string>{"carved", "", "721420288", "partial", "fragmented or overwritten after 40 %"}));
    EXPECT_EQ(python("files --format json --source carved",
                     "[(f['origin_offset'], f['parent_id'], f['carve_status']) for f in d if '$Slack' in f['path']]"),
              "[(12288, 3, 'complete')]\n");
    EXPECT_EQ(python("files --format json --recovered", "sorted(set(f['origin'] for f in d))"), "['carved', 'fs']\n");
}

TEST_F(CliRecovery, MediaBySource)
{
    EXPECT_EQ(column("media --source carved", "path"),
              (Set{"/Users/ana/notes.txt>>$Slack>>@0x3000.jpg", "$Unallocated/1>>@0x2a000000.jpg",
                   "$Unallocated/1>>@0x2b000000.jpg"}));
    EXPECT_EQ(column("media --recovered", "name"),
              (Set{"deleted.jpg", "gone.jpg", "f3000.jpg", "f2a000000.jpg", "f2b000000.jpg"}));
    EXPECT_EQ(column("media --source nested", "origin"), (Set{"member", "embedded"}));
    EXPECT_EQ(column("media --source live", "name"), (Set{"holiday.jpg", "cam.jpg"}));
    EXPECT_EQ(column("media --source deleted --evidence 2", "name"), (Set{"gone.jpg"}));
    EXPECT_EQ(python("media --format json --source nested", "sorted((m['name'], m['parent_id'], m['origin_offset']) for m in d)"),
              "[('beach.jpg', 8, None), ('f1f400.png', 10, 128000)]\n");
}

TEST_F(CliRecovery, MessagesBySourceSayWhereTheyWereRecovered)
{
    EXPECT_EQ(column("messages --source recovered", "body"),
              (Set{"delete this message now", "our secret, tell nobody", "an older version of a message",
                   "read from a carved database", "carved and then recovered", "a text in a deleted database",
                   "found in the rollback journal"}));
    EXPECT_EQ(column("messages --recovered", "body").size(), 7u);
    EXPECT_EQ(column("messages --source wal", "body"), (Set{"running late"}));
    EXPECT_EQ(column("messages --source live", "record_source"), (Set{"live", "wal"}));
    EXPECT_EQ(column("messages --source carved", "database_source"), (Set{"carved"}));
    EXPECT_EQ(column("messages --source nested", "body"), (Set{"kept inside a zip archive"}));
    EXPECT_EQ(column("messages --source deleted --evidence 2", "recovered_from"), (Set{"freeblock", "freelist", "wal"}));
    EXPECT_EQ(column("messages --recovered --search secret", "match"), (Set{"our [[secret]], tell nobody"}));
    EXPECT_EQ(python("messages --format json --source deleted --conversation 3",
                     "[(m['body'], m['recovered_from'], m['source_offset'], m['database_source']) for m in d]"),
              "[('a text in a deleted database', '', None, 'deleted'), "
              "('found in the rollback journal', 'journal', 1024, 'deleted')]\n");
}

TEST_F(CliRecovery, BadSourcesAreUsageErrors)
{
    EXPECT_EQ(cli("files --source wal").exitCode, 64);
    EXPECT_EQ(cli("media --source wal").exitCode, 64);
    EXPECT_EQ(cli("files --source deletd").exitCode, 64);
    EXPECT_EQ(cli("messages --source RECOVERED").exitCode, 64);
    EXPECT_EQ(cli("media --recovered --source live").exitCode, 64);
    EXPECT_EQ(cli("files --source").exitCode, 64);
    auto r = cli("files --source bogus");
    EXPECT_NE(r.out.find("unknown source 'bogus'"), std::string::npos) << r.out;
}

TEST_F(CliRecovery, SummaryCountsPerSource)
{
    auto r = cli("summary");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("Evidence 1: disk.E01 (ewf, added)\n"
                         "  files: 14 - live 5, deleted 2, carved 4 (unallocated 3, slack 1; 1 partial), "
                         "nested 3 (archive members 2, embedded 1); recovered 6\n"
                         "  media: 7 - live 1, deleted 1, carved 3, nested 2; recovered 4\n"
                         "  messages: 5 - live 3, WAL-only 0, recovered 2 (freeblock 0, unallocated 1, freelist 0, wal 0, "
                         "superseded 0, journal 1); from deleted databases 2, carved databases 2, nested databases 1\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("All evidence:\n  files: 17 - live 7, deleted 3, carved 4"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  calls: 3 - live 2, WAL-only 0, recovered 1 (freeblock 0, unallocated 0, freelist 1,"),
              std::string::npos)
        << r.out;
    auto one = cli("summary --evidence 2");
    ASSERT_EQ(one.exitCode, 0) << one.out;
    EXPECT_EQ(one.out.find("disk.E01"), std::string::npos) << one.out;
    EXPECT_EQ(one.out.find("All evidence"), std::string::npos) << one.out;
    EXPECT_NE(one.out.find("  messages: 6 - live 2, WAL-only 1, recovered 3 (freeblock 1, unallocated 0, freelist 1, "
                           "wal 1, superseded 0, journal 0)"),
              std::string::npos)
        << one.out;
}

TEST_F(CliRecovery, SummaryAsJson)
{
    EXPECT_EQ(python("summary --format json",
                     "d['total']['files']['recovered'], d['total']['media']['carved'], "
                     "d['total']['messages']['recovered_from'], d['evidence'][1]['name'], "
                     "d['evidence'][0]['counts']['files']['carved_partial'], d['total']['calls']['from_carved_databases']"),
              "7 3 {'freeblock': 1, 'unallocated': 1, 'freelist': 1, 'wal': 1, 'superseded': 0, 'journal': 1} phone 1 1\n");
    EXPECT_EQ(python("summary --format json --evidence 1", "len(d['evidence']), d['total']['messages']['total']"),
              "1 5\n");
    // What `messages --source deleted|recovered` lists.
    EXPECT_EQ(python("summary --format json",
                     "d['total']['messages']['listed_as_deleted'], d['total']['messages']['listed_as_recovered']"),
              "6 7\n");
}

TEST_F(CliRecovery, SummaryErrors)
{
    EXPECT_EQ(cli("summary --evidence 99").exitCode, 2);
    EXPECT_EQ(cli("summary --evidence one").exitCode, 64);
    EXPECT_EQ(cli("summary --format xml").exitCode, 64);
    EXPECT_EQ(cli("summary --bogus").exitCode, 64);
    EXPECT_EQ(run(quote(vigilBinary().string()) + " summary").exitCode, 64);
    auto missing = run(quote(vigilBinary().string()) + " summary --case " + quote((m_tmp.path() / "nothing").string()));
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.out.find("no Vigil case"), std::string::npos) << missing.out;
}

TEST(CliRecoveryUsage, HelpListsTheNewOptions)
{
    auto r = run(quote(vigilBinary().string()) + " --help");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("vigil summary --case DIR"), std::string::npos);
    EXPECT_NE(r.out.find("--recovered is short for --source recovered"), std::string::npos);
}
