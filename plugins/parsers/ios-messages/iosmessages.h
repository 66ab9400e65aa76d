// SPDX-License-Identifier: GPL-3.0-or-later
// Apple Messages (iMessage, SMS, RCS) from iOS sms.db and macOS chat.db: handles, chats,
// messages with their attachments. See README.md in this folder.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class IosMessagesPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view iosMessagesMetadataJson();
void registerIosMessagesPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
