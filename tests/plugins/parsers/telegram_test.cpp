// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/telegram/telegram.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Telegram, NotWrittenYet)
{
    FAIL() << "the telegram parser and its tests are not written yet";
}
