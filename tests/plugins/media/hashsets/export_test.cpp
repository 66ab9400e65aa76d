// SPDX-License-Identifier: GPL-3.0-or-later
// VICS export: round trip through importHashSet for 2.0 and 1.x, and refused input.
#include "plugins/media/hashsets/hashset.h"

#include <gtest/gtest.h>

#include "tests/plugins/media/hashsets/testutil.h"

namespace vigil::media {
namespace {

using test::md5Hex;
using test::ScratchDir;
using test::sha1Hex;

std::vector<VicsMedia> gradedMedia()
{
    std::vector<VicsMedia> media;
    for (int i = 0; i < 12; ++i) {
        VicsMedia m;
        m.md5 = md5Hex("media" + std::to_string(i));
        if (i % 3 == 0)
            m.sha1 = test::upper(sha1Hex("media" + std::to_string(i)));
        if (i % 6 != 5)
            m.category = i % 5;   // entries 5 and 11: UK-only grade, no VICS category
        m.fileName = "IMG_" + std::to_string(i) + (i == 7 ? "\xff\xfe.jpg" : ".jpg");   // one bad UTF-8 name
        m.relativePath = i % 2 ? "VIC_Files\\IMG_" + std::to_string(i) + ".jpg" : "";
        m.size = 1000u + static_cast<unsigned>(i);
        m.mediaId = i + 1;
        m.isPrecategorized = i % 2 == 0;
        media.push_back(m);
    }
    VicsMedia sha1Only;
    sha1Only.sha1 = sha1Hex("sha1 only");
    sha1Only.category = 1;
    sha1Only.mediaId = 99;
    media.push_back(sha1Only);
    return media;
}

void roundTrip(bool version1)
{
    ScratchDir dir;
    const auto media = gradedMedia();
    auto w = writeVicsJson(dir / "export.json", "case \"42\" / Vigil", media, version1);
    ASSERT_TRUE(w) << w.error().toString();
    const std::string json = test::readFile(dir / "export.json");
    EXPECT_NE(json.find(version1 ? "\"odata.metadata\"" : "\"@odata.context\""), std::string::npos);
    EXPECT_NE(json.find("case \\\"42\\\" / Vigil"), std::string::npos);

    auto s = importHashSet(dir / "export.json", dir / "export.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->formatVersion, version1 ? "1.x" : "2.0");
    EXPECT_EQ(s->entriesRead, media.size());
    EXPECT_EQ(s->rejected, 0u);
    EXPECT_EQ(s->md5Count, 12u);
    EXPECT_EQ(s->sha1Count, 5u);
    auto store = HashSetFile::open(dir / "export.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    for (const auto &m : media) {
        const std::optional<std::string> expected
            = m.category ? std::optional<std::string>("vic:" + std::to_string(*m.category)) : std::nullopt;
        if (!m.md5.empty()) {
            auto hit = store->findMd5Hex(m.md5);
            ASSERT_TRUE(hit) << m.md5;
            EXPECT_EQ(hit->category, expected) << m.mediaId;
        }
        if (!m.sha1.empty()) {
            auto hit = store->findSha1Hex(m.sha1);
            ASSERT_TRUE(hit) << m.sha1;
            EXPECT_EQ(hit->category, expected) << m.mediaId;
        }
    }
}

TEST(VicsExport, Version2RoundTrip)
{
    roundTrip(false);
}

TEST(VicsExport, Version1RoundTrip)
{
    roundTrip(true);
}

TEST(VicsExport, BadEntriesAreRefusedAndNothingIsWritten)
{
    ScratchDir dir;
    auto media = gradedMedia();
    media[3].category = 7;
    auto w = writeVicsJson(dir / "out.json", "c", media);
    ASSERT_FALSE(w);
    EXPECT_EQ(w.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(w.error().message.find("MediaID 4"), std::string::npos) << w.error().message;

    media = gradedMedia();
    media[0].md5 = "xyz";
    EXPECT_FALSE(writeVicsJson(dir / "out.json", "c", media));
    media = gradedMedia();
    media[1].md5.clear();
    media[1].sha1.clear();
    EXPECT_FALSE(writeVicsJson(dir / "out.json", "c", media));
    EXPECT_TRUE(dir.files().empty());

    auto empty = writeVicsJson(dir / "empty.json", "c", {});
    ASSERT_TRUE(empty) << empty.error().toString();
    auto s = importHashSet(dir / "empty.json", dir / "empty.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->entriesRead, 0u);

    auto noFolder = writeVicsJson("/proc/vigil-no-such-dir/x.json", "c", {});
    EXPECT_FALSE(noFolder);
}

} // namespace
} // namespace vigil::media
