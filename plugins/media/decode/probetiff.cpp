// SPDX-License-Identifier: GPL-3.0-or-later
// TIFF and BigTIFF: image size from IFD0 (ImageWidth 256, ImageLength 257) and the number of
// IFDs in the chain (pages).

#include "plugins/media/decode/bytereader.h"
#include "plugins/media/decode/codecs.h"

#include <algorithm>
#include <set>
#include <string>

namespace vigil::media::detail {

namespace {

constexpr std::uint16_t kTagImageWidth = 256;
constexpr std::uint16_t kTagImageLength = 257;
constexpr int kMaxPages = 10'000;

enum TiffType : std::uint16_t { Short = 3, Long = 4, Long8 = 16 };

class TiffReader
{
public:
    TiffReader(Bytes bytes, bool littleEndian, bool big) : m_in(bytes), m_little(littleEndian), m_big(big) {}

    std::optional<std::uint64_t> u16(std::size_t offset) const { return widen(m_little ? m_in.le16(offset) : m_in.be16(offset)); }
    std::optional<std::uint64_t> u32(std::size_t offset) const { return widen(m_little ? m_in.le32(offset) : m_in.be32(offset)); }
    std::optional<std::uint64_t> u64(std::size_t offset) const { return m_little ? m_in.le64(offset) : m_in.be64(offset); }
    std::optional<std::uint64_t> offsetAt(std::size_t offset) const { return m_big ? u64(offset) : u32(offset); }

    bool big() const { return m_big; }
    std::size_t entrySize() const { return m_big ? 20 : 12; }
    std::size_t countSize() const { return m_big ? 8 : 2; }
    std::size_t size() const { return m_in.size(); }

    // The value of a one-element SHORT/LONG/LONG8 entry, stored inline in its value field.
    std::optional<std::uint64_t> inlineValue(std::size_t entry) const
    {
        const auto type = u16(entry + 2);
        const std::size_t value = entry + (m_big ? 12 : 8);
        if (type == Short)
            return u16(value);
        if (type == Long)
            return u32(value);
        if (type == Long8 && m_big)
            return u64(value);
        return std::nullopt;
    }

private:
    template <typename T>
    static std::optional<std::uint64_t> widen(std::optional<T> v)
    {
        if (!v)
            return std::nullopt;
        return std::uint64_t(*v);
    }

    ByteReader m_in;
    bool m_little;
    bool m_big;
};

Result<ImageProbe> corrupt(std::string what)
{
    return fail(ErrorCode::Corrupt, "damaged tiff header: " + what);
}

// Follows the IFD chain from IFD0; stops at a loop, a bad offset or kMaxPages.
int countPages(const TiffReader &tiff, std::uint64_t ifd)
{
    std::set<std::uint64_t> seen;
    int pages = 0;
    while (ifd != 0 && ifd < tiff.size() && pages < kMaxPages && seen.insert(ifd).second) {
        const auto count = tiff.big() ? tiff.u64(ifd) : tiff.u16(ifd);
        if (!count || *count > (tiff.size() - ifd) / tiff.entrySize())
            break;
        ++pages;
        const auto next = tiff.offsetAt(ifd + tiff.countSize() + *count * tiff.entrySize());
        if (!next)
            break;
        ifd = *next;
    }
    return pages;
}

} // namespace

Result<ImageProbe> probeTiff(Bytes bytes)
{
    const ByteReader in(bytes);
    const bool little = in.matches(0, "II");
    const auto version = little ? in.le16(2) : in.be16(2);
    const bool big = version == 43u;
    const TiffReader tiff(bytes, little, big);
    if (big && (tiff.u16(4) != 8u || tiff.u16(6) != 0u))
        return corrupt("bad BigTIFF header");
    const auto ifd0 = big ? tiff.u64(8) : tiff.u32(4);
    if (!ifd0 || *ifd0 < 8 || *ifd0 >= bytes.size())
        return corrupt("IFD0 offset outside the file");
    const auto count = big ? tiff.u64(*ifd0) : tiff.u16(*ifd0);
    if (!count)
        return corrupt("truncated IFD0");
    std::uint64_t width = 0, height = 0;
    const std::size_t first = std::size_t(*ifd0) + tiff.countSize();
    for (std::uint64_t i = 0; i < *count; ++i) {
        const std::size_t entry = first + std::size_t(i) * tiff.entrySize();
        const auto tag = tiff.u16(entry);
        if (!tag)
            break;   // truncated directory: keep what was read
        if (*tag == kTagImageWidth)
            width = tiff.inlineValue(entry).value_or(0);
        else if (*tag == kTagImageLength)
            height = tiff.inlineValue(entry).value_or(0);
        if (width && height)
            break;
    }
    if (width == 0 || height == 0 || width > 0x7FFFFFFF || height > 0x7FFFFFFF)
        return corrupt("IFD0 has no valid ImageWidth/ImageLength");
    return ImageProbe{ImageFormat::Tiff, int(width), int(height), std::max(1, countPages(tiff, *ifd0))};
}

} // namespace vigil::media::detail
