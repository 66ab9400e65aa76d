// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the hash set tests: scratch folders, files, generated digests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

#include "core/util/hashing.h"
#include "plugins/media/hashsets/hashset.h"

namespace vigil::media::test {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed when the test ends.
class ScratchDir
{
public:
    ScratchDir()
    {
        static int counter = 0;
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_path = fs::temp_directory_path()
            / ("vigil-hashsets-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-"
               + (info ? std::string(info->name()) : std::string("x")));
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~ScratchDir()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;
    const fs::path &path() const { return m_path; }
    fs::path operator/(const std::string &name) const { return m_path / name; }

    // Names of the files in the folder (to check no temporary file was left behind).
    std::vector<std::string> files() const
    {
        std::vector<std::string> names;
        for (const auto &e : fs::directory_iterator(m_path))
            names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    fs::path m_path;
};

inline void writeFile(const fs::path &path, std::string_view content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    ASSERT_TRUE(out.good()) << path;
}

inline std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The real MD5 / SHA-1 of a short text (so fixtures hold genuine digests).
inline std::string md5Hex(std::string_view text)
{
    MultiHasher h(HashMd5);
    h.update(text.data(), text.size());
    return h.finish().md5;
}

inline std::string sha1Hex(std::string_view text)
{
    MultiHasher h(HashSha1);
    h.update(text.data(), text.size());
    return h.finish().sha1;
}

inline std::string sha256Hex(std::string_view text)
{
    MultiHasher h(HashSha256);
    h.update(text.data(), text.size());
    return h.finish().sha256;
}

inline std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

inline ImportOptions options(std::optional<HashSetRole> role, std::string name = {},
                             std::function<void(std::uint64_t)> progress = {})
{
    ImportOptions o;
    o.role = role;
    o.name = std::move(name);
    o.progress = std::move(progress);
    return o;
}

// splitmix64: fast, deterministic pseudo-random digests for the large tests.
struct SplitMix {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
};

} // namespace vigil::media::test
