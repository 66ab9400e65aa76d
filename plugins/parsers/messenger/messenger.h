// SPDX-License-Identifier: GPL-3.0-or-later
// Facebook Messenger for Android's thread cache (threads_db2): threads, participants, users,
// messages with their JSON sender and attachments, and call-log messages.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class MessengerPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view messengerMetadataJson();
void registerMessengerPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
