// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/memoryreader.h"

#include <algorithm>
#include <cstring>

namespace vigil::plugins {

MemoryReader::MemoryReader(std::vector<unsigned char> bytes)
    : m_bytes(std::move(bytes))
{
}

MemoryReader::MemoryReader(std::span<const unsigned char> bytes)
    : m_bytes(bytes.begin(), bytes.end())
{
}

Result<std::size_t> MemoryReader::read(std::uint64_t offset, void *buffer, std::size_t length)
{
    if (offset >= m_bytes.size())
        return std::size_t{0};
    const std::size_t count = std::min<std::uint64_t>(length, m_bytes.size() - offset);
    if (count > 0)
        std::memcpy(buffer, m_bytes.data() + offset, count);
    return count;
}

std::uint64_t MemoryReader::size() const
{
    return m_bytes.size();
}

} // namespace vigil::plugins
