// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/android-contacts/androidcontacts.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(AndroidContacts, NotWrittenYet)
{
    FAIL() << "the android-contacts parser and its tests are not written yet";
}
