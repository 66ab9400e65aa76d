// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/builtin.h"

#include "plugins/api/registry.h"
#include "plugins/parsers/android-contacts/androidcontacts.h"
#include "plugins/parsers/android-sms/androidsms.h"
#include "plugins/parsers/chrome/chrome.h"
#include "plugins/parsers/discord/discord.h"
#include "plugins/parsers/firefox/firefox.h"
#include "plugins/parsers/instagram/instagram.h"
#include "plugins/parsers/ios-contacts/ioscontacts.h"
#include "plugins/parsers/ios-messages/iosmessages.h"
#include "plugins/parsers/kik/kik.h"
#include "plugins/parsers/messenger/messenger.h"
#include "plugins/parsers/safari/safari.h"
#include "plugins/parsers/skype/skype.h"
#include "plugins/parsers/snapchat/snapchat.h"
#include "plugins/parsers/telegram/telegram.h"
#include "plugins/parsers/whatsapp-android/whatsappandroid.h"
#include "plugins/parsers/whatsapp-ios/whatsappios.h"
#include "plugins/template/textstats.h"

namespace vigil::plugins {

void registerBuiltinPlugins(PluginRegistry &registry)
{
    // One line per plugin, sorted by folder. Add yours here.
    registerAndroidContactsPlugin(registry);
    registerAndroidSmsPlugin(registry);
    registerChromePlugin(registry);
    registerDiscordPlugin(registry);
    registerFirefoxPlugin(registry);
    registerInstagramPlugin(registry);
    registerIosContactsPlugin(registry);
    registerIosMessagesPlugin(registry);
    registerKikPlugin(registry);
    registerMessengerPlugin(registry);
    registerSafariPlugin(registry);
    registerSkypePlugin(registry);
    registerSnapchatPlugin(registry);
    registerTelegramPlugin(registry);
    registerWhatsAppAndroidPlugin(registry);
    registerWhatsAppIosPlugin(registry);
    registerTextStatsPlugin(registry);
}

} // namespace vigil::plugins
