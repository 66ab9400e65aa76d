// SPDX-License-Identifier: GPL-3.0-or-later
// FileContent reads every hashed file back from real generated evidence (ext4 image,
// folder, ZIP) and must reproduce the MD5 the ingest recorded.
#include <gtest/gtest.h>

#include "tests/testutil/tempdir.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/casedb/casestore.h"
#include "core/casedb/queries.h"
#include "core/pipeline/filecontent.h"
#include "core/pipeline/ingest.h"
#include "core/util/hashing.h"

namespace {

namespace fs = std::filesystem;
using vigil::pipeline::FileContent;

using vigil::test::TempDir;

int sh(const std::string &command)
{
    return std::system(("(" + command + ") >/dev/null 2>&1").c_str());
}

bool haveTool(const std::string &tool)
{
    return sh("command -v " + tool) == 0 || fs::exists("/usr/sbin/" + tool) || fs::exists("/sbin/" + tool);
}

void writeFile(const fs::path &p, const std::string &data)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
}

// A source tree with empty, small, multi-chunk and odd-sized files.
void makeTree(const fs::path &root)
{
    std::mt19937 gen(42);
    std::string big(3 * 1024 * 1024 + 17, '\0');
    for (auto &c : big)
        c = static_cast<char>(gen());
    writeFile(root / "hello.txt", "hello, world\n");
    writeFile(root / "empty.bin", "");
    writeFile(root / "docs/big.bin", big);
    writeFile(root / "docs/deeper/note.txt", std::string(4097, 'x'));
    writeFile(root / "delete-me.dat", std::string(70000, 'D') + "tail");
}

vigil::pipeline::IngestSummary ingest(const fs::path &caseDir, const fs::path &evidence)
{
    auto store = vigil::casedb::CaseStore::openOrCreate(caseDir, {"FC-1", "tester", "filecontent"}, "test");
    EXPECT_TRUE(store.has_value());
    vigil::pipeline::IngestOptions options;
    options.evidence = {evidence};
    options.workers = 1;
    return vigil::pipeline::runIngest(**store, options);
}

std::vector<vigil::casedb::FileRow> hashedFiles(const fs::path &caseDir)
{
    auto db = vigil::casedb::CaseStore::openReadOnly(caseDir);
    EXPECT_TRUE(db.has_value());
    std::vector<vigil::casedb::FileRow> rows;
    vigil::casedb::forEachFile(*db, {}, [&](const vigil::casedb::FileRow &r) {
        if (r.contentStatus == "hashed")
            rows.push_back(r);
    });
    return rows;
}

// Reads the file back in odd-sized chunks and returns its MD5.
std::string md5Of(FileContent &content)
{
    vigil::MultiHasher hasher(vigil::HashMd5);
    std::vector<char> buf(65521);
    std::uint64_t offset = 0;
    for (;;) {
        auto n = content.read(offset, buf.data(), buf.size());
        EXPECT_TRUE(n.has_value()) << (n ? "" : n.error().toString());
        if (!n || *n == 0)
            break;
        hasher.update(buf.data(), *n);
        offset += *n;
    }
    EXPECT_EQ(offset, content.size());
    return hasher.finish().md5;
}

// Every hashed file reads back with its recorded MD5; returns how many were deleted.
int checkAllHashed(const fs::path &caseDir, std::size_t minFiles)
{
    const auto rows = hashedFiles(caseDir);
    EXPECT_GE(rows.size(), minFiles);
    int deleted = 0;
    for (const auto &row : rows) {
        auto content = FileContent::open(caseDir, row.id);
        if (!content) {
            ADD_FAILURE() << row.path << ": " << content.error().toString();
            continue;
        }
        EXPECT_EQ((*content)->size(), static_cast<std::uint64_t>(row.size)) << row.path;
        EXPECT_EQ(md5Of(**content), row.md5) << row.path;
        deleted += row.allocated ? 0 : 1;
    }
    return deleted;
}

std::int64_t fileIdByPath(const fs::path &caseDir, const std::string &path)
{
    for (const auto &row : hashedFiles(caseDir))
        if (row.path == path)
            return row.id;
    return 0;
}

} // namespace

