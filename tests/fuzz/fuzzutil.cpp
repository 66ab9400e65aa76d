// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/fuzz/fuzzutil.h"

#include <fstream>
#include <system_error>

#include <unistd.h>

namespace fs = std::filesystem;

namespace vigil::fuzz {

ScratchDir::ScratchDir(const std::string &harness)
    : m_path(fs::temp_directory_path() / ("vigil-fuzz-" + harness + "-" + std::to_string(::getpid())))
{
    std::error_code ec;
    fs::remove_all(m_path, ec);
    fs::create_directories(m_path);
}

ScratchDir::~ScratchDir()
{
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

fs::path ScratchDir::write(const std::string &name, std::span<const unsigned char> bytes) const
{
    const fs::path file = m_path / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return file;
}

void ScratchDir::clear() const
{
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_path, ec))
        fs::remove_all(entry.path(), ec);
}

} // namespace vigil::fuzz
