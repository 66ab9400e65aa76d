// SPDX-License-Identifier: GPL-3.0-or-later
// Recall and precision of the carver on a generated ext4 image (tests/data/carve_gen.py) in
// which known files were deleted and some partly overwritten: The Sleuth Kit's blkls gives the
// unallocated blocks, the library carves them, and every carved item is matched to the
// generator's manifest — by MD5 for whole files, by start offset for damaged ones.
#include <gtest/gtest.h>

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util/hashing.h"
#include "plugins/carvers/filecarver/filecarver.h"

namespace fs = std::filesystem;
using vigil::carving::CarvedItem;
using vigil::carving::CarveStatus;
using vigil::carving::FileCarver;

namespace {

constexpr std::uint64_t kBlock = 4096;

bool haveTool(const std::string &name)
{
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// The carved region as a file, read with pread (concurrent reads are safe).
class FileReader final : public vigil::plugins::ContentReader
{
public:
    explicit FileReader(const fs::path &path) : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC))
    {
        struct stat st{};
        if (m_fd >= 0 && ::fstat(m_fd, &st) == 0)
            m_size = static_cast<std::uint64_t>(st.st_size);
    }
    ~FileReader() override
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileReader(const FileReader &) = delete;
    FileReader &operator=(const FileReader &) = delete;

    vigil::Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        const ssize_t n = ::pread(m_fd, buffer, length, static_cast<off_t>(offset));
        if (n < 0)
            return vigil::fail(vigil::ErrorCode::Io, "read failed");
        return static_cast<std::size_t>(n);
    }
    std::uint64_t size() const override { return m_size; }
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

struct ManifestFile {
    std::string type;
    std::string md5;
    std::uint64_t size = 0;
    std::int64_t offset = -1;
    bool deleted = false;
    std::string state;
    std::vector<std::string> embedded;
};

std::vector<ManifestFile> readManifest(const fs::path &path)
{
    QFile f(QString::fromStdString(path.string()));
    std::vector<ManifestFile> files;
    if (!f.open(QIODevice::ReadOnly))
        return files;
    const QJsonArray array = QJsonDocument::fromJson(f.readAll()).object().value("files").toArray();
    for (const auto &v : array) {
        const QJsonObject o = v.toObject();
        ManifestFile m;
        m.type = o.value("type").toString().toStdString();
        m.md5 = o.value("md5").toString().toStdString();
        m.size = static_cast<std::uint64_t>(o.value("size").toDouble());
        m.offset = o.value("offset").isNull() ? -1 : static_cast<std::int64_t>(o.value("offset").toDouble());
        m.deleted = o.value("deleted").toBool();
        m.state = o.value("state").toString().toStdString();
        for (const auto &e : o.value("embedded").toArray())
            m.embedded.push_back(e.toString().toStdString());
        files.push_back(std::move(m));
    }
    return files;
}

// blkls -l: one "block|f" line per unallocated block, in the order of blkls' output.
std::vector<std::uint64_t> readBlockMap(const fs::path &path)
{
    std::ifstream in(path);
    std::vector<std::uint64_t> blocks;
    std::string line;
    while (std::getline(in, line)) {
        const auto bar = line.find('|');
        if (bar == std::string::npos || line.compare(bar, 2, "|f") != 0)
            continue;
        blocks.push_back(std::stoull(line.substr(0, bar)));
    }
    return blocks;
}

std::string md5Of(FileReader &reader, const CarvedItem &item)
{
    vigil::MultiHasher hasher(vigil::HashMd5);
    std::vector<unsigned char> buffer(1 << 20);
    for (std::uint64_t done = 0; done < item.length;) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), item.length - done));
        auto n = reader.read(item.offset + done, buffer.data(), want);
        if (!n || *n == 0)
            break;
        hasher.update(buffer.data(), *n);
        done += *n;
    }
    return hasher.finish().md5;
}

struct TypeScore {
    int intact = 0, intactFound = 0;           // deleted, whole on disk; found byte-exact
    int damaged = 0, damagedFound = 0;         // overwritten or fragmented; an item starts at their offset
    int carved = 0, carvedCorrect = 0, carvedPartial = 0;
};

class CarveRecall : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        for (const char *tool : {"python3", "ffmpeg", "mke2fs", "debugfs", "dumpe2fs", "blkls"})
            if (!haveTool(tool))
                s_missing = std::string(tool) + " is not installed";
        if (!s_missing.empty())
            return;
        s_dir = fs::temp_directory_path() / ("vigil-carve-recall-" + std::to_string(::getpid()));
        const std::string gen = std::string(VIGIL_SOURCE_DIR) + "/tests/data/carve_gen.py";
        const std::string dir = s_dir.string();
        s_ready = std::system(("python3 '" + gen + "' '" + dir + "' --size-mib 64 --seed 7 > '" + dir + ".log' 2>&1").c_str()) == 0 &&
                  std::system(("blkls '" + dir + "/carve.img' > '" + dir + "/unalloc.bin'").c_str()) == 0 &&
                  std::system(("blkls -l '" + dir + "/carve.img' > '" + dir + "/unalloc.lst'").c_str()) == 0;
    }
    static void TearDownTestSuite()
    {
        std::error_code ec;
        if (!s_dir.empty()) {
            fs::remove_all(s_dir, ec);
            fs::remove(s_dir.string() + ".log", ec);
        }
    }
    void SetUp() override
    {
        if (!s_missing.empty())
            GTEST_SKIP() << s_missing << ": cannot generate the carving image";
        ASSERT_TRUE(s_ready) << "carve_gen.py or blkls failed, see " << s_dir.string() << ".log";
    }

    static inline std::string s_missing;
    static inline fs::path s_dir;
    static inline bool s_ready = false;
};

