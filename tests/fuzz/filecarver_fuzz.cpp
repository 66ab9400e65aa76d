// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: every file carver and its validator (JPEG with its decode check, PNG, GIF, BMP,
// WebP/AVI (RIFF), MP4/MOV, PDF, ZIP, SQLite, SQLite WAL) through FileCarver::carve over the
// bytes as a region. Two runs: the default page size, and 4 KiB pages so that hits fall near
// page boundaries and the overlap margin is exercised; embedded mode (minOffset 1, no skipping
// inside carved items) in the second.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "plugins/api/memoryreader.h"
#include "plugins/carvers/filecarver/filecarver.h"
#include "tests/fuzz/fuzzutil.h"

namespace {

const vigil::carving::FileCarver &carver(bool smallPages)
{
    static const auto make = [](bool small) {
        vigil::carving::CarveOptions options;
        if (small) {
            options.pageSize = 4096;
            options.minOffset = 1;
            options.skipInsideCarved = false;
        }
        auto c = vigil::carving::FileCarver::create(options);
        if (!c)
            std::abort();
        return std::move(*c);
    };
    static const auto normal = make(false);
    static const auto small = make(true);
    return smallPages ? *small : *normal;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil;
    plugins::MemoryReader region(fuzz::bytesOf(data, size));
    for (bool small : {false, true}) {
        std::uint64_t end = 0;
        auto stats = carver(small).carve(region, [&](const carving::CarvedItem &item) {
            // Items must lie inside the region and arrive in offset order.
            if (item.offset + item.length > size || item.offset < end) {
                std::fprintf(stderr, "carved %s at %llu, %llu bytes: outside the %zu-byte region or before %llu\n",
                             item.type.c_str(), static_cast<unsigned long long>(item.offset),
                             static_cast<unsigned long long>(item.length), size, static_cast<unsigned long long>(end));
                std::abort();
            }
            end = item.offset;
        });
        (void)stats;
    }
    return 0;
}
