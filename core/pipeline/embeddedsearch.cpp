// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/embeddedsearch.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "plugins/carvers/archives/archives.h"
#include "plugins/carvers/filecarver/filecarver.h"

namespace vigil::pipeline {

namespace {

using namespace std::string_view_literals;

constexpr std::array kNotSearched = {
    "sqlite"sv, "sqlite-wal"sv, "sqlite-journal"sv,                                              // parsed
    "mp4"sv, "mov"sv, "3gp"sv, "m4a"sv, "avi"sv, "wav"sv, "mkv"sv, "webm"sv, "mp3"sv, "ogg"sv, "flac"sv,   // audio/video
    "pe"sv, "elf"sv, "macho"sv, "java-class"sv, "ewf"sv,                                       // programs, images
    "tiff"sv, "heic"sv, "heif"sv, "avif"sv, "cr3"sv,                                           // previews of themselves
};

constexpr std::array kMetadataFiles = {
    "$MFT"sv, "$MFTMirr"sv, "$LogFile"sv, "$Volume"sv, "$AttrDef"sv, "$Bitmap"sv, "$Boot"sv, "$BadClus"sv,
    "$Secure"sv, "$UpCase"sv, "$Extend"sv, "$FAT1"sv, "$FAT2"sv, "$MBR"sv, "$ALLOC_BITMAP"sv, "$UPCASE_TABLE"sv,
    "$ExtentsFile"sv, "$CatalogFile"sv, "$BadBlockFile"sv, "$AllocationFile"sv, "$StartupFile"sv, "$AttributesFile"sv,
};

// Pictures the carvers know: searched from offset 0, so the carver follows the picture's own
// structure first and skips what lies inside it; only what follows it is a child.
constexpr std::array kSelfCarved = {"jpeg"sv, "png"sv, "gif"sv, "bmp"sv, "webp"sv};

// A ContentReader over bytes someone else owns (no copy).
class SpanReader final : public plugins::ContentReader {
public:
    explicit SpanReader(std::span<const unsigned char> bytes) : m_bytes(bytes) {}
    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        if (offset >= m_bytes.size())
            return 0;
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(length, m_bytes.size() - offset));
        std::memcpy(buffer, m_bytes.data() + offset, n);
        return n;
    }
    std::uint64_t size() const override { return m_bytes.size(); }

private:
    std::span<const unsigned char> m_bytes;
};

bool isSelfCarved(std::string_view sigType)
{
    return std::find(kSelfCarved.begin(), kSelfCarved.end(), sigType) != kSelfCarved.end();
}

const char *statusName(carving::CarveStatus s)
{
    return s == carving::CarveStatus::Complete ? "complete" : "partial";
}

} // namespace

EmbeddedSearch::EmbeddedSearch(std::unique_ptr<carving::FileCarver> inside, std::unique_ptr<carving::FileCarver> after,
                               int maxDepth)
    : m_inside(std::move(inside)), m_after(std::move(after)), m_maxDepth(maxDepth)
{
}

EmbeddedSearch::~EmbeddedSearch() = default;

Result<std::unique_ptr<EmbeddedSearch>> EmbeddedSearch::create(int maxDepth)
{
    carving::CarveOptions options;
    options.minOffset = 1;
    auto inside = carving::FileCarver::create(options);
    options.minOffset = 0;
    auto after = carving::FileCarver::create(options);
    if (!inside || !after)
        return std::unexpected(inside ? after.error() : inside.error());
    return std::unique_ptr<EmbeddedSearch>(new EmbeddedSearch(std::move(*inside), std::move(*after), maxDepth));
}

bool EmbeddedSearch::wanted(std::string_view sigType)
{
    if (archives::isArchiveType(sigType))
        return false;
    return std::find(kNotSearched.begin(), kNotSearched.end(), sigType) == kNotSearched.end();
}

bool EmbeddedSearch::isFileSystemMetadata(std::string_view path)
{
    if (path.size() < 3 || path[0] != '/' || path[1] != '$')
        return false;
    const std::string_view first = path.substr(1, path.find_first_of("/:", 1) - 1);
    return std::find(kMetadataFiles.begin(), kMetadataFiles.end(), first) != kMetadataFiles.end();
}

std::vector<std::string> EmbeddedSearch::notSearchedTypes()
{
    return {kNotSearched.begin(), kNotSearched.end()};
}

EmbeddedFound EmbeddedSearch::search(plugins::ContentReader &content, std::string_view sigType,
                                     const DerivedParent &parent, const std::atomic<bool> *cancel) const
{
    EmbeddedFound found;
    found.status = "searched";
    const bool self = isSelfCarved(sigType);
    std::vector<carving::CarvedItem> items;
    auto onItem = [&](const carving::CarvedItem &item) {
        if (!(self && item.offset == 0))   // the picture itself
            items.push_back(item);
    };
    auto stats = (self ? m_after : m_inside)->carve(content, onItem, cancel);
    if (!stats)
        found.error = stats.error();
    if (!items.empty() && parent.depth + 1 > m_maxDepth) {
        found.error = tooDeep(m_maxDepth);
        found.status = "too-deep";
        return found;
    }
    for (const auto &item : items)
        found.children.push_back(embeddedRecord(parent, item.offset, item.length, item.extension,
                                                statusName(item.status), item.note));
    return found;
}

EmbeddedFound EmbeddedSearch::search(std::span<const unsigned char> bytes, std::string_view sigType,
                                     const DerivedParent &parent, const std::atomic<bool> *cancel) const
{
    SpanReader reader(bytes);
    return search(reader, sigType, parent, cancel);
}

} // namespace vigil::pipeline
