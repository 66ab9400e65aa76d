// SPDX-License-Identifier: GPL-3.0-or-later
// Decodes a carved JPEG at 1/8 scale with libjpeg-turbo to see whether its data holds up to
// the end: the first data error or an early end of data stops the decode.
#pragma once

#include <span>
#include <string>

namespace vigil::carving::detail {

struct JpegCheck {
    enum Outcome {
        Whole,       // every row decoded and the stream ended cleanly
        Damaged,     // a data error part-way (overwritten, fragmented)
        Truncated,   // the data ended before the last row
        Failed,      // libjpeg refused it (header damaged, unsupported)
        TooLarge,    // not decoded: over the size limit
    };
    Outcome outcome = Failed;
    double fraction = 0;   // share of the image decoded before the problem, 0..1
    std::string message;   // libjpeg's text for Damaged/Truncated/Failed
};

JpegCheck checkJpegDecodes(std::span<const unsigned char> bytes);

} // namespace vigil::carving::detail
