// SPDX-License-Identifier: GPL-3.0-or-later
// A hash set store (CASE/hashsets/<id>.vhs) opened for lookups: the file is memory-mapped
// read-only, digests are found through a prefix bucket table and a binary search inside the
// bucket, so a lookup touches about two pages whatever the size of the set. Lookups are
// const and safe from several threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace vigil::media {

// VICS and CSV with categories → Categorised; plain list (and CSV without categories) →
// KnownBad; NSRL → KnownGood. The caller may override it at import.
enum class HashSetRole { KnownBad, KnownGood, Categorised };

const char *roleName(HashSetRole role);   // "known-bad", "known-good", "categorised"

namespace detail {
class MappedFile;
}

class HashSetFile
{
public:
    // Validates the header and that every section lies where the counts say (truncated,
    // garbage or foreign files → Corrupt; a newer store version → Unsupported).
    static Result<HashSetFile> open(const std::filesystem::path &path);

    HashSetFile(HashSetFile &&other) noexcept;
    HashSetFile &operator=(HashSetFile &&other) noexcept;
    HashSetFile(const HashSetFile &) = delete;
    HashSetFile &operator=(const HashSetFile &) = delete;
    ~HashSetFile();

    struct Hit {
        std::optional<std::string> category;   // "vic:1", "uk:A", ... or none
    };

    std::optional<Hit> findMd5(std::span<const std::uint8_t, 16> digest) const;
    std::optional<Hit> findSha1(std::span<const std::uint8_t, 20> digest) const;
    // Hex in any case; anything that is not 32 (40) hex digits finds nothing.
    std::optional<Hit> findMd5Hex(std::string_view hex) const;
    std::optional<Hit> findSha1Hex(std::string_view hex) const;

    HashSetRole role() const { return m_role; }
    const std::string &name() const { return m_name; }
    const std::string &sourceFormat() const { return m_sourceFormat; }   // "VICS JSON", "CSV", ...
    const std::string &formatVersion() const { return m_formatVersion; }
    const std::string &sourceSha256() const { return m_sourceSha256; }
    const std::vector<std::string> &categories() const { return m_categories; }   // codes the source used
    std::uint64_t md5Count() const { return m_md5.count; }
    std::uint64_t sha1Count() const { return m_sha1.count; }

private:
    struct Table {
        const std::uint8_t *entries = nullptr;   // count × (digest + 1 category byte), sorted
        const std::uint8_t *buckets = nullptr;   // (2^bits + 1) little-endian u64 entry indexes
        std::uint64_t count = 0;
        unsigned bits = 0;
        unsigned digestSize = 0;
    };

    HashSetFile();
    std::optional<Hit> find(const Table &table, const std::uint8_t *digest) const;
    Result<void> parse();

    std::unique_ptr<detail::MappedFile> m_map;
    Table m_md5;
    Table m_sha1;
    HashSetRole m_role = HashSetRole::KnownBad;
    std::string m_name;
    std::string m_sourceFormat;
    std::string m_formatVersion;
    std::string m_sourceSha256;
    std::vector<std::string> m_categories;   // index 0 of the file's category byte = none
};

} // namespace vigil::media
