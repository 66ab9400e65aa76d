// SPDX-License-Identifier: GPL-3.0-or-later
// Process-wide allocator settings for long ingests (issue 10: peak memory does not grow with the
// image). Called first thing in main() by the command line and the desktop app.
#pragma once

#include <cstddef>

namespace vigil {

// Blocks of this size and larger are mapped from the system and given back when freed.
inline constexpr std::size_t kHeapMapThreshold = 256u << 10;

// glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), after which
// the file buffers, decoded pictures and scans an ingest allocates and frees by the thousand are
// kept in its per-thread arenas: resident memory then grew with the number of files processed
// (8 GiB image: 485 MiB peak against 383 MiB for 1 GiB with the same live heap). A fixed
// threshold returns them. Does nothing when the examiner set MALLOC_MMAP_THRESHOLD_ or on a C
// library without mallopt. Returns true when the setting was applied.
bool tuneHeapForLongRuns();

} // namespace vigil
