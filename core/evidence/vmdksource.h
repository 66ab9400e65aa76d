// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

#include "core/evidence/bytesource.h"

namespace vigil::evidence {

// A VMware virtual disk read through libvmdk, read-only. Opens a text descriptor with its
// extent files next to it, or a monolithic sparse file ("KDMV" with an embedded descriptor).
// A monolithic sparse file that was renamed after creation still opens: its single extent
// is the file itself, whatever name the embedded descriptor gives.
// (TSK's own VMDK layer refuses such a renamed file, so VMDK does not go through TSK.)
class VmdkSource final : public ByteSource {
public:
    static Result<std::unique_ptr<VmdkSource>> open(const std::filesystem::path &path);
    ~VmdkSource() override;
    VmdkSource(const VmdkSource &) = delete;
    VmdkSource &operator=(const VmdkSource &) = delete;

    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> readAt(std::uint64_t offset, void *buffer, std::size_t len) override;
    model::EvidenceKind kind() const override { return model::EvidenceKind::Vmdk; }
    std::vector<std::filesystem::path> segments() const override { return m_segments; }

private:
    struct Handle;
    VmdkSource();
    Result<void> openExtents();
    Result<void> openSelfAsExtent();

    std::unique_ptr<Handle> m_handle;
    std::filesystem::path m_path;
    std::vector<std::filesystem::path> m_segments;
    std::uint64_t m_size = 0;
};

} // namespace vigil::evidence
