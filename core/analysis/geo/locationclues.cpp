// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/locationclues.h"

#include "core/analysis/geo/location.h"
#include "core/analysis/geo/timezones.h"
#include "core/analysis/identifiers.h"
#include "core/util/timeutil.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace vigil::analysis::geo {

namespace {

constexpr std::size_t kMaxPhraseBytes = 200;

// The messages each person wrote: sent from one of their accounts; incoming without a sender in
// a one-to-one conversation whose only other participant is theirs; outgoing without a sender
// from the device owner's account of that app. The three parts never share a (message, person)
// pair. CROSS JOIN keeps SQLite scanning messages once instead of looking up every message of
// every one-to-one conversation through the index (13x faster on a million messages).
constexpr const char *kOwnMessages = R"SQL(
WITH solo(conversation_id, account_id) AS (
  SELECT p.conversation_id, min(p.account_id) FROM participants p
    JOIN accounts a ON a.id = p.account_id AND a.is_owner = 0
    JOIN conversations c ON c.id = p.conversation_id AND c.is_group = 0
   GROUP BY p.conversation_id HAVING count(*) = 1),
own(message_id, person_id) AS (
  SELECT m.id, pa.person_id FROM messages m JOIN person_accounts pa ON pa.account_id = m.sender_id
  UNION ALL
  SELECT m.id, pa.person_id FROM messages m CROSS JOIN solo ON solo.conversation_id = m.conversation_id
    JOIN person_accounts pa ON pa.account_id = solo.account_id
   WHERE m.sender_id IS NULL AND m.direction = 'incoming'
  UNION ALL
  SELECT DISTINCT m.id, pa.person_id FROM messages m
    JOIN conversations c ON c.id = m.conversation_id
    JOIN accounts a ON a.evidence_id = m.evidence_id AND a.app = c.app AND a.is_owner = 1
    JOIN person_accounts pa ON pa.account_id = a.id
   WHERE m.sender_id IS NULL AND m.direction = 'outgoing')
)SQL";

std::string quotedPhrase(std::string_view body, std::size_t begin, std::size_t end)
{
    std::size_t length = end - begin;
    if (length > kMaxPhraseBytes) {
        length = kMaxPhraseBytes;   // never cut a UTF-8 sequence in two
        while (length > 0 && (static_cast<unsigned char>(body[begin + length]) & 0xC0) == 0x80)
            --length;
    }
    return "\xE2\x80\x9C" + std::string(body.substr(begin, length)) + "\xE2\x80\x9D";   // “phrase”
}

std::string joinCountries(const std::vector<std::string> &countries)
{
    std::string out;
    for (std::size_t i = 0; i < countries.size(); ++i)
        out += (i == 0 ? "" : i + 1 == countries.size() ? " or " : ", ") + countries[i];
    return out;
}

std::string formatCoordinate(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.5f", value);
    return buffer;
}

std::string formatKm(double km)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f km", km);
    return buffer;
}

// The phone clue's sentence: how the number was placed.
std::string phoneDetail(const std::string &phone, const std::string &raw, const NumberRegion &where)
{
    std::string detail = where.exact ? "phone number " + phone + " belongs to " + where.region
                                     : "phone number " + phone + " is outside the number ranges libphonenumber "
                                           "knows; " + where.region + " is the main region of its country code";
    const bool hadCode = raw.starts_with('+') || raw.starts_with("00");
    if (!raw.empty() && !hadCode)
        detail += " (stored as \"" + raw + "\", completed with the evidence's home region)";
    return detail;
}

} // namespace

Result<void> addPhoneClues(casedb::Database &db, CluesByPerson &clues)
{
    auto st = db.prepare("SELECT pa.person_id, a.id, a.phone, coalesce(a.phone_raw, '') FROM person_accounts pa "
                         "JOIN accounts a ON a.id = pa.account_id WHERE a.phone IS NOT NULL AND a.phone <> '' "
                         "ORDER BY pa.person_id, a.id");
    if (!st)
        return std::unexpected(st.error());
    std::set<std::pair<std::int64_t, std::string>> seen;   // one clue per person and number
    auto rows = st->forEachRow([&](const casedb::Statement &row) {
        const std::int64_t person = row.int64(0);
        const std::string phone = row.text(2);
        if (!seen.insert({person, phone}).second)
            return true;
        const NumberRegion where = regionOfNumber(phone);
        if (where.region.empty())
            return true;
        casedb::LocationClue clue;
        clue.country = where.region;
        clue.source = "phone";
        clue.confidence = where.exact ? kPhoneConfidence : kPhoneSharedCodeConfidence;
        clue.detail = phoneDetail(phone, row.text(3), where);
        clue.accountId = row.int64(1);
        clues[person].push_back(std::move(clue));
        return true;
    });
    return asVoid(rows);
}

