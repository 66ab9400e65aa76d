// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/chrome/chrome.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Chrome, NotWrittenYet)
{
    FAIL() << "the chrome parser and its tests are not written yet";
}
