// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real tests.
#include "plugins/parsers/whatsapp-ios/whatsappios.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

TEST(WhatsAppIos, NotWrittenYet)
{
    FAIL() << "the whatsapp-ios parser and its tests are not written yet";
}
