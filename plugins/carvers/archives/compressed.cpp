// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/archives/compressed.h"

#include <archive.h>

#include <algorithm>
#include <array>

#include "core/util/utf8.h"

namespace vigil::archives {

namespace {

using Bytes = std::span<const unsigned char>;
using namespace std::string_view_literals;

bool startsWith(Bytes head, std::string_view magic)
{
    return head.size() >= magic.size()
        && std::equal(magic.begin(), magic.end(), head.begin(),
                      [](char m, unsigned char h) { return static_cast<unsigned char>(m) == h; });
}

struct Magic {
    std::string_view bytes;
    CompressionFilter filter;
};

constexpr std::array kMagics = {
    Magic{"\x1F\x8B\x08"sv, {ARCHIVE_FILTER_GZIP, "gzip"}},
    Magic{"\xFD" "7zXZ\0"sv, {ARCHIVE_FILTER_XZ, "xz"}},
    Magic{"\x28\xB5\x2F\xFD"sv, {ARCHIVE_FILTER_ZSTD, "zstd"}},
    Magic{"\x04\x22\x4D\x18"sv, {ARCHIVE_FILTER_LZ4, "lz4"}},
    Magic{"LZIP"sv, {ARCHIVE_FILTER_LZIP, "lzip"}},
    Magic{"\x1F\x9D"sv, {ARCHIVE_FILTER_COMPRESS, "compress"}},
};

bool isBzip2(Bytes head)
{
    // "BZh" + block size '1'..'9' + the block magic (pi) or the end-of-stream magic (sqrt pi).
    return head.size() >= 10 && startsWith(head, "BZh") && head[3] >= '1' && head[3] <= '9'
        && (startsWith(head.subspan(4), "\x31\x41\x59\x26\x53\x59"sv)
            || startsWith(head.subspan(4), "\x17\x72\x45\x38\x50\x90"sv));
}

// gzip names are ISO 8859-1 by the RFC, UTF-8 by practice: keep UTF-8, map Latin-1 otherwise.
std::string nameToUtf8(std::string_view raw)
{
    if (isCleanUtf8(raw))
        return std::string(raw);
    std::string out;
    for (const char c : raw)
        appendUtf8(out, static_cast<unsigned char>(c));
    return out;
}

bool iendsWith(std::string_view text, std::string_view suffix)
{
    if (text.size() < suffix.size())
        return false;
    const auto tail = text.substr(text.size() - suffix.size());
    return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
        const auto la = (a >= 'A' && a <= 'Z') ? static_cast<char>(a - 'A' + 'a') : a;
        return la == b;
    });
}

struct Rename {
    std::string_view suffix;   // lowercase
    std::string_view replacement;
};

constexpr std::array kRenames = {
    Rename{".tgz", ".tar"},  Rename{".taz", ".tar"},  Rename{".tbz2", ".tar"}, Rename{".tbz", ".tar"},
    Rename{".tb2", ".tar"},  Rename{".txz", ".tar"},  Rename{".tzst", ".tar"}, Rename{".tlz", ".tar"},
    Rename{".svgz", ".svg"}, Rename{".gzip", ""},     Rename{".gz", ""},       Rename{".bz2", ""},
    Rename{".bz", ""},       Rename{".xz", ""},       Rename{".zst", ""},      Rename{".lz4", ""},
    Rename{".lz", ""},       Rename{".z", ""},
};

} // namespace

std::optional<CompressionFilter> detectCompression(std::span<const unsigned char> head)
{
    for (const Magic &m : kMagics) {
        if (startsWith(head, m.bytes))
            return m.filter;
    }
    if (isBzip2(head))
        return CompressionFilter{ARCHIVE_FILTER_BZIP2, "bzip2"};
    return std::nullopt;
}

std::optional<GzipHeader> parseGzipHeader(std::span<const unsigned char> head)
{
    constexpr unsigned char kExtra = 0x04, kName = 0x08;
    if (head.size() < 10 || head[0] != 0x1F || head[1] != 0x8B || head[2] != 8)
        return std::nullopt;
    GzipHeader header;
    const std::uint32_t mtime = head[4] | (head[5] << 8) | (head[6] << 16) | (std::uint32_t(head[7]) << 24);
    if (mtime != 0)
        header.mtime = fromUnix(mtime);
    std::size_t pos = 10;
    if (head[3] & kExtra) {
        if (head.size() < pos + 2)
            return std::nullopt;
        pos += 2 + (head[pos] | (head[pos + 1] << 8));
    }
    if (head[3] & kName) {
        const auto rest = head.subspan(std::min(pos, head.size()));
        const auto nul = std::find(rest.begin(), rest.end(), 0);
        if (nul == rest.end())
            return std::nullopt;   // longer than the head we were given: ignore it
        header.storedName = nameToUtf8(std::string_view(reinterpret_cast<const char *>(rest.data()),
                                                        static_cast<std::size_t>(nul - rest.begin())));
    }
    return header;
}

std::string decompressedName(std::string_view archiveName)
{
    if (archiveName.empty())
        return "data";
    for (const Rename &r : kRenames) {
        if (iendsWith(archiveName, r.suffix) && archiveName.size() > r.suffix.size())
            return std::string(archiveName.substr(0, archiveName.size() - r.suffix.size())) + std::string(r.replacement);
    }
    return std::string(archiveName) + ".decompressed";
}

} // namespace vigil::archives
