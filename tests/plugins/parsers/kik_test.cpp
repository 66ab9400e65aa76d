// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/kik/kik.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Kik, NotWrittenYet)
{
    FAIL() << "the kik parser and its tests are not written yet";
}
