// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Bounds-checked reads of little/big-endian integers from a byte span (header parsing).
// Every read returns nullopt past the end instead of reading out of bounds.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace vigil::media::detail {

class ByteReader
{
public:
    explicit ByteReader(std::span<const unsigned char> bytes) : m_bytes(bytes) {}

    std::size_t size() const { return m_bytes.size(); }
    bool has(std::size_t offset, std::size_t count) const
    {
        return offset <= m_bytes.size() && count <= m_bytes.size() - offset;
    }

    std::optional<std::uint8_t> u8(std::size_t offset) const
    {
        if (!has(offset, 1))
            return std::nullopt;
        return m_bytes[offset];
    }
    std::optional<std::uint16_t> be16(std::size_t offset) const { return read<std::uint16_t>(offset, false); }
    std::optional<std::uint16_t> le16(std::size_t offset) const { return read<std::uint16_t>(offset, true); }
    std::optional<std::uint32_t> be32(std::size_t offset) const { return read<std::uint32_t>(offset, false); }
    std::optional<std::uint32_t> le32(std::size_t offset) const { return read<std::uint32_t>(offset, true); }
    std::optional<std::uint64_t> le64(std::size_t offset) const { return read<std::uint64_t>(offset, true); }
    std::optional<std::uint64_t> be64(std::size_t offset) const { return read<std::uint64_t>(offset, false); }

    // Little-endian 24-bit value (WebP VP8X canvas size).
    std::optional<std::uint32_t> le24(std::size_t offset) const
    {
        if (!has(offset, 3))
            return std::nullopt;
        return std::uint32_t(m_bytes[offset]) | std::uint32_t(m_bytes[offset + 1]) << 8
               | std::uint32_t(m_bytes[offset + 2]) << 16;
    }

    // True when the bytes at offset equal text (no terminating NUL compared).
    bool matches(std::size_t offset, std::string_view text) const
    {
        if (!has(offset, text.size()))
            return false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (m_bytes[offset + i] != static_cast<unsigned char>(text[i]))
                return false;
        }
        return true;
    }

private:
    template <typename T>
    std::optional<T> read(std::size_t offset, bool littleEndian) const
    {
        if (!has(offset, sizeof(T)))
            return std::nullopt;
        T value = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i) {
            const std::size_t index = littleEndian ? sizeof(T) - 1 - i : i;
            value = static_cast<T>((value << 8) | m_bytes[offset + index]);
        }
        return value;
    }

    std::span<const unsigned char> m_bytes;
};

} // namespace vigil::media::detail
