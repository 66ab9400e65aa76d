// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/location.h"
#include "core/analysis/identifiers.h"
#include "core/casedb/schema.h"
#include "tests/testutil/tempdir.h"

#include <gtest/gtest.h>

#include <QDateTime>

#include <fstream>
#include <optional>

using namespace vigil;
using namespace vigil::analysis;
using vigil::casedb::Database;
using vigil::casedb::LocationClue;

namespace {

constexpr const char *kBase = R"SQL(
INSERT INTO evidence (id, path, display_name, kind, added_utc) VALUES (1, '/x/phone', 'phone', 'folder', '2024-01-01T00:00:00Z');
INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, size, parser, parser_version)
  VALUES (1, 1, '/data/msgstore.db', 'msgstore.db', 'file', 1, 4096, 'folder', '1');
INSERT INTO applications (id, name) VALUES ('whatsapp-android', 'WhatsApp');
INSERT INTO parse_sources (id, evidence_id, file_id, parser, parser_version, app, started_utc, status)
  VALUES (1, 1, 1, 'whatsapp-android', '1.0', 'whatsapp-android', '2024-01-01T00:00:00Z', 'done');
)SQL";

std::int64_t utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch() * 1'000'000;
}

struct Choice {
    std::optional<std::string> country, source;
    std::optional<double> confidence;
};

// A real case database (schema by casedb::migrate) with persons, accounts and messages inserted
// as resolveIdentities and the parsers would leave them.
class GeoCase
{
public:
    GeoCase()
    {
        auto db = Database::open(m_dir / "case.db", Database::Mode::ReadWrite, true);
        EXPECT_TRUE(db) << db.error().toString();
        m_db = std::move(*db);
        expectOk(m_db.exec("PRAGMA synchronous=OFF"));   // a scratch case: no fsync per statement
        expectOk(casedb::migrate(m_db));
        expectOk(m_db.exec("PRAGMA foreign_keys=ON"));
        expectOk(m_db.exec(kBase));
        m_suspect = person("Suspect", "suspect");
        m_owner = account(m_suspect, "owner", "+447400123456", true);
    }

    Database &db() { return m_db; }
    std::int64_t suspect() const { return m_suspect; }
    std::int64_t owner() const { return m_owner; }

    std::int64_t person(const std::string &label, const std::string &role = "other")
    {
        return insert("INSERT INTO persons (label, role) VALUES (?, ?)", {label, role});
    }

    std::int64_t account(std::int64_t person, const std::string &key, const std::string &phone = {},
                         bool owner = false)
    {
        auto st = m_db.prepare("INSERT INTO accounts (evidence_id, app, account_key, phone, phone_raw, is_owner, "
                               "source_id) VALUES (1, 'whatsapp-android', ?, ?, ?, ?, 1)");
        EXPECT_TRUE(st);
        st->bind(1, key).bind(4, std::int64_t(owner ? 1 : 0));
        phone.empty() ? st->bindNull(2).bindNull(3) : st->bind(2, phone).bind(3, phone);
        expectOk(st->run());
        const std::int64_t id = m_db.lastInsertId();
        auto link = m_db.prepare("INSERT INTO person_accounts (account_id, person_id, rule, reason) VALUES (?,?,?,?)");
        EXPECT_TRUE(link);
        expectOk(link->bind(1, id).bind(2, person).bind(3, "alone").bind(4, "test").run());
        return id;
    }

    // A conversation of the owner with these accounts (one: a one-to-one chat).
    std::int64_t conversation(const std::vector<std::int64_t> &others)
    {
        const std::int64_t id = insert("INSERT INTO conversations (evidence_id, app, thread_key, is_group, source_id) "
                                       "VALUES (1, 'whatsapp-android', ?, ?, 1)",
                                       {"thread-" + std::to_string(++m_threads), others.size() > 1 ? "1" : "0"});
        for (std::int64_t account : others)
            insert("INSERT INTO participants (conversation_id, account_id) VALUES (?, ?)",
                   {std::to_string(id), std::to_string(account)});
        insert("INSERT INTO participants (conversation_id, account_id) VALUES (?, ?)",
               {std::to_string(id), std::to_string(m_owner)});
        return id;
    }

