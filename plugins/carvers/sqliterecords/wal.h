// SPDX-License-Identifier: GPL-3.0-or-later
// The committed view of a write-ahead log: which frame holds the latest committed version of
// each page, with SQLite's own rules (matching salts, a valid checksum chain, commit frames).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugins/carvers/sqliterecords/format.h"

namespace vigil::recovery::detail {

inline constexpr std::size_t kWalHeaderSize = 32;
inline constexpr std::size_t kWalFrameHeaderSize = 24;

struct WalIndex {
    bool valid = false;                                // a WAL for a database of this page size
    std::map<std::uint32_t, std::size_t> latest;       // page -> offset of its data in the WAL
    std::optional<std::uint32_t> pageCount;            // database size in pages after the last commit
    std::vector<std::string> warnings;
};

// Frames are applied up to the last commit frame before the first frame whose salts differ
// from the header's (an older WAL generation) or whose checksum breaks the chain.
WalIndex readWalIndex(Bytes wal, std::size_t pageSize);

// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from (s0, s1).
void walChecksum(Bytes data, bool bigEndian, std::uint32_t &s0, std::uint32_t &s1);

} // namespace vigil::recovery::detail
