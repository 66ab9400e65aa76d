// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/utf8.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8, CleanTextIsKeptAsIs)
{
    const std::string text = "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x99\x82";
    EXPECT_TRUE(isCleanUtf8(text));
    EXPECT_EQ(sanitizeUtf8(text), text);
}

TEST(Utf8, EveryBadByteBecomesAReplacementCharacter)
{
    EXPECT_EQ(sanitizeUtf8(std::string("a\x80" "b", 3)), "a" + kFffd + "b");
    EXPECT_EQ(sanitizeUtf8(std::string("a\0b", 3)), "a" + kFffd + "b");              // NUL
    EXPECT_EQ(sanitizeUtf8("\xC0\xAF"), kFffd + kFffd);                               // overlong
    EXPECT_EQ(sanitizeUtf8("\xED\xA0\x80"), kFffd + kFffd + kFffd);                   // surrogate
    EXPECT_EQ(sanitizeUtf8("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd);       // above U+10FFFF
    EXPECT_EQ(sanitizeUtf8("ok\xE2\x82"), "ok" + kFffd + kFffd);                      // cut off
    EXPECT_FALSE(isCleanUtf8("\xFF"));
}

} // namespace
} // namespace vigil
