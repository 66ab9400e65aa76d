// SPDX-License-Identifier: GPL-3.0-or-later
// Deleted-record recovery scored against the answer keys of the SQLite Forensic Corpus
// (Nemetz, Schmitt, Freiling; ../shared/testdata/external/sqlite-corpus, folders 01–09 of
// peculiar but valid databases, 0A "deleted tables" and 0C "deleted records").
//
// Recall: a deleted row of the key (row marked deleted, or a row of a table marked deleted)
// counts as recovered when one non-live record holds every non-empty value the key lists for
// it (reals compared as numbers: the key writes them with five decimals).
// Precision: a non-live record of a table counts as right when it holds such a row that is not
// live (a deleted row, or one the key lists that the database no longer shows); a copy of a
// live row, or values of no row, count as wrong. Records of sqlite_master (schemas of dropped
// tables) are not rows of the key and are counted apart.
#include <gtest/gtest.h>

#include <QFile>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "plugins/carvers/sqliterecords/sqliterecords.h"

namespace fs = std::filesystem;
using namespace vigil::recovery;

namespace {

struct KeyRow {
    std::vector<std::string> cells;
    bool deleted = false;
};

std::vector<KeyRow> keyRows(const fs::path &xml)
{
    QFile file(QString::fromStdString(xml.string()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader in(&file);
    std::vector<KeyRow> rows;
    bool tableDeleted = false, inRow = false;
    KeyRow row;
    while (!in.atEnd()) {
        in.readNext();
        if (in.isStartElement() && in.name() == QLatin1String("element"))
            tableDeleted = false;
        else if (in.isStartElement() && in.name() == QLatin1String("deleted") && !inRow)
            tableDeleted = in.readElementText().trimmed() == QLatin1String("True");
        else if (in.isStartElement() && in.name() == QLatin1String("row")) {
            inRow = true;
            row = {{}, in.attributes().value("deleted") == QLatin1String("1")};
        } else if (in.isStartElement() && in.name() == QLatin1String("content") && inRow)
            row.cells.push_back(in.readElementText().toStdString());
        else if (in.isEndElement() && in.name() == QLatin1String("row")) {
            inRow = false;
            row.deleted = row.deleted || tableDeleted;
            rows.push_back(row);
        }
    }
    return rows;
}

std::optional<double> number(const std::string &s)
{
    char *end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0')
        return std::nullopt;
    return d;
}

bool cellIn(const std::string &cell, const RecoveredRecord &r)
{
    const auto k = number(cell);
    return std::any_of(r.values.begin(), r.values.end(), [&](const RecoveredValue &v) {
        switch (v.kind) {
        case RecoveredValue::Integer: return k && *k == static_cast<double>(v.i);
        case RecoveredValue::Real: return k && std::abs(*k - v.r) <= 1e-5 + 1e-12 * std::abs(*k);
        case RecoveredValue::Text:
        case RecoveredValue::Blob: return v.bytes == cell;
        case RecoveredValue::Null: return false;
        }
        return false;
    });
}

bool holds(const RecoveredRecord &r, const KeyRow &row)
{
    bool any = false;
    for (const auto &cell : row.cells) {
        if (cell.empty())
            continue;
        any = true;
        if (!cellIn(cell, r))
            return false;
    }
    return any;
}

struct Score {
    std::size_t files = 0, deleted = 0, found = 0, reported = 0, right = 0, schema = 0, warnings = 0;
};

// Scores one database against its key.
Score scoreFile(const fs::path &db, const fs::path &key)
{
    std::ifstream in(db, std::ios::binary);
    const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), {});
    auto result = recoverSqlite(bytes);
    EXPECT_TRUE(result) << db << ": " << (result ? "" : result.error().toString());
    if (!result)
        return {};
    Score s;
    s.files = 1;
    s.warnings = result->warnings.size();
    for (const auto &w : result->warnings)
        std::printf("  %s: warning: %s\n", db.filename().c_str(), w.c_str());
    std::vector<const RecoveredRecord *> live, found;
    for (const auto &r : result->records)
        (r.source == "live" ? live : found).push_back(&r);
    const auto rows = keyRows(key);
    // Live records by their integer values, so a key row is looked up among few candidates.
    std::multimap<std::int64_t, const RecoveredRecord *> byInteger;
    for (const RecoveredRecord *r : live)
        for (const auto &v : r->values)
            if (v.kind == RecoveredValue::Integer)
                byInteger.emplace(v.i, r);
    auto isLive = [&](const KeyRow &row) {
        for (const auto &cell : row.cells) {
            char *end = nullptr;
            const long long i = std::strtoll(cell.c_str(), &end, 10);
            if (cell.empty() || *end != '\0')
                continue;
            const auto [from, to] = byInteger.equal_range(i);
            return std::any_of(from, to, [&](const auto &e) { return holds(*e.second, row); });
        }
        return std::any_of(live.begin(), live.end(), [&](const RecoveredRecord *r) { return holds(*r, row); });
    };
    std::vector<const KeyRow *> gone;   // deleted rows and rows the database no longer shows
    for (const auto &row : rows) {
        if (!row.deleted && isLive(row))
            continue;
        gone.push_back(&row);
        if (!row.deleted)
            continue;
        ++s.deleted;
        const bool hit = std::any_of(found.begin(), found.end(), [&](const RecoveredRecord *r) { return holds(*r, row); });
        s.found += hit;
        if (!hit && std::getenv("VIGIL_CORPUS_VERBOSE")) {
            std::printf("  %s: missed", db.filename().c_str());
            for (const auto &c : row.cells)
                std::printf(" '%s'", c.c_str());
            std::printf("\n");
        }
    }
    for (const RecoveredRecord *r : found) {
        if (r->table == "sqlite_master") {
            ++s.schema;
            continue;
        }
        ++s.reported;
        const bool right = std::any_of(gone.begin(), gone.end(), [&](const KeyRow *row) { return holds(*r, *row); });
        s.right += right;
        if (!right && std::getenv("VIGIL_CORPUS_VERBOSE")) {
            std::printf("  %s: wrong %s at %llu (%s):", db.filename().c_str(), r->table.c_str(),
                        static_cast<unsigned long long>(r->byteOffset), r->source.c_str());
            for (const auto &v : r->values)
                std::printf(" %s", toDisplay(v).c_str());
            std::printf("\n");
        }
    }
    return s;
}

std::string percent(std::size_t n, std::size_t of)
{
    if (of == 0)
        return "  n/a ";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%5.1f%%", 100.0 * static_cast<double>(n) / static_cast<double>(of));
    return buf;
}

} // namespace

