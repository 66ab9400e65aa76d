// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers shared by the evidence tests: temp folders, deterministic bytes, hashing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/evidence/bytesource.h"
#include "core/util/hashing.h"
#include "tests/testutil/tempdir.h"

namespace vigil::evidence::test {

namespace fs = std::filesystem;

// A fresh folder under the system temp folder, removed with everything in it.
using TempDir = vigil::test::TempDir;

// Incompressible but reproducible bytes (xorshift), so compressed containers stay large.
inline std::vector<unsigned char> deterministicBytes(std::size_t size, std::uint32_t seed)
{
    std::vector<unsigned char> out(size);
    std::uint32_t x = seed ? seed : 0x9e3779b9u;
    for (auto &b : out) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b = static_cast<unsigned char>(x >> 24);
    }
    return out;
}

inline void writeFile(const fs::path &path, const std::vector<unsigned char> &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline void writeFile(const fs::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

inline std::vector<unsigned char> readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline HashDigests hashBytes(const std::vector<unsigned char> &bytes)
{
    MultiHasher hasher(HashMd5 | HashSha1);
    hasher.update(bytes.data(), bytes.size());
    return hasher.finish();
}

// Every byte of the media, read in 1 MiB pieces.
inline Result<std::vector<unsigned char>> readAll(ByteSource &source)
{
    std::vector<unsigned char> out(source.size());
    std::uint64_t done = 0;
    while (done < out.size()) {
        const auto want = std::min<std::uint64_t>(1u << 20, out.size() - done);
        auto got = source.readAt(done, out.data() + done, want);
        if (!got)
            return std::unexpected(got.error());
        if (*got == 0)
            return fail(ErrorCode::Corrupt, "short media");
        done += *got;
    }
    return out;
}

inline bool onPath(const std::string &tool)
{
    return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

inline int run(const std::string &command)
{
    return std::system((command + " >/dev/null 2>&1").c_str());
}

inline fs::path externalImages()
{
    return fs::path(VIGIL_EXTERNAL_DATA) / "images";
}

} // namespace vigil::evidence::test
