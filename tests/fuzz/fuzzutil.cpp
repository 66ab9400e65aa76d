// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/fuzz/fuzzutil.h"

#include <fstream>
#include <system_error>


namespace fs = std::filesystem;

namespace vigil::fuzz {

fs::path ScratchDir::write(const std::string &name, std::span<const unsigned char> bytes) const
{
    const fs::path file = path() / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return file;
}

void ScratchDir::clear() const
{
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(path(), ec))
        fs::remove_all(entry.path(), ec);
}

} // namespace vigil::fuzz
