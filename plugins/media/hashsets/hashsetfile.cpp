// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/hashsets/hashsetfile.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "core/util/hashing.h"
#include "plugins/media/hashsets/digest.h"
#include "plugins/media/hashsets/storeformat.h"

namespace vigil::media {

namespace detail {

// A whole file mapped read-only; unmapped on destruction.
class MappedFile
{
public:
    static Result<std::unique_ptr<MappedFile>> open(const std::filesystem::path &path)
    {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return failErrno(errno, "Cannot open the hash set store " + path.string());
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            const int err = errno;
            ::close(fd);
            return failErrno(err, "Cannot read the hash set store " + path.string());
        }
        const auto size = static_cast<std::size_t>(st.st_size);
        if (size < kHeaderSize) {
            ::close(fd);
            return fail(ErrorCode::Corrupt, "The hash set store " + path.string() + " is truncated or not a store",
                        std::to_string(size) + " bytes");
        }
        void *data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        const int err = errno;
        ::close(fd);
        if (data == MAP_FAILED)
            return failErrno(err, "Cannot map the hash set store " + path.string());
        ::madvise(data, size, MADV_RANDOM);
        return std::unique_ptr<MappedFile>(new MappedFile(static_cast<const std::uint8_t *>(data), size));
    }

    ~MappedFile() { ::munmap(const_cast<std::uint8_t *>(m_data), m_size); }
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    const std::uint8_t *data() const { return m_data; }
    std::size_t size() const { return m_size; }

private:
    MappedFile(const std::uint8_t *data, std::size_t size) : m_data(data), m_size(size) {}

    static std::unexpected<Error> failErrno(int err, std::string message)
    {
        const ErrorCode code = err == ENOENT ? ErrorCode::NotFound : err == EACCES ? ErrorCode::Permission : ErrorCode::Io;
        return fail(code, std::move(message), std::error_code(err, std::generic_category()).message());
    }

    const std::uint8_t *m_data;
    std::size_t m_size;
};

} // namespace detail

namespace {

using namespace detail;

// Reads the length-prefixed strings of the header's string block.
class StringBlock
{
public:
    StringBlock(const std::uint8_t *data, std::uint64_t size) : m_data(data), m_size(size) {}
    std::optional<std::string> next()
    {
        if (m_size - m_pos < 4)
            return std::nullopt;
        const std::uint64_t len = readLe(m_data + m_pos, 4);
        m_pos += 4;
        if (len > kMaxStringLength || m_size - m_pos < len)
            return std::nullopt;
        std::string s(reinterpret_cast<const char *>(m_data + m_pos), len);
        m_pos += len;
        return s;
    }

private:
    const std::uint8_t *m_data;
    std::uint64_t m_size;
    std::uint64_t m_pos = 0;
};

bool bucketsValid(const std::uint8_t *table, unsigned bits, std::uint64_t count)
{
    const std::uint64_t n = std::uint64_t{1} << bits;
    std::uint64_t prev = 0;
    for (std::uint64_t p = 0; p <= n; ++p) {
        const std::uint64_t v = readLe(table + 8 * p, 8);
        if (v < prev || v > count || (p == 0 && v != 0))
            return false;
        prev = v;
    }
    return prev == count;
}

} // namespace

HashSetFile::HashSetFile() = default;
HashSetFile::HashSetFile(HashSetFile &&other) noexcept = default;
HashSetFile &HashSetFile::operator=(HashSetFile &&other) noexcept = default;
HashSetFile::~HashSetFile() = default;

Result<HashSetFile> HashSetFile::open(const std::filesystem::path &path)
{
    auto map = MappedFile::open(path);
    if (!map)
        return std::unexpected(map.error());
    HashSetFile file;
    file.m_map = std::move(*map);
    if (auto r = file.parse(); !r) {
        Error e = r.error();
        e.message = "The hash set store " + path.string() + " is damaged or not a store: " + e.message;
        return std::unexpected(e);
    }
    return file;
}

