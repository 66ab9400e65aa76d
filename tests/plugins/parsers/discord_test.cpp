// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/discord/discord.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Discord, NotWrittenYet)
{
    FAIL() << "the discord parser and its tests are not written yet";
}
