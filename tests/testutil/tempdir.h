// SPDX-License-Identifier: GPL-3.0-or-later
// A fresh temporary directory for one test, removed with everything in it afterwards.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace vigil::test {

class TempDir
{
public:
    explicit TempDir(const std::string &prefix = "vigil-test-")
    {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 (prefix + std::to_string(::getpid()) + "-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    const std::filesystem::path &path() const { return m_path; }
    std::filesystem::path operator/(const std::string &name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

} // namespace vigil::test
