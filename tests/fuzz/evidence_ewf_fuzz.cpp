// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the bytes as an EWF image (image.E01, one segment) through openImage (libewf
// behind EwfSource: header, hashes, metadata, chunk reads), then the same TSK walk as raw.
#include "tests/fuzz/evidencewalk.h"
#include "tests/fuzz/fuzzutil.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const vigil::fuzz::ScratchDir dir("evidence_ewf");
    vigil::fuzz::exerciseEvidence(dir.write("image.E01", vigil::fuzz::bytesOf(data, size)));
    return 0;
}
