// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/ui/models/synthcase.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <vector>

namespace vigil::test {

namespace {

using model::MetaType;

constexpr int kTopFolders = 100, kSubFolders = 10;

std::string hex(std::uint64_t a, std::uint64_t b, int digits)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    std::string s(buf);
    while (static_cast<int>(s.size()) < digits)
        s += s;
    return s.substr(0, static_cast<std::size_t>(digits));
}

std::string topFolder(std::int64_t i)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "/dir%03d", static_cast<int>(i % kTopFolders));
    return buf;
}

std::string filePath(std::int64_t i)
{
    char name[32];
    std::snprintf(name, sizeof name, "file%07lld.%s", static_cast<long long>(i), i % 3 == 0 ? "jpg" : "txt");
    if (i % 50 == 0)
        return topFolder(i) + "/" + name;
    return topFolder(i) + "/sub" + std::to_string((i / kTopFolders) % kSubFolders) + "/" + name;
}

template <typename T>
T check(Result<T> r)
{
    if (!r)
        throw std::runtime_error(r.error().toString());
    return std::move(*r);
}

void check(Result<void> r)
{
    if (!r)
        throw std::runtime_error(r.error().toString());
}

casedb::ContentResult contentOf(std::int64_t i)
{
    casedb::ContentResult c;
    c.md5 = md5Of(i);
    c.sha1 = hex(static_cast<std::uint64_t>(i) * 0x100000001b3ULL, static_cast<std::uint64_t>(i) + 7, 40);
    c.sigType = i % 20 == 0 ? "jpeg" : "text";
    c.sigMime = i % 20 == 0 ? "image/jpeg" : "text/plain";
    c.extMismatch = i % 30 == 0;
    c.status = "hashed";
    c.bytesRead = static_cast<std::uint64_t>(i % 100000);
    return c;
}

model::FileRecord synthFile(const SynthCase &c, std::int64_t i)
{
    auto f = fileRecord(c.imageEvidence, c.fsId, filePath(i), MetaType::Regular, i % 7 == 0);
    f.reallocated = i % 49 == 0;
    f.size = static_cast<std::uint64_t>(i % 100000);
    f.mtime = 1'600'000'000'000'000'000LL + i * 1'000'000'000LL;
    f.crtime = f.mtime;
    return f;
}

void addFolders(SynthCase &c)
{
    std::vector<model::FileRecord> dirs;
    for (int t = 0; t < kTopFolders; ++t) {
        const std::string top = topFolder(t);
        dirs.push_back(fileRecord(c.imageEvidence, c.fsId, top, MetaType::Directory, false));
        for (int s = 0; s < kSubFolders; ++s)
            dirs.push_back(fileRecord(c.imageEvidence, c.fsId, top + "/sub" + std::to_string(s), MetaType::Directory, false));
    }
    dirs.push_back(fileRecord(c.imageEvidence, c.fsId, "/dir000/gone", MetaType::Directory, true));
    c.store->addFiles(std::move(dirs));
}

void addSynthFiles(SynthCase &c)
{
    constexpr std::int64_t kChunk = 2000;
    for (std::int64_t start = 0; start < c.files; start += kChunk) {
        std::vector<model::FileRecord> plain;
        std::vector<std::pair<model::FileRecord, casedb::ContentResult>> hashed;
        for (std::int64_t i = start; i < std::min(c.files, start + kChunk); ++i) {
            if (i % 10 == 0)
                hashed.emplace_back(synthFile(c, i), contentOf(i));
            else
                plain.push_back(synthFile(c, i));
        }
        c.store->addFiles(std::move(plain));
        c.store->addFilesWithContent(std::move(hashed));
    }
}

void addLogical(SynthCase &c)
{
    c.logicalEvidence = check(c.store->addEvidence({"/evidence/docs", "docs", "folder", {}, {}, {}, {}, "{}"}));
    const auto e = c.logicalEvidence;
    c.store->addFiles({fileRecord(e, std::nullopt, "/docs", MetaType::Directory, false),
                       fileRecord(e, std::nullopt, "/docs/inner", MetaType::Directory, false),
                       fileRecord(e, std::nullopt, "/docs/a.txt", MetaType::Regular, false),
                       fileRecord(e, std::nullopt, "/docs/inner/b.txt", MetaType::Regular, false),
                       fileRecord(e, std::nullopt, "/top.txt", MetaType::Regular, false)});
}

void addErrors(SynthCase &c)
{
    for (int i = 0; i < 3; ++i) {
        casedb::ProcessingError e;
        e.evidenceId = c.imageEvidence;
        e.stage = "content";
        e.component = "reader";
        e.error = Error(ErrorCode::Io, "cannot read file " + std::to_string(i), "short read");
        e.path = filePath(i);
        c.store->recordError(std::move(e));
    }
}

} // namespace

std::string md5Of(std::int64_t i)
{
    return hex(static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ULL, static_cast<std::uint64_t>(i), 32);
}

model::FileRecord fileRecord(std::int64_t evidenceId, std::optional<std::int64_t> fsId, const std::string &path,
                             model::MetaType type, bool deleted)
{
    model::FileRecord f;
    f.evidenceId = evidenceId;
    f.filesystemId = fsId;
    f.path = path;
    f.name = path.substr(path.rfind('/') + 1);
    f.metaType = type;
    f.allocation = deleted ? model::Allocation::Deleted : model::Allocation::Allocated;
    f.nameDeleted = deleted;
    return f;
}

std::unique_ptr<SynthCase> buildSynthCase(std::int64_t files)
{
    const auto start = std::chrono::steady_clock::now();
    auto c = std::make_unique<SynthCase>();
    c->dir = c->temp.path().toStdString();
    c->files = files;
    c->store = check(casedb::CaseStore::openOrCreate(c->dir, {"SYN-1", "tester", "synthetic"}, "test"));
    c->imageEvidence = check(c->store->addEvidence({"/evidence/disk.E01", "disk.E01", "ewf", {}, 1 << 30, {}, {}, "{}"}));
    c->volumeId = check(c->store->addVolume({c->imageEvidence, "dos", 2, 1048576, 1LL << 30, "NTFS / exFAT (0x07)", "alloc"}));
    c->fsId = check(c->store->addFilesystem({c->imageEvidence, c->volumeId, 1048576, "ntfs", 4096, 262144, 5}));
    addFolders(*c);
    addSynthFiles(*c);
    addLogical(*c);
    addErrors(*c);
    check(c->store->flush());
    c->buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return c;
}

} // namespace vigil::test