TEST(FileContent, Ext4ImageAllocatedAndDeleted)
{
    if (!haveTool("mke2fs") || !haveTool("debugfs"))
        GTEST_SKIP() << "needs mke2fs and debugfs (e2fsprogs)";
    TempDir tmp;
    makeTree(tmp.path() / "src");
    const fs::path img = tmp.path() / "disk.img";
    ASSERT_EQ(sh("mke2fs -q -F -t ext4 -d '" + (tmp.path() / "src").string() + "' '" + img.string() + "' 8m"), 0);
    ASSERT_EQ(sh("debugfs -w -R 'rm /delete-me.dat' '" + img.string() + "'"), 0);
    ingest(tmp.path() / "case", img);
    EXPECT_GE(checkAllHashed(tmp.path() / "case", 3), 1) << "the deleted file should be read back too";
}

TEST(FileContent, FolderEvidence)
{
    TempDir tmp;
    makeTree(tmp.path() / "src");
    ingest(tmp.path() / "case", tmp.path() / "src");
    checkAllHashed(tmp.path() / "case", 4);
}

TEST(FileContent, ZipEvidence)
{
    if (!haveTool("zip"))
        GTEST_SKIP() << "needs zip";
    TempDir tmp;
    makeTree(tmp.path() / "src");
    const fs::path zip = tmp.path() / "evidence.zip";
    ASSERT_EQ(sh("cd '" + (tmp.path() / "src").string() + "' && zip -q -r '" + zip.string() + "' ."), 0);
    ingest(tmp.path() / "case", zip);
    checkAllHashed(tmp.path() / "case", 4);
}

TEST(FileContent, ReadsAtOffsetsAndPastTheEnd)
{
    TempDir tmp;
    makeTree(tmp.path() / "src");
    ingest(tmp.path() / "case", tmp.path() / "src");
    auto content = FileContent::open(tmp.path() / "case", fileIdByPath(tmp.path() / "case", "/hello.txt"));
    ASSERT_TRUE(content.has_value());
    char buf[16] = {};
    auto n = (*content)->read(7, buf, sizeof buf);
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(std::string(buf, *n), "world\n");
    EXPECT_EQ(*(*content)->read(100, buf, sizeof buf), 0u);
}

TEST(FileContent, MissingEvidenceIsAClearError)
{
    if (!haveTool("mke2fs"))
        GTEST_SKIP() << "needs mke2fs";
    TempDir tmp;
    makeTree(tmp.path() / "src");
    const fs::path img = tmp.path() / "disk.img";
    ASSERT_EQ(sh("mke2fs -q -F -t ext4 -d '" + (tmp.path() / "src").string() + "' '" + img.string() + "' 8m"), 0);
    ingest(tmp.path() / "case", img);
    const auto id = fileIdByPath(tmp.path() / "case", "/hello.txt");
    ASSERT_NE(id, 0);
    fs::remove(img);
    auto content = FileContent::open(tmp.path() / "case", id);
    ASSERT_FALSE(content.has_value());
    EXPECT_EQ(content.error().code, vigil::ErrorCode::NotFound);
    EXPECT_NE(content.error().message.find("missing"), std::string::npos) << content.error().message;
    EXPECT_NE(content.error().message.find(img.string()), std::string::npos);
}

TEST(FileContent, UnknownFileIdAndMissingCase)
{
    TempDir tmp;
    makeTree(tmp.path() / "src");
    ingest(tmp.path() / "case", tmp.path() / "src");
    auto unknown = FileContent::open(tmp.path() / "case", 999999);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, vigil::ErrorCode::NotFound);
    EXPECT_FALSE(FileContent::open(tmp.path() / "no-such-case", 1).has_value());
}

TEST(FileContent, ReallocatedNameIsRefused)
{
    TempDir tmp;
    makeTree(tmp.path() / "src");
    ingest(tmp.path() / "case", tmp.path() / "src");
    const auto id = fileIdByPath(tmp.path() / "case", "/hello.txt");
    ASSERT_NE(id, 0);
    {   // as the TSK walker records a deleted name whose inode another file now uses
        auto db = vigil::casedb::Database::open(tmp.path() / "case" / "case.vigil", vigil::casedb::Database::Mode::ReadWrite);
        ASSERT_TRUE(db.has_value());
        ASSERT_TRUE(db->exec("UPDATE files SET content_status = 'reallocated' WHERE id = " + std::to_string(id)));
    }
    auto content = FileContent::open(tmp.path() / "case", id);
    ASSERT_FALSE(content.has_value());
    EXPECT_NE(content.error().message.find("another file"), std::string::npos) << content.error().message;
}
