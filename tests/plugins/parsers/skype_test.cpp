// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/skype/skype.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(Skype, NotWrittenYet)
{
    FAIL() << "the skype parser and its tests are not written yet";
}
