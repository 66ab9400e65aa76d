// SPDX-License-Identifier: GPL-3.0-or-later
// Typed queries over the people of a case (issue 7): persons and their accounts with the reason
// each account joined, the ranked victims with their explanation and triggering messages,
// country clues and the person-level communication graph. The CLI and the desktop use these;
// the tables are written by vigil::analysis::analysePeople (core/analysis/people.h).
// Times are UTC nanoseconds since 1970, as everywhere in the case.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::casedb {

struct PersonAccount {
    std::int64_t accountId = 0, evidenceId = 0;
    std::string app, appName, accountKey, displayName, phone, email, username;
    bool owner = false;
    std::string rule;     // owner, phone, email, username, app-id, contact, analyst, alone
    std::string reason;   // a sentence: why this account belongs to this person
    std::optional<std::int64_t> linkedAccountId;
};

struct PersonRow {
    std::int64_t id = 0;
    std::string label, role;   // role: "suspect" or "other"
    std::string country, countrySource;   // ISO 3166-1 alpha-2, "" when unknown
    double countryConfidence = 0.0;
    std::optional<std::int64_t> cluster;
    std::vector<PersonAccount> accounts;
};

Result<std::vector<PersonRow>> listPersons(Database &db);
Result<std::optional<PersonRow>> findPerson(Database &db, std::int64_t personId);

struct VictimRow {
    std::int64_t personId = 0;
    int rank = 0;
    std::string label;
    std::string priority;                     // urgent, high, medium, low
    std::vector<std::string> priorityReasons; // sentences
    double risk = 0.0;                        // 0..100
    std::string stage;                        // first-contact, rapport, sexualisation, coercion, ongoing
    std::optional<int> statedAge;
    std::string country;                      // "" when unknown
    double countryConfidence = 0.0;
    std::optional<std::int64_t> firstContact, lastContact;
    std::int64_t messages = 0, mediaSent = 0, mediaReceived = 0;   // sent/received by the victim
    std::vector<std::string> apps;            // app ids
    std::vector<std::int64_t> suspects;       // suspect person ids who talked with this person
    std::map<std::string, int> indicators;    // kind -> counted hits
    std::optional<std::int64_t> cluster;
};

// Ranked: rank 1 first.
Result<std::vector<VictimRow>> listVictims(Database &db);

// One term of a victim's risk score (or of the priority): what, how many points, why, and the
// messages that triggered it.
struct ExplanationItem {
    std::string kind;    // indicator kind, or "recency", "volume", ...
    double points = 0.0;
    std::string why;
    std::vector<std::int64_t> messageIds;
};
Result<std::vector<ExplanationItem>> victimExplanation(Database &db, std::int64_t personId);

struct TriggerSpan {
    std::size_t begin = 0, end = 0;   // byte span in body
    std::string kind, entryId;
};
struct TriggerMessage {
    std::int64_t messageId = 0, conversationId = 0;
    std::optional<std::int64_t> sentAt;
    std::string app, sender, speaker, body;   // speaker: suspect, other, unknown
    std::vector<TriggerSpan> spans;
};
// The messages of a person's conversations that carry counted indicator hits, oldest first.
Result<std::vector<TriggerMessage>> triggerMessages(Database &db, std::int64_t personId);

struct LocationClue {
    std::string country, source, detail;   // source: phone, stated, timezone, gps
    double confidence = 0.0;
    std::optional<std::int64_t> accountId, messageId, fileId;
};
Result<std::vector<LocationClue>> personLocations(Database &db, std::int64_t personId);

// The communication graph at person level: one edge per pair of persons who share a
// conversation, weighted by messages; apps lists the apps of those conversations.
struct GraphEdge {
    std::int64_t personA = 0, personB = 0;
    std::int64_t messages = 0, conversations = 0;
    std::vector<std::string> apps;
};
Result<std::vector<GraphEdge>> communicationGraph(Database &db);

} // namespace vigil::casedb
