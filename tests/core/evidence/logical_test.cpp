// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/logical.h"

#include <map>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "evidencetestutil.h"

namespace vigil::evidence {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using model::MetaType;

struct Seen {
    MetaType type = MetaType::Unknown;
    std::uint64_t size = 0;
    std::string md5;
    bool hasMtime = false;
};

struct Walk {
    std::vector<std::string> order;
    std::map<std::string, Seen> entries;
    std::vector<std::pair<std::string, Error>> errors;

    LogicalVisitor visitor()
    {
        return [this](const LogicalEntry &entry, const ContentPull &content) {
            Seen seen{entry.record.metaType, entry.record.size, {}, entry.record.mtime.has_value()};
            if (entry.record.metaType == MetaType::Regular) {
                MultiHasher hasher(HashMd5);
                std::vector<unsigned char> buffer(65536);
                for (;;) {
                    auto got = content(buffer.data(), buffer.size());
                    if (!got || *got == 0)
                        break;
                    hasher.update(buffer.data(), *got);
                }
                seen.md5 = hasher.finish().md5;
            }
            order.push_back(entry.record.path);
            entries[entry.record.path] = seen;
            return true;
        };
    }
    LogicalErrorSink errorSink()
    {
        return [this](const std::string &path, const Error &error) { errors.emplace_back(path, error); };
    }
};

// A small phone-extraction-like tree: nested folders, empty file, big file, symlink, UTF-8.
class LogicalTree : public ::testing::Test {
protected:
    void SetUp() override
    {
        root = dir / "extraction";
        fs::create_directories(root / "data/app/databases");
        fs::create_directories(root / "media/DCIM/empty-folder");
        test::writeFile(root / "data/app/databases/msgstore.db", test::deterministicBytes(70000, 31));
        test::writeFile(root / "data/app/empty.bin", std::string());
        test::writeFile(root / "media/DCIM/big photo.jpg", test::deterministicBytes(3u << 20, 32));
        test::writeFile(root / "media/Grüße.txt", std::string("hello"));
        test::writeFile(root / "a-b.txt", std::string("dash sorts before slash"));
        fs::create_symlink("data/app/databases/msgstore.db", root / "link-to-db");
    }

    static std::string md5Of(const fs::path &path) { return test::hashBytes(test::readFile(path)).md5; }

