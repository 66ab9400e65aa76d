// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/sqliterecords/wal.h"

namespace vigil::recovery::detail {

namespace {

constexpr std::uint32_t kWalMagic = 0x377f0682;

std::uint32_t word(Bytes d, std::size_t pos, bool bigEndian)
{
    if (bigEndian)
        return be32(d, pos);
    return static_cast<std::uint32_t>(d[pos + 3]) << 24 | static_cast<std::uint32_t>(d[pos + 2]) << 16 |
           static_cast<std::uint32_t>(d[pos + 1]) << 8 | d[pos];
}

} // namespace

void walChecksum(Bytes data, bool bigEndian, std::uint32_t &s0, std::uint32_t &s1)
{
    for (std::size_t i = 0; i + 8 <= data.size(); i += 8) {
        s0 += word(data, i, bigEndian) + s1;
        s1 += word(data, i + 4, bigEndian) + s0;
    }
}

WalIndex readWalIndex(Bytes wal, std::size_t pageSize)
{
    WalIndex out;
    if (wal.size() < kWalHeaderSize || (be32(wal, 0) & ~1u) != kWalMagic || be32(wal, 8) != pageSize) {
        out.warnings.push_back("the WAL file is not a WAL for this database (bad magic or page size); ignored");
        return out;
    }
    out.valid = true;
    const bool big = be32(wal, 0) & 1;
    std::uint32_t s0 = 0, s1 = 0;
    walChecksum(wal.subspan(0, 24), big, s0, s1);
    if (s0 != be32(wal, 24) || s1 != be32(wal, 28)) {
        out.warnings.push_back("the WAL header fails its checksum; no frame is applied (all are still carved)");
        return out;
    }
    const std::uint32_t salt1 = be32(wal, 16), salt2 = be32(wal, 20);
    std::map<std::uint32_t, std::size_t> pending;
    const std::size_t frame = kWalFrameHeaderSize + pageSize;
    for (std::size_t off = kWalHeaderSize; off + frame <= wal.size(); off += frame) {
        const std::uint32_t pgno = be32(wal, off);
        if (pgno == 0 || be32(wal, off + 8) != salt1 || be32(wal, off + 12) != salt2)
            break;   // the rest belongs to an older WAL generation
        walChecksum(wal.subspan(off, 8), big, s0, s1);
        walChecksum(wal.subspan(off + kWalFrameHeaderSize, pageSize), big, s0, s1);
        if (s0 != be32(wal, off + 16) || s1 != be32(wal, off + 20)) {
            out.warnings.push_back("WAL frame at offset " + std::to_string(off) +
                                   " fails its checksum; it and later frames are not applied");
            break;
        }
        pending[pgno] = off + kWalFrameHeaderSize;
        if (const std::uint32_t commitSize = be32(wal, off + 4)) {
            for (const auto &[pg, at] : pending)
                out.latest[pg] = at;
            pending.clear();
            out.pageCount = commitSize;
        }
    }
    return out;
}

} // namespace vigil::recovery::detail