    // sender 0: no sender recorded.
    std::int64_t message(std::int64_t conversation, std::int64_t sender, const std::string &body,
                         const char *sentAt = "2024-01-15T12:00:00Z")
    {
        auto st = m_db.prepare("INSERT INTO messages (conversation_id, evidence_id, sender_id, direction, sent_at, body, "
                               "source_id) VALUES (?, 1, ?, ?, ?, ?, 1)");
        EXPECT_TRUE(st);
        st->bind(1, conversation).bind(4, utc(sentAt)).bind(5, body);
        sender ? st->bind(2, sender) : st->bindNull(2);
        st->bind(3, sender == m_owner ? "outgoing" : "incoming");
        expectOk(st->run());
        return m_db.lastInsertId();
    }

    std::int64_t outgoingWithoutSender(std::int64_t conversation, const std::string &body)
    {
        const std::int64_t id = message(conversation, m_owner, body);
        expectOk(m_db.exec("UPDATE messages SET sender_id = NULL WHERE id = " + std::to_string(id)));
        return id;
    }

    std::int64_t photo(std::int64_t message, const std::string &path, double lat, double lon)
    {
        const std::int64_t file = insert("INSERT INTO files (evidence_id, path, name, meta_type, allocated, size, "
                                         "parser, parser_version) VALUES (1, ?, 'photo.jpg', 'file', 1, 100, 'folder', '1')",
                                         {path});
        auto st = m_db.prepare("INSERT INTO media (file_id, evidence_id, kind, status, analyser, analyser_version, "
                               "gps_lat, gps_lon) VALUES (?, 1, 'image', 'analysed', 'test', '1', ?, ?)");
        EXPECT_TRUE(st);
        expectOk(st->bind(1, file).bindReal(2, lat).bindReal(3, lon).run());
        insert("INSERT INTO attachments (message_id, evidence_id, file_id, source_id) VALUES (?, 1, ?, 1)",
               {std::to_string(message), std::to_string(file)});
        return file;
    }

    std::vector<LocationClue> clues(std::int64_t person)
    {
        std::vector<LocationClue> out;
        auto st = m_db.prepare("SELECT country, source, confidence, detail, account_id, message_id, file_id "
                               "FROM person_locations WHERE person_id = ? ORDER BY id");
        EXPECT_TRUE(st);
        st->bind(1, person);
        expectOk(asVoid(st->forEachRow([&](const casedb::Statement &r) {
            out.push_back({r.text(0), r.text(1), r.text(3), r.real(2), r.optInt64(4), r.optInt64(5), r.optInt64(6)});
            return true;
        })));
        return out;
    }

    Choice choice(std::int64_t person)
    {
        auto st = m_db.prepare("SELECT country, country_source, country_confidence FROM persons WHERE id = ?");
        EXPECT_TRUE(st);
        st->bind(1, person);
        auto row = st->step();
        EXPECT_TRUE(row && *row);
        Choice c;
        if (!st->isNull(0))
            c.country = st->text(0);
        if (!st->isNull(1))
            c.source = st->text(1);
        c.confidence = st->optReal(2);
        return c;
    }

    LocationSummary locate(const LocationOptions &options = {})
    {
        auto summary = locatePersons(m_db, options);
        EXPECT_TRUE(summary) << summary.error().toString();
        return summary.value_or(LocationSummary{});
    }

    // A victim with one account and a one-to-one chat with the owner.
    std::pair<std::int64_t, std::int64_t> victim(const std::string &phone = {})
    {
        const std::int64_t p = person("Victim " + std::to_string(++m_victims));
        const std::int64_t a = account(p, "victim-" + std::to_string(m_victims), phone);
        m_lastAccount = a;
        return {p, conversation({a})};
    }
    std::int64_t lastAccount() const { return m_lastAccount; }

private:
    static void expectOk(const Result<void> &r) { EXPECT_TRUE(r) << (r ? "" : r.error().toString()); }

    std::int64_t insert(const std::string &sql, const std::vector<std::string> &values)
    {
        auto st = m_db.prepare(sql);
        EXPECT_TRUE(st) << sql;
        for (std::size_t i = 0; i < values.size(); ++i)
            st->bind(static_cast<int>(i + 1), values[i]);
        expectOk(st->run());
        return m_db.lastInsertId();
    }

