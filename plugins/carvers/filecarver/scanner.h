// SPDX-License-Identifier: GPL-3.0-or-later
// One Hyperscan block-mode database holding every selected carver's signatures. The database
// is immutable and shared; each carve() gets its own scratch space, so scans run in parallel.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/util/error.h"
#include "plugins/carvers/filecarver/carvers.h"

struct hs_database;
struct hs_scratch;

namespace vigil::carving::detail {

struct Hit {
    std::uint64_t start = 0;   // of the match, in the scanned buffer
    unsigned pattern = 0;      // index into SignatureScanner::patterns()
    bool operator<(const Hit &o) const { return start != o.start ? start < o.start : pattern < o.pattern; }
};

struct ScannerPattern {
    Pattern pattern;
    std::size_t carver = 0;    // index into carverSpecs()
};

struct ScratchDeleter {
    void operator()(hs_scratch *s) const;
};
using Scratch = std::unique_ptr<hs_scratch, ScratchDeleter>;

class SignatureScanner
{
public:
    static Result<SignatureScanner> compile(std::vector<ScannerPattern> patterns);

    // A scratch space for one thread (cloned from the prototype made at compile time).
    Result<Scratch> makeScratch() const;
    // Every match in `bytes`, unsorted, appended to `hits`.
    Result<void> scan(std::span<const unsigned char> bytes, hs_scratch *scratch, std::vector<Hit> &hits) const;

    const std::vector<ScannerPattern> &patterns() const { return m_patterns; }
    unsigned longestPattern() const { return m_longest; }

private:
    struct DatabaseDeleter {
        void operator()(hs_database *db) const;
    };
    std::unique_ptr<hs_database, DatabaseDeleter> m_database;
    Scratch m_prototype;
    std::vector<ScannerPattern> m_patterns;
    unsigned m_longest = 0;
};

} // namespace vigil::carving::detail
