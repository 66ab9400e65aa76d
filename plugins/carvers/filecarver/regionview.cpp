// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/filecarver/regionview.h"

#include <algorithm>
#include <cstring>

namespace vigil::carving::detail {

namespace {

constexpr std::size_t kCacheSize = 1u << 20;     // read-ahead for walks outside the page
constexpr std::size_t kMaxCacheSize = 8u << 20;  // larger single reads bypass the cache
constexpr std::uint64_t kBackStep = 4096;        // cache starts a little before the request

template <typename T, bool BigEndian>
std::optional<T> decode(RegionView &view, std::uint64_t offset)
{
    unsigned char b[sizeof(T)];
    if (!view.read(offset, b))
        return std::nullopt;
    T v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        const std::size_t k = BigEndian ? i : sizeof(T) - 1 - i;
        v = static_cast<T>((v << 8) | b[k]);
    }
    return v;
}

} // namespace

Result<std::size_t> readFully(plugins::ContentReader &reader, std::uint64_t offset, std::span<unsigned char> out)
{
    std::size_t done = 0;
    while (done < out.size()) {
        auto n = reader.read(offset + done, out.data() + done, out.size() - done);
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        done += *n;
    }
    return done;
}

RegionView::RegionView(plugins::ContentReader &reader)
    : m_reader(reader), m_size(reader.size())
{
}

void RegionView::setPage(std::uint64_t start, std::span<const unsigned char> bytes)
{
    m_pageStart = start;
    m_page = bytes;
}

std::span<const unsigned char> RegionView::cached(std::uint64_t offset) const
{
    std::span<const unsigned char> fromPage, fromCache;
    if (offset >= m_pageStart && offset - m_pageStart < m_page.size())
        fromPage = m_page.subspan(static_cast<std::size_t>(offset - m_pageStart));
    if (offset >= m_cacheStart && offset - m_cacheStart < m_cache.size())
        fromCache = std::span<const unsigned char>(m_cache).subspan(static_cast<std::size_t>(offset - m_cacheStart));
    return fromCache.size() > fromPage.size() ? fromCache : fromPage;
}

bool RegionView::fillCache(std::uint64_t offset, std::size_t minimum)
{
    if (m_error || offset >= m_size)
        return false;
    const std::uint64_t start = offset > kBackStep ? offset - kBackStep : 0;
    const std::size_t want = static_cast<std::size_t>(
        std::min<std::uint64_t>(std::max(kCacheSize, minimum + (offset - start)), m_size - start));
    if (load(start, want))
        return offset - start < m_cache.size();
    // The read-ahead may reach a bad area the walker never needs: retry with just the request.
    auto exact = load(offset, static_cast<std::size_t>(std::min<std::uint64_t>(minimum, m_size - offset)));
    if (!exact) {
        m_error = exact.error();
        return false;
    }
    return !m_cache.empty();
}

Result<void> RegionView::load(std::uint64_t start, std::size_t length)
{
    m_cache.resize(length);
    auto n = readFully(m_reader, start, m_cache);
    if (!n) {
        m_cache.clear();
        return std::unexpected(n.error());
    }
    m_cache.resize(*n);
    m_cacheStart = start;
    return {};
}

std::span<const unsigned char> RegionView::peek(std::uint64_t offset, std::size_t maxLength)
{
    if (m_error || offset >= m_size || maxLength == 0)
        return {};
    auto bytes = cached(offset);
    if (bytes.empty()) {
        if (!fillCache(offset, 1))
            return {};
        bytes = cached(offset);
    }
    return bytes.first(std::min(bytes.size(), maxLength));
}

bool RegionView::read(std::uint64_t offset, std::span<unsigned char> out)
{
    if (m_error || offset > m_size || out.size() > m_size - offset)
        return false;
    auto bytes = cached(offset);
    if (bytes.size() >= out.size()) {
        std::memcpy(out.data(), bytes.data(), out.size());
        return true;
    }
    if (out.size() > kMaxCacheSize) {
        auto n = readFully(m_reader, offset, out);
        if (!n) {
            m_error = n.error();
            return false;
        }
        return *n == out.size();
    }
    if (!fillCache(offset, out.size()))
        return false;
    bytes = cached(offset);
    if (bytes.size() < out.size())
        return false;
    std::memcpy(out.data(), bytes.data(), out.size());
    return true;
}

bool RegionView::readRange(std::uint64_t offset, std::uint64_t length, std::vector<unsigned char> &out)
{
    if (offset > m_size || length > m_size - offset)
        return false;
    out.resize(static_cast<std::size_t>(length));
    std::size_t done = 0;
    while (done < out.size()) {
        auto bytes = peek(offset + done, out.size() - done);
        if (bytes.empty())
            return false;
        std::memcpy(out.data() + done, bytes.data(), bytes.size());
        done += bytes.size();
    }
    return true;
}

bool RegionView::matches(std::uint64_t offset, std::string_view text)
{
    unsigned char b[64];
    if (text.size() > sizeof b || !read(offset, std::span(b, text.size())))
        return false;
    return std::memcmp(b, text.data(), text.size()) == 0;
}

bool RegionView::isZero(std::uint64_t offset, std::size_t length)
{
    if (offset > m_size || length > m_size - offset)
        return false;
    std::size_t done = 0;
    while (done < length) {
        auto bytes = peek(offset + done, length - done);
        if (bytes.empty())
            return false;
        if (std::any_of(bytes.begin(), bytes.end(), [](unsigned char c) { return c != 0; }))
            return false;
        done += bytes.size();
    }
    return true;
}

std::optional<std::uint8_t> RegionView::u8(std::uint64_t offset)
{
    auto bytes = peek(offset, 1);
    if (bytes.empty())
        return std::nullopt;
    return bytes[0];
}

std::optional<std::uint16_t> RegionView::u16le(std::uint64_t o) { return decode<std::uint16_t, false>(*this, o); }
std::optional<std::uint16_t> RegionView::u16be(std::uint64_t o) { return decode<std::uint16_t, true>(*this, o); }
std::optional<std::uint32_t> RegionView::u32le(std::uint64_t o) { return decode<std::uint32_t, false>(*this, o); }
std::optional<std::uint32_t> RegionView::u32be(std::uint64_t o) { return decode<std::uint32_t, true>(*this, o); }
std::optional<std::uint64_t> RegionView::u64le(std::uint64_t o) { return decode<std::uint64_t, false>(*this, o); }
std::optional<std::uint64_t> RegionView::u64be(std::uint64_t o) { return decode<std::uint64_t, true>(*this, o); }

} // namespace vigil::carving::detail
