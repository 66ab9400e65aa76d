// SPDX-License-Identifier: GPL-3.0-or-later
// Every generated image (tests/data) in every container: Vigil's volumes, file systems,
// file lists, deleted flags, content MD5s, extension mismatches and times against the
// generator's manifest (answers from the source files) and The Sleuth Kit's tools.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fstream>

#include "core/util/hashing.h"
#include "harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

struct ImageCase {
    std::string set;        // "generated-evidence" or "generated-demo"
    std::string file;
};

[[maybe_unused]] void PrintTo(const ImageCase &c, std::ostream *os)
{
    *os << c.set << "/" << c.file;
}

fs::path setDir(const std::string &set) { return fs::path(VIGIL_BINARY_DIR) / set; }

QJsonObject manifest(const std::string &set)
{
    QFile f(QString::fromStdString((setDir(set) / "manifest.json").string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The images tests/data/make_evidence.sh and make_demo.sh write (their README). Listed
// here rather than read from the manifests because tests are discovered at build time,
// before the generate_* fixtures run.
std::vector<ImageCase> allImages()
{
    std::vector<ImageCase> out;
    for (const char *file : {"mbr_ext4.raw", "mbr_ext4.E01", "mbr_ext4_seg.E01", "mbr_ext4.raw.001", "gpt_fat_ntfs.raw"})
        out.push_back({"generated-evidence", file});
    out.push_back({"generated-demo", "demo.E01"});
    out.push_back({"generated-demo", "demo-phone.E01"});
    return out;
}

std::string joined(const std::vector<std::string> &v)
{
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 30; ++i)
        s += "\n  " + v[i];
    return s;
}

std::string s(const QJsonValue &v) { return v.toString().toStdString(); }

class GeneratedImages : public ::testing::TestWithParam<ImageCase> {
protected:
    void SetUp() override
    {
        const auto &c = GetParam();
        if (!haveTool("fls"))
            GTEST_SKIP() << "The Sleuth Kit tools are not installed";
        const auto doc = manifest(c.set);
        ASSERT_FALSE(doc.isEmpty()) << "no " << (setDir(c.set) / "manifest.json").string()
                                    << ": run the generate_evidence and generate_demo CTest fixtures first";
        for (const auto &img : doc["images"].toArray())
            if (s(img.toObject()["file"]) == c.file)
                m_image = img.toObject();
        ASSERT_FALSE(m_image.isEmpty()) << c.file << " is not in the manifest";
        m_media = doc["media"].toObject()[m_image["media"].toString()].toObject();
        m_path = setDir(c.set) / c.file;
        auto r = ingest({m_path}, m_tmp.path() / "case");
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    std::vector<std::pair<std::int64_t, QJsonObject>> fileSystems() const
    {
        std::vector<std::pair<std::int64_t, QJsonObject>> out;
        for (const auto &p : m_media["partitions"].toArray()) {
            const auto part = p.toObject();
            if (part["fs"].isObject())
                out.emplace_back(part["start_byte"].toInteger(), part["fs"].toObject());
        }
        return out;
    }

    fs::path caseDir() const { return m_tmp.path() / "case"; }

    TempDir m_tmp;
    QJsonObject m_image, m_media;
    fs::path m_path;
};

} // namespace

TEST_P(GeneratedImages, EvidenceAndVolumes)
{
    EXPECT_EQ(caseScalar(caseDir(), "SELECT media_size FROM evidence"), m_image["media_size"].toInteger());
    if (s(m_image["container"]) == "ewf") {
        EXPECT_EQ(caseScalar(caseDir(), "SELECT count(*) FROM evidence WHERE stored_md5='" + s(m_image["media_md5"]) +
                                            "' AND stored_sha1='" + s(m_image["media_sha1"]) + "'"),
                  1);
        auto v = run(quote(vigilBinary().string()) + " verify " + quote(m_path.string()));
        EXPECT_EQ(v.exitCode, 0) << v.out;
    }
    std::vector<std::int64_t> expected;
    for (const auto &[offset, fsInfo] : fileSystems())
        expected.push_back(offset);
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(fileSystemOffsets(caseDir()), expected);
    for (const auto &[offset, fsInfo] : fileSystems())
        EXPECT_EQ(caseScalar(caseDir(), "SELECT count(*) FROM filesystems WHERE start_offset=" + std::to_string(offset) +
                                            " AND fs_type='" + s(fsInfo["tsk_type"]) + "'"),
                  1)
            << s(fsInfo["tsk_type"]) << " at " << offset;
}

// --verify re-hashes the media after triage: E01s match their stored hashes, every
// container's computed hashes equal the generator's.
TEST(GeneratedVerify, IngestVerifiesMediaAgainstAcquisitionHashes)
{
    const auto doc = manifest("generated-evidence");
    ASSERT_FALSE(doc.isEmpty()) << "run the generate_evidence fixture first";
    for (const auto &v : doc["images"].toArray()) {
        const auto image = v.toObject();
        SCOPED_TRACE(s(image["file"]));
        TempDir tmp;
        auto r = ingest({setDir("generated-evidence") / s(image["file"])}, tmp.path() / "case", "--verify");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        const bool ewf = s(image["container"]) == "ewf";
        EXPECT_NE(r.out.find(ewf ? "media verification: MATCH" : "media verification: computed"), std::string::npos)
            << r.out;
        EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM evidence WHERE computed_md5='" +
                                                      s(image["media_md5"]) + "' AND computed_sha1='" +
                                                      s(image["media_sha1"]) + "' AND verification='" +
                                                      (ewf ? "match" : "no-stored-hash") + "'"),
                  1);
        EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM audit_log WHERE action='evidence.verify'"), 1);
    }
}

