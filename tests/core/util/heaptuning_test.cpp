// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/heaptuning.h"

#include <gtest/gtest.h>

#include <malloc.h>

#include <cstdlib>
#include <cstring>

namespace {

// Bytes glibc holds in mapped blocks (given back to the system when freed).
std::size_t mappedBytes() { return mallinfo2().hblkhd; }

// Allocates `n` bytes, touches them, and reports whether they were mapped; then frees them.
bool allocationIsMapped(std::size_t n)
{
    const std::size_t before = mappedBytes();
    char *p = static_cast<char *>(std::malloc(n));
    std::memset(p, 1, n);
    asm volatile("" : : "r"(p) : "memory");   // the block is used: not optimised away
    const bool mapped = mappedBytes() >= before + n;
    std::free(p);
    return mapped;
}

} // namespace

// AddressSanitizer replaces glibc's allocator: there is nothing of glibc's to tune or observe.
#if defined(__SANITIZE_ADDRESS__)
#define SKIP_UNDER_ASAN() GTEST_SKIP() << "glibc's allocator is replaced by AddressSanitizer's"
#else
#define SKIP_UNDER_ASAN() (void)0
#endif

// Each test runs in its own process (gtest_discover_tests), so each starts with glibc's defaults.

TEST(HeapTuning, WithoutItAFreedLargeBlockMakesLaterOnesStayInTheHeap)
{
    SKIP_UNDER_ASAN();
    // The behaviour the tuning exists for: after a 4 MiB block is freed, glibc raises its mmap
    // threshold and a 1 MiB block comes from (and stays in) the heap.
    ASSERT_TRUE(allocationIsMapped(4u << 20));
    EXPECT_FALSE(allocationIsMapped(1u << 20));
}

TEST(HeapTuning, WithItLargeBlocksAreAlwaysMappedAndGivenBack)
{
    SKIP_UNDER_ASAN();
    ASSERT_TRUE(vigil::tuneHeapForLongRuns());
    ASSERT_TRUE(allocationIsMapped(4u << 20));
    EXPECT_TRUE(allocationIsMapped(1u << 20));
    EXPECT_TRUE(allocationIsMapped(vigil::kHeapMapThreshold));
    EXPECT_FALSE(allocationIsMapped(vigil::kHeapMapThreshold / 4));
}

TEST(HeapTuning, TheExaminersOwnSettingWins)
{
    ::setenv("MALLOC_MMAP_THRESHOLD_", "1048576", 1);
    EXPECT_FALSE(vigil::tuneHeapForLongRuns());
    ::unsetenv("MALLOC_MMAP_THRESHOLD_");
}
