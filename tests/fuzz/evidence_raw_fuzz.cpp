// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the bytes as a raw disk image (image.dd) through openImage, TskImage,
// listVolumes, openFileSystem, walkFileSystem, TskFileReader and unallocatedRuns.
#include "tests/fuzz/evidencewalk.h"
#include "tests/fuzz/fuzzutil.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const vigil::fuzz::ScratchDir dir("evidence_raw");
    vigil::fuzz::exerciseEvidence(dir.write("image.dd", vigil::fuzz::bytesOf(data, size)));
    return 0;
}
