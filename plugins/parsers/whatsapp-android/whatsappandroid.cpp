// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-android/whatsappandroid.h"

#include "plugins/api/registry.h"
#include "plugins/parsers/whatsapp-android/msgstore.h"
#include "plugins/parsers/whatsapp-android/wacontacts.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

bool WhatsAppAndroidPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    return whatsapp::isCurrentMsgstore(schema) || whatsapp::isLegacyMsgstore(schema) || whatsapp::isWaContacts(schema);
}

Result<void> WhatsAppAndroidPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, whatsapp::kApp, whatsapp::kAppName);
    PartialErrors errors;
    const DatabaseSchema &schema = db.schema();
    if (whatsapp::isWaContacts(schema))
        whatsapp::readWaContacts(db, out, errors);
    if (whatsapp::isCurrentMsgstore(schema) || whatsapp::isLegacyMsgstore(schema)) {
        whatsapp::Msgstore store{db, schema, out, errors};
        whatsapp::readMsgstore(store);
    }
    out.flush();
    return errors.result();
}

std::string_view whatsAppAndroidMetadataJson()
{
    return kMetadataJson;
}

void registerWhatsAppAndroidPlugin(PluginRegistry &registry)
{
    registry.add<WhatsAppAndroidPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