TEST(SqliteCorpus, DeletedRowsAreRecoveredPerCategory)
{
    const fs::path corpus = fs::path(VIGIL_EXTERNAL_DATA) / "sqlite-corpus";
    if (!fs::exists(corpus / "0C"))
        GTEST_SKIP() << "external test data not found: " << corpus;
    std::map<std::string, Score> scores;
    for (const auto &dir : fs::directory_iterator(corpus)) {
        if (!dir.is_directory())
            continue;
        std::vector<fs::path> keys;
        for (const auto &e : fs::directory_iterator(dir.path()))
            if (e.path().extension() == ".xml")
                keys.push_back(e.path());
        std::sort(keys.begin(), keys.end());
        Score &total = scores[dir.path().filename().string()];
        for (const auto &key : keys) {
            auto db = key;
            const Score s = scoreFile(db.replace_extension(".db"), key);
            for (auto [sum, add] : {std::pair{&total.files, s.files}, {&total.deleted, s.deleted}, {&total.found, s.found},
                                    {&total.reported, s.reported}, {&total.right, s.right}, {&total.schema, s.schema},
                                    {&total.warnings, s.warnings}})
                *sum += add;
        }
    }
    std::printf("category files  deleted rows recovered  recall   records right  precision  schemas\n");
    for (const auto &[category, s] : scores)
        std::printf("%-8s %5zu  %12zu %9zu  %s  %7zu %5zu  %s  %7zu\n", category.c_str(), s.files, s.deleted, s.found,
                    percent(s.found, s.deleted).c_str(), s.reported, s.right, percent(s.right, s.reported).c_str(),
                    s.schema);
    // The peculiar but valid databases are read without a warning (nothing in them is damaged).
    for (const char *valid : {"01", "02", "03", "04", "05", "06", "07", "08", "09"}) {
        EXPECT_GT(scores[valid].files, 0u) << valid;
        EXPECT_EQ(scores[valid].warnings, 0u) << "category " << valid;
    }
    const Score &a = scores["0A"], &c = scores["0C"];
    ASSERT_EQ(a.deleted + c.deleted, 201u);
    // Measured when written (2026-12-02): 0A 100/100, 0C 101/101, every record right.
    EXPECT_GE(a.found, 98u);
    EXPECT_GE(c.found, 99u);
    EXPECT_GE(a.right * 100, a.reported * 98);
    EXPECT_GE(c.right * 100, c.reported * 98);
}
