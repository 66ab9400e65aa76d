// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp on Android: messages, chats, group members, media and calls from msgstore.db (the
// legacy and the current schema) and contacts from wa.db. See README.md for what is read.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class WhatsAppAndroidPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view whatsAppAndroidMetadataJson();
void registerWhatsAppAndroidPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
