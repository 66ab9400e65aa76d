// SPDX-License-Identifier: GPL-3.0-or-later
// Hidden and nested content end to end (issue 6): `vigil ingest` of the NTFS image that
// tests/data/make_nested.sh builds finds every generated JPEG — in a ZIP with a wrong
// extension, in that kind of ZIP inside a tar.gz, appended to random bytes, in a .docx, in an
// alternate data stream and in a PDF — under the exact forensic path and MD5 of the answer
// key, analyses each as media, and keeps to the depth and decompression-bomb limits.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>
#include <optional>
#include <set>

#include "core/casedb/casestore.h"
#include "harness.h"

using namespace vigil::test;

namespace {

fs::path nestedDir()
{
    return fs::path(VIGIL_BINARY_DIR) / "generated-nested";
}

struct Hidden {
    std::string key, path, how, md5;
};

struct FileRow {
    std::int64_t id = 0;
    std::string md5, sigType, origin;
    std::int64_t depth = -1, size = -1;
    std::optional<std::int64_t> parentId, originOffset;
};

class NestedContent : public testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_tmp = std::make_unique<TempDir>();
        if (!fs::exists(nestedDir() / "nested.raw"))
            return;
        QFile file(QString::fromStdString((nestedDir() / "manifest.json").string()));
        if (file.open(QIODevice::ReadOnly))
            s_manifest = QJsonDocument::fromJson(file.readAll()).object();
        s_ingest = ingest({nestedDir() / "nested.raw"}, caseDir());
    }
    static void TearDownTestSuite() { s_tmp.reset(); }
    void SetUp() override
    {
        if (!fs::exists(nestedDir() / "nested.raw"))
            GTEST_SKIP() << "no nested-content image: run the generate_nested CTest fixture first";
        ASSERT_FALSE(s_manifest.isEmpty()) << "cannot read " << (nestedDir() / "manifest.json");
    }

    static fs::path caseDir() { return s_tmp->path() / "case"; }
    static std::int64_t count(const std::string &sql) { return caseScalar(caseDir(), sql); }

    static std::vector<Hidden> hidden()
    {
        std::vector<Hidden> out;
        for (const auto &v : s_manifest.value("jpegs").toArray()) {
            const auto o = v.toObject();
            out.push_back({o.value("key").toString().toStdString(), o.value("path").toString().toStdString(),
                           o.value("how").toString().toStdString(), o.value("md5").toString().toStdString()});
        }
        return out;
    }
    static QJsonObject limits() { return s_manifest.value("limits").toObject(); }

    // The files rows with exactly this path (there must be one).
    static std::vector<FileRow> filesAt(const std::string &path)
    {
        std::vector<FileRow> rows;
        auto db = vigil::casedb::CaseStore::openReadOnly(caseDir());
        if (!db)
            return rows;
        auto st = db->prepare("SELECT id, coalesce(md5, ''), coalesce(sig_type, ''), origin, depth, size, parent_id, "
                              "origin_offset FROM files WHERE path = ?");
        if (!st)
            return rows;
        st->bind(1, path);
        while (st->step().value_or(false)) {
            FileRow r;
            r.id = st->int64(0);
            r.md5 = st->text(1);
            r.sigType = st->text(2);
            r.origin = st->text(3);
            r.depth = st->int64(4);
            r.size = st->int64(5);
            if (!st->isNull(6))
                r.parentId = st->int64(6);
            if (!st->isNull(7))
                r.originOffset = st->int64(7);
            rows.push_back(r);
        }
        return rows;
    }
    static std::string pathOf(std::int64_t id)
    {
        auto db = vigil::casedb::CaseStore::openReadOnly(caseDir());
        auto st = db->prepare("SELECT path FROM files WHERE id = ?");
        st->bind(1, id);
        return st->step().value_or(false) ? st->text(0) : std::string();
    }

    inline static std::unique_ptr<TempDir> s_tmp;
    inline static CommandResult s_ingest;
    inline static QJsonObject s_manifest;
};

TEST_F(NestedContent, IngestFinishesWithTheDeliberateProcessingErrors)
{
    // Exit code 1: done, with processing errors (the bomb and the too-deep chain are errors).
    EXPECT_EQ(s_ingest.exitCode, 1) << s_ingest.out;
    EXPECT_EQ(hidden().size(), 6u);
}

TEST_F(NestedContent, EveryHiddenJpegIsFoundWithItsForensicPathAndMd5)
{
    for (const Hidden &h : hidden()) {
        SCOPED_TRACE(h.how + ": " + h.path);
        const auto rows = filesAt(h.path);
        if (rows.size() != 1) {
            ADD_FAILURE() << (rows.empty() ? "not found" : "found more than once");
            continue;
        }
        EXPECT_EQ(rows[0].md5, h.md5);
        EXPECT_EQ(rows[0].sigType, "jpeg");
        const std::string origin = h.key == "ads" ? "fs" : (h.key == "blob" || h.key == "pdf") ? "embedded" : "member";
        EXPECT_EQ(rows[0].origin, origin);
    }
    // Each copy is a different picture, so a match cannot come from another hiding place.
    std::set<std::string> md5s;
    for (const Hidden &h : hidden())
        md5s.insert(h.md5);
    EXPECT_EQ(md5s.size(), hidden().size());
}

