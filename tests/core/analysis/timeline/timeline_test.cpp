// SPDX-License-Identifier: GPL-3.0-or-later
// buildTimeline on a case holding every source (timelinecase.h): one event per dated fact, with
// its kind, lane, precision, basis, zone, person and source.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/analysis/timeline/timeline.h"
#include "core/casedb/recordwriter.h"
#include "core/casedb/schema.h"
#include "core/casedb/timelinequery.h"
#include "tests/core/analysis/timeline/timelinecase.h"
#include "tests/integration/harness.h"

using namespace vigil;
using namespace vigil::test;
using casedb::TimelineEvent;

namespace {

class Timeline : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = buildTimelineCase(m_tmp.path() / "case", m_s);
        ASSERT_TRUE(m_case);
        auto built = analysis::buildTimeline(db());
        ASSERT_TRUE(built) << built.error().toString();
        m_summary = *built;
    }
    casedb::Database &db() { return m_case->db(); }

    std::vector<TimelineEvent> events(const std::string &kind)
    {
        std::vector<TimelineEvent> out;
        casedb::TimelineFilter f;
        f.kinds = {kind};
        EXPECT_TRUE(casedb::forEachEvent(db(), f, [&](const TimelineEvent &e) { out.push_back(e); }));
        return out;
    }
    TimelineEvent one(const std::string &kind, std::int64_t fileOrRecord)
    {
        for (const auto &e : events(kind)) {
            const auto id = e.fileId ? e.fileId : (e.messageId ? e.messageId : (e.callId ? e.callId : e.recordId));
            if (id == fileOrRecord || (kind == "conversation-created" && e.conversationId == fileOrRecord))
                return e;
        }
        ADD_FAILURE() << "no " << kind << " event for " << fileOrRecord;
        return {};
    }

    TempDir m_tmp;
    TimelineScenario m_s;
    std::unique_ptr<PeopleCase> m_case;
    analysis::TimelineSummary m_summary;
};

TEST_F(Timeline, EveryFileTimeIsItsOwnEventInUtc)
{
    const auto m = one("file-modified", m_s.ntfsFile), a = one("file-accessed", m_s.ntfsFile),
               c = one("file-changed", m_s.ntfsFile), b = one("file-created", m_s.ntfsFile);
    EXPECT_EQ(m.time, feb(2, 10) + 123456789);
    EXPECT_EQ(a.time, feb(7, 1));
    EXPECT_EQ(c.time, feb(2, 11));
    EXPECT_EQ(b.time, feb(1, 9));
    for (const auto &e : {m, a, c, b}) {
        EXPECT_EQ(e.lane, "file");
        EXPECT_EQ(e.basis, "utc");
        EXPECT_EQ(e.precision, "exact");
        EXPECT_EQ(e.originalTz, "UTC");
        EXPECT_EQ(e.source, "live");
        EXPECT_EQ(e.path, "/Users/me/notes.txt");
        EXPECT_EQ(e.evidenceId, 1);
        EXPECT_FALSE(e.personId);
    }
}

TEST_F(Timeline, FatTimesAreLocalWithTheirOwnPrecision)
{
    const auto m = one("file-modified", m_s.fatFile), a = one("file-accessed", m_s.fatFile),
               b = one("file-created", m_s.fatFile);
    EXPECT_EQ(m.precision, "two-seconds");
    EXPECT_EQ(a.precision, "day");
    EXPECT_EQ(b.precision, "exact");
    for (const auto &e : {m, a, b}) {
        EXPECT_EQ(e.basis, "local");
        EXPECT_EQ(e.originalTz, "");   // FAT records no zone
        EXPECT_EQ(e.source, "deleted");
    }
    for (const auto &e : events("file-changed"))   // FAT has no change time
        EXPECT_NE(e.fileId, m_s.fatFile);
}

