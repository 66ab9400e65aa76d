// SPDX-License-Identifier: GPL-3.0-or-later
// What each person exchanged with the suspects: messages, first and last contact, media each way,
// the apps and the suspects, and the counted indicator hits that concern them. In a one-to-one
// conversation everything in it concerns the other party; in a group chat only what the person
// said themself does (a suspect's words to a group cannot be pinned on one member).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/analysis/people/assessment.h"
#include "core/analysis/people/peopleindex.h"
#include "core/casedb/database.h"

namespace vigil::analysis {

struct MessageCounts {
    std::int64_t messages = 0, mediaSent = 0, mediaReceived = 0;   // media: by the person / by the suspect
    std::optional<std::int64_t> first, last;

    void add(std::int64_t n, std::optional<std::int64_t> from, std::optional<std::int64_t> to);
};

struct PersonContact {
    ContactFacts facts;
    MessageCounts counts;
    std::set<std::string> apps;
    std::set<std::int64_t> suspects;
};

struct ContactTables {
    std::map<std::int64_t, PersonContact> persons;                // person id (role other) -> contact
    std::map<std::int64_t, MessageCounts> conversations;          // conversations with a suspect
    std::map<std::int64_t, std::vector<CountedHit>> conversationHits;
};

// `hits`: the counted hits (loadCountedHits).
ContactTables gatherContacts(const PeopleIndex &index, std::vector<CountedHit> hits);

// The latest message time in the case: the reference for "recent" (never the wall clock).
Result<std::optional<std::int64_t>> caseReferenceTime(casedb::Database &db);

} // namespace vigil::analysis
