// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

#include "core/evidence/bytesource.h"

namespace vigil::evidence {

// A QEMU copy-on-write image (QCOW version 1, 2 or 3) read through libqcow, read-only.
// Encrypted images and images with a backing file are refused with a clear message.
class QcowSource final : public ByteSource {
public:
    static Result<std::unique_ptr<QcowSource>> open(const std::filesystem::path &path);
    ~QcowSource() override;
    QcowSource(const QcowSource &) = delete;
    QcowSource &operator=(const QcowSource &) = delete;

    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> readAt(std::uint64_t offset, void *buffer, std::size_t len) override;
    model::EvidenceKind kind() const override { return model::EvidenceKind::Qcow; }
    std::vector<std::filesystem::path> segments() const override { return {m_path}; }

private:
    struct Handle;
    QcowSource();
    Result<void> checkReadable();

    std::unique_ptr<Handle> m_handle;
    std::filesystem::path m_path;
    std::uint64_t m_size = 0;
};

} // namespace vigil::evidence
