// SPDX-License-Identifier: GPL-3.0-or-later
// Running the carver over bytes in memory, for the tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plugins/api/memoryreader.h"
#include "plugins/carvers/filecarver/filecarver.h"
#include "samples.h"

namespace carvetest {

using vigil::carving::CarvedItem;
using vigil::carving::CarveOptions;
using vigil::carving::CarveStats;
using vigil::carving::CarveStatus;
using vigil::carving::FileCarver;

struct CarveOutput {
    std::vector<CarvedItem> items;
    CarveStats stats;
};

inline CarveOutput carveBytes(const Bytes &region, const CarveOptions &options = {})
{
    CarveOutput out;
    auto carver = FileCarver::create(options);
    EXPECT_TRUE(carver.has_value()) << (carver ? "" : carver.error().toString());
    if (!carver)
        return out;
    vigil::plugins::MemoryReader reader(region);
    auto stats = (*carver)->carve(reader, [&](const CarvedItem &item) { out.items.push_back(item); });
    EXPECT_TRUE(stats.has_value()) << (stats ? "" : stats.error().toString());
    if (stats)
        out.stats = *stats;
    return out;
}

inline Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes &p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline std::string describe(const CarvedItem &i)
{
    return i.type + "@" + std::to_string(i.offset) + "+" + std::to_string(i.length) +
           (i.status == CarveStatus::Partial ? " partial: " + i.note : std::string(" complete"));
}

inline std::string describe(const std::vector<CarvedItem> &items)
{
    std::string s;
    for (const auto &i : items)
        s += describe(i) + "\n";
    return s;
}

} // namespace carvetest
