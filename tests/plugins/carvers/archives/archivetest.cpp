// SPDX-License-Identifier: GPL-3.0-or-later
#include "archivetest.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>

#include <unistd.h>

#include "plugins/api/memoryreader.h"

namespace vigil::archives::test {

namespace {

struct WriterDeleter {
    void operator()(struct archive *a) const { archive_write_free(a); }
};
using WriterPtr = std::unique_ptr<struct archive, WriterDeleter>;

la_ssize_t appendTo(struct archive *, void *client, const void *buffer, std::size_t length)
{
    auto *out = static_cast<Bytes *>(client);
    const auto *p = static_cast<const unsigned char *>(buffer);
    out->insert(out->end(), p, p + length);
    return static_cast<la_ssize_t>(length);
}

void check(struct archive *a, int rc, const char *what)
{
    ASSERT_GE(rc, ARCHIVE_WARN) << what << ": " << (archive_error_string(a) ? archive_error_string(a) : "");
}

void writeEntry(struct archive *a, const Entry &e)
{
    std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname_utf8(entry.get(), e.name.c_str());
    archive_entry_set_filetype(entry.get(), e.directory ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry.get(), e.directory ? 0755 : 0644);
    archive_entry_set_size(entry.get(), e.directory ? 0 : static_cast<la_int64_t>(e.data.size()));
    archive_entry_set_mtime(entry.get(), e.mtime, 0);
    check(a, archive_write_header(a, entry.get()), "write header");
    if (!e.directory && !e.data.empty()) {
        ASSERT_EQ(archive_write_data(a, e.data.data(), e.data.size()), static_cast<la_ssize_t>(e.data.size()));
    }
}

// CRC-32 (ISO-HDLC, as in ZIP, gzip, RAR).
std::uint32_t crc32(const Bytes &data)
{
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const unsigned char b : data)
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void putLe(Bytes &out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

void putVint(Bytes &out, std::uint64_t value)
{
    do {
        unsigned char b = value & 0x7F;
        value >>= 7;
        if (value)
            b |= 0x80;
        out.push_back(b);
    } while (value);
}

// One RAR 5 block: CRC32 and size of everything from the type on.
void putRarBlock(Bytes &out, const Bytes &body)
{
    Bytes sized;
    putVint(sized, body.size());
    sized.insert(sized.end(), body.begin(), body.end());
    putLe(out, crc32(sized), 4);
    out.insert(out.end(), sized.begin(), sized.end());
}

} // namespace

Bytes writeArchive(const WriteSpec &spec, const std::vector<Entry> &entries)
{
    Bytes out;
    WriterPtr a(archive_write_new());
    archive_write_set_format(a.get(), spec.format);
    for (const int filter : spec.filters)
        archive_write_add_filter(a.get(), filter);
    if (!spec.options.empty()) {
        EXPECT_EQ(archive_write_set_options(a.get(), spec.options.c_str()), ARCHIVE_OK) << spec.options;
    }
    if (!spec.passphrase.empty()) {
        EXPECT_EQ(archive_write_set_passphrase(a.get(), spec.passphrase.c_str()), ARCHIVE_OK);
    }
    archive_write_set_bytes_in_last_block(a.get(), 1);
    EXPECT_EQ(archive_write_open(a.get(), &out, nullptr, appendTo, nullptr), ARCHIVE_OK);
    for (const Entry &e : entries)
        writeEntry(a.get(), e);
    EXPECT_EQ(archive_write_close(a.get()), ARCHIVE_OK) << archive_error_string(a.get());
    return out;
}

Bytes compressRaw(int filter, const Bytes &data, const std::string &options)
{
    return writeArchive(WriteSpec{ARCHIVE_FORMAT_RAW, {filter}, options, {}}, {Entry{"data", data}});
}

Bytes writeRar5Stored(const std::vector<Entry> &entries)
{
    Bytes out = {0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00};
    Bytes main;
    putVint(main, 1);   // main archive header
    putVint(main, 0);   // header flags
    putVint(main, 0);   // archive flags
    putRarBlock(out, main);
    for (const Entry &e : entries) {
        Bytes file;
        putVint(file, 2);                                    // file header
        putVint(file, e.directory ? 0 : 0x0002);             // data area present
        if (!e.directory)
            putVint(file, e.data.size());                    // data size
        putVint(file, (e.directory ? 0x0001 : 0x0004) | 0x0002);   // dir / CRC32 present; Unix mtime
        putVint(file, e.directory ? 0 : e.data.size());      // unpacked size
        putVint(file, e.directory ? 0x41ED : 0x81A4);        // Unix mode
        putLe(file, static_cast<std::uint64_t>(e.mtime), 4);
        if (!e.directory)
            putLe(file, crc32(e.data), 4);
        putVint(file, 0);                                    // RAR 5 algorithm, stored, small dictionary
        putVint(file, 1);                                    // host OS: Unix
        putVint(file, e.name.size());
        file.insert(file.end(), e.name.begin(), e.name.end());
        putRarBlock(out, file);
        out.insert(out.end(), e.data.begin(), e.data.end());
    }
    Bytes end;
    putVint(end, 5);   // end of archive
    putVint(end, 0);
    putVint(end, 0);
    putRarBlock(out, end);
    return out;
}

Bytes writeCabStored(const std::vector<Entry> &entries)
{
    constexpr std::size_t kHeader = 36, kFolder = 8, kMaxBlock = 32768;
    Bytes folderData, files;
    for (const Entry &e : entries) {
        putLe(files, e.data.size(), 4);
        putLe(files, folderData.size(), 4);   // offset in the uncompressed folder
        putLe(files, 0, 2);                   // folder 0
        putLe(files, (44u << 9) | (3u << 5) | 1u, 2);   // 2024-03-01 (DOS date)
        putLe(files, 12u << 11, 2);                       // 12:00:00
        putLe(files, 0x20, 2);                            // archive attribute
        files.insert(files.end(), e.name.begin(), e.name.end());
        files.push_back(0);
        folderData.insert(folderData.end(), e.data.begin(), e.data.end());
    }
    Bytes blocks;
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < folderData.size() || count == 0; pos += kMaxBlock, ++count) {
        const std::size_t n = std::min(kMaxBlock, folderData.size() - pos);
        putLe(blocks, 0, 4);   // no checksum
        putLe(blocks, n, 2);
        putLe(blocks, n, 2);
        blocks.insert(blocks.end(), folderData.begin() + static_cast<std::ptrdiff_t>(pos),
                      folderData.begin() + static_cast<std::ptrdiff_t>(pos + n));
    }
    const std::size_t filesAt = kHeader + kFolder, dataAt = filesAt + files.size();
    Bytes out = {'M', 'S', 'C', 'F'};
    putLe(out, 0, 4);
    putLe(out, dataAt + blocks.size(), 4);
    putLe(out, 0, 4);
    putLe(out, filesAt, 4);
    putLe(out, 0, 4);
    out.push_back(3);   // version 1.3
    out.push_back(1);
    putLe(out, 1, 2);   // folders
    putLe(out, entries.size(), 2);
    putLe(out, 0, 2);   // flags
    putLe(out, 0x1234, 2);
    putLe(out, 0, 2);
    putLe(out, dataAt, 4);   // CFFOLDER: first data block, block count, no compression
    putLe(out, count, 2);
    putLe(out, 0, 2);
    out.insert(out.end(), files.begin(), files.end());
    out.insert(out.end(), blocks.begin(), blocks.end());
    return out;
}

Bytes randomBytes(std::size_t size, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    Bytes out(size);
    for (auto &b : out)
        b = static_cast<unsigned char>(rng());
    return out;
}

Bytes textBytes(const std::string &text)
{
    return Bytes(text.begin(), text.end());
}

const Got *Expansion::find(const std::string &name) const
{
    for (const Got &g : members) {
        if (g.member.name == name)
            return &g;
    }
    return nullptr;
}

std::vector<std::string> Expansion::names() const
{
    std::vector<std::string> out;
    for (const Got &g : members)
        out.push_back(g.member.name);
    return out;
}

Expansion expand(const Bytes &bytes, const std::string &name, const Limits &limits, const std::atomic<bool> *cancel,
                 const std::function<void(const Member &)> &onEach)
{
    plugins::MemoryReader reader(bytes);
    std::vector<Got> got;
    auto result = expandArchive(
        reader, name, limits,
        [&](const Member &m, MemberData &data) -> Result<void> {
            Got g{m, {}, std::nullopt};
            unsigned char buffer[65536];
            for (;;) {
                auto n = data.read(buffer, sizeof buffer);
                if (!n) {
                    g.readError = n.error();
                    break;
                }
                if (*n == 0)
                    break;
                g.data.insert(g.data.end(), buffer, buffer + *n);
            }
            got.push_back(std::move(g));
            if (onEach)
                onEach(m);
            if (got.back().readError)
                return std::unexpected(*got.back().readError);
            return {};
        },
        cancel);
    return Expansion{std::move(result), std::move(got)};
}

Bytes readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const fs::path &path, const Bytes &bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

bool haveTool(const std::string &name)
{
    return runShell("command -v '" + name + "' >/dev/null 2>&1") == 0;
}

int runShell(const std::string &command)
{
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace vigil::archives::test