Result<void> HashSetFile::parse()
{
    namespace o = offsets;
    const std::uint8_t *d = m_map->data();
    const std::uint64_t size = m_map->size();
    if (std::memcmp(d, kStoreMagic.data(), kStoreMagic.size()) != 0)
        return fail(ErrorCode::Corrupt, "wrong magic", "expected VIGILHS1");
    if (const auto version = readLe(d + o::version, 4); version != kStoreVersion)
        return fail(version > kStoreVersion && version < 100 ? ErrorCode::Unsupported : ErrorCode::Corrupt,
                    "store version " + std::to_string(version) + " is not supported");
    const unsigned md5Bits = d[o::md5Bits], sha1Bits = d[o::sha1Bits];
    const std::uint64_t md5Count = readLe(d + o::md5Count, 8), sha1Count = readLe(d + o::sha1Count, 8);
    const std::uint64_t stringsSize = readLe(d + o::stringsSize, 8);
    if (readLe(d + o::headerSize, 4) != kHeaderSize || d[o::role] > 2 || md5Bits > kMaxBucketBits
        || sha1Bits > kMaxBucketBits || readLe(d + o::stringsOffset, 8) != kHeaderSize || stringsSize > size
        || md5Count > size / 17 || sha1Count > size / 21)
        return fail(ErrorCode::Corrupt, "bad header fields");
    const StoreLayout l = computeLayout(stringsSize, md5Bits, sha1Bits, md5Count, sha1Count);
    if (readLe(d + o::md5Buckets, 8) != l.md5Buckets || readLe(d + o::sha1Buckets, 8) != l.sha1Buckets
        || readLe(d + o::md5Entries, 8) != l.md5Entries || readLe(d + o::sha1Entries, 8) != l.sha1Entries
        || readLe(d + o::fileSize, 8) != l.fileSize)
        return fail(ErrorCode::Corrupt, "bad section offsets");
    if (l.fileSize != size)
        return fail(ErrorCode::Corrupt, "file size " + std::to_string(size) + " instead of " + std::to_string(l.fileSize),
                    "truncated or extended");
    if (!bucketsValid(d + l.md5Buckets, md5Bits, md5Count) || !bucketsValid(d + l.sha1Buckets, sha1Bits, sha1Count))
        return fail(ErrorCode::Corrupt, "bad bucket table");

    StringBlock strings(d + kHeaderSize, stringsSize);
    auto name = strings.next(), format = strings.next(), version = strings.next();
    if (!name || !format || !version)
        return fail(ErrorCode::Corrupt, "bad string table");
    for (unsigned i = 0; i < d[o::categoryCount]; ++i) {
        auto code = strings.next();
        if (!code)
            return fail(ErrorCode::Corrupt, "bad category table");
        m_categories.push_back(std::move(*code));
    }
    m_role = static_cast<HashSetRole>(d[o::role]);
    m_name = std::move(*name);
    m_sourceFormat = std::move(*format);
    m_formatVersion = std::move(*version);
    m_sourceSha256 = toHex(d + o::sourceSha256, 32);
    m_md5 = Table{d + l.md5Entries, d + l.md5Buckets, md5Count, md5Bits, 16};
    m_sha1 = Table{d + l.sha1Entries, d + l.sha1Buckets, sha1Count, sha1Bits, 20};
    return {};
}

std::optional<HashSetFile::Hit> HashSetFile::find(const Table &t, const std::uint8_t *digest) const
{
    if (t.count == 0)
        return std::nullopt;
    const std::uint32_t bucket = bucketOf(digest, t.bits);
    std::uint64_t lo = readLe(t.buckets + 8 * bucket, 8);
    std::uint64_t hi = readLe(t.buckets + 8 * (bucket + 1), 8);
    const std::size_t stride = t.digestSize + 1;
    while (lo < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        const std::uint8_t *entry = t.entries + mid * stride;
        const int c = std::memcmp(entry, digest, t.digestSize);
        if (c == 0) {
            const std::uint8_t cat = entry[t.digestSize];
            if (cat == 0 || cat > m_categories.size())
                return Hit{};
            return Hit{m_categories[cat - 1]};
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return std::nullopt;
}

std::optional<HashSetFile::Hit> HashSetFile::findMd5(std::span<const std::uint8_t, 16> digest) const
{
    return find(m_md5, digest.data());
}

std::optional<HashSetFile::Hit> HashSetFile::findSha1(std::span<const std::uint8_t, 20> digest) const
{
    return find(m_sha1, digest.data());
}

std::optional<HashSetFile::Hit> HashSetFile::findMd5Hex(std::string_view hex) const
{
    const auto d = parseMd5(hex);
    return d ? find(m_md5, d->data()) : std::nullopt;
}

std::optional<HashSetFile::Hit> HashSetFile::findSha1Hex(std::string_view hex) const
{
    const auto d = parseSha1(hex);
    return d ? find(m_sha1, d->data()) : std::nullopt;
}

} // namespace vigil::media