TEST_F(NestedContent, EveryHiddenJpegIsAnalysedAsMedia)
{
    auto db = vigil::casedb::CaseStore::openReadOnly(caseDir());
    ASSERT_TRUE(db);
    for (const Hidden &h : hidden()) {
        auto st = db->prepare("SELECT m.status, m.width, m.height, length(m.thumbnail) FROM media m "
                              "JOIN files f ON f.id = m.file_id WHERE f.path = ?");
        ASSERT_TRUE(st);
        st->bind(1, h.path);
        if (!st->step().value_or(false)) {
            ADD_FAILURE() << h.how << ": no media row for " << h.path;
            continue;
        }
        EXPECT_EQ(st->text(0), "analysed") << h.path;
        EXPECT_EQ(st->int64(1), 320) << h.path;
        EXPECT_EQ(st->int64(2), 240) << h.path;
        EXPECT_GT(st->int64(3), 0) << h.path << ": no thumbnail";
    }
}

// Each derived file names its parent (files.parent_id), one level per ">>", and sits one level
// deeper; an embedded file's offset in its parent is the one in its name.
TEST_F(NestedContent, ProvenanceChainsFollowTheForensicPath)
{
    for (const Hidden &h : hidden()) {
        if (h.key == "ads")
            continue;
        SCOPED_TRACE(h.path);
        std::string path = h.path;
        auto rows = filesAt(path);
        if (rows.size() != 1) {
            ADD_FAILURE() << "not found";
            continue;
        }
        if (h.key == "blob" || h.key == "pdf") {
            const auto at = path.rfind(">>@0x");
            ASSERT_NE(at, std::string::npos);
            ASSERT_TRUE(rows[0].originOffset);
            EXPECT_EQ(*rows[0].originOffset, std::stoll(path.substr(at + 5), nullptr, 16));
        }
        int levels = 0;
        while (rows[0].origin != "fs") {
            ASSERT_TRUE(rows[0].parentId) << path << " has no parent";
            const std::string parent = pathOf(*rows[0].parentId);
            EXPECT_EQ(path.rfind(parent + ">>", 0), 0u) << path << " is not under its parent " << parent;
            const auto parentRows = filesAt(parent);
            ASSERT_EQ(parentRows.size(), 1u) << parent;
            EXPECT_EQ(rows[0].depth, parentRows[0].depth + 1) << path;
            path = parent;
            rows = parentRows;
            ++levels;
        }
        EXPECT_EQ(rows[0].depth, 0);
        std::size_t separators = 0;
        for (std::size_t at = h.path.find(">>"); at != std::string::npos; at = h.path.find(">>", at + 2))
            ++separators;
        EXPECT_EQ(levels, static_cast<int>(separators));
    }
}

TEST_F(NestedContent, NestingStopsAtTheDepthLimitWithAProcessingError)
{
    const auto chain = limits().value("chain").toObject();
    const int maxDepth = limits().value("max_depth").toInt();
    for (const auto &v : chain.value("reached").toArray()) {
        const auto rows = filesAt(v.toString().toStdString());
        EXPECT_EQ(rows.size(), 1u) << v.toString().toStdString() << " is within the depth limit";
        for (const auto &r : rows)
            EXPECT_LE(r.depth, maxDepth);
    }
    for (const auto &v : chain.value("not_reached").toArray())
        EXPECT_TRUE(filesAt(v.toString().toStdString()).empty()) << v.toString().toStdString() << " is too deep";
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE md5 = '" + chain.value("deep_jpeg_md5").toString().toStdString() + "'"), 0);
    EXPECT_LE(count("SELECT max(depth) FROM files"), maxDepth);
    EXPECT_GE(count("SELECT count(*) FROM processing_errors WHERE message LIKE '%deeper than " + std::to_string(maxDepth)
                    + "%'"),
              1);
}

TEST_F(NestedContent, DecompressionBombIsAProcessingErrorAndNothingHugeIsKept)
{
    const auto bomb = limits().value("bomb").toObject();
    const std::string path = bomb.value("path").toString().toStdString();
    const auto expanded = static_cast<std::int64_t>(bomb.value("expanded_size").toDouble());
    ASSERT_EQ(filesAt(path).size(), 1u);
    EXPECT_EQ(count("SELECT count(*) FROM processing_errors WHERE message LIKE '%decompression bomb%' "
                    "AND (path = '" + path + "' OR file_id = (SELECT id FROM files WHERE path = '" + path + "'))"),
              1);
    // Nothing of the 64 MiB was hashed or kept as a member.
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE path LIKE '" + path + ">>%' AND content_status = 'hashed' "
                    "AND size >= " + std::to_string(expanded)),
              0);
    std::uintmax_t derivedBytes = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(caseDir() / "derived", ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file())
            derivedBytes += it->file_size();
    }
    EXPECT_LT(derivedBytes, 16u << 20) << "bytes kept in CASE/derived";
}

} // namespace