    test::TempDir m_dir;
    Database m_db;
    std::int64_t m_suspect = 0, m_owner = 0, m_lastAccount = 0;
    int m_threads = 0, m_victims = 0;
};

std::vector<std::string> sourcesOf(const std::vector<LocationClue> &clues)
{
    std::vector<std::string> out;
    for (const auto &c : clues)
        out.push_back(c.country + ":" + c.source);
    return out;
}

using Strings = std::vector<std::string>;

LocationClue clue(const std::string &country, const std::string &source, double confidence)
{
    LocationClue c;
    c.country = country;
    c.source = source;
    c.confidence = confidence;
    return c;
}

} // namespace

TEST(PhoneRegion, TheNumbersOwnRegionNotJustTheCodes)
{
    const NumberRegion toronto = regionOfNumber("+14165550142");
    EXPECT_EQ(toronto.region, "CA");   // +1's main region is US
    EXPECT_TRUE(toronto.exact);
    EXPECT_EQ(regionOfNumber("+447781123456").region, "GG");   // a Guernsey mobile under +44
    const NumberRegion drama = regionOfNumber("+447700900452");
    EXPECT_EQ(drama.region, "GB");   // outside every range: +44's main region...
    EXPECT_FALSE(drama.exact);       // ...which +44 shares with GG, IM and JE
    const NumberRegion ireland = regionOfNumber("+353209102468");
    EXPECT_EQ(ireland.region, "IE");
    EXPECT_TRUE(ireland.exact);      // +353 is Ireland's alone
    EXPECT_EQ(regionOfNumber("+999123").region, "");
    EXPECT_EQ(regionOfNumber("not a number").region, "");
    EXPECT_EQ(regionOfNumber("").region, "");
}

TEST(ChooseCountry, CombinesCluesPerCountry)
{
    EXPECT_EQ(chooseCountry({}).country, "");
    const auto one = chooseCountry({clue("CA", "phone", 0.6)});
    EXPECT_EQ(one.country, "CA");
    EXPECT_DOUBLE_EQ(one.confidence, 0.6);
    EXPECT_EQ(one.sources, "phone");
    const auto two = chooseCountry({clue("CA", "stated", 0.8), clue("CA", "phone", 0.6), clue("IE", "gps", 0.9)});
    EXPECT_EQ(two.country, "CA");   // 1 - 0.4 * 0.2 = 0.92 beats 0.9
    EXPECT_NEAR(two.confidence, 0.92, 1e-12);
    EXPECT_EQ(two.sources, "phone+stated");
}

TEST(ChooseCountry, TiesGoToThePhoneOrStayOpen)
{
    EXPECT_EQ(chooseCountry({clue("GE", "stated", 0.5), clue("GB", "phone", 0.5), clue("US", "stated", 0.5)}).country,
              "GB");
    EXPECT_EQ(chooseCountry({clue("GE", "stated", 0.5), clue("US", "stated", 0.5)}).country, "");
    EXPECT_EQ(chooseCountry({clue("FR", "phone", 0.6), clue("BE", "phone", 0.6)}).country, "");
}

TEST(Location, PhoneOnlyWhenNothingIsSaid)
{
    GeoCase c;
    auto [person, chat] = c.victim("+14165550142");   // Toronto: CA, not the +1 main region US
    c.message(chat, c.lastAccount(), "hey what's up");
    c.locate();
    const auto clues = c.clues(person);
    ASSERT_EQ(clues.size(), 1u);
    EXPECT_EQ(clues[0].country, "CA");
    EXPECT_EQ(clues[0].source, "phone");
    EXPECT_DOUBLE_EQ(clues[0].confidence, kPhoneConfidence);
    EXPECT_EQ(clues[0].accountId, c.lastAccount());
    EXPECT_NE(clues[0].detail.find("+14165550142"), std::string::npos);
    const Choice choice = c.choice(person);
    EXPECT_EQ(choice.country, "CA");
    EXPECT_EQ(choice.source, "phone");
    EXPECT_DOUBLE_EQ(choice.confidence.value_or(0), kPhoneConfidence);
}

