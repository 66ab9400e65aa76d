// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/carveregion.h"

#include <algorithm>

namespace vigil::pipeline {

RunRegion::RunRegion(evidence::ByteSource &media, std::vector<evidence::MediaRun> runs,
                     std::function<void(std::uint64_t)> onRead)
    : m_media(media), m_runs(std::move(runs)), m_onRead(std::move(onRead))
{
    m_starts.reserve(m_runs.size());
    for (const auto &r : m_runs) {
        m_starts.push_back(m_size);
        m_size += r.length;
    }
}

std::size_t RunRegion::runAt(std::uint64_t offset) const
{
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return static_cast<std::size_t>(it - m_starts.begin()) - 1;
}

Result<std::size_t> RunRegion::read(std::uint64_t offset, void *buffer, std::size_t length)
{
    if (offset >= m_size || length == 0)
        return 0;
    std::lock_guard lock(m_mutex);
    std::size_t done = 0;
    for (std::size_t i = runAt(offset); i < m_runs.size() && done < length; ++i) {
        const std::uint64_t at = offset + done;
        const std::uint64_t inRun = at - m_starts[i];
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(length - done, m_runs[i].length - inRun));
        auto n = m_media.readAt(m_runs[i].offset + inRun, static_cast<char *>(buffer) + done, want);
        if (!n)
            return std::unexpected(n.error());
        done += *n;
        if (*n < want)
            break;   // the media ends before the run does (a truncated image)
    }
    if (m_onRead && offset + done > m_furthest) {
        m_furthest = offset + done;
        m_onRead(m_furthest);
    }
    return done;
}

std::vector<std::pair<std::int64_t, std::int64_t>> RunRegion::mediaExtents(std::uint64_t offset, std::uint64_t length) const
{
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    if (offset >= m_size)
        return out;
    length = std::min(length, m_size - offset);
    for (std::size_t i = runAt(offset); i < m_runs.size() && length > 0; ++i) {
        const std::uint64_t inRun = offset - m_starts[i];
        const std::uint64_t n = std::min(length, m_runs[i].length - inRun);
        out.emplace_back(static_cast<std::int64_t>(m_runs[i].offset + inRun), static_cast<std::int64_t>(n));
        offset += n;
        length -= n;
    }
    return out;
}

} // namespace vigil::pipeline
