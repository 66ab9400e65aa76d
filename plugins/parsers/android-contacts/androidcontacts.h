// SPDX-License-Identifier: GPL-3.0-or-later
// Android's contacts provider (contacts2.db: raw_contacts, data, mimetypes, accounts) and call
// log (the calls table: in contacts2.db up to Android 6, in calllog.db from Android 7).
// See README.md in this folder.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class AndroidContactsPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view androidContactsMetadataJson();
void registerAndroidContactsPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