// Schema 7: an evidence item ingested with `--timezone` (evidence.fs_timezone) had its FAT times
// converted from that zone by The Sleuth Kit, so they are absolute: basis utc, the zone recorded.
// NTFS times and the other evidence items are unchanged.
TEST_F(Timeline, FatTimesOfAnItemIngestedWithAZoneAreUtc)
{
    ASSERT_TRUE(db().exec("UPDATE evidence SET fs_timezone = 'America/New_York' WHERE id = 1;"
                          "UPDATE evidence SET fs_timezone = 'Europe/Paris' WHERE id = 2"));
    auto built = analysis::buildTimeline(db());
    ASSERT_TRUE(built) << built.error().toString();
    const auto m = one("file-modified", m_s.fatFile), a = one("file-accessed", m_s.fatFile),
               b = one("file-created", m_s.fatFile);
    EXPECT_EQ(m.time, feb(3, 8));   // the time as stored: TSK converted it at ingest
    EXPECT_EQ(m.precision, "two-seconds");
    EXPECT_EQ(a.precision, "day");
    EXPECT_EQ(b.precision, "exact");
    for (const auto &e : {m, a, b}) {
        EXPECT_EQ(e.basis, "utc");
        EXPECT_EQ(e.originalTz, "America/New_York");
        EXPECT_EQ(e.source, "deleted");
    }
    const auto ntfs = one("file-modified", m_s.ntfsFile);
    EXPECT_EQ(ntfs.basis, "utc");
    EXPECT_EQ(ntfs.originalTz, "UTC");
    EXPECT_EQ(built->local, 1);   // only the photo without an EXIF zone is left local
    // Back to no zone: local again.
    ASSERT_TRUE(db().exec("UPDATE evidence SET fs_timezone = NULL"));
    ASSERT_TRUE(analysis::buildTimeline(db()));
    EXPECT_EQ(one("file-created", m_s.fatFile).basis, "local");
    EXPECT_EQ(one("file-created", m_s.fatFile).originalTz, "");
}

// Schema 7: accounts.created_at is an account-created event of the person holding the account
// (nobody for the suspect's own accounts, as for every event), with the account row as record_id, its display name (or
// key) as summary and a precision from the unit the time was stored in.
TEST_F(Timeline, AccountCreationIsAnEventOfTheAccountsHolder)
{
    EXPECT_TRUE(events("account-created").empty());   // no parser stored one in this case
    ASSERT_TRUE(db().exec("UPDATE accounts SET created_at = " + std::to_string(feb(1, 7)) +
                          " WHERE id = " + std::to_string(m_s.avaAccount) + ";"
                          "UPDATE accounts SET created_at = " + std::to_string(feb(1, 6) + 250'000'000) +
                          " WHERE id = " + std::to_string(m_s.meAccount) + ";"
                          "UPDATE accounts SET created_at = " + std::to_string(feb(1, 5) + 7 * kSecond) +
                          ", display_name = NULL, record_source = 'recovered' WHERE id = " +
                          std::to_string(m_s.benAccount)));
    auto built = analysis::buildTimeline(db());
    ASSERT_TRUE(built) << built.error().toString();
    const auto all = events("account-created");
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(built->communication, 9 + 3);
    auto byAccount = [&](std::int64_t account) {
        for (const auto &e : all)
            if (e.recordId == account)
                return e;
        ADD_FAILURE() << "no account-created event for account " << account;
        return TimelineEvent{};
    };
    const auto ava = byAccount(m_s.avaAccount);
    EXPECT_EQ(ava.time, feb(1, 7));
    EXPECT_EQ(ava.lane, "communication");
    EXPECT_EQ(ava.app, "whatsapp-android");
    EXPECT_EQ(ava.summary, "Ava");
    EXPECT_EQ(ava.personId, m_s.ava);
    EXPECT_EQ(ava.person, "Ava");
    EXPECT_EQ(ava.evidenceId, 1);
    EXPECT_EQ(ava.precision, "minute");   // a whole minute: stored to the minute at best
    EXPECT_EQ(ava.basis, "utc");
    EXPECT_EQ(ava.source, "live");
    EXPECT_FALSE(ava.messageId);
    EXPECT_FALSE(ava.conversationId);
    const auto me = byAccount(m_s.meAccount);
    EXPECT_FALSE(me.personId);   // the suspect's own account
    EXPECT_EQ(me.precision, "exact");
    EXPECT_EQ(me.summary, "Me");
    const auto ben = byAccount(m_s.benAccount);
    EXPECT_EQ(ben.precision, "second");
    EXPECT_EQ(ben.summary, "ben@s.whatsapp.net");   // no display name: the key
    EXPECT_EQ(ben.basis, "recovered");
    EXPECT_EQ(ben.source, "recovered");
    EXPECT_EQ(ben.personId, m_s.ben);
    // In time order with the rest: the three creations come before the first conversation (feb 1, 08:00).
    casedb::TimelineFilter f;
    std::vector<std::string> kinds;
    ASSERT_TRUE(casedb::forEachEvent(db(), f, [&](const TimelineEvent &e) {
        if (kinds.size() < 4)
            kinds.push_back(e.kind);
    }));
    EXPECT_EQ(kinds, (std::vector<std::string>{"account-created", "account-created", "account-created",
                                               "conversation-created"}));
}

