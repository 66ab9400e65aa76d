// SPDX-License-Identifier: GPL-3.0-or-later
// The iOS address book (AddressBook.sqlitedb): ABPerson with its phone numbers and emails
// from ABMultiValue. See README.md in this folder.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class IosContactsPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view iosContactsMetadataJson();
void registerIosContactsPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
