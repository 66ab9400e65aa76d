// SPDX-License-Identifier: GPL-3.0-or-later
// SQLite database: the 100-byte header (page size a power of two in 512..65536, 1 meaning
// 65536; fixed payload fractions; page 1 a table b-tree page). Its page count (offset 28) is
// trusted when the version-valid-for number (92) equals the change counter (24); otherwise
// (old writers, a file caught mid-write) the length is estimated from the pages that follow.
#include "plugins/carvers/filecarver/carvers.h"

#include <utility>
#include <vector>

namespace vigil::carving::detail {

namespace {

struct SqliteHeader {
    std::uint32_t pageSize = 0;
    std::uint32_t usable = 0;
    std::uint32_t changeCounter = 0;
    std::uint32_t pageCount = 0;
    std::uint32_t validFor = 0;
};

std::uint32_t be32(const unsigned char *p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

std::optional<SqliteHeader> readHeader(RegionView &view, std::uint64_t offset)
{
    unsigned char h[101];
    if (!view.read(offset, h))
        return std::nullopt;
    SqliteHeader s;
    const unsigned raw = unsigned(h[16]) << 8 | h[17];
    s.pageSize = raw == 1 ? 65536u : raw;
    const bool powerOfTwo = s.pageSize >= 512 && s.pageSize <= 65536 && (s.pageSize & (s.pageSize - 1)) == 0;
    if (!powerOfTwo || h[18] < 1 || h[18] > 2 || h[19] < 1 || h[19] > 2 || h[21] != 64 || h[22] != 32 || h[23] != 32)
        return std::nullopt;
    s.usable = s.pageSize - h[20];
    if (s.usable < 480 || be32(h + 44) > 4 || be32(h + 56) > 3 || (h[100] != 0x0D && h[100] != 0x05))
        return std::nullopt;
    s.changeCounter = be32(h + 24);
    s.pageCount = be32(h + 28);
    s.validFor = be32(h + 92);
    return s;
}

// Could this be a database page: a b-tree page with a sane header, or an overflow / freelist
// page whose first word is a page number? An all-zero page ends the estimate.
bool plausiblePage(RegionView &view, std::uint64_t at, const SqliteHeader &s)
{
    unsigned char p[12];
    if (!view.read(at, p) || view.isZero(at, s.pageSize))
        return false;
    const unsigned type = p[0];
    if (type == 2 || type == 5 || type == 10 || type == 13) {
        const unsigned header = (type == 2 || type == 5) ? 12 : 8;
        const unsigned cells = unsigned(p[3]) << 8 | p[4];
        const unsigned rawContent = unsigned(p[5]) << 8 | p[6];
        const unsigned content = rawContent ? rawContent : 65536u;
        return header + 2 * cells <= s.usable && content <= s.pageSize && (content >= header + 2 * cells || cells == 0) &&
               p[7] <= 60;
    }
    return be32(p) <= (1u << 24);
}

// WAL checksum (SQLite's: pairs of 32-bit words, big- or little-endian) over `data`.
std::pair<std::uint32_t, std::uint32_t> walSum(std::span<const unsigned char> data, bool bigEndian,
                                               std::pair<std::uint32_t, std::uint32_t> s)
{
    auto word = [&](std::size_t i) {
        const unsigned char *p = data.data() + i;
        return bigEndian ? be32(p) : std::uint32_t(p[3]) << 24 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[1]) << 8 | p[0];
    };
    for (std::size_t i = 0; i + 8 <= data.size(); i += 8) {
        s.first += word(i) + s.second;
        s.second += word(i + 4) + s.first;
    }
    return s;
}

// Salts (64 random bits) shared with another frame of the same WAL generation or with the WAL
// header, within 256 frames before or one frame after: conclusive even when the frames between
// were overwritten.
bool sameSaltsNearby(RegionView &view, std::uint64_t frame, std::uint32_t pageSize, std::uint32_t salt1,
                     std::uint32_t salt2)
{
    const std::uint64_t step = 24 + std::uint64_t(pageSize);
    const std::uint64_t back = std::min<std::uint64_t>(256 * step + 32, frame);
    std::vector<unsigned char> before;
    if (back >= 32 && view.readRange(frame - back, back, before)) {
        auto saltsAt = [&](std::uint64_t at) { return be32(before.data() + at) == salt1 && be32(before.data() + at + 4) == salt2; };
        for (std::uint64_t k = 1; k * step <= back; ++k) {
            const std::uint64_t start = back - k * step;   // frame k before, in `before`
            if (saltsAt(start + 8))
                return true;
            if (start >= 32 && saltsAt(start - 32 + 16) && (be32(before.data() + start - 32) | 1) == 0x377F0683)
                return true;   // the WAL header, this being frame k - 1
        }
        if (back >= 32 && saltsAt(back - 32 + 16) && (be32(before.data() + back - 32) | 1) == 0x377F0683)
            return true;       // the WAL header right before this frame
    }
    const std::uint64_t next = frame + step;
    return view.u32be(next + 8) == std::optional(salt1) && view.u32be(next + 12) == std::optional(salt2);
}

// A page-1 image inside a WAL frame or a rollback journal is not a database file of its own
// (those are carved whole, or recovered from, as WAL or journal). WAL: the frame's checksum
// verifies from the previous frame (or the WAL header), or the next frame has the same salts.
// Journal: page number 1 right after the journal header's sector.
bool insidePageLog(RegionView &view, std::uint64_t offset, std::uint32_t pageSize)
{
    if (offset >= 4 && view.u32be(offset - 4) == std::optional<std::uint32_t>(1))
        for (std::uint64_t sector = 512; sector <= 65536; sector *= 2)
            if (offset >= 4 + sector && view.matches(offset - 4 - sector, "\xD9\xD5\x05\xF9\x20\xA1\x63\xD7"))
                return true;
    if (offset < 24 || view.u32be(offset - 24) != std::optional<std::uint32_t>(1))
        return false;
    const std::uint64_t frame = offset - 24;
    std::vector<unsigned char> bytes;
    if (!view.readRange(frame, 24 + std::uint64_t(pageSize), bytes))
        return false;
    const std::pair stored{be32(bytes.data() + 16), be32(bytes.data() + 20)};
    std::vector<std::pair<std::uint32_t, std::uint32_t>> seeds;
    if (frame >= 24 + std::uint64_t(pageSize)) {
        const std::uint64_t previous = frame - 24 - pageSize;
        if (auto a = view.u32be(previous + 16), b = view.u32be(previous + 20); a && b)
            seeds.emplace_back(*a, *b);
    }
    if (frame >= 32)
        if (auto a = view.u32be(frame - 8), b = view.u32be(frame - 4); a && b)
            seeds.emplace_back(*a, *b);   // the WAL header's checksum, when this is the first frame
    for (const auto &seed : seeds)
        for (bool bigEndian : {true, false}) {
            const auto head = walSum(std::span(bytes).first(8), bigEndian, seed);
            if (walSum(std::span(bytes).subspan(24), bigEndian, head) == stored)
                return true;
        }
    return sameSaltsNearby(view, frame, pageSize, be32(bytes.data() + 8), be32(bytes.data() + 12));
}

std::uint64_t estimatePages(RegionView &view, std::uint64_t offset, const SqliteHeader &s)
{
    const std::uint64_t maxPages = std::min<std::uint64_t>(kMaxSqlite, view.size() - offset) / s.pageSize;
    std::uint64_t n = 1;
    while (n < maxPages && plausiblePage(view, offset + n * s.pageSize, s))
        ++n;
    return n;
}

} // namespace

std::optional<Carved> carveSqlite(RegionView &view, std::uint64_t offset)
{
    const auto s = readHeader(view, offset);
    if (!s || insidePageLog(view, offset, s->pageSize))
        return std::nullopt;
    const std::uint64_t available = view.size() - offset;
    if (s->pageCount > 0 && s->validFor == s->changeCounter) {
        const std::uint64_t length = std::uint64_t(s->pageSize) * s->pageCount;
        if (length > kMaxSqlite)
            return std::nullopt;
        if (length > available)
            return partial("sqlite", "db", available, s->pageSize,
                           "database cut off at the end of the data: " + std::to_string(available / s->pageSize) +
                               " of " + std::to_string(s->pageCount) + " pages");
        return complete("sqlite", "db", length);
    }
    const std::uint64_t pages = estimatePages(view, offset, *s);
    if (view.error())
        return std::nullopt;
    return partial("sqlite", "db", std::min(available, pages * s->pageSize), s->pageSize,
                   "page count in the header is not current (old writer or interrupted write): length estimated from " +
                       std::to_string(pages) + " plausible pages");
}

} // namespace vigil::carving::detail
