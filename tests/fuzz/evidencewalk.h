// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence path the ingest takes, bounded for fuzzing: open an image file, present it to
// The Sleuth Kit, list its volumes, open each file system found, walk its entries, read the
// first bytes and slack of the first files, and list its unallocated runs.
#pragma once

#include <filesystem>

namespace vigil::fuzz {

void exerciseEvidence(const std::filesystem::path &image);

} // namespace vigil::fuzz
