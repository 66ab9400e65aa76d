// SPDX-License-Identifier: GPL-3.0-or-later
// Content typing by magic bytes: a table of fixed byte patterns, a list of small structural
// matchers for formats that need a closer look, and a text classifier last. Every read is
// bounds-checked against the head; nothing is recognised from fewer than four bytes.
#include "core/util/signature.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "core/util/utf8.h"

namespace vigil {

namespace {

using namespace std::string_view_literals;
using Bytes = std::span<const unsigned char>;

// ---- the types we know ------------------------------------------------------------------

constexpr Signature kUnknown{""sv, "application/octet-stream"sv, ""sv};

constexpr Signature kJpeg{"jpeg", "image/jpeg", "jpg jpeg jpe jfif jfi jif thm"};
constexpr Signature kPng{"png", "image/png", "png apng"};
constexpr Signature kGif{"gif", "image/gif", "gif"};
constexpr Signature kBmp{"bmp", "image/bmp", "bmp dib"};
constexpr Signature kTiff{"tiff", "image/tiff", "tif tiff dng cr2 nef nrw arw srf sr2 orf rw2 pef srw 3fr erf kdc mos"};
constexpr Signature kWebp{"webp", "image/webp", "webp"};
constexpr Signature kHeic{"heic", "image/heic", "heic heif hif"};
constexpr Signature kHeif{"heif", "image/heif", "heif heic hif"};
constexpr Signature kAvif{"avif", "image/avif", "avif"};
constexpr Signature kCr3{"cr3", "image/x-canon-cr3", "cr3"};
constexpr Signature kMp4{"mp4", "video/mp4", "mp4 m4v m4p f4v"};
constexpr Signature kMov{"mov", "video/quicktime", "mov qt"};
constexpr Signature k3gp{"3gp", "video/3gpp", "3gp 3gpp 3g2 3gp2"};
constexpr Signature kM4a{"m4a", "audio/mp4", "m4a m4b m4p m4r f4a"};
constexpr Signature kAvi{"avi", "video/x-msvideo", "avi"};
constexpr Signature kWav{"wav", "audio/wav", "wav wave"};
constexpr Signature kMkv{"mkv", "video/x-matroska", "mkv mka mks mk3d"};
constexpr Signature kWebm{"webm", "video/webm", "webm"};
constexpr Signature kMp3{"mp3", "audio/mpeg", "mp3 mp2 mpga mpa"};
constexpr Signature kOgg{"ogg", "audio/ogg", "ogg oga ogv ogx opus spx"};
constexpr Signature kFlac{"flac", "audio/flac", "flac"};
constexpr Signature kPdf{"pdf", "application/pdf", "pdf"};
constexpr Signature kZip{"zip", "application/zip", "zip"};
constexpr Signature kDocx{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          "docx docm dotx dotm"};
constexpr Signature kXlsx{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          "xlsx xlsm xltx xltm"};
constexpr Signature kPptx{"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                          "pptx pptm potx potm ppsx ppsm"};
constexpr Signature kOoxml{"ooxml", "application/vnd.openxmlformats-officedocument",
                           "docx docm dotx xlsx xlsm xltx pptx pptm potx ppsx vsdx"};
constexpr Signature kOdt{"odt", "application/vnd.oasis.opendocument.text", "odt ott"};
constexpr Signature kOds{"ods", "application/vnd.oasis.opendocument.spreadsheet", "ods ots"};
constexpr Signature kOdp{"odp", "application/vnd.oasis.opendocument.presentation", "odp otp"};
constexpr Signature kOdg{"odg", "application/vnd.oasis.opendocument.graphics", "odg otg"};
constexpr Signature kEpub{"epub", "application/epub+zip", "epub"};
constexpr Signature kApk{"apk", "application/vnd.android.package-archive", "apk apks aab xapk"};
constexpr Signature kJar{"jar", "application/java-archive", "jar war ear"};
constexpr Signature kRar{"rar", "application/vnd.rar", "rar cbr"};
constexpr Signature k7z{"7z", "application/x-7z-compressed", "7z"};
constexpr Signature kGzip{"gzip", "application/gzip", "gz gzip tgz svgz"};
constexpr Signature kBzip2{"bzip2", "application/x-bzip2", "bz2 bzip2 tbz tbz2"};
constexpr Signature kXz{"xz", "application/x-xz", "xz txz"};
constexpr Signature kTar{"tar", "application/x-tar", "tar"};
constexpr Signature kCab{"cab", "application/vnd.ms-cab-compressed", "cab"};
constexpr Signature kSqlite{"sqlite", "application/vnd.sqlite3", "sqlite sqlite3 sqlitedb db db3 storedata"};
constexpr Signature kSqliteWal{"sqlite-wal", "application/x-sqlite3-wal", "sqlite-wal sqlite3-wal db-wal wal"};
constexpr Signature kSqliteJournal{"sqlite-journal", "application/x-sqlite3-journal",
                                   "sqlite-journal sqlite3-journal db-journal journal"};
constexpr Signature kOle2{"ole2", "application/x-ole-storage",
                          "doc dot xls xlt xla ppt pot pps msg msi msp mst vsd pub wps db"};
constexpr Signature kPe{"pe", "application/vnd.microsoft.portable-executable",
                        "exe dll sys scr cpl ocx drv efi com mui ax tlb"};
constexpr Signature kElf{"elf", "application/x-elf", "so o ko elf bin axf prx"};
constexpr Signature kMachO{"macho", "application/x-mach-binary", "dylib bundle o so kext"};
constexpr Signature kJavaClass{"java-class", "application/java-vm", "class"};
constexpr Signature kBplist{"bplist", "application/x-bplist", "plist bplist"};
constexpr Signature kXmlPlist{"xml-plist", "application/x-plist", "plist xml"};
constexpr Signature kHtml{"html", "text/html", "html htm xhtml shtml"};
constexpr Signature kXml{"xml", "text/xml", "xml"};
constexpr Signature kSvg{"svg", "image/svg+xml", "svg"};
constexpr Signature kJson{"json", "application/json", "json jsonl ndjson geojson"};
constexpr Signature kRtf{"rtf", "application/rtf", "rtf"};
constexpr Signature kTextUtf8Bom{"text-utf8bom", "text/plain", "txt"};
constexpr Signature kTextUtf16Le{"text-utf16le", "text/plain", "txt"};
constexpr Signature kTextUtf16Be{"text-utf16be", "text/plain", "txt"};
constexpr Signature kText{"text", "text/plain", "txt"};
constexpr Signature kEwf{"ewf", "application/x-ewf", "e01 ex01 l01 lx01 s01"};
constexpr Signature kLnk{"lnk", "application/x-ms-shortcut", "lnk"};
constexpr Signature kRegf{"regf", "application/x-ms-registry-hive", "dat hve hiv sav log log1 log2"};
constexpr Signature kEvtx{"evtx", "application/x-ms-evtx", "evtx"};
constexpr Signature kEvt{"evt", "application/x-ms-evt", "evt"};

// Extensions that agree with a whole family of types (see extensionMismatch).
constexpr std::string_view kZipFamilyTypes = "zip docx xlsx pptx ooxml odt ods odp odg epub apk jar";
constexpr std::string_view kZipFamilyExt =
    "zip docx docm dotx dotm xlsx xlsm xltx xltm pptx pptm potx ppsx vsdx odt ott ods ots odp otp "
    "odg otg epub apk apks aab xapk jar war ear ipa xpi kmz cbz whl nupkg vsix 3mf appx msix xps oxps";
constexpr std::string_view kTextFamilyTypes =
    "text text-utf8bom text-utf16le text-utf16be html xml svg json xml-plist";
constexpr std::string_view kTextFamilyExt =
    "txt text log csv tsv md markdown rst json jsonl ndjson geojson har xml xsd xsl xslt html htm "
    "xhtml svg plist kml gpx rss atom opml ini conf cfg config properties yaml yml toml env reg inf "
    "py c h cc cpp cxx hh hpp hxx cs java kt swift m mm go rs rb pl pm php js mjs ts tsx jsx css "
    "scss less vue lua r sql sh bash zsh ps1 psm1 bat cmd vbs asp aspx jsp tex srt vtt ass ssa sub "
    "lrc nfo eml mbox ics vcf vcard pem crt cer key asc pub url desktop lst diff patch m3u m3u8 pls "
    "po pot strings manifest cmake mk in am dtd wsdl xaml resx csproj sln dat readme me 1st";
constexpr std::string_view kBmffFamilyTypes = "mp4 mov 3gp m4a";
constexpr std::string_view kBmffFamilyExt = "mp4 m4v m4p m4a m4b m4r f4v f4a mov qt 3gp 3gpp 3g2 3gp2";
constexpr std::string_view kHeifFamilyTypes = "heic heif avif";
constexpr std::string_view kHeifFamilyExt = "heic heif hif avif";
constexpr std::string_view kMatroskaFamilyTypes = "mkv webm";
constexpr std::string_view kMatroskaFamilyExt = "mkv mka mks mk3d webm";

// ---- bounded byte access ----------------------------------------------------------------

bool hasAt(Bytes h, std::size_t offset, std::string_view magic)
{
    if (offset > h.size() || h.size() - offset < magic.size())
        return false;
    for (std::size_t i = 0; i < magic.size(); ++i) {
        if (h[offset + i] != static_cast<unsigned char>(magic[i]))
            return false;
    }
    return true;
}

std::optional<std::uint32_t> be32(Bytes h, std::size_t offset)
{
    if (offset > h.size() || h.size() - offset < 4)
        return std::nullopt;
    return (std::uint32_t(h[offset]) << 24) | (std::uint32_t(h[offset + 1]) << 16)
        | (std::uint32_t(h[offset + 2]) << 8) | std::uint32_t(h[offset + 3]);
}

std::optional<std::uint32_t> le32(Bytes h, std::size_t offset)
{
    if (offset > h.size() || h.size() - offset < 4)
        return std::nullopt;
    return (std::uint32_t(h[offset + 3]) << 24) | (std::uint32_t(h[offset + 2]) << 16)
        | (std::uint32_t(h[offset + 1]) << 8) | std::uint32_t(h[offset]);
}

std::optional<std::uint16_t> le16(Bytes h, std::size_t offset)
{
    if (offset > h.size() || h.size() - offset < 2)
        return std::nullopt;
    return static_cast<std::uint16_t>(h[offset] | (h[offset + 1] << 8));
}

char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
}

// Case-insensitive search for a lowercase needle anywhere in the bytes.
bool containsNoCase(Bytes h, std::string_view needle)
{
    if (needle.size() > h.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= h.size(); ++i) {
        std::size_t j = 0;
        while (j < needle.size() && lower(h[i + j]) == needle[j])
            ++j;
        if (j == needle.size())
            return true;
    }
    return false;
}

bool startsWithNoCase(Bytes h, std::string_view needle)
{
    return needle.size() <= h.size() && containsNoCase(h.first(needle.size()), needle);
}

// True when `token` is one of the space-separated words of `list` (ASCII case-insensitive).
bool listContains(std::string_view list, std::string_view token)
{
    while (!list.empty() && !token.empty()) {
        const auto space = list.find(' ');
        const auto word = list.substr(0, space);
        if (word.size() == token.size()) {
            std::size_t i = 0;
            while (i < word.size() && word[i] == lower(static_cast<unsigned char>(token[i])))
                ++i;
            if (i == word.size())
                return true;
        }
        if (space == std::string_view::npos)
            break;
        list.remove_prefix(space + 1);
    }
    return false;
}

// ---- fixed patterns -----------------------------------------------------------------------

struct Magic {
    std::size_t offset;
    std::string_view bytes;
    const Signature *sig;
};

constexpr Magic kMagics[] = {
    {0, "\x89" "PNG\r\n\x1A\n"sv, &kPng},
    {0, "GIF87a"sv, &kGif},
    {0, "GIF89a"sv, &kGif},
    {0, "II*\0"sv, &kTiff},
    {0, "MM\0*"sv, &kTiff},
    {0, "II+\0"sv, &kTiff},   // BigTIFF
    {0, "MM\0+"sv, &kTiff},
    {0, "OggS\0"sv, &kOgg},
    {0, "fLaC"sv, &kFlac},
    {0, "%PDF-"sv, &kPdf},
    {0, "Rar!\x1A\x07\x00"sv, &kRar},
    {0, "Rar!\x1A\x07\x01\x00"sv, &kRar},
    {0, "7z\xBC\xAF\x27\x1C"sv, &k7z},
    {0, "\xFD" "7zXZ\0"sv, &kXz},
    {0, "MSCF\0\0\0\0"sv, &kCab},
    {257, "ustar"sv, &kTar},
    {0, "SQLite format 3\0"sv, &kSqlite},
    {0, "\x37\x7F\x06\x82\x00\x2D\xE2\x18"sv, &kSqliteWal},
    {0, "\x37\x7F\x06\x83\x00\x2D\xE2\x18"sv, &kSqliteWal},
    {0, "\xD9\xD5\x05\xF9\x20\xA1\x63\xD7"sv, &kSqliteJournal},
    {0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, &kOle2},
    {0, "\x7F" "ELF"sv, &kElf},
    {0, "\xFE\xED\xFA\xCE"sv, &kMachO},
    {0, "\xFE\xED\xFA\xCF"sv, &kMachO},
    {0, "\xCE\xFA\xED\xFE"sv, &kMachO},
    {0, "\xCF\xFA\xED\xFE"sv, &kMachO},
    {0, "bplist00"sv, &kBplist},
    {0, "{\\rtf"sv, &kRtf},
    {0, "EVF\x09\x0D\x0A\xFF\x00"sv, &kEwf},
    {0, "LVF\x09\x0D\x0A\xFF\x00"sv, &kEwf},
    {0, "EVF2\x0D\x0A\x81\x00"sv, &kEwf},
    {0, "LEF2\x0D\x0A\x81\x00"sv, &kEwf},
    {0, "\x4C\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46"sv, &kLnk},
    {0, "regf"sv, &kRegf},
    {0, "ElfFile\0"sv, &kEvtx},
    {0, "\x30\0\0\0LfLe"sv, &kEvt},
};

const Signature *matchTable(Bytes h)
{
    for (const Magic &m : kMagics) {
        if (hasAt(h, m.offset, m.bytes))
            return m.sig;
    }
    return nullptr;
}

// ---- structural matchers ------------------------------------------------------------------

const Signature *matchJpeg(Bytes h)
{
    // SOI then the first marker (APPn, DQT, SOF, DHT, COM, ...).
    return (hasAt(h, 0, "\xFF\xD8\xFF"sv) && h.size() > 3 && h[3] >= 0xC0 && h[3] != 0xFF) ? &kJpeg
                                                                                            : nullptr;
}

const Signature *matchGzip(Bytes h)
{
    return (hasAt(h, 0, "\x1F\x8B\x08"sv) && h.size() > 3 && (h[3] & 0xE0) == 0) ? &kGzip : nullptr;
}

const Signature *matchBzip2(Bytes h)
{
    if (!hasAt(h, 0, "BZh"sv) || h.size() < 10 || h[3] < '1' || h[3] > '9')
        return nullptr;
    return (hasAt(h, 4, "1AY&SY"sv) || hasAt(h, 4, "\x17\x72\x45\x38\x50\x90"sv)) ? &kBzip2 : nullptr;
}

const Signature *matchBmp(Bytes h)
{
    static constexpr std::array<std::uint32_t, 7> kDibSizes{12, 40, 52, 56, 64, 108, 124};
    const auto reserved = le32(h, 6);
    const auto dib = le32(h, 14);
    if (!hasAt(h, 0, "BM"sv) || !reserved || !dib || *reserved != 0)
        return nullptr;
    for (auto size : kDibSizes) {
        if (*dib == size)
            return &kBmp;
    }
    return nullptr;
}

const Signature *matchRiff(Bytes h)
{
    if (!hasAt(h, 0, "RIFF"sv))
        return nullptr;
    if (hasAt(h, 8, "WEBP"sv))
        return &kWebp;
    if (hasAt(h, 8, "AVI "sv))
        return &kAvi;
    if (hasAt(h, 8, "WAVE"sv))
        return &kWav;
    return nullptr;
}

struct Brand {
    std::string_view code;
    const Signature *sig;
};

constexpr Brand kBrands[] = {
    {"avif", &kAvif}, {"avis", &kAvif}, {"heic", &kHeic}, {"heix", &kHeic}, {"hevc", &kHeic},
    {"hevx", &kHeic}, {"heim", &kHeic}, {"heis", &kHeic}, {"mif1", &kHeif}, {"msf1", &kHeif},
    {"crx ", &kCr3},  {"qt  ", &kMov},  {"M4A ", &kM4a},  {"M4B ", &kM4a},  {"M4P ", &kM4a},
    {"3gp4", &k3gp},  {"3gp5", &k3gp},  {"3gp6", &k3gp},  {"3gp7", &k3gp},  {"3gs7", &k3gp},
    {"3ge6", &k3gp},  {"3ge7", &k3gp},  {"3gg6", &k3gp},  {"3g2a", &k3gp},  {"3g2b", &k3gp},
    {"3g2c", &k3gp},  {"isom", &kMp4},  {"iso2", &kMp4},  {"iso3", &kMp4},  {"iso4", &kMp4},
    {"iso5", &kMp4},  {"iso6", &kMp4},  {"mp41", &kMp4},  {"mp42", &kMp4},  {"avc1", &kMp4},
    {"dash", &kMp4},  {"mmp4", &kMp4},  {"MSNV", &kMp4},  {"M4V ", &kMp4},  {"F4V ", &kMp4},
};

const Signature *brandAt(Bytes h, std::size_t offset)
{
    for (const Brand &b : kBrands) {
        if (hasAt(h, offset, b.code))
            return b.sig;
    }
    return nullptr;
}

// ISO BMFF: `ftyp` box with a major brand at 8 and compatible brands from 16.
const Signature *matchBmff(Bytes h)
{
    const auto boxSize = be32(h, 0);
    if (!boxSize || !hasAt(h, 4, "ftyp"sv) || *boxSize < 16 || h.size() < 12)
        return nullptr;
    const Signature *major = brandAt(h, 8);
    if (major && major != &kHeif)
        return major;
    const std::size_t end = std::min<std::size_t>(*boxSize, h.size());
    for (std::size_t off = 16; off + 4 <= end; off += 4) {
        const Signature *compat = brandAt(h, off);
        if (compat == &kHeic || compat == &kAvif || (!major && compat))
            return compat;
    }
    return major ? major : &kMp4;
}

// Classic QuickTime files start with a bare atom instead of `ftyp`.
const Signature *matchQuickTime(Bytes h)
{
    static constexpr std::string_view kAtoms[] = {"moov", "mdat", "wide", "free", "skip", "pnot"};
    const auto atomSize = be32(h, 0);
    if (!atomSize || *atomSize < 8)
        return nullptr;
    for (auto atom : kAtoms) {
        if (hasAt(h, 4, atom))
            return &kMov;
    }
    return nullptr;
}

const Signature *matchEbml(Bytes h)
{
    if (!hasAt(h, 0, "\x1A\x45\xDF\xA3"sv))
        return nullptr;
    return containsNoCase(h.first(std::min<std::size_t>(h.size(), 64)), "webm") ? &kWebm : &kMkv;
}

// One MPEG audio Layer II/III frame header at `offset`; returns the frame length, 0 when not one.
std::size_t mpegFrameLength(Bytes h, std::size_t offset)
{
    static constexpr std::uint16_t kBitrates[3][15] = {
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // V1 L2
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // V1 L3
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // V2 L2/L3
    };
    static constexpr std::uint32_t kRates[3] = {44100, 48000, 32000};
    if (offset > h.size() || h.size() - offset < 4 || h[offset] != 0xFF)
        return 0;
    const unsigned b1 = h[offset + 1], b2 = h[offset + 2], b3 = h[offset + 3];
    const unsigned version = (b1 >> 3) & 3, layer = (b1 >> 1) & 3;
    const unsigned bitrateIndex = b2 >> 4, rateIndex = (b2 >> 2) & 3, padding = (b2 >> 1) & 1;
    // Layer I (layer bits 3) is left out on purpose: it is all but extinct, and its sync
    // pattern FF FE is the UTF-16 LE byte order mark.
    if ((b1 & 0xE0) != 0xE0 || version == 1 || (layer != 1 && layer != 2) || bitrateIndex == 0
        || bitrateIndex == 15 || rateIndex == 3 || (b3 & 3) == 2)
        return 0;
    const bool v1 = version == 3;
    const unsigned table = v1 ? 2 - layer : 2;
    const std::uint32_t bitrate = kBitrates[table][bitrateIndex] * 1000u;
    const std::uint32_t rate = kRates[rateIndex] >> (v1 ? 0 : (version == 2 ? 1 : 2));
    return (layer == 1 && !v1 ? 72 : 144) * bitrate / rate + padding;
}

const Signature *matchMp3(Bytes h)
{
    if (hasAt(h, 0, "ID3"sv) && h.size() >= 10 && h[3] >= 2 && h[3] <= 4 && h[4] != 0xFF)
        return &kMp3;
    const std::size_t length = mpegFrameLength(h, 0);
    if (length == 0)
        return nullptr;
    if (length + 4 > h.size())
        return &kMp3;   // the head ends inside the first frame: one header is all we have
    const std::size_t next = mpegFrameLength(h, length);
    const bool sameStream = next != 0 && (h[1] & 0xFE) == (h[length + 1] & 0xFE)
        && ((h[2] >> 2) & 3) == ((h[length + 2] >> 2) & 3);
    return sameStream ? &kMp3 : nullptr;
}

// Windows PE (and plain DOS) executables: "MZ" plus a sane 64-byte DOS header.
const Signature *matchMz(Bytes h)
{
    if (!hasAt(h, 0, "MZ"sv) || h.size() < 64)
        return nullptr;
    const auto peOffset = le32(h, 0x3C);
    if (peOffset && *peOffset >= 64 && *peOffset <= h.size() - 4)
        return hasAt(h, *peOffset, "PE\0\0"sv) ? &kPe : nullptr;
    return &kPe;
}

// 0xCAFEBABE is both a Mach-O fat binary and a Java class file; the next word tells them apart.
const Signature *matchCafeBabe(Bytes h)
{
    const auto second = be32(h, 4);
    if (!hasAt(h, 0, "\xCA\xFE\xBA\xBE"sv) || !second)
        return nullptr;
    if (*second > 0 && *second < 20)
        return &kMachO;
    return (*second >= 45 && *second < 0x100) ? &kJavaClass : nullptr;
}

// ---- zip and its families -----------------------------------------------------------------

const Signature *zipByMimetype(Bytes h, std::size_t dataOffset)
{
    struct Known {
        std::string_view mime;
        const Signature *sig;
    };
    static constexpr Known kKnown[] = {
        {"application/vnd.oasis.opendocument.text", &kOdt},
        {"application/vnd.oasis.opendocument.spreadsheet", &kOds},
        {"application/vnd.oasis.opendocument.presentation", &kOdp},
        {"application/vnd.oasis.opendocument.graphics", &kOdg},
        {"application/epub+zip", &kEpub},
    };
    for (const Known &k : kKnown) {
        if (hasAt(h, dataOffset, k.mime))
            return k.sig;
    }
    return &kZip;
}

const Signature *zipByContentTypes(Bytes h)
{
    if (containsNoCase(h, "word/"))
        return &kDocx;
    if (containsNoCase(h, "xl/"))
        return &kXlsx;
    if (containsNoCase(h, "ppt/"))
        return &kPptx;
    return &kOoxml;
}

const Signature *matchZip(Bytes h)
{
    if (hasAt(h, 0, "PK\x05\x06"sv) || hasAt(h, 0, "PK\x07\x08PK\x03\x04"sv))
        return &kZip;
    const auto nameLength = le16(h, 26);
    const auto extraLength = le16(h, 28);
    if (!hasAt(h, 0, "PK\x03\x04"sv) || !nameLength || !extraLength)
        return nullptr;
    if (hasAt(h, 30, "[Content_Types].xml"sv) && *nameLength == 19)
        return zipByContentTypes(h);
    if (hasAt(h, 30, "mimetype"sv) && *nameLength == 8)
        return zipByMimetype(h, 30u + *nameLength + *extraLength);
    if (containsNoCase(h, "androidmanifest.xml") || containsNoCase(h, "classes.dex"))
        return &kApk;
    if (hasAt(h, 30, "META-INF/"sv))
        return &kJar;
    return &kZip;
}

constexpr const Signature *(*kMatchers[])(Bytes) = {
    matchJpeg, matchGzip, matchBzip2, matchBmp,      matchRiff, matchBmff, matchQuickTime,
    matchEbml, matchZip,  matchMz,    matchCafeBabe, matchMp3,
};

// ---- text ---------------------------------------------------------------------------------

constexpr std::size_t kMinTextHead = 4;

bool isTextControl(unsigned char c)
{
    return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1B;
}

// Printable ASCII / valid UTF-8; a sequence cut off by the end of the head is accepted.
bool looksLikeText(Bytes h)
{
    std::size_t i = 0;
    while (i < h.size()) {
        const unsigned char c = h[i];
        if (c < 0x80) {
            if ((c < 0x20 && !isTextControl(c)) || c == 0x7F)
                return false;
            ++i;
            continue;
        }
        const std::size_t length = utf8SequenceLength(c);
        if (length == 0)
            return false;
        for (std::size_t k = 1; k < length && i + k < h.size(); ++k) {
            if ((h[i + k] & 0xC0) != 0x80)
                return false;
        }
        i += length;
    }
    return true;
}

bool looksLikeUtf16(Bytes h, bool littleEndian)
{
    const std::size_t end = std::min<std::size_t>(h.size() & ~std::size_t(1), 130);
    for (std::size_t i = 2; i < end; i += 2) {
        const unsigned unit = littleEndian ? (h[i] | (h[i + 1] << 8)) : ((h[i] << 8) | h[i + 1]);
        if (unit < 0x20 && !isTextControl(static_cast<unsigned char>(unit)))
            return false;
    }
    return true;
}

Bytes skipSpace(Bytes h)
{
    std::size_t i = 0;
    while (i < h.size() && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
        ++i;
    return h.subspan(i);
}

const Signature *classifyMarkup(Bytes body)
{
    if (body.empty() || body[0] != '<')
        return nullptr;
    if (containsNoCase(body, "<!doctype plist") || containsNoCase(body, "<plist"))
        return &kXmlPlist;
    if (containsNoCase(body, "<!doctype html") || containsNoCase(body, "<html")
        || startsWithNoCase(body, "<head") || startsWithNoCase(body, "<body")
        || startsWithNoCase(body, "<script"))
        return &kHtml;
    if (containsNoCase(body, "<svg"))
        return &kSvg;
    return startsWithNoCase(body, "<?xml") ? &kXml : nullptr;
}

// After '[': a JSON value must follow, not a log timestamp like "[2024-01-01 12:00]".
bool jsonArrayStart(Bytes rest)
{
    rest = skipSpace(rest);
    if (rest.empty())
        return true;
    const unsigned char c = rest[0];
    if (c == '"' || c == '{' || c == '[' || c == ']')
        return true;
    if (startsWithNoCase(rest, "true") || startsWithNoCase(rest, "false") || startsWithNoCase(rest, "null"))
        return true;
    std::size_t i = 0;
    while (i < rest.size() && ((rest[i] >= '0' && rest[i] <= '9') || rest[i] == '-' || rest[i] == '.'))
        ++i;
    const Bytes after = skipSpace(rest.subspan(i));
    return i > 0 && (after.empty() || after[0] == ',' || after[0] == ']');
}

bool looksLikeJson(Bytes body)
{
    if (body.empty())
        return false;
    const Bytes rest = skipSpace(body.subspan(1));
    if (body[0] == '{')
        return rest.empty() || rest[0] == '"' || rest[0] == '}';
    return body[0] == '[' && jsonArrayStart(rest);
}

const Signature *matchText(Bytes h)
{
    if (h.size() < kMinTextHead)
        return nullptr;
    if (hasAt(h, 0, "\xFF\xFE"sv))
        return looksLikeUtf16(h, true) ? &kTextUtf16Le : nullptr;
    if (hasAt(h, 0, "\xFE\xFF"sv))
        return looksLikeUtf16(h, false) ? &kTextUtf16Be : nullptr;
    const bool bom = hasAt(h, 0, "\xEF\xBB\xBF"sv);
    const Bytes text = bom ? h.subspan(3) : h;
    if (!looksLikeText(text))
        return nullptr;
    const Bytes body = skipSpace(text);
    if (const Signature *markup = classifyMarkup(body))
        return markup;
    if (looksLikeJson(body))
        return &kJson;
    return bom ? &kTextUtf8Bom : &kText;
}

// ---- extension checks ---------------------------------------------------------------------

std::string_view extensionOf(std::string_view fileName)
{
    const auto slash = fileName.find_last_of("/\\");
    if (slash != std::string_view::npos)
        fileName.remove_prefix(slash + 1);
    const auto dot = fileName.rfind('.');
    if (dot == std::string_view::npos || dot == 0)
        return {};   // no extension, or a dot file such as ".bashrc"
    return fileName.substr(dot + 1);
}

bool allDigits(std::string_view s)
{
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return !s.empty();
}

bool isAlnum(char c)
{
    const char l = lower(static_cast<unsigned char>(c));
    return (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
}

// EWF segments run E01..E99, EAA..EZZ (likewise Ex01, L01, Lx01, S01).
bool isEwfSegmentExtension(std::string_view ext)
{
    const char first = lower(static_cast<unsigned char>(ext.empty() ? ' ' : ext[0]));
    if (first != 'e' && first != 'l' && first != 's')
        return false;
    ext.remove_prefix(1);
    if (ext.size() == 3 && lower(static_cast<unsigned char>(ext[0])) == 'x')
        ext.remove_prefix(1);
    return ext.size() == 2 && isAlnum(ext[0]) && isAlnum(ext[1]);
}

std::string_view familyExtensions(std::string_view type)
{
    if (listContains(kZipFamilyTypes, type))
        return kZipFamilyExt;
    if (listContains(kTextFamilyTypes, type))
        return kTextFamilyExt;
    if (listContains(kBmffFamilyTypes, type))
        return kBmffFamilyExt;
    if (listContains(kHeifFamilyTypes, type))
        return kHeifFamilyExt;
    if (listContains(kMatroskaFamilyTypes, type))
        return kMatroskaFamilyExt;
    return {};
}

} // namespace

Signature detectSignature(std::span<const unsigned char> head)
{
    if (const Signature *sig = matchTable(head))
        return *sig;
    for (auto matcher : kMatchers) {
        if (const Signature *sig = matcher(head))
            return *sig;
    }
    if (const Signature *sig = matchText(head))
        return *sig;
    return kUnknown;
}

bool extensionMismatch(const Signature &sig, std::string_view fileName)
{
    if (sig.type.empty())
        return false;
    const std::string_view ext = extensionOf(fileName);
    if (ext.empty() || listContains(sig.extensions, ext) || listContains(familyExtensions(sig.type), ext))
        return false;
    if (sig.type == kEwf.type && isEwfSegmentExtension(ext))
        return false;
    if (sig.type == kElf.type && allDigits(ext))
        return false;   // versioned shared objects: libfoo.so.1
    return true;
}

} // namespace vigil
