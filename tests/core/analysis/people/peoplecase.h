// SPDX-License-Identifier: GPL-3.0-or-later
// Cases for the people analysis, built row by row: a real case (CaseStore: schema, evidence) and
// then accounts, conversations, participants, messages and attachments inserted through one plain
// connection with foreign keys on, the way the parsers' record writer leaves them. Persons can be
// inserted too (the scoring tests), or left to identity resolution (analysePeople, the CLI).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::test {

// 2024-02-<day> <hour>:<minute> UTC in nanoseconds (day 1..29).
std::int64_t feb(int day, int hour = 12, int minute = 0);

struct AccountSpec {
    std::string app, key, name, phone;
    bool owner = false;
    std::int64_t evidence = 1;
};

class PeopleCase {
public:
    // Creates the case in `dir` with evidence 1 (laptop.E01) and 2 (phone).
    static std::unique_ptr<PeopleCase> create(const std::filesystem::path &dir);

    casedb::Database &db() { return m_db; }
    const std::filesystem::path &dir() const { return m_dir; }

    std::int64_t account(const AccountSpec &spec);
    std::int64_t conversation(const std::string &app, const std::vector<std::int64_t> &participants,
                              bool group = false, std::int64_t evidence = 1);
    std::int64_t message(std::int64_t conversation, std::optional<std::int64_t> sender, const std::string &direction,
                         std::optional<std::int64_t> sentAt, std::optional<std::string> body, int attachments = 0);
    // A person holding these accounts (role "suspect" or "other").
    std::int64_t person(const std::string &label, const std::string &role, const std::vector<std::int64_t> &accounts);

    std::int64_t scalar(const std::string &sql);
    // Every row of a table as text, ordered by its first column (to compare runs).
    std::vector<std::string> dump(const std::string &table);

private:
    PeopleCase(std::filesystem::path dir, casedb::Database db);
    std::int64_t sourceFor(const std::string &app, std::int64_t evidence);
    void exec(const std::string &sql);

    std::filesystem::path m_dir;
    casedb::Database m_db;
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> m_sources;
    std::map<std::int64_t, std::int64_t> m_conversationEvidence;
    int m_threads = 0;
};

// The grooming scenario most people tests use: one suspect (three owner accounts on the laptop)
// and, in February 2024 (the case's latest message is on the 29th, 20:00):
//   Ava   (iOS Messages)  self-harm, age 13, misrepresentation, secrecy, a picture request, sends a photo -> urgent
//   Ben   (WhatsApp)      age 14 (and a school year), picture request, payment demand and threat on the
//                         3rd, contact until the 6th                                       -> ongoing, high
//   Cara  (Skype)         age 12, picture request, password demand on the 21st, last contact the 22nd
//                                                                                          -> coercion, urgent (recent)
//   Dan   (WhatsApp)      secrecy, another app, the suspect's "same age"                  -> rapport, medium
//   Mum   (WhatsApp)      family chat; one "don't tell anyone" about a surprise party     -> not a victim
//   Shop  (Android SMS)   the suspect asks to pay by PayPal                                -> not a victim
//   Sunday FC (WhatsApp group with Tom and Sam): ordinary                                  -> not victims
//   and, on the phone (evidence 2), a conversation between two other people with indicator words
//   but no suspect: never scanned.
struct Scenario {
    std::int64_t suspect = 0, ava = 0, ben = 0, cara = 0, dan = 0, mum = 0, shop = 0, tom = 0, sam = 0;
    std::map<std::string, std::int64_t> accounts;        // "ava", "suspect-wa", ...
    std::map<std::string, std::int64_t> conversations;   // "ava", "ben", ..., "group", "strangers"
    std::map<std::string, std::int64_t> messages;        // named messages: "ava-selfharm", ...
};
// withPersons: insert persons (suspect first) and person_accounts; else leave them to resolution.
Scenario buildScenario(PeopleCase &c, bool withPersons);

} // namespace vigil::test
