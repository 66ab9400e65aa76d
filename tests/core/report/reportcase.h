// SPDX-License-Identifier: GPL-3.0-or-later
// The people tests' grooming scenario analysed (persons, victims, explanations), with media graded
// indecent and not indecent, for the report tests.
#pragma once

#include <memory>

#include "tests/core/analysis/people/peoplecase.h"

namespace vigil::test {

struct ReportCase {
    std::unique_ptr<PeopleCase> people;
    Scenario scenario;
    std::int64_t indecentFile = 0, notIndecentFile = 0, ungradedFile = 0;
    std::int64_t avaPerson = 0;   // Ava's person, as identity resolution made it
};

// The scenario, analysed (people, then the timeline's events); three media files with thumbnails of distinct colours: one graded
// uk:A, one uk:NI, one not graded. Fails the calling test on error.
ReportCase makeReportCase(const std::filesystem::path &dir);

// A small picture of one colour (PNG; the media stage stores JPEG, the report copies the bytes).
std::vector<unsigned char> solidImage(int red, int green, int blue);

} // namespace vigil::test
