// SPDX-License-Identifier: GPL-3.0-or-later
// VICS JSON import: 1.x and 2.0 documents written here from the published structure
// (OData object, "value" with case objects holding "Media", or a flat list of Media).
#include "plugins/media/hashsets/hashset.h"

#include <gtest/gtest.h>

#include "tests/plugins/media/hashsets/testutil.h"

namespace vigil::media {
namespace {

using test::md5Hex;
using test::ScratchDir;
using test::sha1Hex;
using test::upper;
using test::writeFile;

std::optional<std::string> md5Category(const HashSetFile &f, const std::string &hex)
{
    auto hit = f.findMd5Hex(hex);
    EXPECT_TRUE(hit) << hex;
    return hit ? hit->category : std::nullopt;
}

// A VICS 1.3 export: case object with agency fields, Media with MediaFiles, Exifs and
// AlternativeHashes (whose nested "MD5" fields must not be read as media).
std::string vics1x()
{
    return R"({
 "odata.metadata": "http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases",
 "value": [ {
  "CaseID": "2b0f1a8e-1111-4c1e-9d7e-0123456789ab", "CaseNumber": "TEST-1", "Agency": "Test unit",
  "Media": [
   { "MediaID": 1, "Category": 1, "MD5": ")" + upper(md5Hex("one")) + R"(", "SHA1": ")" + upper(sha1Hex("one")) + R"(",
     "MediaSize": "1234", "FileName": "a.jpg", "RelativeFilePath": "VIC_Files\\a.jpg",
     "MediaFiles": [ { "MD5": ")" + md5Hex("nested") + R"(", "FileName": "a.jpg", "FilePath": "/DCIM/a.jpg" } ],
     "Exifs": [], "Exifs@odata.navigationLinkUrl": "/Media(x)/Exifs",
     "AlternativeHashes": [ { "MD5": ")" + md5Hex("alternative") + R"(", "HashName": "SHA1", "HashValue": "x" } ],
     "odata.id": "Media(x)/" },
   { "MediaID": 2, "Category": 4, "MD5": ")" + md5Hex("two") + R"(", "SHA1": "", "MediaSize": 10 },
   { "MediaID": 3, "Category": 0, "MD5": ")" + md5Hex("three") + R"(" }
  ],
  "TotalMediaFiles": "3", "SourceApplicationName": "test"
 } ]
})";
}

