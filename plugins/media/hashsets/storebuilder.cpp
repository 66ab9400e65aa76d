// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/hashsets/storebuilder.h"

#include <algorithm>
#include <cstring>

#include "plugins/media/hashsets/atomicfile.h"
#include "plugins/media/hashsets/storeformat.h"

namespace vigil::media::detail {

namespace {

static_assert(sizeof(StoreBuilder::Md5Entry) == 17 && sizeof(StoreBuilder::Sha1Entry) == 21,
              "entries are written to the file as they lie in memory");

struct CollapseStats {
    std::uint64_t duplicates = 0, conflicts = 0;
};

// Stable sort by digest: a counting scatter on the first two bytes, then a stable sort of
// each (small) bucket; then equal digests collapse onto the first one.
template <std::size_t N>
CollapseStats sortAndCollapse(std::vector<std::array<std::uint8_t, N>> &entries)
{
    constexpr std::size_t digestSize = N - 1;
    CollapseStats stats;
    if (entries.empty())
        return stats;
    std::vector<std::uint64_t> start(65537, 0);
    for (const auto &e : entries)
        ++start[((std::size_t{e[0]} << 8) | e[1]) + 1];
    for (std::size_t i = 1; i < start.size(); ++i)
        start[i] += start[i - 1];
    {
        std::vector<std::array<std::uint8_t, N>> sorted(entries.size());
        std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
        for (const auto &e : entries)
            sorted[next[(std::size_t{e[0]} << 8) | e[1]]++] = e;
        entries.swap(sorted);
    }
    const auto less = [](const auto &a, const auto &b) { return std::memcmp(a.data(), b.data(), digestSize) < 0; };
    for (std::size_t b = 0; b + 1 < start.size(); ++b) {
        if (start[b + 1] - start[b] > 1)
            std::stable_sort(entries.begin() + static_cast<std::ptrdiff_t>(start[b]),
                             entries.begin() + static_cast<std::ptrdiff_t>(start[b + 1]), less);
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (kept > 0 && std::memcmp(entries[kept - 1].data(), entries[i].data(), digestSize) == 0) {
            ++stats.duplicates;
            if (entries[kept - 1][digestSize] != entries[i][digestSize])
                ++stats.conflicts;
            continue;
        }
        entries[kept++] = entries[i];
    }
    entries.resize(kept);
    return stats;
}

template <std::size_t N>
std::vector<std::uint8_t> bucketTable(const std::vector<std::array<std::uint8_t, N>> &entries, unsigned bits)
{
    const std::size_t buckets = std::size_t{1} << bits;
    std::vector<std::uint8_t> table(8 * (buckets + 1));
    std::size_t i = 0;
    for (std::size_t p = 0; p <= buckets; ++p) {
        while (i < entries.size() && bucketOf(entries[i].data(), bits) < p)
            ++i;
        writeLe(table.data() + 8 * p, i, 8);
    }
    return table;
}

void appendString(std::vector<std::uint8_t> &out, std::string_view s)
{
    s = s.substr(0, kMaxStringLength);
    std::uint8_t len[4];
    writeLe(len, s.size(), 4);
    out.insert(out.end(), len, len + 4);
    out.insert(out.end(), s.begin(), s.end());
}

std::vector<std::uint8_t> header(const StoreMeta &meta, std::uint64_t stringsSize, unsigned md5Bits,
                                 unsigned sha1Bits, std::size_t categoryCount, std::uint64_t md5Count,
                                 std::uint64_t sha1Count)
{
    namespace o = offsets;
    const StoreLayout l = computeLayout(stringsSize, md5Bits, sha1Bits, md5Count, sha1Count);
    std::vector<std::uint8_t> h(kHeaderSize, 0);
    std::memcpy(h.data(), kStoreMagic.data(), kStoreMagic.size());
    writeLe(h.data() + o::version, kStoreVersion, 4);
    writeLe(h.data() + o::headerSize, kHeaderSize, 4);
    h[o::role] = static_cast<std::uint8_t>(meta.role);
    h[o::md5Bits] = static_cast<std::uint8_t>(md5Bits);
    h[o::sha1Bits] = static_cast<std::uint8_t>(sha1Bits);
    h[o::categoryCount] = static_cast<std::uint8_t>(categoryCount);
    writeLe(h.data() + o::md5Count, md5Count, 8);
    writeLe(h.data() + o::sha1Count, sha1Count, 8);
    writeLe(h.data() + o::stringsOffset, kHeaderSize, 8);
    writeLe(h.data() + o::stringsSize, stringsSize, 8);
    writeLe(h.data() + o::md5Buckets, l.md5Buckets, 8);
    writeLe(h.data() + o::sha1Buckets, l.sha1Buckets, 8);
    writeLe(h.data() + o::md5Entries, l.md5Entries, 8);
    writeLe(h.data() + o::sha1Entries, l.sha1Entries, 8);
    writeLe(h.data() + o::fileSize, l.fileSize, 8);
    parseHex(meta.sourceSha256, std::span<std::uint8_t>(h.data() + o::sourceSha256, 32));
    return h;
}

} // namespace

std::uint8_t StoreBuilder::categoryIndex(std::string_view code)
{
    if (code.empty())
        return 0;
    for (std::size_t i = 0; i < m_categories.size(); ++i) {
        if (m_categories[i] == code)
            return static_cast<std::uint8_t>(i + 1);
    }
    if (m_categories.size() >= 255)
        return 0;   // cannot happen with the known codes; an unknown one is dropped
    m_categories.emplace_back(code);
    return static_cast<std::uint8_t>(m_categories.size());
}

void StoreBuilder::addMd5(const Md5 &digest, std::uint8_t category)
{
    Md5Entry e;
    std::memcpy(e.data(), digest.data(), digest.size());
    e[16] = category;
    m_md5.push_back(e);
}

void StoreBuilder::addSha1(const Sha1 &digest, std::uint8_t category)
{
    Sha1Entry e;
    std::memcpy(e.data(), digest.data(), digest.size());
    e[20] = category;
    m_sha1.push_back(e);
}

Result<StoreStats> StoreBuilder::write(const std::filesystem::path &out, const StoreMeta &meta)
{
    const CollapseStats md5Stats = sortAndCollapse(m_md5);
    const CollapseStats sha1Stats = sortAndCollapse(m_sha1);
    const unsigned md5Bits = bucketBitsFor(m_md5.size());
    const unsigned sha1Bits = bucketBitsFor(m_sha1.size());

    std::vector<std::uint8_t> strings;
    for (const auto &s : {meta.name, meta.sourceFormat, meta.formatVersion})
        appendString(strings, s);
    for (const auto &c : m_categories)
        appendString(strings, c);
    const std::uint64_t padded = alignUp8(kHeaderSize + strings.size()) - kHeaderSize;
    const std::uint64_t stringsSize = strings.size();
    strings.resize(padded, 0);

    auto file = AtomicFile::create(out);
    if (!file)
        return std::unexpected(file.error());
    const auto h = header(meta, stringsSize, md5Bits, sha1Bits, m_categories.size(), m_md5.size(), m_sha1.size());
    const auto md5Buckets = bucketTable(m_md5, md5Bits);
    const auto sha1Buckets = bucketTable(m_sha1, sha1Bits);
    const std::vector<std::uint8_t> *parts[] = {&h, &strings, &md5Buckets, &sha1Buckets};
    for (const auto *part : parts) {
        if (auto r = file->write(part->data(), part->size()); !r)
            return std::unexpected(r.error());
    }
    if (auto r = file->write(m_md5.data(), m_md5.size() * sizeof(Md5Entry)); !r)
        return std::unexpected(r.error());
    if (auto r = file->write(m_sha1.data(), m_sha1.size() * sizeof(Sha1Entry)); !r)
        return std::unexpected(r.error());
    if (auto r = file->commit(); !r)
        return std::unexpected(r.error());

    StoreStats stats{m_md5.size(), m_sha1.size(), md5Stats.duplicates + sha1Stats.duplicates,
                     md5Stats.conflicts + sha1Stats.conflicts};
    m_md5 = {};
    m_sha1 = {};
    return stats;
}

} // namespace vigil::media::detail
