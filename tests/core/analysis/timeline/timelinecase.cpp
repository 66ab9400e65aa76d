// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/analysis/timeline/timelinecase.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil::test {

namespace {

std::string n(std::int64_t v)
{
    return std::to_string(v);
}

void exec(PeopleCase &c, const std::string &sql)
{
    if (auto r = c.db().exec(sql); !r)
        ADD_FAILURE() << sql << ": " << r.error().toString();
}

// A files row; times are ns UTC or "NULL".
void file(PeopleCase &c, std::int64_t id, const std::string &fs, const std::string &path, bool allocated,
          const std::string &times, const std::string &origin = "fs", const std::string &md5 = "NULL")
{
    const auto slash = path.rfind('/');
    exec(c, "INSERT INTO files (id, evidence_id, fs_id, path, name, meta_addr, meta_type, allocated, size, mtime, "
            "atime, ctime, crtime, md5, origin, parser, parser_version) VALUES (" + n(id) + ", 1, " + fs + ", '" +
                path + "', '" + path.substr(slash + 1) + "', " + n(id + 50) + ", 'file', " + n(allocated) + ", " +
                n(id * 100) + ", " + times + ", " + md5 + ", '" + origin + "', 'test', '1')");
}

void media(PeopleCase &c, std::int64_t file, const std::string &kind, const std::string &columns,
           const std::string &values)
{
    exec(c, "INSERT INTO media (file_id, evidence_id, kind, status, analyser, analyser_version, " + columns +
                ") VALUES (" + n(file) + ", 1, '" + kind + "', 'analysed', 'test', '1', " + values + ")");
}

void files(PeopleCase &c)
{
    exec(c, "INSERT INTO filesystems (id, evidence_id, start_offset, fs_type) VALUES (1, 1, 1048576, 'ntfs'), "
            "(2, 1, 0, 'fat16')");
    file(c, 10, "1", "/Users/me/notes.txt", true,
         n(feb(2, 10) + 123456789) + ", " + n(feb(7, 1)) + ", " + n(feb(2, 11)) + ", " + n(feb(1, 9)), "fs",
         "'0123456789abcdef0123456789abcdef'");
    file(c, 11, "2", "/DCIM/IMG_0001.JPG", false, n(feb(3, 8)) + ", " + n(feb(3, 0)) + ", NULL, " + n(feb(3, 7, 59)));
    file(c, 12, "NULL", "$Unallocated/vol1>>@0x1000.jpg", false, "NULL, NULL, NULL, NULL", "carved");
    file(c, 13, "1", "/DCIM/zoned.jpg", true, "NULL, NULL, NULL, NULL");
    file(c, 14, "1", "/DCIM/local.jpg", true, "NULL, NULL, NULL, NULL");
    file(c, 15, "1", "/DCIM/clip.mp4", true, "NULL, NULL, NULL, NULL");
    file(c, 16, "1", "/DCIM/bad.mp4", true, "NULL, NULL, NULL, NULL");
    // 10:00 at +01:00 is 09:00 UTC.
    media(c, 13, "image", "captured_utc, captured_local, tz_offset, camera_make, camera_model",
          n(feb(3, 9)) + ", " + n(feb(3, 10)) + ", '+01:00', 'Canon', 'EOS 200D'");
    media(c, 14, "image", "captured_local", n(feb(3, 14)));
    media(c, 12, "image", "captured_local", n(feb(2, 6)));
    media(c, 15, "video", "creation_time", "'2024-02-03T11:15:00.000000+02:00'");
    media(c, 16, "video", "creation_time", "'not a time'");
}

void communications(PeopleCase &c, TimelineScenario &s)
{
    const std::string app = "whatsapp-android";
    s.meAccount = c.account({app, "me@s.whatsapp.net", "Me", "+447700900001", true});
    s.avaAccount = c.account({app, "ava@s.whatsapp.net", "Ava", "+447700900002"});
    s.benAccount = c.account({app, "ben@s.whatsapp.net", "Ben", "+447700900003"});
    s.tomAccount = c.account({app, "tom@s.whatsapp.net", "Tom", "+447700900004"});
    s.avaChat = c.conversation(app, {s.meAccount, s.avaAccount});
    s.group = c.conversation(app, {s.meAccount, s.benAccount, s.tomAccount}, true);
    exec(c, "UPDATE conversations SET created_at = " + n(feb(1, 8)) + ", title = 'Ava chat' WHERE id = " +
                n(s.avaChat));
    s.helloAva = c.message(s.avaChat, s.meAccount, "outgoing", feb(3, 9, 30), "hello ava");
    s.avaReply = c.message(s.avaChat, s.avaAccount, "incoming", feb(3, 9, 40), "hi | who is this?");
    exec(c, "UPDATE messages SET read_at = " + n(feb(3, 9, 45)) + " WHERE id = " + n(s.avaReply));
    s.recovered = c.message(s.avaChat, s.meAccount, "outgoing", feb(2, 8), "deleted words");
    exec(c, "UPDATE messages SET record_source = 'recovered', recovered_from = 'freeblock' WHERE id = " +
                n(s.recovered));
    c.message(s.avaChat, s.avaAccount, "incoming", std::nullopt, "no time");
    s.tomInGroup = c.message(s.group, s.tomAccount, "incoming", feb(4, 12), "match at 3");
    s.meInGroup = c.message(s.group, s.meAccount, "outgoing", feb(4, 13), std::nullopt, 1);
    const std::string source = n(c.scalar("SELECT min(id) FROM parse_sources"));
    exec(c, "INSERT INTO calls (id, evidence_id, app, account_id, direction, started_at, duration_s, is_video, status, "
            "source_id) VALUES (1, 1, '" + app + "', " + n(s.benAccount) + ", 'incoming', " + n(feb(5, 20)) +
                ", 95, 1, 'missed', " + source + "), (2, 1, '" + app + "', NULL, 'outgoing', " + n(feb(5, 21)) +
                ", NULL, 0, NULL, " + source + ")");
    exec(c, "UPDATE calls SET conversation_id = " + n(s.avaChat) + " WHERE id = 2");
    s.benCall = 1;
    s.avaCall = 2;
    exec(c, "INSERT INTO web_visits (id, evidence_id, app, url, title, visited_at, source_id) VALUES (1, 1, 'chrome', "
            "'https://example.org/a', 'Example', " + n(feb(6, 10)) + ", " + source + ")");
    exec(c, "INSERT INTO web_searches (id, evidence_id, app, terms, searched_at, source_id) VALUES (1, 1, 'chrome', "
            "'how to delete messages', " + n(feb(6, 10, 5)) + ", " + source + ")");
    s.visit = 1;
    s.search = 1;
}

} // namespace

std::unique_ptr<PeopleCase> buildTimelineCase(const std::filesystem::path &dir, TimelineScenario &s, bool withPersons)
{
    auto c = PeopleCase::create(dir);
    if (!c)
        return nullptr;
    files(*c);
    communications(*c, s);
    if (withPersons) {
        s.suspect = c->person("Suspect", "suspect", {s.meAccount});
        s.ava = c->person("Ava", "other", {s.avaAccount});
        s.ben = c->person("Ben", "other", {s.benAccount});
        s.tom = c->person("Tom", "other", {s.tomAccount});
    }
    return c;
}

} // namespace vigil::test
