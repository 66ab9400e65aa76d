// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline of the demo scenario (both demo devices through `vigil ingest`): every dated row of
// every source becomes its events, and each victim's lane agrees with the people analysis (first
// and last contact, messages).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/democase.h"

using namespace vigil;
using namespace vigil::test;

namespace {

using DemoTimeline = DemoDevicesTest;

TEST_F(DemoTimeline, EverySourceBecomesItsEvents)
{
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE lane = 'file'"),
              count("SELECT count(mtime) + count(atime) + count(ctime) + count(crtime) FROM files"));
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE kind IN ('message-sent', 'message-received', 'message')"),
              count("SELECT count(sent_at) FROM messages"));
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE kind = 'message-read'"),
              count("SELECT count(read_at) FROM messages"));
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE kind = 'call'"), count("SELECT count(started_at) FROM calls"));
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE kind = 'web-visit'"),
              count("SELECT count(visited_at) FROM web_visits"));
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE kind = 'web-search'"),
              count("SELECT count(searched_at) FROM web_searches"));
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE kind = 'media-captured'"),
              count("SELECT count(coalesce(captured_utc, captured_local)) FROM media"));
    // The demo has something of each, and FAT (local-time) files on the phone.
    for (const char *lane : {"file", "communication", "media", "web"})
        EXPECT_GT(count(std::string("SELECT count(*) FROM events WHERE lane = '") + lane + "'"), 0) << lane;
    EXPECT_GT(count("SELECT count(*) FROM events WHERE time_basis = 'local'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM events e JOIN files f ON f.id = e.file_id WHERE e.lane = 'file' AND "
                    "e.source <> CASE WHEN f.origin = 'fs' THEN CASE WHEN f.allocated THEN 'live' ELSE 'deleted' END "
                    "ELSE f.origin END"),
              0);
}

TEST_F(DemoTimeline, EachVictimsLaneAgreesWithThePeopleAnalysis)
{
    const auto victims = count("SELECT count(*) FROM victims");
    ASSERT_GT(victims, 5);
    const std::string messageEvents = "e.person_id = v.person_id AND e.kind IN ('message-sent', 'message-received', "
                                      "'message')";
    EXPECT_EQ(count("SELECT count(*) FROM victims v WHERE first_contact = (SELECT min(time) FROM events e WHERE " +
                    messageEvents + ") AND last_contact = (SELECT max(time) FROM events e WHERE " + messageEvents +
                    ") AND messages = (SELECT count(*) FROM events e WHERE " + messageEvents + ")"),
              victims);
    // No event names a suspect.
    EXPECT_EQ(count("SELECT count(*) FROM events e JOIN persons p ON p.id = e.person_id WHERE p.role = 'suspect'"), 0);
}

TEST_F(DemoTimeline, CsvIsInTimeOrder)
{
    const auto file = s_tmp->path() / "timeline.csv";
    const auto r = run(quote(vigilBinary().string()) + " timeline --case " + quote(caseDir().string()) + " > " +
                       quote(file.string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::ifstream in(file);
    std::vector<std::string> times;
    std::string line;
    std::getline(in, line);   // header
    while (std::getline(in, line))
        times.push_back(line.substr(0, line.find(',')));
    EXPECT_EQ(std::int64_t(times.size()), count("SELECT count(*) FROM events"));
    // ISO 8601 UTC sorts as text up to the fraction: compare whole seconds.
    for (auto &t : times)
        t = t.substr(0, 19);
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
}

} // namespace