TEST(Location, NumberOutsideKnownRangesGetsItsCodesMainRegion)
{
    GeoCase c;
    auto [person, chat] = c.victim("+447700900452");   // Ofcom drama range: libphonenumber places it nowhere
    c.locate();
    const auto clues = c.clues(person);
    ASSERT_EQ(clues.size(), 1u);
    EXPECT_EQ(clues[0].country, "GB");
    EXPECT_DOUBLE_EQ(clues[0].confidence, kPhoneSharedCodeConfidence);
    EXPECT_NE(clues[0].detail.find("main region"), std::string::npos);
}

TEST(Location, StatedPlaceRecordsMessageAndPhrase)
{
    GeoCase c;
    auto [person, chat] = c.victim();
    const std::int64_t said = c.message(chat, c.lastAccount(), "haha yeah I live in Dublin, wbu");
    c.message(chat, c.lastAccount(), "like I said I live in dublin");
    c.locate();
    const auto clues = c.clues(person);
    ASSERT_EQ(clues.size(), 1u);   // one clue per place, however often it is said
    EXPECT_EQ(clues[0].country, "IE");
    EXPECT_EQ(clues[0].source, "stated");
    EXPECT_DOUBLE_EQ(clues[0].confidence, kStatedConfidence);
    EXPECT_EQ(clues[0].messageId, said);
    EXPECT_NE(clues[0].detail.find("\xE2\x80\x9CI live in Dublin\xE2\x80\x9D"), std::string::npos) << clues[0].detail;
    EXPECT_NE(clues[0].detail.find("said 2 times"), std::string::npos) << clues[0].detail;
    EXPECT_EQ(c.choice(person).country, "IE");
    EXPECT_EQ(c.choice(person).source, "stated");
}

TEST(Location, PhoneAndStatedCombine)
{
    GeoCase c;
    auto [person, chat] = c.victim("+14165550142");
    c.message(chat, c.lastAccount(), "I'm from Canada");
    c.locate();
    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"CA:phone", "CA:stated"}));
    const Choice choice = c.choice(person);
    EXPECT_EQ(choice.country, "CA");
    EXPECT_EQ(choice.source, "phone+stated");
    EXPECT_NEAR(choice.confidence.value_or(0), 1 - (1 - kPhoneConfidence) * (1 - kStatedConfidence), 1e-9);
}

TEST(Location, StrongerClueWinsAndBothCountriesStay)
{
    GeoCase c;
    auto [person, chat] = c.victim("+33612345678");
    c.message(chat, c.lastAccount(), "I live in Dublin now");
    c.locate();
    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"FR:phone", "IE:stated"}));
    EXPECT_EQ(c.choice(person).country, "IE");
    EXPECT_EQ(c.choice(person).source, "stated");
}

TEST(Location, TieGoesToThePhone)
{
    GeoCase c;
    auto [person, chat] = c.victim("+447700900452");   // GB at 0.5
    c.message(chat, c.lastAccount(), "I live in Georgia");   // GE 0.5, US 0.5
    c.locate();
    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"GB:phone", "GE:stated", "US:stated"}));
    EXPECT_EQ(c.choice(person).country, "GB");
}

TEST(Location, GeorgiaAloneStaysOpen)
{
    // "Georgia" is a country (GE) and a US state: both clues are kept at 0.5 and the person's
    // country is left open rather than guessed.
    GeoCase c;
    auto [person, chat] = c.victim();
    c.message(chat, c.lastAccount(), "I live in Georgia");
    c.locate();
    const auto clues = c.clues(person);
    EXPECT_EQ(sourcesOf(clues), (Strings{"GE:stated", "US:stated"}));
    for (const auto &clue : clues)
        EXPECT_DOUBLE_EQ(clue.confidence, kStatedAmbiguousConfidence);
    EXPECT_NE(clues[0].detail.find("GE or US"), std::string::npos) << clues[0].detail;
    EXPECT_FALSE(c.choice(person).country);
}

