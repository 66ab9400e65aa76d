// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON values threads_db2 keeps in text columns: a message's sender, its attachments, the
// media of a send still pending, and (in old versions) a thread's participant list.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/communication.h"

namespace vigil::plugins::messenger {

// A participant as the app serialises it: {"email":…, "user_key":"FACEBOOK:123", "name":…, "phone":…}.
struct Participant {
    std::string userKey, name, email, phone;
};

// The sender column; a bare "FACEBOOK:…" key is accepted too. nullopt when it names nobody.
std::optional<Participant> parseParticipant(std::string_view json);
// An array of participants (threads.participants before thread_participants existed).
std::vector<Participant> parseParticipants(std::string_view json);

// messages.attachments: [{"id", "fbid", "mime_type", "filename", "file_size", "urls",
// "video_data_url", …}]. The record model has no URL field: devicePath holds the remote URL the
// app recorded (the video URL, else the full-screen image), as no local path is stored.
std::vector<model::AttachmentRecord> parseAttachments(std::string_view json);
// messages.pending_send_media_attachment: a media resource (or a list of them) with the local
// "uri" the app was uploading from.
std::vector<model::AttachmentRecord> parsePendingMedia(std::string_view json);

} // namespace vigil::plugins::messenger
