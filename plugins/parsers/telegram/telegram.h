// SPDX-License-Identifier: GPL-3.0-or-later
// Telegram for Android's message cache (cache4.db): users, chats, secret chats, dialogs and
// messages, with text read from the TL-serialised message where its layout can be confirmed.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class TelegramPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view telegramMetadataJson();
void registerTelegramPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
