// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/report/victimlist/testmodel.h"

namespace vigil::test {

namespace {

using casedb::MessageSource;
using casedb::PersonAccount;
using report::QuotedMessage;
using report::VictimFinding;

PersonAccount account(std::string app, std::string phone, std::string username, std::string key)
{
    PersonAccount a;
    a.app = std::move(app);
    a.phone = std::move(phone);
    a.username = std::move(username);
    a.accountKey = std::move(key);
    return a;
}

MessageSource source(std::string path, std::string table, std::optional<std::int64_t> rowid,
                     std::optional<std::int64_t> offset, std::string record)
{
    MessageSource s;
    s.path = std::move(path);
    s.table = std::move(table);
    s.rowid = rowid;
    s.offset = offset;
    s.recordSource = std::move(record);
    return s;
}

QuotedMessage quoted(std::int64_t id, std::optional<std::int64_t> at, std::string app, std::string sender,
                     std::string body, std::vector<std::string> kinds, std::optional<MessageSource> src)
{
    return {id, at, std::move(app), std::move(sender), "other", std::move(body), std::move(kinds), std::move(src)};
}

VictimFinding everyField()
{
    VictimFinding f;
    auto &v = f.victim;
    v = {.personId = 25, .rank = 1, .label = "A. B.", .priority = "urgent",
         .priorityReasons = {"said 'want to disappear' on 2024-02-11 (Apple Messages)",
                             "sexualisation: image-request 'pic of you' on 2024-02-17"},
         .risk = 65.5, .stage = "sexualisation", .statedAge = 13, .country = "CA", .countryConfidence = 0.6,
         .firstContact = kFirstContact, .lastContact = kLastContact, .messages = 17, .mediaSent = 2,
         .mediaReceived = 1, .apps = {"ios-messages", "whatsapp"}, .suspects = {1, 3},
         .indicators = {{"self-harm", 2}, {"age-disclosure", 1}}, .cluster = 1};
    f.accounts = {account("whatsapp", "+14165550142", "", "14165550142@s.whatsapp.net"),
                  account("instagram", "", "a.b.2011", "55120001"), account("snapchat", "", "", "9e4b2c71")};
    auto sms = source("/private/var/mobile/Library/SMS/sms.db", "message", 56, std::nullopt, "live");
    sms.sha256 = std::string(64, 'a');
    sms.sha1 = std::string(40, 'b');
    f.keyMessages = {
        quoted(412, kMessageTime, "ios-messages", "A. B.", "i want to disappear", {"self-harm"}, sms),
        quoted(413, std::nullopt, "whatsapp", "suspect", "pic of you?", {"age-disclosure", "image-request"},
               source("/data/data/com.whatsapp/databases/msgstore.db-wal", "messages", std::nullopt, 4096, "wal")),
        quoted(414, kMessageTime, "whatsapp", "suspect", "hello", {}, std::nullopt),
    };
    f.keyMessages[1].speaker = "suspect";
    return f;
}

// Text a spreadsheet could misread: separators, quotes, line breaks, formulas, invalid UTF-8.
VictimFinding awkwardText()
{
    VictimFinding f;
    auto &v = f.victim;
    v.personId = 6;
    v.rank = 2;
    v.label = "O'Neil, \"Jo\"\r\nsecond line";
    v.priority = "high";
    v.priorityReasons = {"=cmd|' /C calc'!A0", "said \"stop\", then left"};
    v.risk = 100;
    v.stage = "@SUM(A1)";
    v.lastContact = kMessageTime;
    v.apps = {"-evil", "kik"};
    v.suspects = {1};
    v.indicators = {{"threat-blackmail", 3}};
    f.accounts = {account("kik", "", "bad\xFF\xFEname", "k1"), account("kik", "", longReason(), "k2")};
    f.keyMessages = {
        quoted(500, kMessageTime, "kik", "\tTab sender", longReason(), {"threat-blackmail"},
               source("/data/kik.sqlite", "messagesTable", 7, std::nullopt, "live")),
        quoted(501, kMessageTime, "kik", "+44 7700", "literal _x0041_ and \x01 bell", {}, std::nullopt),
    };
    return f;
}

VictimFinding minimal()
{
    VictimFinding f;
    f.victim.personId = 9;
    f.victim.rank = 3;
    f.victim.priority = "low";
    return f;
}

report::ReportModel withCase()
{
    report::ReportModel m;
    m.cover.caseNumber = "2024/0042";
    m.cover.examiner = "DC Example";
    m.cover.createdUtc = "2024-03-02T09:00:00Z";
    m.options.agency = "Example Police";
    m.options.redactNames = true;
    m.generatedUtc = "2024-03-05T10:00:00Z";
    m.toolVersion = "0.9.0";
    casedb::EvidenceHashes e;
    e.id = 1;
    e.mediaSize = 1048576;
    e.path = "/evidence/demo.E01";
    e.displayName = "demo.E01";
    e.kind = "ewf";
    e.status = "done";
    e.storedMd5 = e.computedMd5 = "0123456789abcdef0123456789abcdef";
    e.verification = "verified";
    m.evidence.push_back(e);
    return m;
}

} // namespace

std::string longReason()
{
    std::string s;
    for (int i = 0; s.size() < 40000; ++i)
        s += "reason-" + std::to_string(i) + " ";
    s.resize(40000);
    return s;
}

report::ReportModel threeVictimModel()
{
    report::ReportModel m = withCase();
    m.victims = {everyField(), awkwardText(), minimal()};
    m.suspects = 2;
    return m;
}

report::ReportModel emptyModel()
{
    return withCase();
}

report::ReportModel demoSizedModel()
{
    report::ReportModel m = withCase();
    for (int i = 0; i < 13; ++i) {
        VictimFinding f = everyField();
        f.victim.rank = i + 1;
        f.victim.personId = 100 + i;
        f.keyMessages.clear();
        for (int k = 0; k < 12; ++k)
            f.keyMessages.push_back(quoted(1000 + i * 12 + k, kMessageTime + k * 60'000'000'000LL, "whatsapp",
                                           "suspect", "a message of about the length people write in a chat, "
                                                      "with a question at the end, number " + std::to_string(k) + "?",
                                           {"image-request"},
                                           source("/data/data/com.whatsapp/databases/msgstore.db", "messages",
                                                  5000 + k, std::nullopt, "live")));
        m.victims.push_back(std::move(f));
    }
    return m;
}

} // namespace vigil::test
