// SPDX-License-Identifier: GPL-3.0-or-later
// Kik Messenger for iOS (kik.sqlite, a Core Data store): users and groups, chats, group
// members, messages and attachment references.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class KikPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view kikMetadataJson();
void registerKikPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
