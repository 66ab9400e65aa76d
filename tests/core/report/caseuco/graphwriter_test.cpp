// SPDX-License-Identifier: GPL-3.0-or-later
// The pieces of the CASE/UCO export: JSON strings that stay valid whatever the bytes, name-based
// UUIDs (RFC 4122 version 5), node identifiers, xsd:dateTime literals and hash values.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

#include "core/report/caseuco/graphwriter.h"
#include "core/report/caseuco/jsonwriter.h"

using namespace vigil::report;
using namespace vigil::report::uco;

namespace {

constexpr UuidBytes kDnsNamespace = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                     0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

struct FileCloser {
    void operator()(std::FILE *f) const { std::fclose(f); }
};

// What a JsonWriter wrote to memory.
std::string written(const std::function<void(JsonWriter &)> &write)
{
    char *data = nullptr;
    std::size_t size = 0;
    std::FILE *raw = open_memstream(&data, &size);
    {
        std::unique_ptr<std::FILE, FileCloser> file(raw);
        JsonWriter json(file.get());
        write(json);
        EXPECT_TRUE(json.flush());
    }
    std::string out(data, size);
    std::free(data);
    return out;
}

} // namespace

TEST(CaseUcoJson, EscapesQuotesBackslashesAndControlCharacters)
{
    EXPECT_EQ(jsonEscaped("say \"hi\"\\"), "say \\\"hi\\\"\\\\");
    EXPECT_EQ(jsonEscaped("a\nb\tc\rd\x01\x1f"), "a\\nb\\tc\\rd\\u0001\\u001f");
    EXPECT_EQ(jsonEscaped("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80") << "valid UTF-8 is kept";
}

TEST(CaseUcoJson, InvalidUtf8AndNulBecomeReplacementCharacters)
{
    EXPECT_EQ(jsonEscaped(std::string("a\xFF" "b\xC3", 4)), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    EXPECT_EQ(jsonEscaped(std::string("x\0y", 3)), "x\xEF\xBF\xBDy");
}

TEST(CaseUcoJson, WriterPlacesCommasAndNesting)
{
    const std::string out = written([](JsonWriter &j) {
        j.beginObject().key("a").number(-3).key("b").beginArray().string("x").boolean(true).beginObject().endObject();
        j.endArray().key("c").string("q\"").endObject();
    });
    EXPECT_EQ(out, R"({"a":-3,"b":["x",true,{}],"c":"q\""})");
}

TEST(CaseUcoJson, FlushReportsAFailedWrite)
{
    std::unique_ptr<std::FILE, FileCloser> full(std::fopen("/dev/full", "wb"));
    if (!full)
        GTEST_SKIP() << "no /dev/full on this system";
    JsonWriter json(full.get());
    json.beginArray().string(std::string(100000, 'x')).endArray();
    const auto r = json.flush();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, vigil::ErrorCode::Io);
}

TEST(CaseUcoIds, UuidV5MatchesTheRfc4122Construction)
{
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    EXPECT_EQ(formatUuid(uuidV5Bytes(kDnsNamespace, "python.org")), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST(CaseUcoIds, IdsAreStablePerCaseAndRowAndEndInAUuid)
{
    const IdMaker a("OP-1|2026-01-01T00:00:00Z"), again("OP-1|2026-01-01T00:00:00Z"), other("OP-2|2026-01-01T00:00:00Z");
    const std::string id = a("message", 42);
    EXPECT_TRUE(id.starts_with("kb:message-42-")) << id;
    EXPECT_EQ(id.size(), std::string("kb:message-42-").size() + 36);
    EXPECT_EQ(id, again("message", 42));
    EXPECT_NE(id, other("message", 42)) << "another case names its nodes differently";
    EXPECT_NE(id, a("message", 43));
    EXPECT_NE(a("message", 42, "facet"), id);
    EXPECT_TRUE(a("message", 42, "facet").starts_with("kb:message-42-facet-"));
}

TEST(CaseUcoIds, TextKeysAreReducedInTheReadablePartButStayDistinct)
{
    const IdMaker ids("case");
    const std::string a = ids.named("application", "what's app/x"), b = ids.named("application", "what_s app_x");
    EXPECT_TRUE(a.starts_with("kb:application-what_s_app_x-")) << a;
    EXPECT_NE(a, b) << "the UUID comes from the key itself";
    EXPECT_EQ(a.find_first_of(" '/\""), std::string::npos);
}

TEST(CaseUcoLiterals, DateTimesNeedSecondsAndAValidZone)
{
    EXPECT_EQ(xsdDateTime("2026-12-02T21:20:58.185850978Z").value_or(""), "2026-12-02T21:20:58.185850978Z");
    EXPECT_EQ(xsdDateTime("2024-02-01T10:00:00+01:00").value_or(""), "2024-02-01T10:00:00+01:00");
    EXPECT_EQ(xsdDateTime("2024-02-01T10:00:00").value_or(""), "2024-02-01T10:00:00");
    for (const char *bad : {"2024-02-01T10:00Z", "2024-02-01 10:00:00Z", "2024-13-01T10:00:00Z", "2024-02-01T10:00:00.Z",
                            "2024-02-01T10:00:00+1", "yesterday", ""})
        EXPECT_FALSE(xsdDateTime(bad)) << bad;
}

TEST(CaseUcoLiterals, NanosecondsBecomeUtcOrLocalDateTimes)
{
    constexpr std::int64_t t = 1706990400LL * 1'000'000'000LL + 250'000'000LL;   // 2024-02-03T20:00:00.25Z
    EXPECT_EQ(xsdDateTime(t), "2024-02-03T20:00:00.25Z");
    EXPECT_EQ(xsdDateTime(t, true), "2024-02-03T20:00:00.25") << "a wall-clock time of an unknown zone has none";
    EXPECT_EQ(xsdDateTime(1706990400LL * 1'000'000'000LL), "2024-02-03T20:00:00Z") << "seconds are always there";
}

TEST(CaseUcoLiterals, OnlyWellFormedHashesAreKept)
{
    const auto hashes = validHashes({{"MD5", "D41D8CD98F00B204E9800998ECF8427E"},
                                     {"SHA1", "zz39a3ee5e6b4b0d3255bfef95601890afd80709"},
                                     {"SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
                                     {"SHA1", "da39a3ee"}});
    ASSERT_EQ(hashes.size(), 2u);
    EXPECT_STREQ(hashes[0].method, "MD5");
    EXPECT_EQ(hashes[0].hex, "d41d8cd98f00b204e9800998ecf8427e") << "lowercased";
    EXPECT_STREQ(hashes[1].method, "SHA256");
}
