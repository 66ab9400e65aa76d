// SPDX-License-Identifier: GPL-3.0-or-later
// Random access to the region being carved for the format walkers: the page the scanner holds
// is served from memory, everything else through a small read-ahead cache. The first read
// error is kept (error()); later reads then fail, so a walker simply sees the end of its data
// and the carve loop reports the error.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/util/error.h"
#include "plugins/api/plugin.h"

namespace vigil::carving::detail {

class RegionView
{
public:
    explicit RegionView(plugins::ContentReader &reader);

    std::uint64_t size() const { return m_size; }
    // The scanner's current page, [start, start + bytes.size()); must outlive its use here.
    void setPage(std::uint64_t start, std::span<const unsigned char> bytes);

    // Copies exactly out.size() bytes at `offset`; false past the end or after a read error.
    bool read(std::uint64_t offset, std::span<unsigned char> out);
    // [offset, offset + length) into `out`; false if any of it is missing.
    bool readRange(std::uint64_t offset, std::uint64_t length, std::vector<unsigned char> &out);
    // Some bytes from `offset` on (1..maxLength), valid until the next call; empty at the end
    // or after an error.
    std::span<const unsigned char> peek(std::uint64_t offset, std::size_t maxLength);

    std::optional<std::uint8_t> u8(std::uint64_t offset);
    std::optional<std::uint16_t> u16le(std::uint64_t offset);
    std::optional<std::uint16_t> u16be(std::uint64_t offset);
    std::optional<std::uint32_t> u32le(std::uint64_t offset);
    std::optional<std::uint32_t> u32be(std::uint64_t offset);
    std::optional<std::uint64_t> u64le(std::uint64_t offset);
    std::optional<std::uint64_t> u64be(std::uint64_t offset);
    // True when the bytes at `offset` equal `text` (false past the end).
    bool matches(std::uint64_t offset, std::string_view text);
    // True when [offset, offset + length) is inside the region and all zero bytes.
    bool isZero(std::uint64_t offset, std::size_t length);

    const std::optional<Error> &error() const { return m_error; }

private:
    bool fillCache(std::uint64_t offset, std::size_t minimum);
    Result<void> load(std::uint64_t start, std::size_t length);
    std::span<const unsigned char> cached(std::uint64_t offset) const;

    plugins::ContentReader &m_reader;
    std::uint64_t m_size = 0;
    std::uint64_t m_pageStart = 0;
    std::span<const unsigned char> m_page;
    std::uint64_t m_cacheStart = 0;
    std::vector<unsigned char> m_cache;
    std::optional<Error> m_error;
};

// Reads [offset, offset + out.size()) from `reader`, looping over short reads.
Result<std::size_t> readFully(plugins::ContentReader &reader, std::uint64_t offset, std::span<unsigned char> out);

} // namespace vigil::carving::detail
