// SPDX-License-Identifier: GPL-3.0-or-later
// JPEG: SOI, then the marker segments (APPn, DQT, DHT, SOFn, SOS, ...) by their lengths, the
// entropy-coded data after each SOS up to the next marker (0xFF00 stuffing and RSTn are data),
// to EOI. The result is then decoded at 1/8 scale: a data error part-way marks it Partial with
// how much of the image came out. Embedded thumbnails sit inside APP1 and are skipped with it.
#include "plugins/carvers/filecarver/carvers.h"
#include "plugins/carvers/filecarver/jpegdecode.h"

#include <cstring>

namespace vigil::carving::detail {

namespace {

constexpr int kMaxFillBytes = 64;

bool isSof(std::uint8_t m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

bool isRst(std::uint8_t m) { return m >= 0xD0 && m <= 0xD7; }

// Markers followed by a length: C0-CF, DA-FE (SOI, EOI, RSTn and TEM stand alone).
bool hasLength(std::uint8_t m)
{
    return (m >= 0xC0 && m <= 0xCF) || (m >= 0xDA && m <= 0xFE);
}

struct JpegWalk {
    enum End { Eoi, Broken, Zeros, OutOfData };
    End end = OutOfData;
    std::uint64_t stop = 0;             // after EOI, or where the structure broke
    std::uint64_t firstZeroBlock = 0;   // first all-zero 4 KiB block in the image data (0: none)
    std::uint64_t scanStart = 0;        // end of the first SOS header (0: no image data)
};

class JpegWalker
{
public:
    JpegWalker(RegionView &view, std::uint64_t offset)
        : m_view(view), m_offset(offset), m_limit(limitFrom(view, offset, kMaxJpeg)) {}

    JpegWalk run()
    {
        std::uint64_t pos = m_offset + 2;
        bool sof = false;
        while (true) {
            const std::uint64_t markerAt = pos;
            const auto marker = readMarker(pos);
            if (!marker)
                return finish(JpegWalk::Broken, markerAt);
            if (*marker == 0xD9)
                return m_walk.scanStart ? finish(JpegWalk::Eoi, pos) : finish(JpegWalk::Broken, markerAt);
            if (*marker == 0x01 || isRst(*marker)) {
                if (!m_walk.scanStart)
                    return finish(JpegWalk::Broken, markerAt);
                continue;
            }
            if (!hasLength(*marker))
                return finish(JpegWalk::Broken, markerAt);
            const auto length = m_view.u16be(pos);
            if (!length || *length < 2)
                return finish(length ? JpegWalk::Broken : JpegWalk::OutOfData, markerAt);
            if (pos + *length > m_limit)
                return finish(JpegWalk::OutOfData, markerAt);
            if (m_walk.scanStart && !plausibleAfterScan(*marker, pos, *length))
                return finish(JpegWalk::Broken, markerAt);
            if (isSof(*marker)) {
                if (!validFrame(pos, *length))
                    return finish(JpegWalk::Broken, markerAt);
                sof = true;
            }
            pos += *length;
            if (*marker == 0xDA) {
                if (!sof)
                    return finish(JpegWalk::Broken, markerAt);
                if (!m_walk.scanStart)
                    m_walk.scanStart = pos;
                if (!skipEntropyData(pos))
                    return m_walk;
            }
        }
    }

private:
    JpegWalk finish(JpegWalk::End end, std::uint64_t stop)
    {
        m_walk.end = end;
        m_walk.stop = stop;
        return m_walk;
    }

    // At `pos`: 0xFF, optional fill bytes, the marker code. Advances past it.
    std::optional<std::uint8_t> readMarker(std::uint64_t &pos)
    {
        if (m_view.u8(pos) != std::optional<std::uint8_t>(0xFF))
            return std::nullopt;
        std::uint64_t q = pos + 1;
        for (int fill = 0; fill < kMaxFillBytes && m_view.u8(q) == std::optional<std::uint8_t>(0xFF); ++fill)
            ++q;
        const auto marker = m_view.u8(q);
        if (!marker || *marker == 0xFF || *marker == 0x00 || q + 1 > m_limit)
            return std::nullopt;
        pos = q + 1;
        return marker;
    }

    // Between and after scans only tables, restart interval, line count, comments and further
    // scans occur. In overwritten data a byte pair that looks like another marker ends the walk
    // here, before a random length can carry it over the next file.
    bool plausibleAfterScan(std::uint8_t marker, std::uint64_t pos, std::uint16_t length)
    {
        const auto first = m_view.u8(pos + 2);
        if (!first)
            return false;
        const unsigned hi = *first >> 4, lo = *first & 0x0F;
        switch (marker) {
        case 0xDA:
            return *first >= 1 && *first <= 4 && length == 6 + 2 * *first;
        case 0xC4:
        case 0xDB:
            return length >= (marker == 0xC4 ? 19 : 67) && hi <= 1 && lo <= 3;
        case 0xDD:
        case 0xDC:
            return length == 4;
        case 0xCC:
        case 0xFE:
            return true;
        default:
            return false;
        }
    }

    bool validFrame(std::uint64_t pos, std::uint16_t length)
    {
        const auto precision = m_view.u8(pos + 2);
        const auto width = m_view.u16be(pos + 5);
        const auto components = m_view.u8(pos + 7);
        if (!precision || !width || !components)
            return false;
        return *precision >= 2 && *precision <= 16 && *width > 0 && *components >= 1 && *components <= 4 &&
               length >= 8 + 3 * *components;
    }

    std::uint64_t nextBlock(std::uint64_t p) const
    {
        const std::uint64_t rel = p - m_offset;
        return m_offset + (rel + kZeroBlock - 1) / kZeroBlock * kZeroBlock;
    }

    // Entropy-coded data from `pos` to the next marker; `pos` ends on its 0xFF. False when the
    // data ends first (region end, size limit or a long run of zeros): m_walk is then final.
    bool skipEntropyData(std::uint64_t &pos)
    {
        std::uint64_t p = pos;
        std::uint64_t zeroRun = 0;
        while (p < m_limit) {
            std::uint64_t block = nextBlock(p);
            if (block == p) {
                if (p + kZeroBlock <= m_limit && m_view.isZero(p, kZeroBlock)) {
                    if (!m_walk.firstZeroBlock)
                        m_walk.firstZeroBlock = p;
                    zeroRun += kZeroBlock;
                    if (zeroRun >= kZeroRunStop) {
                        finish(JpegWalk::Zeros, p + kZeroBlock - zeroRun);
                        return false;
                    }
                    p += kZeroBlock;
                    continue;
                }
                block = p + kZeroBlock;
            }
            zeroRun = 0;
            const auto window = m_view.peek(p, static_cast<std::size_t>(std::min(block, m_limit) - p));
            if (window.empty())
                break;
            const void *ff = std::memchr(window.data(), 0xFF, window.size());
            if (!ff) {
                p += window.size();
                continue;
            }
            const std::uint64_t q = p + static_cast<std::uint64_t>(static_cast<const unsigned char *>(ff) - window.data());
            const auto next = m_view.u8(q + 1);
            if (!next)
                break;
            if (*next == 0x00 || isRst(*next) || *next == 0xFF) {
                p = q + (*next == 0xFF ? 1 : 2);
                continue;
            }
            pos = q;
            return true;
        }
        finish(JpegWalk::OutOfData, std::min(p, m_limit));
        return false;
    }

    RegionView &m_view;
    std::uint64_t m_offset;
    std::uint64_t m_limit;
    JpegWalk m_walk;
};

std::optional<Carved> judgeDecoded(RegionView &view, std::uint64_t offset, const JpegWalk &walk, std::uint64_t end)
{
    std::vector<unsigned char> bytes;
    if (!view.readRange(offset, end - offset, bytes))
        return std::nullopt;
    const JpegCheck check = checkJpegDecodes(bytes);
    const std::uint64_t length = end - offset;
    const std::uint64_t verified = walk.scanStart - offset;
    const std::string done = percent(static_cast<std::uint64_t>(check.fraction * 1000), 1000) + " of the image";
    if (walk.end != JpegWalk::Eoi) {
        const bool atEnd = end >= view.size();
        return partial("jpeg", "jpg", length, verified,
                       atEnd ? "JPEG cut off at the end of the data after " + done
                             : "JPEG has no end marker: its data stops after " + done + " (overwritten or fragmented)");
    }
    switch (check.outcome) {
    case JpegCheck::Whole:
        return complete("jpeg", "jpg", length);
    case JpegCheck::TooLarge: {
        Carved c = complete("jpeg", "jpg", length);
        c.note = "too large to decode: checked by structure only";
        return c;
    }
    case JpegCheck::Damaged:
    case JpegCheck::Truncated:
        return partial("jpeg", "jpg", length, verified,
                       "JPEG data corrupt after " + done + " (overwritten or fragmented): " + check.message);
    case JpegCheck::Failed:
        break;
    }
    return partial("jpeg", "jpg", length, verified, "JPEG does not decode: " + check.message);
}

} // namespace

std::optional<Carved> carveJpeg(RegionView &view, std::uint64_t offset)
{
    const JpegWalk walk = JpegWalker(view, offset).run();
    if (!walk.scanStart || view.error())
        return std::nullopt;   // no image data: not a JPEG worth keeping
    std::uint64_t end = walk.stop;
    if (walk.end != JpegWalk::Eoi && walk.firstZeroBlock && walk.firstZeroBlock < end)
        end = walk.firstZeroBlock;
    if (end <= walk.scanStart && walk.end != JpegWalk::Eoi)
        end = walk.scanStart;
    return judgeDecoded(view, offset, walk, end);
}

} // namespace vigil::carving::detail