    TempDir dir;
    fs::path root;
    const std::vector<std::string> regularFiles = {"/a-b.txt", "/data/app/databases/msgstore.db",
                                                   "/data/app/empty.bin", "/media/DCIM/big photo.jpg",
                                                   "/media/Grüße.txt"};
};

TEST_F(LogicalTree, WalkFolderListsEverythingInPathOrder)
{
    Walk walk;
    ASSERT_TRUE(walkFolder(root, walk.visitor(), walk.errorSink()));
    EXPECT_TRUE(walk.errors.empty());
    const std::vector<std::string> expected = {
        "/a-b.txt", "/data", "/data/app", "/data/app/databases", "/data/app/databases/msgstore.db",
        "/data/app/empty.bin", "/link-to-db", "/media", "/media/DCIM", "/media/DCIM/big photo.jpg",
        "/media/DCIM/empty-folder", "/media/Grüße.txt"};
    EXPECT_EQ(walk.order, expected);
    auto sorted = walk.order;
    std::ranges::sort(sorted, [](const auto &a, const auto &b) { return fs::path(a) < fs::path(b); });
    EXPECT_EQ(sorted, walk.order);
}

TEST_F(LogicalTree, WalkFolderSizesContentAndTypes)
{
    Walk walk;
    ASSERT_TRUE(walkFolder(root, walk.visitor(), walk.errorSink()));
    for (const auto &path : regularFiles) {
        SCOPED_TRACE(path);
        const auto &seen = walk.entries.at(path);
        EXPECT_EQ(seen.type, MetaType::Regular);
        EXPECT_EQ(seen.size, fs::file_size(root.string() + path));
        EXPECT_EQ(seen.md5, md5Of(root.string() + path));
        EXPECT_TRUE(seen.hasMtime);
    }
    EXPECT_EQ(walk.entries.at("/media/DCIM").type, MetaType::Directory);
    const auto &link = walk.entries.at("/link-to-db");
    EXPECT_EQ(link.type, MetaType::Symlink);   // recorded, not followed
    EXPECT_EQ(link.size, std::string("data/app/databases/msgstore.db").size());
}

TEST_F(LogicalTree, WalkFolderStopsWhenTheVisitorSaysSo)
{
    int visited = 0;
    auto result = walkFolder(root, [&](const LogicalEntry &, const ContentPull &) { return ++visited < 3; }, {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(visited, 3);
}

TEST_F(LogicalTree, WalkFolderRefusesMissingRootsAndFiles)
{
    auto visit = [](const LogicalEntry &, const ContentPull &) { return true; };
    auto missing = walkFolder(root / "nope", visit, {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    auto file = walkFolder(root / "a-b.txt", visit, {});
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, ErrorCode::InvalidArgument);
}

TEST_F(LogicalTree, UnreadableEntriesAreReportedAndTheWalkGoesOn)
{
    if (::geteuid() == 0)
        GTEST_SKIP() << "running as root: permissions do not block reads";
    fs::permissions(root / "data/app/databases", fs::perms::none);
    Walk walk;
    ASSERT_TRUE(walkFolder(root, walk.visitor(), walk.errorSink()));
    fs::permissions(root / "data/app/databases", fs::perms::owner_all);
    EXPECT_FALSE(walk.errors.empty());
    EXPECT_TRUE(walk.entries.contains("/media/Grüße.txt"));
}

class LogicalZip : public LogicalTree {
protected:
    void SetUp() override
    {
        if (!test::onPath("zip"))
            GTEST_SKIP() << "zip is not on PATH; install zip to run the ZIP tests";
        LogicalTree::SetUp();
        zipPath = dir / "extraction.zip";
        ASSERT_EQ(test::run("cd '" + root.string() + "' && zip -r -y -q '" + zipPath.string() + "' ."), 0);
    }
    fs::path zipPath;
};

TEST_F(LogicalZip, WalkZipMatchesTheFolder)
{
    Walk folder, zip;
    ASSERT_TRUE(walkFolder(root, folder.visitor(), folder.errorSink()));
    auto result = walkZip(zipPath, zip.visitor(), zip.errorSink());
    ASSERT_TRUE(result) << result.error().toString();
    EXPECT_TRUE(zip.errors.empty());
    for (const auto &path : regularFiles) {
        SCOPED_TRACE(path);
        ASSERT_TRUE(zip.entries.contains(path));
        EXPECT_EQ(zip.entries.at(path).size, folder.entries.at(path).size);
        EXPECT_EQ(zip.entries.at(path).md5, folder.entries.at(path).md5);
        EXPECT_TRUE(zip.entries.at(path).hasMtime);
    }
    EXPECT_EQ(zip.entries.at("/media/DCIM/empty-folder").type, MetaType::Directory);
    EXPECT_EQ(zip.entries.at("/link-to-db").type, MetaType::Symlink);
    std::vector<std::string> folderPaths, zipPaths;
    for (const auto &[path, seen] : folder.entries)
        folderPaths.push_back(path);
    for (const auto &[path, seen] : zip.entries)
        zipPaths.push_back(path);
    EXPECT_EQ(zipPaths, folderPaths);
}

TEST_F(LogicalZip, EntriesCarryTheirIndex)
{
    std::vector<std::uint64_t> indexes;
    ASSERT_TRUE(walkZip(zipPath, [&](const LogicalEntry &e, const ContentPull &) {
        EXPECT_TRUE(e.record.metaAddr.has_value());
        indexes.push_back(e.record.metaAddr.value_or(0));
        return true;
    }, {}));
    ASSERT_FALSE(indexes.empty());
    EXPECT_TRUE(std::ranges::is_sorted(indexes));
}

TEST_F(LogicalZip, TruncatedZipReportsAnErrorAndKeepsWhatItRead)
{
    const auto bytes = test::readFile(zipPath);
    const fs::path cut = dir / "cut.zip";
    test::writeFile(cut, std::vector<unsigned char>(bytes.begin(), bytes.begin() + static_cast<long>(bytes.size() * 2 / 3)));
    EXPECT_TRUE(looksLikeZip(cut));
    Walk walk;
    auto result = walkZip(cut, walk.visitor(), walk.errorSink());
    EXPECT_FALSE(result);
    EXPECT_FALSE(walk.errors.empty());
    EXPECT_FALSE(walk.entries.empty()) << "entries before the cut should still be listed";
}

TEST_F(LogicalZip, GarbageIsNotAZip)
{
    const fs::path garbage = dir / "garbage.zip";
    test::writeFile(garbage, test::deterministicBytes(100000, 33));
    EXPECT_FALSE(looksLikeZip(garbage));
    EXPECT_TRUE(looksLikeZip(zipPath));
    EXPECT_FALSE(looksLikeZip(dir / "missing.zip"));
    Walk walk;
    auto result = walkZip(garbage, walk.visitor(), walk.errorSink());
    ASSERT_FALSE(result);
    EXPECT_TRUE(walk.entries.empty());
}

} // namespace
} // namespace vigil::evidence
