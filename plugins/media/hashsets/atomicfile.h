// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: an output file written under a temporary name in the target's folder and renamed
// over the target by commit(); destroyed without commit, it removes the temporary file.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/util/error.h"

namespace vigil::media::detail {

class AtomicFile
{
public:
    static Result<AtomicFile> create(const std::filesystem::path &target);

    AtomicFile(AtomicFile &&other) noexcept;
    AtomicFile &operator=(AtomicFile &&) = delete;
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;
    ~AtomicFile();

    std::FILE *file() const { return m_file; }
    Result<void> write(const void *data, std::size_t size);
    // Flushes, syncs, closes and renames onto the target.
    Result<void> commit();

private:
    AtomicFile(std::FILE *file, std::filesystem::path temp, std::filesystem::path target);
    void discard();

    std::FILE *m_file = nullptr;
    std::filesystem::path m_temp;
    std::filesystem::path m_target;
    std::unique_ptr<char[]> m_buffer;
};

} // namespace vigil::media::detail
