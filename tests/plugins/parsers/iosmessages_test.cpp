// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/ios-messages/iosmessages.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(IosMessages, NotWrittenYet)
{
    FAIL() << "the ios-messages parser and its tests are not written yet";
}
