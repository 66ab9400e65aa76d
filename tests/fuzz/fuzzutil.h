// SPDX-License-Identifier: GPL-3.0-or-later
// Support for the fuzz harnesses: a per-process scratch folder (entry points that take a path
// get the fuzzer's bytes written to a file in it) and the one entry point every harness defines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "tests/testutil/tempdir.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace vigil::fuzz {

// A folder under the system temp dir named after the harness and the process id, removed
// (with everything in it) when the object goes: one per harness, as a function-local static.
class ScratchDir
{
public:
    explicit ScratchDir(const std::string &harness) : m_dir("vigil-fuzz-" + harness + "-") {}

    const std::filesystem::path &path() const { return m_dir.path(); }
    // Writes `bytes` to <dir>/<name>, replacing it; returns its path.
    std::filesystem::path write(const std::string &name, std::span<const unsigned char> bytes) const;
    // Removes every entry of the folder (a parse may leave files behind).
    void clear() const;

private:
    test::TempDir m_dir;
};

inline std::span<const unsigned char> bytesOf(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const unsigned char *>(data), size};
}

} // namespace vigil::fuzz
