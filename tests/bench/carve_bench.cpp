// SPDX-License-Identifier: GPL-3.0-or-later
// Carves a file (typically `blkls IMAGE` output) with Vigil's file carver and writes one line
// per carved item: offset, length, type, extension, status, MD5 of the carved bytes, note.
// The carving time (and MiB/s) goes to stderr; hashing the items afterwards is not timed.
//
//   carve_bench REGION [--out ITEMS.tsv] [--page-mib N] [--types jpeg,png,...] [--extract DIR]
//
// --extract also writes every carved item to DIR/<offset>.<extension> and times that on its own
// (what a tool that writes its results costs on top of finding them).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util/hashing.h"
#include "plugins/carvers/filecarver/filecarver.h"

namespace {

using vigil::carving::CarvedItem;

class FileReader final : public vigil::plugins::ContentReader
{
public:
    explicit FileReader(const char *path) : m_fd(::open(path, O_RDONLY | O_CLOEXEC))
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
            return vigil::fail(vigil::ErrorCode::Io, std::string("read failed: ") + std::strerror(errno));
        return static_cast<std::size_t>(n);
    }
    std::uint64_t size() const override { return m_size; }
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

std::string md5Of(FileReader &reader, const CarvedItem &item)
{
    vigil::MultiHasher hasher(vigil::HashMd5);
    std::vector<unsigned char> buffer(1 << 20);
    for (std::uint64_t done = 0; done < item.length;) {
        auto n = reader.read(item.offset + done, buffer.data(),
                             static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), item.length - done)));
        if (!n || *n == 0)
            break;
        hasher.update(buffer.data(), *n);
        done += *n;
    }
    return hasher.finish().md5;
}

// Copies each item's bytes to DIR/<offset>.<extension>; false on the first failure.
bool extract(FileReader &reader, const std::vector<CarvedItem> &items, const std::string &dir)
{
    std::vector<char> buffer(1 << 20);
    for (const CarvedItem &item : items) {
        std::ofstream out(dir + "/" + std::to_string(item.offset) + "." + item.extension, std::ios::binary);
        for (std::uint64_t done = 0; done < item.length;) {
            auto n = reader.read(item.offset + done, buffer.data(),
                                 static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), item.length - done)));
            if (!n || *n == 0)
                return false;
            out.write(buffer.data(), static_cast<std::streamsize>(*n));
            done += *n;
        }
        if (!out)
            return false;
    }
    return true;
}

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string part; std::getline(in, part, sep);)
        if (!part.empty())
            out.push_back(part);
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::cerr << "usage: carve_bench REGION [--out ITEMS.tsv] [--page-mib N] [--types jpeg,png,...] [--extract DIR]\n";
        return 64;
    }
    std::string outPath, extractDir;
    vigil::carving::CarveOptions options;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--out")
            outPath = argv[i + 1];
        else if (flag == "--page-mib")
            options.pageSize = std::stoul(argv[i + 1]) << 20;
        else if (flag == "--types")
            options.types = split(argv[i + 1], ',');
        else if (flag == "--extract")
            extractDir = argv[i + 1];
    }
    FileReader reader(argv[1]);
    if (!reader.ok()) {
        std::cerr << "cannot open " << argv[1] << "\n";
        return 66;
    }
    auto carver = vigil::carving::FileCarver::create(options);
    if (!carver) {
        std::cerr << carver.error().toString() << "\n";
        return 70;
    }
    std::vector<CarvedItem> items;
    const auto start = std::chrono::steady_clock::now();
    auto stats = (*carver)->carve(reader, [&](const CarvedItem &item) { items.push_back(item); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!stats) {
        std::cerr << stats.error().toString() << "\n";
        return 74;
    }
    double extractSeconds = 0;
    if (!extractDir.empty()) {
        const auto t0 = std::chrono::steady_clock::now();
        if (!extract(reader, items, extractDir)) {
            std::cerr << "could not write the carved files to " << extractDir << "\n";
            return 73;
        }
        extractSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr, "extracted %zu items in %.2f s\n", items.size(), extractSeconds);
    }
    std::ofstream file;
    if (!outPath.empty())
        file.open(outPath);
    std::ostream &out = outPath.empty() ? std::cout : file;
    for (const CarvedItem &item : items)
        out << item.offset << '\t' << item.length << '\t' << item.type << '\t' << item.extension << '\t'
            << (item.status == vigil::carving::CarveStatus::Complete ? "complete" : "partial") << '\t'
            << md5Of(reader, item) << '\t' << item.note << '\n';
    const double mib = double(reader.size()) / 1048576.0;
    std::fprintf(stderr, "carved %zu items (%llu partial) from %.1f MiB in %.2f s = %.1f MiB/s; %llu hits, %llu rejected\n",
                 items.size(), static_cast<unsigned long long>(stats->partial), mib, seconds, mib / seconds,
                 static_cast<unsigned long long>(stats->hits), static_cast<unsigned long long>(stats->rejected));
    std::fprintf(stderr, "timing carve=%.3f extract=%.3f\n", seconds, extractSeconds);   // for carve_bench.sh
    return 0;
}
