// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/safari/safari.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Safari, NotWrittenYet)
{
    FAIL() << "the safari parser and its tests are not written yet";
}
