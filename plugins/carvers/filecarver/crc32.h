// SPDX-License-Identifier: GPL-3.0-or-later
// CRC-32 (ISO-HDLC, as in PNG and ZIP), incremental.
#pragma once

#include <cstdint>
#include <span>

namespace vigil::carving::detail {

// Continues `crc` (start with 0) over `bytes`.
std::uint32_t crc32Update(std::uint32_t crc, std::span<const unsigned char> bytes);

} // namespace vigil::carving::detail