TEST(Location, StatedTimeOfDayDecidesBetweenNamesakes)
{
    GeoCase c;
    auto [person, chat] = c.victim();
    c.message(chat, c.lastAccount(), "I live in Georgia");
    // 03:05 UTC in January is 22:05 in Atlanta (UTC-05:00), 07:05 in Tbilisi (UTC+04:00).
    const std::int64_t late = c.message(chat, c.lastAccount(), "omg it's 10pm here already", "2024-01-15T03:05:00Z");
    c.locate();
    const auto clues = c.clues(person);
    EXPECT_EQ(sourcesOf(clues), (Strings{"GE:stated", "US:stated", "US:timezone"}));
    EXPECT_EQ(clues[2].messageId, late);
    EXPECT_DOUBLE_EQ(clues[2].confidence, kTimezoneConfidence);
    EXPECT_NE(clues[2].detail.find("UTC-05:00"), std::string::npos) << clues[2].detail;
    const Choice choice = c.choice(person);
    EXPECT_EQ(choice.country, "US");
    EXPECT_EQ(choice.source, "stated+timezone");
    EXPECT_NEAR(choice.confidence.value_or(0), 1 - 0.5 * 0.7, 1e-9);
}

TEST(Location, StatedTimeAloneAddsNothing)
{
    GeoCase c;
    auto [person, chat] = c.victim();
    c.message(chat, c.lastAccount(), "it's 10pm here", "2024-01-15T03:05:00Z");
    c.locate();
    EXPECT_TRUE(c.clues(person).empty());
    EXPECT_FALSE(c.choice(person).country);
}

TEST(Location, StatedTimeThatFitsNoOtherClueAddsNothing)
{
    GeoCase c;
    auto [person, chat] = c.victim("+447400123456");
    c.message(chat, c.lastAccount(), "it's 10pm here", "2024-01-15T03:05:00Z");   // 03:05 in London
    c.locate();
    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"GB:phone"}));
    EXPECT_EQ(c.choice(person).source, "phone");
}

TEST(Location, NegatedStatementDoesNotCount)
{
    GeoCase c;
    auto [person, chat] = c.victim("+447400123456");
    c.message(chat, c.lastAccount(), "I'm not from Canada lol");
    c.locate();
    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"GB:phone"}));
}

TEST(Location, GpsOfPhotosThePersonSent)
{
    GeoCase c;
    auto [person, chat] = c.victim();
    const std::int64_t sent = c.message(chat, c.lastAccount(), "");
    const std::int64_t file = c.photo(sent, "/sdcard/WhatsApp/Media/IMG-20240115-WA0001.jpg", -33.8688, 151.2093);
    c.photo(sent, "/sdcard/WhatsApp/Media/IMG-20240115-WA0002.jpg", -30.0, -150.0);   // mid-ocean: no country
    const std::int64_t fromSuspect = c.message(chat, c.owner(), "");
    c.photo(fromSuspect, "/sdcard/WhatsApp/Media/Sent/IMG-20240115-WA0003.jpg", 51.5072, -0.1276);
    c.locate();
    const auto clues = c.clues(person);
    ASSERT_EQ(clues.size(), 1u);
    EXPECT_EQ(clues[0].country, "AU");
    EXPECT_EQ(clues[0].source, "gps");
    EXPECT_DOUBLE_EQ(clues[0].confidence, kGpsConfidence);
    EXPECT_EQ(clues[0].fileId, file);
    EXPECT_EQ(clues[0].messageId, sent);
    EXPECT_NE(clues[0].detail.find("IMG-20240115-WA0001.jpg"), std::string::npos);
    // The suspect's photo places the suspect, not the victim.
    EXPECT_EQ(sourcesOf(c.clues(c.suspect())), (Strings{"GB:phone", "GB:gps"}));
    EXPECT_EQ(c.choice(c.suspect()).source, "phone+gps");
}

TEST(Location, GpsJustOffTheMappedCoastCountsLess)
{
    GeoCase c;
    auto [person, chat] = c.victim();
    c.photo(c.message(chat, c.lastAccount(), ""), "/sdcard/DCIM/suva.jpg", -18.1416, 178.4419);
    c.locate();
    const auto clues = c.clues(person);
    ASSERT_EQ(clues.size(), 1u);
    EXPECT_EQ(clues[0].country, "FJ");
    EXPECT_DOUBLE_EQ(clues[0].confidence, kGpsCoastConfidence);
    EXPECT_NE(clues[0].detail.find("off its mapped coast"), std::string::npos) << clues[0].detail;
}