TEST_F(CarveRecall, DeletedFilesAreRecoveredFromUnallocatedSpace)
{
    const auto manifest = readManifest(s_dir / "manifest.json");
    const auto blockMap = readBlockMap(s_dir / "unalloc.lst");
    ASSERT_FALSE(manifest.empty());
    FileReader reader(s_dir / "unalloc.bin");
    ASSERT_TRUE(reader.ok());
    ASSERT_EQ(reader.size(), blockMap.size() * kBlock);

    auto carver = FileCarver::create();
    ASSERT_TRUE(carver.has_value());
    std::vector<CarvedItem> items;
    auto stats = (*carver)->carve(reader, [&](const CarvedItem &item) { items.push_back(item); });
    ASSERT_TRUE(stats.has_value()) << stats.error().toString();

    std::map<std::string, const ManifestFile *> byMd5;
    std::map<std::int64_t, const ManifestFile *> damagedByOffset;
    std::set<std::string> embedded;
    std::map<std::string, TypeScore> score;
    for (const auto &f : manifest) {
        byMd5[f.md5] = &f;
        embedded.insert(f.embedded.begin(), f.embedded.end());
        if (!f.deleted || f.type == "other")
            continue;
        if (f.state == "intact")
            ++score[f.type].intact;
        else {
            ++score[f.type].damaged;
            damagedByOffset[f.offset] = &f;
        }
    }
    std::set<const ManifestFile *> found, damagedSeen;
    int falsePositives = 0;
    for (const CarvedItem &item : items) {
        TypeScore &s = score[item.type];
        ++s.carved;
        s.carvedPartial += item.status == CarveStatus::Partial;
        const std::string md5 = md5Of(reader, item);
        const std::uint64_t block = item.offset / kBlock;
        const std::int64_t imageOffset =
            block < blockMap.size() ? std::int64_t(blockMap[block] * kBlock + item.offset % kBlock) : -1;
        const auto exact = byMd5.find(md5);
        const auto damaged = damagedByOffset.find(imageOffset);
        if (exact != byMd5.end() && exact->second->deleted) {
            if (found.insert(exact->second).second)
                ++score[exact->second->type].intactFound;
            ++s.carvedCorrect;
        } else if (embedded.count(md5)) {
            ++s.carvedCorrect;   // a whole file that lived inside another one (a damaged PDF's JPEG)
        } else if (damaged != damagedByOffset.end()) {
            if (damagedSeen.insert(damaged->second).second)
                ++score[damaged->second->type].damagedFound;
            ++s.carvedCorrect;
        } else {
            ++falsePositives;
            std::cout << "  unmatched: " << item.type << " at " << item.offset << " (image " << imageOffset << "), "
                      << item.length << " bytes" << (item.status == CarveStatus::Partial ? ", partial: " + item.note : "")
                      << "\n";
        }
    }

    int intact = 0, intactFound = 0, carved = 0, correct = 0;
    std::cout << "type        intact found  recall | damaged at-offset | carved partial correct precision\n";
    for (const auto &[type, s] : score) {
        intact += s.intact;
        intactFound += s.intactFound;
        carved += s.carved;
        correct += s.carvedCorrect;
        std::cout << std::left << std::setw(12) << type << std::right << std::setw(6) << s.intact << std::setw(6)
                  << s.intactFound << std::setw(8) << std::fixed << std::setprecision(3)
                  << (s.intact ? double(s.intactFound) / s.intact : 1.0) << " |" << std::setw(8) << s.damaged
                  << std::setw(10) << s.damagedFound << " |" << std::setw(7) << s.carved << std::setw(8) << s.carvedPartial
                  << std::setw(8) << s.carvedCorrect << std::setw(10)
                  << (s.carved ? double(s.carvedCorrect) / s.carved : 1.0) << "\n";
    }
    const double recall = intact ? double(intactFound) / intact : 0;
    const double precision = carved ? double(correct) / carved : 0;
    std::cout << "all: recall of intact deleted files " << intactFound << "/" << intact << " = " << recall
              << ", precision " << correct << "/" << carved << " = " << precision << ", " << falsePositives
              << " unmatched; " << stats->bytesScanned << " bytes scanned, " << stats->hits << " signature hits\n";

    EXPECT_GE(recall, 0.95);
    EXPECT_GE(precision, 0.90);
    for (const auto &[type, s] : score)
        if (s.intact >= 2) {
            EXPECT_GE(double(s.intactFound) / s.intact, 0.9) << type;
        }
}

} // namespace
