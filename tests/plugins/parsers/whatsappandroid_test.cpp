// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/whatsapp-android/whatsappandroid.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(WhatsAppAndroid, NotWrittenYet)
{
    FAIL() << "the whatsapp-android parser and its tests are not written yet";
}
