// SPDX-License-Identifier: GPL-3.0-or-later
// Identifiers made comparable across apps: phone numbers in E.164 (libphonenumber), emails
// lower-cased. App user ids are kept as the app stores them, together with their app.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::analysis {

// "+447700900123" for a phone number as an app stored it ("07700 900123", "+44 7700 900123",
// "tel:+44…"). `region` (ISO 3166-1 alpha-2, e.g. "GB") places numbers written without a
// country code; empty when unknown. nullopt for what is not a complete number: short codes,
// local-only numbers, alphanumeric senders, junk. Thread-safe.
std::optional<std::string> toE164(std::string_view raw, std::string_view region);

// The main region of an E.164 number's country code ("GB" for +44…), "" when unknown.
std::string regionOfE164(std::string_view e164);

// The region of the number itself as libphonenumber places it: "CA" for +1 416…, "GG" for a
// Guernsey mobile (+44 7781…). A number outside every region's ranges (fictional +1 555…, drama
// +44 7700 900…) gets the main region of its calling code, with exact = false unless the code
// has only that one region. region is "" when the calling code is unknown. Thread-safe.
struct NumberRegion {
    std::string region;
    bool exact = false;
};
NumberRegion regionOfNumber(std::string_view e164);

// True for a two-letter region libphonenumber knows ("GB", "US", "FR" …).
bool isKnownRegion(std::string_view region);

// Trimmed and lower-cased when it looks like an email address (one '@', a dot after it),
// else "". Strips a "mailto:" prefix.
std::string normalizeEmail(std::string_view raw);

} // namespace vigil::analysis
