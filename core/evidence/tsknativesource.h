// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

#include "core/evidence/bytesource.h"

namespace vigil::evidence {

// A virtual disk (VHD, VMDK) opened through The Sleuth Kit's own image layer
// (tsk_img_open_utf8_sing with an explicit type) and read with tsk_img_read.
class TskNativeSource final : public ByteSource {
public:
    // kind must be Vhd or Vmdk.
    static Result<std::unique_ptr<TskNativeSource>> open(const std::filesystem::path &path, model::EvidenceKind kind);
    ~TskNativeSource() override;
    TskNativeSource(const TskNativeSource &) = delete;
    TskNativeSource &operator=(const TskNativeSource &) = delete;

    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> readAt(std::uint64_t offset, void *buffer, std::size_t len) override;
    model::EvidenceKind kind() const override { return m_kind; }
    std::vector<std::filesystem::path> segments() const override { return {m_path}; }
    unsigned sectorSize() const override { return m_sectorSize; }

private:
    struct Image;
    TskNativeSource();

    std::unique_ptr<Image> m_image;
    std::filesystem::path m_path;
    model::EvidenceKind m_kind = model::EvidenceKind::Vhd;
    std::uint64_t m_size = 0;
    unsigned m_sectorSize = 512;
};

} // namespace vigil::evidence