TEST_F(Timeline, MessagesConcernTheOtherPerson)
{
    const auto sent = one("message-sent", m_s.helloAva), received = one("message-received", m_s.avaReply),
               read = one("message-read", m_s.avaReply);
    EXPECT_EQ(sent.time, feb(3, 9, 30));
    EXPECT_EQ(received.time, feb(3, 9, 40));
    EXPECT_EQ(read.time, feb(3, 9, 45));
    for (const auto &e : {sent, received, read}) {
        EXPECT_EQ(e.personId, m_s.ava);   // the victim's lane, whoever wrote
        EXPECT_EQ(e.person, "Ava");
        EXPECT_EQ(e.conversationId, m_s.avaChat);
        EXPECT_EQ(e.lane, "communication");
        EXPECT_EQ(e.app, "whatsapp-android");
        EXPECT_EQ(e.basis, "utc");
        EXPECT_EQ(e.source, "live");
    }
    EXPECT_EQ(sent.summary, "hello ava");
    // In a group, an incoming message concerns its sender; the owner's own message nobody.
    EXPECT_EQ(one("message-received", m_s.tomInGroup).personId, m_s.tom);
    const auto mine = one("message-sent", m_s.meInGroup);
    EXPECT_FALSE(mine.personId);
    EXPECT_EQ(mine.summary, "[1 attachment(s)]");
    // A message without a time is no event.
    EXPECT_EQ(m_case->scalar("SELECT count(*) FROM events WHERE message_id IN (SELECT id FROM messages WHERE "
                             "sent_at IS NULL)"),
              0);
}

TEST_F(Timeline, RecoveredAndCarvedTimesAreMarked)
{
    const auto r = one("message-sent", m_s.recovered);
    EXPECT_EQ(r.basis, "recovered");
    EXPECT_EQ(r.source, "recovered");
    const auto carved = one("media-captured", m_s.carvedPhoto);
    EXPECT_EQ(carved.basis, "recovered");
    EXPECT_EQ(carved.source, "carved");
    EXPECT_EQ(m_summary.recovered, 2);
}

TEST_F(Timeline, CallsConversationsAndWeb)
{
    const auto ben = one("call", m_s.benCall), ava = one("call", m_s.avaCall);
    EXPECT_EQ(ben.personId, m_s.ben);   // the call's account
    EXPECT_EQ(ben.summary, "incoming video call, 95 s, missed");
    EXPECT_EQ(ava.personId, m_s.ava);   // no account: the conversation's other person
    EXPECT_EQ(ava.summary, "outgoing call");
    const auto created = one("conversation-created", m_s.avaChat);
    EXPECT_EQ(created.time, feb(1, 8));
    EXPECT_EQ(created.summary, "Ava chat");
    EXPECT_EQ(created.personId, m_s.ava);
    const auto visit = one("web-visit", m_s.visit), search = one("web-search", m_s.search);
    EXPECT_EQ(visit.summary, "Example — https://example.org/a");
    EXPECT_EQ(visit.lane, "web");
    EXPECT_EQ(visit.app, "chrome");
    EXPECT_EQ(search.summary, "how to delete messages");
    EXPECT_EQ(search.time, feb(6, 10, 5));
}

TEST_F(Timeline, MediaCaptureAndVideoCreationTimes)
{
    const auto zoned = one("media-captured", m_s.zonedPhoto);
    EXPECT_EQ(zoned.time, feb(3, 9));   // 10:00 at +01:00
    EXPECT_EQ(zoned.basis, "utc");
    EXPECT_EQ(zoned.originalTz, "+01:00");
    EXPECT_EQ(zoned.precision, "second");
    EXPECT_EQ(zoned.summary, "Canon EOS 200D");
    EXPECT_EQ(zoned.lane, "media");
    const auto local = one("media-captured", m_s.localPhoto);
    EXPECT_EQ(local.time, feb(3, 14));   // the wall clock, zone unknown
    EXPECT_EQ(local.basis, "local");
    EXPECT_EQ(local.originalTz, "");
    const auto video = one("video-created", m_s.video);
    EXPECT_EQ(video.time, feb(3, 9, 15));   // 11:15 at +02:00
    EXPECT_EQ(video.originalTz, "UTC");
    EXPECT_EQ(video.precision, "second");
    EXPECT_EQ(events("video-created").size(), 1u);   // the unreadable one is counted, not guessed
    EXPECT_EQ(m_summary.badVideoTimes, 1);
}

