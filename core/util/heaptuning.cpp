// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/heaptuning.h"

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace vigil {

bool tuneHeapForLongRuns()
{
#if defined(__GLIBC__)
    if (std::getenv("MALLOC_MMAP_THRESHOLD_"))
        return false;   // the examiner's own setting wins
    return mallopt(M_MMAP_THRESHOLD, static_cast<int>(kHeapMapThreshold)) == 1;
#else
    return false;
#endif
}

} // namespace vigil
