// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: SQLite record decoding and deleted-record recovery (recoverSqlite) over a
// database file, its WAL and its rollback journal. The input is split at the 8-byte marker
// kSplit: database [kSplit wal [kSplit journal]]; without a marker it is the database alone.
// Both modes run: live records returned, and live records only used to recognise copies.
#include <algorithm>
#include <array>
#include <span>

#include "plugins/carvers/sqliterecords/sqliterecords.h"
#include "tests/fuzz/fuzzutil.h"

namespace {

constexpr std::array<unsigned char, 8> kSplit{'\0', 'V', 'G', 'S', 'P', 'L', 'I', 'T'};

std::span<const unsigned char> takePart(std::span<const unsigned char> &rest)
{
    const auto at = std::search(rest.begin(), rest.end(), kSplit.begin(), kSplit.end());
    const auto part = rest.first(static_cast<std::size_t>(at - rest.begin()));
    rest = at == rest.end() ? rest.last(0) : rest.subspan(part.size() + kSplit.size());
    return part;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil;
    auto rest = fuzz::bytesOf(data, size);
    const auto db = takePart(rest);
    const auto wal = takePart(rest);
    const auto journal = rest;
    for (bool includeLive : {true, false}) {
        recovery::RecoveryOptions options;
        options.includeLive = includeLive;
        auto result = recovery::recoverSqlite(db, wal, journal, options);
        if (!result)
            continue;
        for (const auto &record : result->records)
            for (const auto &value : record.values)
                (void)recovery::toDisplay(value);
    }
    return 0;
}
