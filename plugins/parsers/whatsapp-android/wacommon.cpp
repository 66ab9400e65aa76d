// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-android/wacommon.h"

namespace vigil::plugins::whatsapp {

MessageKind messageKind(std::int64_t type)
{
    switch (type) {
    case 0: return {"text", false};
    case 1:    // image
    case 2:    // audio / voice note
    case 3:    // video
    case 9:    // document
    case 13:   // GIF
    case 42:   // view-once image
    case 43:   // view-once video
    case 82:   // view-once voice note
        return {"media", false};
    case 4:
    case 14: return {"contact", false};   // one vCard / several
    case 5:
    case 16: return {"location", false};   // static / live location
    case 7: return {"system", false};
    case 8:
    case 10: return {"call", false};       // call / missed call notice
    case 11: return {"unavailable", false};   // "waiting for this message"
    case 15:
    case 64: return {"deleted", true};     // revoked by the sender / by a group admin
    case 20: return {"sticker", false};
    case 66: return {"poll", false};
    default: return {"other", false};
    }
}

const char *messageStatus(bool fromMe, std::int64_t status)
{
    if (status == kLegacySystemStatus || status < 0)
        return "";
    if (!fromMe)
        return "received";
    switch (status) {
    case 0:
    case 1: return "pending";
    case 4: return "sent";
    case 5: return "delivered";
    case 8: return "played";
    case 13: return "read";
    default: return "";
    }
}

const char *systemActionText(std::int64_t action)
{
    switch (action) {
    case 1: return "[changed the group subject]";
    case 4:
    case 12: return "[joined the group]";
    case 5: return "[left the group]";
    case 6: return "[changed the group icon]";
    case 7:
    case 14: return "[removed from the group]";
    case 11: return "[created the group]";
    case 15: return "[made a group admin]";
    case 18: return "[security code changed]";
    case 19: return "[messages are end-to-end encrypted]";
    case 20: return "[joined the group with an invite link]";
    case 27: return "[changed the group description]";
    case 58: return "[blocked this contact]";
    default: return "";
    }
}

const char *callResult(std::int64_t result)
{
    switch (result) {
    case 2: return "rejected";
    case 3: return "unavailable";
    case 4: return "missed";
    case 5: return "answered";
    default: return "";
    }
}

} // namespace vigil::plugins::whatsapp
