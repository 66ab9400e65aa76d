// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <vector>

#include "core/evidence/bytesource.h"

namespace vigil::evidence {

// Owns one read-only file descriptor; closes it on destruction.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd();
    UniqueFd(UniqueFd &&other) noexcept : m_fd(other.release()) {}
    UniqueFd &operator=(UniqueFd &&other) noexcept;
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release();

private:
    int m_fd = -1;
};

// Opens a path O_RDONLY | O_CLOEXEC. Errors carry the errno text in detail.
Result<UniqueFd> openReadOnly(const std::filesystem::path &path);
// Size of an open regular file or block device.
Result<std::uint64_t> fdSize(int fd, const std::filesystem::path &path);
// pread until len bytes or end of file, retrying EINTR and short reads.
Result<std::size_t> preadFully(int fd, void *buffer, std::size_t len, std::uint64_t offset);

// The segment file names of a split raw set (image.001, .002 ...; image.aa, .ab ...),
// starting from the first segment, found from any member. A single file when the name is
// not a split name or it has no siblings.
std::vector<std::filesystem::path> splitRawSegments(const std::filesystem::path &path);

// A single raw image or a split raw set, read with pread.
class RawSource final : public ByteSource {
public:
    static Result<std::unique_ptr<RawSource>> open(const std::vector<std::filesystem::path> &segments);

    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> readAt(std::uint64_t offset, void *buffer, std::size_t len) override;
    model::EvidenceKind kind() const override;
    std::vector<std::filesystem::path> segments() const override;

private:
    struct Segment {
        std::filesystem::path path;
        UniqueFd fd;
        std::uint64_t start = 0;
        std::uint64_t size = 0;
    };
    RawSource() = default;
    const Segment &segmentAt(std::uint64_t offset) const;

    std::vector<Segment> m_segments;
    std::uint64_t m_size = 0;
};

} // namespace vigil::evidence
