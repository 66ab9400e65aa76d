// SPDX-License-Identifier: GPL-3.0-or-later
// One carve() call: pages of the region are scanned for signatures (each page read with an
// overlap margin, a hit belonging to the page it starts in), the hits are taken in offset
// order and handed to their carver, and what holds is emitted.
#pragma once

#include <atomic>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "plugins/carvers/filecarver/filecarver.h"
#include "plugins/carvers/filecarver/regionview.h"
#include "plugins/carvers/filecarver/scanner.h"

namespace vigil::carving::detail {

class CarveRun
{
public:
    CarveRun(const SignatureScanner &scanner, const CarveOptions &options, const std::set<std::string> &types,
             plugins::ContentReader &region, const std::function<void(const CarvedItem &)> &emit,
             const std::atomic<bool> *cancel);

    Result<CarveStats> run();

private:
    Result<void> scanPage(std::uint64_t start, std::uint64_t ownEnd);
    void processHit(const Hit &hit);
    void emitItem(std::uint64_t offset, std::size_t carver, Carved &&carved);
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

    const SignatureScanner &m_scanner;
    const CarveOptions &m_options;
    const std::set<std::string> &m_types;
    plugins::ContentReader &m_region;
    const std::function<void(const CarvedItem &)> &m_emit;
    const std::atomic<bool> *m_cancel;
    RegionView m_view;
    Scratch m_scratch;
    std::vector<unsigned char> m_page;
    std::vector<Hit> m_hits;
    CarveStats m_stats;
    std::uint64_t m_skipUntil = 0;          // end of the verified part of the items so far: no hit there
    std::vector<std::uint64_t> m_sameUntil; // per carver, end of its items: no hit of that carver there
    std::uint64_t m_lastItemOffset = ~0ull; // one item per offset
};

} // namespace vigil::carving::detail
