// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: collects digests in memory, sorts them, collapses duplicates and writes the store.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"
#include "plugins/media/hashsets/digest.h"
#include "plugins/media/hashsets/hashsetfile.h"

namespace vigil::media::detail {

struct StoreMeta {
    HashSetRole role = HashSetRole::KnownBad;
    std::string name;
    std::string sourceFormat;
    std::string formatVersion;
    std::string sourceSha256;   // hex
};

struct StoreStats {
    std::uint64_t md5Count = 0, sha1Count = 0, duplicates = 0, conflicts = 0;
};

class StoreBuilder
{
public:
    using Md5Entry = std::array<std::uint8_t, 17>;    // digest + category index
    using Sha1Entry = std::array<std::uint8_t, 21>;

    // The entry byte for a category code: 0 for "" (none), 1.. in order of first use.
    std::uint8_t categoryIndex(std::string_view code);

    void addMd5(const Md5 &digest, std::uint8_t category);
    void addSha1(const Sha1 &digest, std::uint8_t category);

    // Sorts, collapses duplicates (the first entry's category is kept) and writes the store
    // through a temporary file renamed to `out`. The builder is emptied.
    Result<StoreStats> write(const std::filesystem::path &out, const StoreMeta &meta);

private:
    std::vector<Md5Entry> m_md5;
    std::vector<Sha1Entry> m_sha1;
    std::vector<std::string> m_categories;
};

} // namespace vigil::media::detail
