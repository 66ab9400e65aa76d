// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the on-disk layout of a hash set store (.vhs), shared by writer and reader.
// All integers little-endian.
//
//   0   8  magic "VIGILHS1"          56  8  MD5 bucket table offset
//   8   4  version (1)               64  8  SHA-1 bucket table offset
//  12   4  header size (128)         72  8  MD5 entries offset
//  16   1  role                      80  8  SHA-1 entries offset
//  17   1  MD5 bucket bits (0..16)   88  8  file size
//  18   1  SHA-1 bucket bits         96 32  SHA-256 of the source file
//  19   1  category count
//  20   4  reserved (0)
//  24   8  MD5 count
//  32   8  SHA-1 count
//  40   8  strings offset (128)
//  48   8  strings size
//
// Strings: u32 length + bytes each for name, source format, format version, then one per
// category (category byte k ≥ 1 in an entry is the k-th; 0 = no category). Padding to 8.
// Bucket tables: 2^bits + 1 u64 entry indexes; bucket p (the first `bits` bits of the
// digest) holds entries [table[p], table[p + 1]). Entries: digest + category byte, sorted by
// digest, no duplicates; MD5 entries 17 bytes, SHA-1 entries 21 bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace vigil::media::detail {

inline constexpr std::string_view kStoreMagic = "VIGILHS1";
inline constexpr std::uint32_t kStoreVersion = 1;
inline constexpr std::uint64_t kHeaderSize = 128;
inline constexpr unsigned kMaxBucketBits = 16;
inline constexpr std::uint32_t kMaxStringLength = 1u << 16;

namespace offsets {
inline constexpr std::size_t version = 8, headerSize = 12, role = 16, md5Bits = 17, sha1Bits = 18,
                             categoryCount = 19, md5Count = 24, sha1Count = 32, stringsOffset = 40,
                             stringsSize = 48, md5Buckets = 56, sha1Buckets = 64, md5Entries = 72,
                             sha1Entries = 80, fileSize = 88, sourceSha256 = 96;
}

inline std::uint64_t readLe(const std::uint8_t *p, unsigned bytes)
{
    std::uint64_t v = 0;
    for (unsigned i = 0; i < bytes; ++i)
        v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}

inline void writeLe(std::uint8_t *p, std::uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Bits needed so that buckets hold about one entry each, at most 2^16 buckets.
inline unsigned bucketBitsFor(std::uint64_t count)
{
    unsigned bits = 0;
    while (bits < kMaxBucketBits && (std::uint64_t{1} << (bits + 1)) <= count)
        ++bits;
    return bits;
}

inline std::uint32_t bucketOf(const std::uint8_t *digest, unsigned bits)
{
    const std::uint32_t prefix = (std::uint32_t{digest[0]} << 8) | digest[1];
    return prefix >> (16 - bits);
}

inline std::uint64_t alignUp8(std::uint64_t v)
{
    return (v + 7) & ~std::uint64_t{7};
}

struct StoreLayout {
    std::uint64_t md5Buckets, sha1Buckets, md5Entries, sha1Entries, fileSize;
};

// Where every section lies, from the counts (the reader checks the header against this).
inline StoreLayout computeLayout(std::uint64_t stringsSize, unsigned md5Bits, unsigned sha1Bits,
                                 std::uint64_t md5Count, std::uint64_t sha1Count)
{
    StoreLayout l{};
    l.md5Buckets = alignUp8(kHeaderSize + stringsSize);
    l.sha1Buckets = l.md5Buckets + 8 * ((std::uint64_t{1} << md5Bits) + 1);
    l.md5Entries = l.sha1Buckets + 8 * ((std::uint64_t{1} << sha1Bits) + 1);
    l.sha1Entries = l.md5Entries + 17 * md5Count;
    l.fileSize = l.sha1Entries + 21 * sha1Count;
    return l;
}

} // namespace vigil::media::detail