// Times recorded in three zones come out in true (UTC) order, not in wall-clock order.
TEST_F(Timeline, OrderedAcrossTimeZones)
{
    casedb::TimelineFilter f;
    f.from = feb(3, 9);
    f.to = feb(3, 10);
    std::vector<std::string> kinds;
    ASSERT_TRUE(casedb::forEachEvent(db(), f, [&](const TimelineEvent &e) { kinds.push_back(e.kind); }));
    EXPECT_EQ(kinds, (std::vector<std::string>{"media-captured", "video-created", "message-sent", "message-received",
                                               "message-read"}));
}

TEST_F(Timeline, SummaryCountsTheTable)
{
    EXPECT_EQ(m_summary.events, m_case->scalar("SELECT count(*) FROM events"));
    EXPECT_EQ(m_summary.file, 7);             // 4 NTFS + 3 FAT
    EXPECT_EQ(m_summary.media, 4);            // 3 captures + 1 video
    EXPECT_EQ(m_summary.web, 2);
    EXPECT_EQ(m_summary.communication, 9);    // 1 created + 5 dated messages + 1 read + 2 calls
    EXPECT_EQ(m_summary.local, 3 + 1);        // FAT times, the capture without a zone (the carved one: recovered)
    EXPECT_EQ(m_summary.events, m_summary.file + m_summary.media + m_summary.web + m_summary.communication);
}

TEST_F(Timeline, RebuildGivesTheSameEventsAndClearingEmptiesThem)
{
    const auto before = m_case->dump("events");
    auto again = analysis::buildTimeline(db());
    ASSERT_TRUE(again);
    EXPECT_EQ(m_case->dump("events"), before);
    ASSERT_TRUE(casedb::clearPeopleAnalysis(db()));
    EXPECT_EQ(m_case->scalar("SELECT count(*) FROM events"), 0);
}

TEST_F(Timeline, WithoutPersonsEventsNameNobody)
{
    TimelineScenario s;
    TempDir tmp;
    auto c = buildTimelineCase(tmp.path() / "case", s, false);
    ASSERT_TRUE(c);
    auto built = analysis::buildTimeline(c->db());
    ASSERT_TRUE(built) << built.error().toString();
    EXPECT_EQ(built->events, m_summary.events);
    EXPECT_EQ(c->scalar("SELECT count(person_id) FROM events"), 0);
}

TEST_F(Timeline, FailureKeepsTheOldTimeline)
{
    const auto before = m_case->scalar("SELECT count(*) FROM events");
    ASSERT_TRUE(db().exec("ALTER TABLE web_searches RENAME COLUMN terms TO words"));
    auto built = analysis::buildTimeline(db());
    EXPECT_FALSE(built);
    EXPECT_EQ(m_case->scalar("SELECT count(*) FROM events"), before);
    EXPECT_EQ(m_case->scalar("SELECT count(*) FROM sqlite_master WHERE name = 'events_time'"), 1);
}

// Schema step 6 on a version-5 case: the events table and its three indexes, empty until built.
TEST(TimelineSchema, AVersionFiveCaseGainsTheEventsTable)
{
    TempDir tmp;
    auto db = casedb::Database::open(tmp.path() / "case.vigil", casedb::Database::Mode::ReadWrite, true);
    ASSERT_TRUE(db);
    ASSERT_TRUE(casedb::migrate(*db, 5));
    EXPECT_FALSE(db->prepare("SELECT count(*) FROM events"));
    ASSERT_TRUE(casedb::migrate(*db, 6));
    EXPECT_EQ(casedb::readSchemaInfo(*db)->version, 6);
    auto st = db->prepare("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' "
                          "AND tbl_name = 'events' ORDER BY name)");
    ASSERT_TRUE(st);
    ASSERT_TRUE(st->step().value_or(false));
    EXPECT_EQ(st->text(0), "events_lane events_person events_time");
    st->reset();   // no open cursor while the build drops the indexes
    ASSERT_TRUE(casedb::migrate(*db));   // cases are migrated when opened for writing: the build reads step 7
    auto built = analysis::buildTimeline(*db);   // an empty case: no events, no error
    ASSERT_TRUE(built) << built.error().toString();
    EXPECT_EQ(built->events, 0);
}

} // namespace
