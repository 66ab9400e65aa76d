// SPDX-License-Identifier: GPL-3.0-or-later
// Usernames: normalised, and judged distinctive only when they can stand for one person.
#include <gtest/gtest.h>

#include <fstream>

#include "core/analysis/identity/handles.h"
#include "core/util/resources.h"
#include "tests/testutil/tempdir.h"

using namespace vigil;
using namespace vigil::analysis::identity;

namespace {

GenericHandles shipped()
{
    auto list = GenericHandles::load(resourcePath("identity/generic-usernames.txt"));
    EXPECT_TRUE(list) << (list ? "" : list.error().toString());
    return list ? std::move(*list) : GenericHandles::fromWords({});
}

TEST(Handles, Normalised)
{
    EXPECT_EQ(normalizeHandle("  @Chloe.Sk8.2010 "), "chloe.sk8.2010");
    EXPECT_EQ(normalizeHandle("@"), "");
    EXPECT_EQ(normalizeHandle(""), "");
}

TEST(Handles, DistinctiveNames)
{
    const auto generic = shipped();
    EXPECT_GT(generic.size(), 100u);
    for (const char *good : {"chloe.sk8.2010", "skater.girl.99", "alex.dunn.1987", "xx_darkwolf_xx", "mia_from_leeds",
                             "zoë_rides"})
        EXPECT_TRUE(generic.isDistinctive(normalizeHandle(good))) << good;
    for (const char *bad : {"admin", "administrator", "user1", "user_2024", "guest123", "jessica", "Jessica2010",
                            "2010chloe", "chloe", "abc12", "12345678", "x_1_2_3_4", "ab_12_34", "me@example.com",
                            "two words", "princess_01", "whatsapp", ""})
        EXPECT_FALSE(generic.isDistinctive(normalizeHandle(bad))) << bad;
}

TEST(Handles, ListFileWithCommentsAndBlankLines)
{
    vigil::test::TempDir dir;
    std::ofstream(dir / "list.txt") << "# comment\n\n  Skater  # trailing comment\nboarder\n";
    auto list = GenericHandles::load(dir / "list.txt");
    ASSERT_TRUE(list) << list.error().toString();
    EXPECT_EQ(list->size(), 2u);
    EXPECT_FALSE(list->isDistinctive("skater_2011"));
    EXPECT_FALSE(list->isDistinctive("boarder"));
    EXPECT_TRUE(list->isDistinctive("skater_boarder"));
}

TEST(Handles, MissingListIsAnError)
{
    auto list = GenericHandles::load("/nonexistent/generic.txt");
    ASSERT_FALSE(list);
    EXPECT_EQ(list.error().code, ErrorCode::NotFound);
}

} // namespace
