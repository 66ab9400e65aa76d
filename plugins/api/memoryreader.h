// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <span>
#include <vector>

#include "plugins/api/plugin.h"

namespace vigil::plugins {

// A ContentReader over bytes already in memory (small files, carved buffers, tests).
// It owns a copy of the bytes; concurrent reads are safe.
class MemoryReader final : public ContentReader
{
public:
    explicit MemoryReader(std::vector<unsigned char> bytes);
    explicit MemoryReader(std::span<const unsigned char> bytes);

    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override;
    std::uint64_t size() const override;

private:
    std::vector<unsigned char> m_bytes;
};

} // namespace vigil::plugins
