// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: image format detection, header probes (JPEG, PNG, GIF, BMP, WebP, HEIC, TIFF)
// and decoding at reduced size with tight decompression-bomb limits, then a thumbnail and the
// EXIF orientation of what was decoded.
#include "plugins/media/decode/decode.h"
#include "tests/fuzz/fuzzutil.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil::media;
    const auto bytes = vigil::fuzz::bytesOf(data, size);
    (void)detectImageFormat(bytes);
    (void)probeImage(bytes);
    DecodeOptions options;
    options.minLongSide = 64;
    options.limits.maxPixels = 4'000'000;
    options.limits.maxDecodedBytes = 64u << 20;
    options.limits.maxSide = 4096;
    auto image = decodeImage(bytes, options);
    if (image && !image->bgr.empty()) {
        (void)makeThumbnail(image->bgr, 64, 70);
        (void)applyOrientation(image->bgr, 1 + static_cast<int>(size % 8));
    }
    return 0;
}