TEST(Location, OnlyThePersonsOwnMessagesCount)
{
    GeoCase c;
    auto [person, chat] = c.victim();
    c.message(chat, c.owner(), "I live in Leeds");      // the suspect says it
    c.message(chat, 0, "I'm from Canada");              // no sender, incoming, one-to-one: the victim
    const std::int64_t other = c.account(c.person("Friend"), "friend");
    const std::int64_t group = c.conversation({c.lastAccount(), other});
    c.message(group, 0, "I live in Perth");             // no sender in a group: nobody's
    c.outgoingWithoutSender(chat, "I'm in Toronto");    // outgoing, no sender: the owner's
    c.locate();
    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"CA:stated"}));
    EXPECT_EQ(sourcesOf(c.clues(c.suspect())), (Strings{"GB:phone", "GB:stated", "CA:stated"}));
}

TEST(Location, RebuildIsCompleteAndDeterministic)
{
    GeoCase c;
    auto [person, chat] = c.victim("+14165550142");
    const std::int64_t said = c.message(chat, c.lastAccount(), "I'm from Canada");
    c.message(chat, c.lastAccount(), "I live in Georgia");
    const LocationSummary first = c.locate();
    const auto clues = c.clues(person);
    const LocationSummary second = c.locate();
    EXPECT_EQ(sourcesOf(c.clues(person)), sourcesOf(clues));
    EXPECT_EQ(first.clues, second.clues);
    ASSERT_TRUE(c.db().exec("UPDATE messages SET body = 'hello' WHERE id = " + std::to_string(said)));
    c.locate();   // the clue of the changed message is gone
    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"CA:phone", "GE:stated", "US:stated"}));
    EXPECT_EQ(c.choice(person).country, "CA");
    EXPECT_EQ(c.choice(person).source, "phone");
}

TEST(Location, SummaryCounts)
{
    GeoCase c;
    c.victim("+14165550142");
    auto [quiet, chat] = c.victim();
    c.message(chat, c.lastAccount(), "I live in Georgia");
    c.victim();
    const LocationSummary s = c.locate();
    EXPECT_EQ(s.persons, 4);   // the suspect and three others
    EXPECT_EQ(s.located, 2);   // the suspect (phone) and the Toronto number
    EXPECT_EQ(s.clues, 4);     // GB phone, CA phone, GE and US stated
    EXPECT_FALSE(c.choice(quiet).country);
}

TEST(Location, RunsInsideTheCallersTransaction)
{
    GeoCase c;
    auto [person, chat] = c.victim("+14165550142");
    {
        casedb::Transaction tx(c.db());
        ASSERT_TRUE(tx.begun());
        c.locate();
        EXPECT_EQ(c.clues(person).size(), 1u);
    }   // rolled back
    EXPECT_TRUE(c.clues(person).empty());
    c.locate();   // its own transaction, committed
    EXPECT_EQ(c.clues(person).size(), 1u);
}

TEST(Location, MissingDataFilesAreErrorsAndChangeNothing)
{
    GeoCase c;
    auto [person, chat] = c.victim("+14165550142");
    c.message(chat, c.lastAccount(), "");
    c.photo(c.message(chat, c.lastAccount(), ""), "/p.jpg", 51.5, -0.12);
    c.locate();
    ASSERT_EQ(c.clues(person).size(), 2u);

    LocationOptions noPlaces;
    noPlaces.placesFile = "/nonexistent/places-en.json";
    auto r = locatePersons(c.db(), noPlaces);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::NotFound);

    test::TempDir dir;
    LocationOptions badShapes;
    badShapes.shapesFile = dir / "countries.geojson";
    ASSERT_TRUE(std::ofstream(badShapes.shapesFile) << R"({"type":"FeatureCollection","features":[)");
    auto g = locatePersons(c.db(), badShapes);
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error().code, ErrorCode::Corrupt);

    EXPECT_EQ(sourcesOf(c.clues(person)), (Strings{"CA:phone", "GB:gps"}));   // the earlier result stands
}
