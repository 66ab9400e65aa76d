// SPDX-License-Identifier: GPL-3.0-or-later
// The INSERT … SELECT statements that fill `events` from each source table (eventsql.cpp).
#pragma once

#include <string>
#include <vector>

namespace vigil::analysis::timeline {

// In the order they run: file MACB times, accounts created, conversations, messages, calls, media
// capture, web.
std::vector<std::string> eventStatements();

// Media rows with a video creation_time: file_id, evidence_id, creation_time, source.
extern const char *const kVideoTimesSql;
// Inserts one video-created event: time, precision, evidence_id, file_id, source, basis.
extern const char *const kInsertVideoEventSql;

} // namespace vigil::analysis::timeline