TEST_P(GeneratedImages, MatchesSleuthKitTools)
{
    for (const auto &[offset, fsInfo] : fileSystems()) {
        SCOPED_TRACE(s(fsInfo["type"]) + " at " + std::to_string(offset));
        auto list = compareWithFls(caseDir(), m_path, offset);
        EXPECT_TRUE(list.empty()) << joined(list);
        auto md5 = compareWithIcat(caseDir(), m_path, offset);
        EXPECT_TRUE(md5.empty()) << joined(md5);
        auto times = compareTimesWithFls(caseDir(), m_path, offset);
        EXPECT_TRUE(times.empty()) << joined(times);
    }
}

TEST_P(GeneratedImages, MatchesManifestAnswers)
{
    const auto rows = caseFiles(caseDir());
    for (const auto &[offset, fsInfo] : fileSystems()) {
        for (const auto &f : fsInfo["files"].toArray()) {
            const auto file = f.toObject();
            const std::string path = "/" + s(file["path"]);
            SCOPED_TRACE(path + " in " + s(fsInfo["type"]));
            const casedb::FileRow *row = nullptr;
            for (const auto &r : rows)
                if (r.path == path && r.volumeOffset == offset && (!row || (!r.allocated) == file["deleted"].toBool()))
                    row = &r;
            ASSERT_NE(row, nullptr) << "not found";
            EXPECT_EQ(!row->allocated, file["deleted"].toBool());
            if (file["content_recoverable"].toBool()) {
                // (a wiped ext4 inode has lost its size too; only recoverable files keep it)
                EXPECT_EQ(row->size, file["size"].toInteger());
            }
            if (file["content_recoverable"].toBool() && file["size"].toInteger() > 0) {
                EXPECT_EQ(row->md5, s(file["md5"]));
                EXPECT_EQ(row->sha1, s(file["sha1"]));
                EXPECT_EQ(row->extMismatch.value_or(false), file["extension_mismatch"].toBool());
            }
        }
        for (const auto &d : fsInfo["directories"].toArray()) {
            const std::string path = "/" + s(d);
            EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [&](const casedb::FileRow &r) {
                return r.path == path && r.volumeOffset == offset && r.metaType == "dir";
            })) << path;
        }
    }
}

// Provenance for court: each hashed file's data_offset is where its bytes are in the
// media. Files that fit in one block are checked byte for byte against the raw media
// (which every container of a generated image holds).
TEST_P(GeneratedImages, DataOffsetsPointAtTheContent)
{
    const auto raw = m_path.parent_path() / (s(m_image["media"]) + ".raw");
    if (!fs::exists(raw))
        GTEST_SKIP() << "the generator wrote no raw copy of " << s(m_image["media"]);
    std::ifstream media(raw, std::ios::binary);
    std::size_t checked = 0;
    for (const auto &row : caseFiles(caseDir())) {
        if (!row.sourceOffset || row.md5.empty() || row.size == 0 || row.size > 4096)
            continue;
        std::string bytes(static_cast<std::size_t>(row.size), '\0');
        media.seekg(*row.sourceOffset);
        media.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        MultiHasher h(HashMd5);
        h.update(bytes.data(), bytes.size());
        EXPECT_EQ(h.finish().md5, row.md5) << row.path << " at " << *row.sourceOffset;
        ++checked;
    }
    EXPECT_GE(checked, 10u);
}

INSTANTIATE_TEST_SUITE_P(Generated, GeneratedImages, ::testing::ValuesIn(allImages()), [](const auto &p) {
    std::string name = p.param.set.substr(10) + "_" + p.param.file;
    for (auto &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
});
