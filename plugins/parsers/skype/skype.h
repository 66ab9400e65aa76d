// SPDX-License-Identifier: GPL-3.0-or-later
// Legacy Skype desktop (and the old Skype mobile apps) main.db: the owner's account, contacts,
// conversations with their participants, legacy chats, messages, calls and file transfers.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class SkypePlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view skypeMetadataJson();
void registerSkypePlugin(PluginRegistry &registry);

} // namespace vigil::plugins
