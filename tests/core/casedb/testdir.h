// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <random>
#include <string>

// A fresh temporary folder removed when the test ends.
class TestDir {
public:
    TestDir()
    {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() / ("vigil-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TestDir() { std::filesystem::remove_all(m_path); }
    const std::filesystem::path &path() const { return m_path; }

private:
    std::filesystem::path m_path;
};
