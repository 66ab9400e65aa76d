// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/tsknativesource.h"

#include <algorithm>

#include <tsk/libtsk.h>

namespace vigil::evidence {

namespace {

// The one place where TSK's (thread-local) error state becomes an Error.
Error takeTskError(ErrorCode code, std::string message)
{
    const char *text = tsk_error_get();
    std::string detail = text ? text : "";
    tsk_error_reset();
    return Error(code, std::move(message), std::move(detail));
}

const char *displayName(model::EvidenceKind kind)
{
    return kind == model::EvidenceKind::Vhd ? "VHD" : "VMDK";
}

} // namespace

struct TskNativeSource::Image {
    TSK_IMG_INFO *info = nullptr;
    ~Image()
    {
        if (info)
            tsk_img_close(info);
    }
};

TskNativeSource::TskNativeSource() : m_image(std::make_unique<Image>()) {}
TskNativeSource::~TskNativeSource() = default;

Result<std::unique_ptr<TskNativeSource>> TskNativeSource::open(const std::filesystem::path &path,
                                                                model::EvidenceKind kind)
{
    if (kind != model::EvidenceKind::Vhd && kind != model::EvidenceKind::Vmdk)
        return fail(ErrorCode::InvalidArgument, "TskNativeSource opens only VHD and VMDK images");
    const auto type = kind == model::EvidenceKind::Vhd ? TSK_IMG_TYPE_VHD_VHD : TSK_IMG_TYPE_VMDK_VMDK;
    std::unique_ptr<TskNativeSource> source(new TskNativeSource);
    source->m_path = path;
    source->m_kind = kind;
    tsk_error_reset();
    source->m_image->info = tsk_img_open_utf8_sing(path.c_str(), type, 0);
    if (!source->m_image->info)
        return std::unexpected(takeTskError(ErrorCode::Corrupt, std::string("Cannot open the ") + displayName(kind) +
                                                                    " image " + path.filename().string() +
                                                                    ": it may be truncated or damaged"));
    source->m_size = static_cast<std::uint64_t>(source->m_image->info->size);
    if (source->m_image->info->sector_size > 0)
        source->m_sectorSize = source->m_image->info->sector_size;
    return source;
}

Result<std::size_t> TskNativeSource::readAt(std::uint64_t offset, void *buffer, std::size_t len)
{
    if (offset >= m_size || len == 0)
        return std::size_t{0};
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_size - offset));
    auto *out = static_cast<char *>(buffer);
    std::size_t done = 0;
    while (done < want) {
        const ssize_t got = tsk_img_read(m_image->info, static_cast<TSK_OFF_T>(offset + done), out + done, want - done);
        if (got < 0)
            return std::unexpected(takeTskError(ErrorCode::Corrupt, std::string("The ") + displayName(m_kind) +
                                                                        " image is unreadable at offset " +
                                                                        std::to_string(offset + done)));
        if (got == 0)
            return fail(ErrorCode::Corrupt, std::string("The ") + displayName(m_kind) +
                                                " image ended early at offset " + std::to_string(offset + done));
        done += static_cast<std::size_t>(got);
    }
    return done;
}

} // namespace vigil::evidence
