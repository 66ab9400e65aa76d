// SPDX-License-Identifier: GPL-3.0-or-later
// Output through a temporary file: renamed onto the target when complete, removed otherwise.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/util/tempoutput.h"
#include "tests/testutil/tempdir.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> namesIn(const fs::path &dir)
{
    std::vector<std::string> names;
    for (const auto &e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

void writeText(const fs::path &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(TempOutput, CommitReplacesTheTargetAndLeavesNoTemporaryFile)
{
    test::TempDir dir;
    writeText(dir / "list.csv", "old");
    auto out = TempOutput::forTarget(dir / "list.csv");
    ASSERT_TRUE(out) << out.error().toString();
    EXPECT_EQ(out->path().parent_path(), dir.path());
    EXPECT_NE(out->path(), dir / "list.csv");
    writeText(out->path(), "new");
    EXPECT_EQ(readText(dir / "list.csv"), "old");   // untouched until committed
    ASSERT_TRUE(out->commit());
    EXPECT_EQ(readText(dir / "list.csv"), "new");
    EXPECT_EQ(namesIn(dir.path()), std::vector<std::string>{"list.csv"});
}

TEST(TempOutput, AnUncommittedFileIsRemoved)
{
    test::TempDir dir;
    {
        auto out = TempOutput::forTarget(dir / "list.csv");
        ASSERT_TRUE(out);
        writeText(out->path(), "partial");
        EXPECT_TRUE(fs::exists(out->path()));
    }
    EXPECT_TRUE(namesIn(dir.path()).empty());
}

TEST(TempOutput, AFailedRenameIsAnErrorAndLeavesNoPartialFile)
{
    test::TempDir dir;
    {
        auto out = TempOutput::forTarget(dir / "list.csv");
        ASSERT_TRUE(out);
        writeText(out->path(), "complete but cannot be placed");
        fs::create_directories(dir / "list.csv" / "occupied");   // the target became a non-empty folder
        const auto committed = out->commit();
        ASSERT_FALSE(committed);
        EXPECT_EQ(committed.error().code, ErrorCode::Io);
        EXPECT_NE(committed.error().message.find("list.csv"), std::string::npos);
        EXPECT_TRUE(fs::exists(out->path()));   // still there until the TempOutput goes
    }
    EXPECT_EQ(namesIn(dir.path()), std::vector<std::string>{"list.csv"});
    EXPECT_TRUE(fs::is_directory(dir / "list.csv" / "occupied"));
}

TEST(TempOutput, RefusesAMissingFolderAFolderTargetAndNoName)
{
    test::TempDir dir;
    const auto missing = TempOutput::forTarget(dir / "no-such-folder" / "list.csv");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_NE(missing.error().message.find("no-such-folder"), std::string::npos);
    const auto folder = TempOutput::forTarget(dir.path());
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().code, ErrorCode::InvalidArgument);
    EXPECT_FALSE(TempOutput::forTarget(dir.path() / ""));
    EXPECT_TRUE(namesIn(dir.path()).empty());
}

} // namespace
} // namespace vigil
