// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-ios/whatsappios.h"

#include "plugins/api/registry.h"
#include "plugins/parsers/whatsapp-ios/chatstorage.h"
#include "plugins/parsers/whatsapp-ios/contactsv2.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

bool WhatsAppIosPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    return whatsappios::isChatStorage(schema) || whatsappios::isContactsV2(schema);
}

Result<void> WhatsAppIosPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, whatsapp::kApp, whatsapp::kAppName);
    PartialErrors errors;
    if (whatsappios::isContactsV2(db.schema()))
        whatsappios::readContactsV2(db, out, errors);
    if (whatsappios::isChatStorage(db.schema()))
        whatsappios::readChatStorage(db, out, errors);
    out.flush();
    return errors.result();
}

std::string_view whatsAppIosMetadataJson()
{
    return kMetadataJson;
}

void registerWhatsAppIosPlugin(PluginRegistry &registry)
{
    registry.add<WhatsAppIosPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
