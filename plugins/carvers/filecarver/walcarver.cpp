// SPDX-License-Identifier: GPL-3.0-or-later
// SQLite write-ahead log: 32-byte header (magic, version 3007000, page size, salts, header
// checksum), then frames of 24 + page size bytes. Frames count while their salts equal the
// header's and the running checksum holds. Frames of earlier WAL generations often follow
// (a restarted WAL overwrites from the start): they are kept while their own checksum chain
// verifies (from their second frame on), since deleted records live there.
#include "plugins/carvers/filecarver/carvers.h"

namespace vigil::carving::detail {

namespace {

constexpr std::uint32_t kVersion = 3007000;

struct Sum {
    std::uint32_t s0 = 0;
    std::uint32_t s1 = 0;
    bool operator==(const Sum &) const = default;
};

std::uint32_t word(const unsigned char *p, bool bigEndian)
{
    return bigEndian ? std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3]
                     : std::uint32_t(p[3]) << 24 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[1]) << 8 | p[0];
}

std::uint32_t be32(const unsigned char *p) { return word(p, true); }

Sum checksum(std::span<const unsigned char> data, bool bigEndian, Sum s)
{
    for (std::size_t i = 0; i + 8 <= data.size(); i += 8) {
        s.s0 += word(data.data() + i, bigEndian) + s.s1;
        s.s1 += word(data.data() + i + 4, bigEndian) + s.s0;
    }
    return s;
}

struct Frame {
    std::uint32_t page = 0;
    std::uint32_t salt1 = 0;
    std::uint32_t salt2 = 0;
    Sum stored;
    Sum computed;   // from the seed handed to readFrame
};

class WalWalker
{
public:
    WalWalker(RegionView &view, std::uint64_t offset, std::uint32_t pageSize, bool bigEndian)
        : m_view(view), m_offset(offset), m_limit(limitFrom(view, offset, kMaxWal)), m_frameSize(24 + pageSize),
          m_bigEndian(bigEndian), m_buffer(m_frameSize) {}

    std::optional<Frame> readFrame(std::uint64_t at, Sum seed)
    {
        if (at + m_frameSize > m_limit || !m_view.read(at, m_buffer))
            return std::nullopt;
        Frame f;
        f.page = be32(m_buffer.data());
        f.salt1 = be32(m_buffer.data() + 8);
        f.salt2 = be32(m_buffer.data() + 12);
        f.stored = {be32(m_buffer.data() + 16), be32(m_buffer.data() + 20)};
        const Sum head = checksum(std::span(m_buffer).first(8), m_bigEndian, seed);
        f.computed = checksum(std::span(m_buffer).subspan(24), m_bigEndian, head);
        return f;
    }

    // Frames of the current generation: salts as in the header, checksum chain from the header.
    std::uint64_t current(std::uint32_t salt1, std::uint32_t salt2, Sum seed, std::uint64_t &count)
    {
        std::uint64_t at = m_offset + 32;
        for (auto f = readFrame(at, seed); f && f->page && f->salt1 == salt1 && f->salt2 == salt2 && f->computed == f->stored;
             f = readFrame(at, seed)) {
            seed = f->stored;
            at += m_frameSize;
            ++count;
        }
        return at;
    }

    // Older generations from `at`: a frame is kept when the next one verifies with its checksum.
    std::uint64_t older(std::uint64_t at, std::uint64_t &count)
    {
        while (true) {
            const auto first = readFrame(at, {});
            if (!first || !first->page)
                return at;
            std::uint64_t next = at + m_frameSize;
            Sum seed = first->stored;
            std::uint64_t run = 0;
            for (auto f = readFrame(next, seed); f && f->page && f->salt1 == first->salt1 && f->salt2 == first->salt2 &&
                                                 f->computed == f->stored;
                 f = readFrame(next, seed)) {
                seed = f->stored;
                next += m_frameSize;
                ++run;
            }
            if (run == 0)
                return at;
            count += run + 1;
            at = next;
        }
    }

    // True when the region ends inside a frame of the current generation starting at `at`.
    bool cutOffAt(std::uint64_t at, std::uint32_t salt1, std::uint32_t salt2)
    {
        unsigned char head[16];
        if (at + m_frameSize <= m_view.size() || at + m_frameSize > m_offset + kMaxWal || !m_view.read(at, head))
            return false;
        return be32(head) != 0 && be32(head + 8) == salt1 && be32(head + 12) == salt2;
    }

private:
    RegionView &m_view;
    std::uint64_t m_offset;
    std::uint64_t m_limit;
    std::uint64_t m_frameSize;
    bool m_bigEndian;
    std::vector<unsigned char> m_buffer;
};

} // namespace

std::optional<Carved> carveSqliteWal(RegionView &view, std::uint64_t offset)
{
    unsigned char h[32];
    if (!view.read(offset, h))
        return std::nullopt;
    const std::uint32_t magic = be32(h), pageSize = be32(h + 8);
    const bool powerOfTwo = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) == 0;
    if ((magic != 0x377F0682 && magic != 0x377F0683) || be32(h + 4) != kVersion || !powerOfTwo)
        return std::nullopt;
    const bool bigEndian = magic & 1;
    const Sum headerSum{be32(h + 24), be32(h + 28)};
    if (checksum(std::span(h, 24), bigEndian, {}) != headerSum)
        return std::nullopt;
    WalWalker walker(view, offset, pageSize, bigEndian);
    std::uint64_t frames = 0, old = 0;
    std::uint64_t end = walker.current(be32(h + 16), be32(h + 20), headerSum, frames);
    end = walker.older(end, old);
    if (view.error() || frames + old == 0)
        return std::nullopt;
    if (old == 0 && walker.cutOffAt(end, be32(h + 16), be32(h + 20)))
        return partial("sqlite-wal", "db-wal", view.size() - offset, end - offset,
                       "WAL cut off at the end of the data inside frame " + std::to_string(frames + 1));
    Carved c = complete("sqlite-wal", "db-wal", end - offset);
    if (old)
        c.note = std::to_string(frames) + " current frames and " + std::to_string(old) + " of older WAL generations";
    return c;
}

} // namespace vigil::carving::detail
