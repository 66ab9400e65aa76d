// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/ios-contacts/ioscontacts.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(IosContacts, NotWrittenYet)
{
    FAIL() << "the ios-contacts parser and its tests are not written yet";
}
