// SPDX-License-Identifier: GPL-3.0-or-later
// A case with something of every source the timeline reads, built row by row on a real case
// (tests/core/analysis/people/peoplecase.h): file systems (NTFS and FAT16), live, deleted and carved
// files, EXIF capture times with and without a zone, video creation times (one unreadable), a
// one-to-one and a group conversation, a recovered message, calls and web history. All in
// February 2024 (feb(day, hour, minute) in UTC).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "tests/core/analysis/people/peoplecase.h"

namespace vigil::test {

struct TimelineScenario {
    std::int64_t suspect = 0, ava = 0, ben = 0, tom = 0;                 // persons
    std::int64_t meAccount = 0, avaAccount = 0, benAccount = 0, tomAccount = 0;
    std::int64_t avaChat = 0, group = 0;                                 // conversations
    std::int64_t helloAva = 0, avaReply = 0, recovered = 0, tomInGroup = 0, meInGroup = 0;   // messages
    std::int64_t benCall = 0, avaCall = 0;                               // calls
    std::int64_t visit = 0, search = 0;                                  // web rows
    // Files: on NTFS (all four times), on FAT16 (deleted), carved, a photo with a zone, a photo
    // without one, a video with a creation time in +02:00 and a video with an unreadable one.
    std::int64_t ntfsFile = 10, fatFile = 11, carvedPhoto = 12, zonedPhoto = 13, localPhoto = 14, video = 15,
                 badVideo = 16;
};

// The case in `dir`; persons are inserted (suspect, Ava, Ben, Tom) unless `withPersons` is false.
std::unique_ptr<PeopleCase> buildTimelineCase(const std::filesystem::path &dir, TimelineScenario &s,
                                              bool withPersons = true);

constexpr std::int64_t kSecond = 1'000'000'000LL;

} // namespace vigil::test