TEST(VicsImport, Version1CasesGiveCategoriesByMd5AndSha1)
{
    ScratchDir dir;
    writeFile(dir / "set.json", vics1x());
    auto summary = importHashSet(dir / "set.json", dir / "set.vhs");
    ASSERT_TRUE(summary) << summary.error().toString();
    EXPECT_EQ(summary->format, HashSetFormat::VicsJson);
    EXPECT_EQ(summary->formatVersion, "1.x");
    EXPECT_EQ(summary->role, HashSetRole::Categorised);
    EXPECT_EQ(summary->name, "set");
    EXPECT_EQ(summary->entriesRead, 3u);
    EXPECT_EQ(summary->md5Count, 3u);
    EXPECT_EQ(summary->sha1Count, 1u);
    EXPECT_EQ(summary->rejected, 0u);
    EXPECT_EQ(summary->sourceSha256, test::sha256Hex(vics1x()));

    auto store = HashSetFile::open(dir / "set.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    EXPECT_EQ(store->role(), HashSetRole::Categorised);
    EXPECT_EQ(store->sourceFormat(), "VICS JSON");
    EXPECT_EQ(store->formatVersion(), "1.x");
    EXPECT_EQ(store->sourceSha256(), summary->sourceSha256);
    EXPECT_EQ(md5Category(*store, md5Hex("one")), "vic:1");
    EXPECT_EQ(md5Category(*store, upper(md5Hex("two"))), "vic:4");
    EXPECT_EQ(md5Category(*store, md5Hex("three")), "vic:0");
    auto bySha1 = store->findSha1Hex(sha1Hex("one"));
    ASSERT_TRUE(bySha1);
    EXPECT_EQ(bySha1->category, "vic:1");
    EXPECT_FALSE(store->findMd5Hex(md5Hex("nested"))) << "MediaFiles[].MD5 is not a media hash";
    EXPECT_FALSE(store->findMd5Hex(md5Hex("alternative")));
    EXPECT_FALSE(store->findMd5Hex(md5Hex("unknown")));
    EXPECT_FALSE(store->findSha1Hex(sha1Hex("two")));
    EXPECT_FALSE(store->findMd5Hex("not hex at all"));
}

TEST(VicsImport, Version2CasesAndFlatMediaListsAreRead)
{
    ScratchDir dir;
    const std::string cases = R"({"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases",
      "value":[
        {"CaseID":"c1","Media":[
          {"MediaID":1,"Category":2,"MD5":")" + md5Hex("a") + R"(","SHA1":")" + sha1Hex("a") + R"(","IsPrecategorized":"true",
           "MediaFiles":[{"FileName":"a.png","FilePath":"/x/a.png"}],"Exifs":[{"PropertyName":"Make","PropertyValue":"{x}"}]},
          {"MediaID":2,"Category":null,"MD5":")" + md5Hex("b") + R"("},
          {"MediaID":3,"Category":5,"MD5":")" + md5Hex("c") + R"("},
          {"MediaID":4,"Category":"3","SHA1":")" + sha1Hex("d") + R"("},
          {"MediaID":5,"Category":3.0,"MD5":")" + md5Hex("e") + R"("}]},
        {"CaseID":"c2","Media":[]},
        {"CaseID":"c3","Media":[{"MediaID":1,"Category":1,"MD5":")" + md5Hex("f") + R"("}]}
      ]})";
    writeFile(dir / "cases.json", cases);
    auto summary = importHashSet(dir / "cases.json", dir / "cases.vhs", test::options({}, "Cases set"));
    ASSERT_TRUE(summary) << summary.error().toString();
    EXPECT_EQ(summary->formatVersion, "2.0");
    EXPECT_EQ(summary->name, "Cases set");
    EXPECT_EQ(summary->entriesRead, 6u);
    EXPECT_EQ(summary->rejected, 0u);
    auto store = HashSetFile::open(dir / "cases.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    EXPECT_EQ(store->name(), "Cases set");
    EXPECT_EQ(md5Category(*store, md5Hex("a")), "vic:2");
    EXPECT_EQ(md5Category(*store, md5Hex("b")), std::nullopt);
    EXPECT_EQ(md5Category(*store, md5Hex("c")), std::nullopt) << "out-of-range category: hash kept, no category";
    ASSERT_TRUE(store->findSha1Hex(sha1Hex("d")));
    EXPECT_EQ(store->findSha1Hex(sha1Hex("d"))->category, "vic:3");
    EXPECT_EQ(md5Category(*store, md5Hex("e")), "vic:3");
    EXPECT_EQ(md5Category(*store, md5Hex("f")), "vic:1");

    // A hash-set distribution: "#Media" with the Media records directly in "value".
    const std::string flat = "\xEF\xBB\xBF" R"({"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media",
      "value":[{"MediaID":1,"Category":1,"MD5":")" + upper(md5Hex("g")) + R"(","MediaSize":2835,"DateUpdated":"2023-06-07T02:31:49Z"},
               {"MediaID":2,"Category":0,"MD5":")" + upper(md5Hex("h")) + R"(","SHA1":")" + upper(sha1Hex("h")) + R"("}]})";
    writeFile(dir / "flat.json", flat);
    auto flatSummary = importHashSet(dir / "flat.json", dir / "flat.vhs");
    ASSERT_TRUE(flatSummary) << flatSummary.error().toString();
    EXPECT_EQ(flatSummary->entriesRead, 2u);
    auto flatStore = HashSetFile::open(dir / "flat.vhs");
    ASSERT_TRUE(flatStore);
    EXPECT_EQ(md5Category(*flatStore, md5Hex("g")), "vic:1");
    EXPECT_EQ(md5Category(*flatStore, md5Hex("h")), "vic:0");
    EXPECT_EQ(flatStore->findSha1Hex(sha1Hex("h"))->category, "vic:0");
}

TEST(VicsImport, BadMediaEntriesAreRejectedAndTheRestImported)
{
    ScratchDir dir;
    const std::string doc = R"({"@odata.context":"x","value":[{"CaseID":"c","Media":[
        {"MediaID":1,"Category":"x","MD5":")" + md5Hex("1") + R"("},
        {"MediaID":2,"Category":1,"MD5":"0123456789abcdefXYZ"},
        {"MediaID":3,"Category":1,"MD5":12345},
        {"MediaID":4,"Category":1},
        {"MediaID":5,"Category":2,"MD5":")" + md5Hex("5") + R"(","SHA1":"nothex"},
        {"MediaID":6,"Category":[1],"MD5":")" + md5Hex("6") + R"("},
        "not an object",
        {"MediaID":7,"Category":1,"MD5":")" + md5Hex("7") + R"("}]}]})";
    writeFile(dir / "bad.json", doc);
    auto summary = importHashSet(dir / "bad.json", dir / "bad.vhs");
    ASSERT_TRUE(summary) << summary.error().toString();
    EXPECT_EQ(summary->entriesRead, 8u);
    EXPECT_EQ(summary->md5Count, 1u);
    EXPECT_EQ(summary->rejected, 7u);
    ASSERT_EQ(summary->rejectReasons.size(), 7u);
    EXPECT_NE(summary->rejectReasons[0].find("Category \"x\" is not a number"), std::string::npos)
        << summary->rejectReasons[0];
    EXPECT_NE(summary->rejectReasons[0].find("byte "), std::string::npos);
    EXPECT_NE(summary->rejectReasons[1].find("not a hex MD5"), std::string::npos) << summary->rejectReasons[1];
    EXPECT_NE(summary->rejectReasons[2].find("MD5 is not a string"), std::string::npos) << summary->rejectReasons[2];
    EXPECT_NE(summary->rejectReasons[3].find("no MD5 or SHA1"), std::string::npos);
    EXPECT_NE(summary->rejectReasons[4].find("SHA1"), std::string::npos);
    EXPECT_NE(summary->rejectReasons[5].find("Category is an object or array"), std::string::npos);
    EXPECT_NE(summary->rejectReasons[6].find("not a JSON object"), std::string::npos);
    auto store = HashSetFile::open(dir / "bad.vhs");
    ASSERT_TRUE(store);
    EXPECT_FALSE(store->findMd5Hex(md5Hex("1")));
    EXPECT_FALSE(store->findMd5Hex(md5Hex("5")));
    EXPECT_EQ(md5Category(*store, md5Hex("7")), "vic:1");
}

