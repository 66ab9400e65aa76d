// SPDX-License-Identifier: GPL-3.0-or-later
// Android's telephony provider database (mmssms.db): SMS, MMS (pdu/addr/part) and threads.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class AndroidSmsPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view androidSmsMetadataJson();
void registerAndroidSmsPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
