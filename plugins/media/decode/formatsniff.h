// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: which HEIF flavour an ISO-BMFF 'ftyp' box announces.

#include <span>

namespace vigil::media::detail {

enum class HeifBrand {
    None,      // no ftyp box, or no image brand
    Hevc,      // heic, heix, hevc, ... (HEIC proper)
    Generic,   // mif1/msf1 only: let libheif decide
    Av1,       // avif/avis (AVIF): not decoded here
};

HeifBrand heifBrand(std::span<const unsigned char> bytes);

} // namespace vigil::media::detail