Result<std::vector<PendingTime>> addStatedClues(casedb::Database &db, const Gazetteer &gazetteer, CluesByPerson &clues)
{
    auto st = db.prepare(std::string(kOwnMessages)
                         + "SELECT own.person_id, m.id, m.sent_at, m.body FROM own JOIN messages m ON m.id = own.message_id "
                           "WHERE m.body IS NOT NULL AND m.body <> '' ORDER BY own.person_id, m.id");
    if (!st)
        return std::unexpected(st.error());
    std::vector<PendingTime> times;
    // (person, country, place name) -> the clue's index in the person's list, and how often it was said
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::pair<std::size_t, int>> said;
    auto rows = st->forEachRow([&](const casedb::Statement &row) {
        const std::int64_t person = row.int64(0), message = row.int64(1);
        const std::string body = row.text(3);
        const Gazetteer::Mentions found = gazetteer.mentions(body);
        for (const PlaceMention &m : found.places) {
            const double confidence = m.countries.size() == 1 ? kStatedConfidence : kStatedAmbiguousConfidence;
            for (const std::string &country : m.countries) {
                auto &list = clues[person];
                const auto key = std::make_tuple(person, country, m.name);
                if (auto it = said.find(key); it != said.end()) {
                    ++it->second.second;
                    continue;
                }
                said[key] = {list.size(), 1};
                casedb::LocationClue clue;
                clue.country = country;
                clue.source = "stated";
                clue.confidence = confidence;
                clue.detail = "said " + quotedPhrase(body, m.begin, m.end) + " (" + m.place + ": "
                              + joinCountries(m.countries) + ")";
                clue.messageId = message;
                list.push_back(std::move(clue));
            }
        }
        if (!row.isNull(2))
            for (const TimeMention &t : found.times)
                times.push_back({person, message, row.int64(2), quotedPhrase(body, t.begin, t.end), t});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    for (const auto &[key, where] : said)
        if (where.second > 1)
            clues[std::get<0>(key)][where.first].detail += "; said " + std::to_string(where.second) + " times";
    return times;
}

void addTimezoneClues(const std::vector<PendingTime> &times, CluesByPerson &clues)
{
    std::set<std::pair<std::int64_t, std::string>> supported;   // one timezone clue per person and country
    for (const PendingTime &t : times) {
        auto &list = clues[t.personId];
        std::set<std::string> open;   // countries other clues name that no stated time supports yet
        for (const auto &clue : list)
            if (clue.source != "timezone" && !supported.contains({t.personId, clue.country}))
                open.insert(clue.country);
        if (open.empty())
            continue;
        const ZoneFit fit = countriesAtLocalTime(t.sentAt, t.mention.minuteOfDay, t.mention.earlyMinutes,
                                                 t.mention.lateMinutes, &open);
        for (const auto &[country, offsets] : fit) {
            supported.insert({t.personId, country});
            casedb::LocationClue clue;
            clue.country = country;
            clue.source = "timezone";
            clue.confidence = kTimezoneConfidence;
            clue.detail = "said " + t.phrase + " at " + toIso8601(t.sentAt) + "; " + country + " was at "
                          + formatUtcOffset(*offsets.begin()) + " then";
            clue.messageId = t.messageId;
            list.push_back(std::move(clue));
        }
    }
}

Result<void> addGpsClues(casedb::Database &db, const ShapesLoader &shapes, CluesByPerson &clues)
{
    auto st = db.prepare(std::string(kOwnMessages)
                         + "SELECT DISTINCT own.person_id, own.message_id, f.id, f.path, md.gps_lat, md.gps_lon "
                           "FROM own JOIN attachments at ON at.message_id = own.message_id "
                           "JOIN media md ON md.file_id = at.file_id JOIN files f ON f.id = at.file_id "
                           "WHERE md.gps_lat IS NOT NULL AND md.gps_lon IS NOT NULL "
                           "ORDER BY own.person_id, own.message_id, f.id");
    if (!st)
        return std::unexpected(st.error());
    const CountryShapes *world = nullptr;
    std::set<std::pair<std::int64_t, std::int64_t>> seen;   // one clue per person and file
    Result<void> status;
    auto rows = st->forEachRow([&](const casedb::Statement &row) {
        if (!world) {
            auto loaded = shapes();
            if (!loaded) {
                status = std::unexpected(loaded.error());
                return false;
            }
            world = *loaded;
        }
        const std::int64_t person = row.int64(0), file = row.int64(2);
        const GeoPoint at{row.real(5), row.real(4)};
        const CountryShapes::Nearest where = world->nearestCountry(at, kGpsCoastKm);
        if (where.iso2.empty() || !seen.insert({person, file}).second)
            return true;
        casedb::LocationClue clue;
        clue.country = where.iso2;
        clue.source = "gps";
        clue.confidence = where.km > 0.0 ? kGpsCoastConfidence : kGpsConfidence;
        clue.detail = "sent " + row.text(3) + ", taken at " + formatCoordinate(at.lat) + ", " + formatCoordinate(at.lon)
                      + " (" + world->nameOf(where.iso2) + (where.km > 0.0 ? ", " + formatKm(where.km) + " off its mapped coast)" : ")");
        clue.messageId = row.int64(1);
        clue.fileId = file;
        clues[person].push_back(std::move(clue));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return status;
}

} // namespace vigil::analysis::geo
