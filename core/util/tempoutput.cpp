// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/tempoutput.h"

#include <unistd.h>

#include <atomic>
#include <string>
#include <system_error>

namespace vigil {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned> g_sequence{0};

} // namespace

Result<TempOutput> TempOutput::forTarget(const fs::path &target)
{
    if (target.filename().empty())
        return fail(ErrorCode::InvalidArgument, "The output path '" + target.string() + "' names no file");
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return fail(ErrorCode::NotFound,
                    "Cannot write " + target.string() + ": the folder " + dir.string() + " does not exist",
                    ec.message());
    if (fs::is_directory(target, ec))
        return fail(ErrorCode::InvalidArgument, "Cannot write " + target.string() + ": it is a folder");
    const std::string name = "." + target.filename().string() + "." + std::to_string(::getpid()) + "-"
                             + std::to_string(g_sequence.fetch_add(1)) + ".part";
    return TempOutput(target, dir / name);
}

TempOutput::TempOutput(fs::path target, fs::path temp) : m_target(std::move(target)), m_temp(std::move(temp)) {}

TempOutput::TempOutput(TempOutput &&other) noexcept
    : m_target(std::move(other.m_target)), m_temp(std::move(other.m_temp)), m_done(other.m_done)
{
    other.m_done = true;
}

TempOutput::~TempOutput()
{
    if (m_done)
        return;
    std::error_code ec;
    fs::remove(m_temp, ec);
}

Result<void> TempOutput::commit()
{
    std::error_code ec;
    fs::rename(m_temp, m_target, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot write " + m_target.string(), ec.message());
    m_done = true;
    return {};
}

} // namespace vigil
