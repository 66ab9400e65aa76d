// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/instagram/instagram.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Instagram, NotWrittenYet)
{
    FAIL() << "the instagram parser and its tests are not written yet";
}
