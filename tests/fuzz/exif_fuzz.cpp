// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: camera metadata (readMetadata: exiv2 over bytes in memory, then our reading of
// times, zones, GPS, camera and orientation).
#include "plugins/media/exif/exif.h"
#include "tests/fuzz/fuzzutil.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void)vigil::media::readMetadata(vigil::fuzz::bytesOf(data, size));
    return 0;
}
