// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/firefox/firefox.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Firefox, NotWrittenYet)
{
    FAIL() << "the firefox parser and its tests are not written yet";
}
