// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp on iOS: messages, chats, group members and media from ChatStorage.sqlite and
// contacts from ContactsV2.sqlite. See README.md for what is read.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class WhatsAppIosPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view whatsAppIosMetadataJson();
void registerWhatsAppIosPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
