// SPDX-License-Identifier: GPL-3.0-or-later
// Redaction of children's names in reports and victim lists (issue 9). When enabled, every name a
// victim is known by — the person's label and each of their accounts' display names and user
// names — is replaced by initials ("Ethan M" → "E. M."), in names and in free text (quoted
// messages, explanations): each name word of three or more letters is replaced wherever it stands
// between non-letters ("ethan.hoops08" → "E..hoops08"), case-insensitively. Phone numbers, e-mail
// domains and account keys that carry no name word are left: they are evidence identifiers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::report {

class Redactor {
public:
    Redactor() = default;   // redacts nothing

    // The names of these victims (person ids) read from the case: labels, account display names
    // and user names. Names of other persons (the suspect, adults) are not touched.
    static Result<Redactor> forVictims(casedb::Database &db, const std::vector<std::int64_t> &personIds);
    // The same from names given directly (tests, callers that already hold them).
    static Redactor forNames(const std::map<std::int64_t, std::vector<std::string>> &namesByPerson);

    bool enabled() const { return !m_words.empty(); }

    // A victim's name as a report shows it: initials when redacting, else `label` unchanged.
    std::string personName(std::int64_t personId, std::string_view label) const;
    // Free text with every known name word replaced by its initial and a full stop.
    std::string text(std::string_view in) const;

    // Every name and name word this redactor removes (what a test must never find in the output).
    std::vector<std::string> secrets() const;

private:
    void addName(std::int64_t personId, std::string_view name);

    std::map<std::int64_t, std::string> m_initials;   // person → "E. M."
    std::vector<std::string> m_names;                 // whole names, as found
    std::vector<std::string> m_words;                 // lower-case name words, longest first
};

// Initials of a name: the first letter of each word, upper-cased, each followed by ". " ("E. M.").
std::string initialsOf(std::string_view name);

} // namespace vigil::report
