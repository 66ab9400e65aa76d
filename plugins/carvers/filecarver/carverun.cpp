// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/filecarver/carverun.h"

#include <algorithm>

namespace vigil::carving::detail {

CarveRun::CarveRun(const SignatureScanner &scanner, const CarveOptions &options, const std::set<std::string> &types,
                   plugins::ContentReader &region, const std::function<void(const CarvedItem &)> &emit,
                   const std::atomic<bool> *cancel)
    : m_scanner(scanner), m_options(options), m_types(types), m_region(region), m_emit(emit), m_cancel(cancel),
      m_view(region), m_sameUntil(carverSpecs().size(), 0)
{
}

Result<CarveStats> CarveRun::run()
{
    auto scratch = m_scanner.makeScratch();
    if (!scratch)
        return std::unexpected(scratch.error());
    m_scratch = std::move(*scratch);
    const std::uint64_t size = m_view.size();
    std::uint64_t pos = std::min(m_options.minOffset, size);
    while (pos < size && !cancelled()) {
        const std::uint64_t ownEnd = pos + std::min<std::uint64_t>(m_options.pageSize, size - pos);
        if (auto done = scanPage(pos, ownEnd); !done)
            return std::unexpected(done.error());
        // Pages wholly inside an item already carved need no scan: their hits would be skipped.
        const std::uint64_t next = m_options.skipInsideCarved ? std::min(size, std::max(ownEnd, m_skipUntil)) : ownEnd;
        m_stats.bytesScanned += next - ownEnd;
        pos = next;
    }
    return m_stats;
}

Result<void> CarveRun::scanPage(std::uint64_t start, std::uint64_t ownEnd)
{
    const std::uint64_t margin = m_scanner.longestPattern();
    const std::uint64_t bufferEnd = std::min(m_view.size(), ownEnd + margin);
    m_page.resize(static_cast<std::size_t>(bufferEnd - start));
    auto read = readFully(m_region, start, m_page);
    if (!read)
        return std::unexpected(read.error());
    m_page.resize(*read);   // a region that ends early is scanned as far as it goes
    m_view.setPage(start, m_page);
    m_hits.clear();
    if (auto scanned = m_scanner.scan(m_page, m_scratch.get(), m_hits); !scanned)
        return scanned;
    m_stats.bytesScanned += std::min<std::uint64_t>(ownEnd - start, m_page.size());
    std::sort(m_hits.begin(), m_hits.end());
    for (const Hit &local : m_hits) {
        const Hit hit{start + local.start, local.pattern};
        if (hit.start >= ownEnd)
            break;   // starts in the overlap margin: the next page owns it
        if (hit.start < m_options.minOffset)
            continue;
        processHit(hit);
        if (m_view.error())
            return std::unexpected(*m_view.error());
        if (cancelled())
            break;
    }
    return {};
}

void CarveRun::processHit(const Hit &hit)
{
    ++m_stats.hits;
    const std::size_t carver = m_scanner.patterns()[hit.pattern].carver;
    const bool inside = hit.start < m_skipUntil || hit.start < m_sameUntil[carver];
    if (hit.start == m_lastItemOffset || (m_options.skipInsideCarved && inside))
        return;
    auto carved = carverSpecs()[carver].validate(m_view, hit.start);
    if (!carved || carved->length == 0 || !m_types.count(carved->type)) {
        ++m_stats.rejected;
        return;
    }
    emitItem(hit.start, carver, std::move(*carved));
}

// A Complete item hides every hit inside it; a Partial one only those in its verified part (and
// its own format's hits in the part it walked, see Carved::walked).
void CarveRun::emitItem(std::uint64_t offset, std::size_t carver, Carved &&carved)
{
    CarvedItem item;
    item.offset = offset;
    item.length = carved.length;
    item.type = std::move(carved.type);
    item.extension = std::move(carved.extension);
    item.status = carved.status;
    item.note = std::move(carved.note);
    const std::uint64_t covered = item.status == CarveStatus::Complete ? item.length : carved.verified;
    m_skipUntil = std::max(m_skipUntil, offset + std::max<std::uint64_t>(covered, 1));
    const std::uint64_t own = item.status == CarveStatus::Complete ? item.length : std::max(covered, carved.walked);
    m_sameUntil[carver] = std::max(m_sameUntil[carver], offset + std::max<std::uint64_t>(own, 1));
    m_lastItemOffset = offset;
    ++m_stats.carved;
    if (item.status == CarveStatus::Partial)
        ++m_stats.partial;
    m_emit(item);
}

} // namespace vigil::carving::detail
