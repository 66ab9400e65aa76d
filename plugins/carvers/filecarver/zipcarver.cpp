// SPDX-License-Identifier: GPL-3.0-or-later
// ZIP (and its relatives: DOCX/XLSX/PPTX, ODF, EPUB, APK, JAR): local file headers with their
// data (sizes from the header, its ZIP64 extra field, or — streamed entries — the data
// descriptor found after the data), then the central directory, ZIP64 end records and the end
// of central directory record with its comment. The length ends there.
#include "plugins/carvers/filecarver/carvers.h"

#include <cstring>

namespace vigil::carving::detail {

namespace {

constexpr std::uint32_t kLocal = 0x04034B50, kCentral = 0x02014B50, kDescriptor = 0x08074B50;
constexpr std::uint32_t kEnd = 0x06054B50, kEnd64 = 0x06064B50, kLocator64 = 0x07064B50;
constexpr std::uint32_t kSignature = 0x05054B50, kExtraData = 0x08064B50;
constexpr int kNamesForType = 64;   // entries looked at to tell DOCX, APK, ... from plain ZIP

struct LocalHeader {
    std::uint16_t flags = 0;
    std::uint64_t compressed = 0;
    bool zip64 = false;
    std::string name;
    std::uint64_t dataStart = 0;
};

std::optional<LocalHeader> readLocal(RegionView &view, std::uint64_t pos)
{
    unsigned char h[30];
    if (!view.read(pos, h))
        return std::nullopt;
    const auto le16 = [&](int i) { return std::uint16_t(h[i] | h[i + 1] << 8); };
    const auto le32 = [&](int i) { return std::uint32_t(le16(i)) | std::uint32_t(le16(i + 2)) << 16; };
    const unsigned version = le16(4) & 0xFF, method = le16(8), nameLength = le16(26), extraLength = le16(28);
    if (version > 100 || !(method <= 20 || (method >= 93 && method <= 99)) || nameLength == 0)
        return std::nullopt;
    LocalHeader l;
    l.flags = le16(6);
    l.compressed = le32(18);
    const std::uint32_t uncompressed = le32(22);
    l.name.resize(nameLength);
    if (!view.read(pos + 30, std::span(reinterpret_cast<unsigned char *>(l.name.data()), nameLength)))
        return std::nullopt;
    // ZIP64 extra field (0x0001): original then compressed size, each present when 0xFFFFFFFF.
    for (std::uint64_t e = pos + 30 + nameLength; e + 4 <= pos + 30 + nameLength + extraLength;) {
        const auto id = view.u16le(e), size = view.u16le(e + 2);
        if (!id || !size)
            return std::nullopt;
        if (*id == 0x0001 && l.compressed == 0xFFFFFFFF) {
            const auto large = view.u64le(e + 4 + (uncompressed == 0xFFFFFFFF ? 8 : 0));
            if (!large)
                return std::nullopt;
            l.compressed = *large;
            l.zip64 = true;
        }
        e += 4 + *size;
    }
    l.dataStart = pos + 30 + nameLength + extraLength;
    return l;
}

bool isPk(RegionView &view, std::uint64_t pos) { return view.matches(pos, "PK"); }

// Streamed entry: the data ends where a data descriptor's compressed size matches it, at the
// latest before the next local or central header.
std::optional<std::uint64_t> findDescriptorEnd(RegionView &view, std::uint64_t dataStart, std::uint64_t limit)
{
    limit = std::min(limit, dataStart + kMaxZipDescriptorSearch);
    for (std::uint64_t p = dataStart; p < limit;) {
        const auto window = view.peek(p, static_cast<std::size_t>(std::min<std::uint64_t>(limit - p, 1u << 20)));
        if (window.empty())
            return std::nullopt;
        const void *hit = std::memchr(window.data(), 'P', window.size());
        if (!hit) {
            p += window.size();
            continue;
        }
        const std::uint64_t q = p + std::uint64_t(static_cast<const unsigned char *>(hit) - window.data());
        p = q + 1;
        const auto sig = view.u32le(q);
        if (sig == kDescriptor) {
            // ZIP64 descriptors hold 8-byte sizes; the entry after the descriptor tells which.
            const std::uint64_t size = q - dataStart;
            const bool small = size < 0xFFFFFFFFu && view.u32le(q + 8) == std::optional<std::uint32_t>(std::uint32_t(size));
            const bool large = view.u64le(q + 8) == std::optional<std::uint64_t>(size);
            if (small && isPk(view, q + 16))
                return q + 16;
            if (large && isPk(view, q + 24))
                return q + 24;
            if (small || large)
                return q + (small ? 16 : 24);
        } else if (sig == kLocal || sig == kCentral) {
            if (q >= dataStart + 12 && view.u32le(q - 8) == std::optional<std::uint32_t>(std::uint32_t(q - 12 - dataStart)))
                return q;
            if (q >= dataStart + 20 && view.u64le(q - 16) == std::optional<std::uint64_t>(q - 20 - dataStart))
                return q;
            // The next entry starts without a descriptor before it: this entry is damaged. Stopping
            // here also keeps forged streamed headers from each searching far ahead.
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// After an entry's data: an optional data descriptor (with or without its signature).
std::uint64_t skipDescriptor(RegionView &view, std::uint64_t pos, const LocalHeader &l)
{
    if (view.u32le(pos) == std::optional<std::uint32_t>(kDescriptor)) {
        if (!l.zip64 && isPk(view, pos + 16))
            return pos + 16;
        return isPk(view, pos + 24) ? pos + 24 : pos + 16;
    }
    if (l.flags & 8) {
        if (isPk(view, pos + 12))
            return pos + 12;
        if (isPk(view, pos + 20))
            return pos + 20;
    }
    return pos;
}

struct ZipWalk {
    enum End { EndRecord, Broken, CutOff };
    End end = Broken;
    std::uint64_t pos = 0;     // end of the last whole structure
    int entries = 0;
    int central = 0;
    bool consistent = true;    // end record agrees with the central directory and the entries walked
    bool commentDamaged = false;
    std::uint64_t firstEntryData = 0;   // where the first entry's data starts
    std::uint64_t endRecordAt = 0;
    std::string extension = "zip";
};

class ZipWalker
{
public:
    ZipWalker(RegionView &view, std::uint64_t offset)
        : m_view(view), m_offset(offset), m_limit(limitFrom(view, offset, kMaxZip)) { m_walk.pos = offset; }

    ZipWalk run()
    {
        if (!walkEntries())
            return m_walk;
        walkCentralDirectory();
        return m_walk;
    }

private:
    bool walkEntries()
    {
        while (m_view.u32le(m_walk.pos) == std::optional<std::uint32_t>(kLocal)) {
            const auto local = readLocal(m_view, m_walk.pos);
            if (!local)
                return false;
            noteName(*local);
            if (m_walk.entries == 0)
                m_walk.firstEntryData = local->dataStart;
            std::uint64_t next = 0;
            if ((local->flags & 8) && local->compressed == 0) {
                const auto end = findDescriptorEnd(m_view, local->dataStart, m_limit);
                if (!end)
                    return cutOffOrBroken(local->dataStart);
                next = *end;
            } else {
                if (local->compressed > m_limit - std::min(m_limit, local->dataStart))
                    return cutOffOrBroken(local->dataStart + local->compressed);
                next = skipDescriptor(m_view, local->dataStart + local->compressed, *local);
            }
            if (next > m_limit)   // a forged name, extra field or descriptor runs past the data
                return cutOffOrBroken(next);
            m_walk.pos = next;
            ++m_walk.entries;
        }
        if (m_view.u32le(m_walk.pos) == std::optional<std::uint32_t>(kExtraData)) {
            const auto size = m_view.u32le(m_walk.pos + 4);
            if (m_walk.pos + 8 + size.value_or(0) > m_limit)
                return cutOffOrBroken(m_walk.pos + 8 + size.value_or(0));
            m_walk.pos += 8 + size.value_or(0);
        }
        return m_walk.entries > 0;
    }

    bool cutOffOrBroken(std::uint64_t needed)
    {
        m_walk.end = needed >= m_view.size() && m_limit == m_view.size() ? ZipWalk::CutOff : ZipWalk::Broken;
        return false;
    }

    void walkCentralDirectory()
    {
        const std::uint64_t cdStart = m_walk.pos;
        std::uint64_t pos = cdStart;
        while (pos < m_limit && m_view.u32le(pos) == std::optional<std::uint32_t>(kCentral)) {
            const auto n = m_view.u16le(pos + 28), m = m_view.u16le(pos + 30), k = m_view.u16le(pos + 32);
            if (!n || !m || !k)
                break;
            pos += 46 + std::uint64_t(*n) + *m + *k;
            ++m_walk.central;
        }
        if (pos > m_limit)
            return;
        m_walk.pos = pos;
        const std::uint64_t cdSize = pos - cdStart;
        if (m_view.u32le(pos) == std::optional<std::uint32_t>(kSignature))
            pos += 6 + m_view.u16le(pos + 4).value_or(0);
        if (m_view.u32le(pos) == std::optional<std::uint32_t>(kEnd64))
            pos += 12 + m_view.u64le(pos + 4).value_or(0);
        if (m_view.u32le(pos) == std::optional<std::uint32_t>(kLocator64))
            pos += 20;
        if (m_view.u32le(pos) != std::optional<std::uint32_t>(kEnd))
            return;
        const auto entries = m_view.u16le(pos + 10);
        const auto size = m_view.u32le(pos + 12);
        const auto comment = m_view.u16le(pos + 20);
        if (!entries || !size || !comment)
            return;
        // From its middle (its start overwritten) an archive's directory lists more entries
        // than were walked.
        m_walk.consistent = (*entries == 0xFFFF || *entries == (m_walk.central & 0xFFFF)) &&
                            (*size == 0xFFFFFFFF || *size == cdSize) && m_walk.central == m_walk.entries;
        m_walk.end = ZipWalk::EndRecord;
        m_walk.endRecordAt = pos;
        m_walk.pos = pos + 22;
        if (commentHolds(pos + 22, *comment))
            m_walk.pos += *comment;
        else
            m_walk.commentDamaged = true;
    }

    // A comment running past the data or into another archive's headers is not one: the
    // comment length was damaged (or the file's last block is elsewhere).
    bool commentHolds(std::uint64_t from, std::uint16_t length)
    {
        if (from + length > m_view.size())
            return false;
        std::vector<unsigned char> bytes;
        if (!m_view.readRange(from, length, bytes))
            return false;
        for (std::size_t i = 0; i + 4 <= bytes.size(); ++i)
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] < 9 && bytes[i + 3] < 9 && bytes[i + 2] != 0)
                return false;
        return true;
    }

    void noteName(const LocalHeader &l)
    {
        if (m_walk.entries >= kNamesForType || m_walk.extension == "apk")
            return;
        const std::string &n = l.name;
        if (m_walk.entries == 0 && n == "mimetype")
            m_walk.extension = odfExtension(l);
        else if (n == "AndroidManifest.xml" || n == "classes.dex")
            m_walk.extension = "apk";
        else if (m_walk.extension == "zip" && n.starts_with("word/"))
            m_walk.extension = "docx";
        else if (m_walk.extension == "zip" && n.starts_with("xl/"))
            m_walk.extension = "xlsx";
        else if (m_walk.extension == "zip" && n.starts_with("ppt/"))
            m_walk.extension = "pptx";
        else if (m_walk.extension == "zip" && n == "META-INF/MANIFEST.MF")
            m_walk.extension = "jar";
    }

    std::string odfExtension(const LocalHeader &l)
    {
        std::string mime(static_cast<std::size_t>(std::min<std::uint64_t>(l.compressed, 80)), '\0');
        if (!m_view.read(l.dataStart, std::span(reinterpret_cast<unsigned char *>(mime.data()), mime.size())))
            return "zip";
        if (mime == "application/epub+zip")
            return "epub";
        for (const auto &[suffix, ext] : {std::pair{".text", "odt"}, std::pair{".spreadsheet", "ods"},
                                          std::pair{".presentation", "odp"}, std::pair{".graphics", "odg"}})
            if (mime.starts_with("application/vnd.oasis.opendocument") && mime.ends_with(suffix))
                return ext;
        return "zip";
    }

    RegionView &m_view;
    std::uint64_t m_offset;
    std::uint64_t m_limit;
    ZipWalk m_walk;
};

std::string damageNote(const ZipWalk &walk)
{
    if (walk.end == ZipWalk::EndRecord && walk.commentDamaged)
        return "archive comment damaged (its length runs into other data)";
    if (walk.end == ZipWalk::EndRecord)
        return "central directory lists " + std::to_string(walk.central) + " entries, " + std::to_string(walk.entries) +
               " found from here: the archive's start is missing or it was altered";
    if (walk.end == ZipWalk::CutOff)
        return "ZIP cut off at the end of the data after " + std::to_string(walk.entries) + " entries";
    if (walk.central)
        return "no end of central directory record (overwritten or fragmented)";
    return "ZIP breaks after " + std::to_string(walk.entries) +
           " entries; central directory missing (overwritten or fragmented)";
}

} // namespace

std::optional<Carved> carveZip(RegionView &view, std::uint64_t offset)
{
    const ZipWalk walk = ZipWalker(view, offset).run();
    if (walk.entries == 0 || view.error())
        return std::nullopt;
    const std::uint64_t walked = walk.pos - offset;
    if (walk.end == ZipWalk::EndRecord && walk.consistent && !walk.commentDamaged)
        return complete("zip", walk.extension, walked);
    // A damaged archive may not open: whole files stored in it are still carved on their own
    // (only its first header counts as verified), while its own further local headers are its.
    const std::uint64_t length = walk.end == ZipWalk::CutOff ? view.size() - offset : walked;
    Carved c = partial("zip", walk.extension, length, walk.firstEntryData - offset, damageNote(walk));
    // With a damaged end record only up to that record: its last bytes may be the next file's.
    c.walked = walk.commentDamaged ? walk.endRecordAt - offset : walked;
    return c;
}

} // namespace vigil::carving::detail