void expectFailsCleanly(const std::string &content, ErrorCode code, const std::string &messagePart)
{
    ScratchDir dir;
    writeFile(dir / "in.json", content);
    auto summary = importHashSet(dir / "in.json", dir / "out.vhs");
    ASSERT_FALSE(summary) << "imported: " << content.substr(0, 80);
    EXPECT_EQ(summary.error().code, code) << summary.error().toString();
    EXPECT_NE(summary.error().toString().find(messagePart), std::string::npos) << summary.error().toString();
    EXPECT_EQ(dir.files(), std::vector<std::string>{"in.json"}) << "a failed import left files behind";
}

TEST(VicsImport, MalformedDocumentsFailWithAClearErrorAndLeaveNothing)
{
    const std::string good = vics1x();
    expectFailsCleanly(good.substr(0, good.size() / 2), ErrorCode::Corrupt, "not valid JSON at byte");
    expectFailsCleanly(good.substr(0, good.size() - 3), ErrorCode::Corrupt, "at byte");
    expectFailsCleanly("{ this is not json }", ErrorCode::Corrupt, "not valid JSON at byte 2");
    expectFailsCleanly("{\"odata.metadata\":\"x\",\"value\":{\"Media\":[]}}", ErrorCode::Corrupt, "\"value\" is not an array");
    expectFailsCleanly("{\"@odata.context\":\"x\",\"value\":42}", ErrorCode::Corrupt, "\"value\" is not an array");
    expectFailsCleanly("{\"@odata.context\":\"x\",\"items\":[]}", ErrorCode::Corrupt, "no \"value\" array");
    expectFailsCleanly(good + " trailing", ErrorCode::Corrupt, "not valid JSON");
    expectFailsCleanly("", ErrorCode::Unsupported, "empty");
    expectFailsCleanly("just some words\nand more words\n", ErrorCode::Unsupported, "Not a hash set");
    expectFailsCleanly("[{\"MD5\":\"x\"}]", ErrorCode::Unsupported, "Not a hash set");
    expectFailsCleanly(std::string("{\"value\":[\0\0\0", 13), ErrorCode::Corrupt, "not valid JSON");
}

TEST(VicsImport, DeepNestingAndHugeStringsDoNotCrash)
{
    ScratchDir dir;
    std::string deep = "{\"@odata.context\":\"x\",\"value\":[{\"Media\":[{\"MD5\":\"" + md5Hex("deep")
        + "\",\"Exifs\":" + std::string(200000, '[') + std::string(200000, ']') + "}]}]}";
    writeFile(dir / "deep.json", deep);
    auto summary = importHashSet(dir / "deep.json", dir / "deep.vhs");
    ASSERT_TRUE(summary) << summary.error().toString();
    EXPECT_EQ(summary->md5Count, 1u);

    std::string huge = "{\"@odata.context\":\"x\",\"value\":[{\"Media\":[{\"MD5\":\"" + std::string(3'000'000, 'a')
        + "\"}]}]}";
    writeFile(dir / "huge.json", huge);
    auto hugeSummary = importHashSet(dir / "huge.json", dir / "huge.vhs");
    ASSERT_TRUE(hugeSummary) << hugeSummary.error().toString();
    EXPECT_EQ(hugeSummary->rejected, 1u);
    ASSERT_EQ(hugeSummary->rejectReasons.size(), 1u);
    EXPECT_LT(hugeSummary->rejectReasons[0].size(), 300u) << "reasons quote only the start of a bad value";
}

TEST(VicsImport, ProgressIsReportedInEntriesRead)
{
    ScratchDir dir;
    std::string doc = R"({"@odata.context":"x","value":[)";
    for (int i = 0; i < 250'000; ++i)
        doc += std::string(i ? "," : "") + R"({"Category":1,"MD5":")" + std::string(24, '0')
            + [&] { char b[9]; std::snprintf(b, sizeof b, "%08x", i); return std::string(b); }() + "\"}";
    doc += "]}";
    writeFile(dir / "big.json", doc);
    std::vector<std::uint64_t> calls;
    auto summary = importHashSet(dir / "big.json", dir / "big.vhs", test::options({}, {}, [&](std::uint64_t n) { calls.push_back(n); }));
    ASSERT_TRUE(summary) << summary.error().toString();
    EXPECT_EQ(summary->md5Count, 250'000u);
    EXPECT_EQ(calls, (std::vector<std::uint64_t>{100'000, 200'000, 250'000}));
}

} // namespace
} // namespace vigil::media
