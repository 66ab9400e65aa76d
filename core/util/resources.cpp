// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/resources.h"

#include <cstdlib>
#include <system_error>

namespace vigil {

namespace {

bool isDir(const std::filesystem::path &p)
{
    std::error_code ec;
    return !p.empty() && std::filesystem::is_directory(p, ec);
}

} // namespace

std::filesystem::path resourceDir()
{
    if (const char *env = std::getenv("VIGIL_RESOURCE_DIR"); env && isDir(env))
        return env;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        if (auto installed = exe.parent_path().parent_path() / "share" / "vigil" / "resources"; isDir(installed))
            return installed;
    }
#ifdef VIGIL_SOURCE_RESOURCES
    if (isDir(VIGIL_SOURCE_RESOURCES))
        return VIGIL_SOURCE_RESOURCES;
#endif
    return {};
}

std::filesystem::path resourcePath(const std::filesystem::path &relative)
{
    auto dir = resourceDir();
    return dir.empty() ? std::filesystem::path{} : dir / relative;
}

} // namespace vigil
