// SPDX-License-Identifier: GPL-3.0-or-later
// An output file written under a temporary name beside its target and renamed onto it only when
// complete, so a failed or interrupted export never leaves a partial file under the real name
// (the report writers, issue 9). The temporary file is removed unless committed.
#pragma once

#include <filesystem>

#include "core/util/error.h"

namespace vigil {

class TempOutput
{
public:
    // Checks that the target can be written (its folder exists, it is not a folder) and picks a
    // temporary name ".NAME.PID-N.part" in the same folder (same file system: rename is atomic).
    static Result<TempOutput> forTarget(const std::filesystem::path &target);

    TempOutput(TempOutput &&other) noexcept;
    TempOutput &operator=(TempOutput &&) = delete;
    TempOutput(const TempOutput &) = delete;
    TempOutput &operator=(const TempOutput &) = delete;
    ~TempOutput();

    const std::filesystem::path &path() const { return m_temp; }
    const std::filesystem::path &target() const { return m_target; }

    // Renames the temporary file onto the target (replacing an older file of that name).
    Result<void> commit();

private:
    TempOutput(std::filesystem::path target, std::filesystem::path temp);

    std::filesystem::path m_target, m_temp;
    bool m_done = false;
};

} // namespace vigil
