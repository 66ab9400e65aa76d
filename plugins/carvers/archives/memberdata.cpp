// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/archives/memberdata.h"

#include <cstdio>
#include <vector>

namespace vigil::archives {

namespace {
constexpr std::uint64_t kRatioFloor = 1ull << 20;   // the ratio limit applies beyond 1 MiB expanded
constexpr std::size_t kDrainChunk = 256 * 1024;

std::string quoted(const std::string &name)
{
    return "'" + name + "'";
}
} // namespace

std::string formatBytes(std::uint64_t bytes)
{
    static constexpr const char *kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024)
        return std::to_string(bytes) + " bytes";
    double value = static_cast<double>(bytes) / 1024.0;
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
        value /= 1024.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, value == static_cast<double>(static_cast<std::uint64_t>(value)) ? "%.0f %s" : "%.1f %s",
                  value, kUnits[unit]);
    return text;
}

// ---- Budget ---------------------------------------------------------------------------------

Budget::Budget(const Limits &limits, std::uint64_t archiveSize, std::string archiveName)
    : m_limits(limits)
    , m_archiveSize(archiveSize)
    , m_archiveName(std::move(archiveName))
{
}

Error Budget::bomb(std::string what) const
{
    return Error(ErrorCode::LimitExceeded, "decompression bomb: " + quoted(m_archiveName) + " " + what,
                 "archive of " + std::to_string(m_archiveSize) + " bytes, " + std::to_string(m_total)
                     + " bytes expanded, member count " + std::to_string(m_members));
}

void Budget::setStop(Error error)
{
    if (!m_stop)
        m_stop = std::move(error);
}

bool Budget::charge(const Member &member, std::uint64_t memberBytes, std::size_t n)
{
    m_total += n;
    if (memberBytes > m_limits.maxMemberSize)
        setStop(bomb("has member " + quoted(member.name) + " expanding beyond the limit of "
                     + formatBytes(m_limits.maxMemberSize) + " per member"));
    else if (m_total > m_limits.maxTotalSize)
        setStop(bomb("expands beyond the limit of " + formatBytes(m_limits.maxTotalSize) + " per archive"));
    else if (m_total > kRatioFloor
             && static_cast<double>(m_total) > m_limits.maxRatio * static_cast<double>(std::max<std::uint64_t>(m_archiveSize, 1)))
        setStop(bomb("expands to more than " + std::to_string(static_cast<long long>(m_limits.maxRatio))
                     + " times its own size (" + formatBytes(m_archiveSize) + ")"));
    return !m_stop;
}

bool Budget::countMember()
{
    if (++m_members > m_limits.maxMembers)
        setStop(bomb("has more than " + std::to_string(m_limits.maxMembers) + " members"));
    return !m_stop;
}

bool Budget::checkDeclared(const Member &member)
{
    if (!member.directory && member.size && *member.size > m_limits.maxMemberSize)
        setStop(bomb("declares member " + quoted(member.name) + " of " + formatBytes(*member.size)
                     + ", over the limit of " + formatBytes(m_limits.maxMemberSize) + " per member"));
    return !m_stop;
}

// ---- LimitedData ----------------------------------------------------------------------------

LimitedData::LimitedData(struct archive *a, const Member &member, Budget &budget, const std::atomic<bool> *cancel)
    : m_archive(a)
    , m_member(member)
    , m_budget(budget)
    , m_cancel(cancel)
{
}

Result<std::size_t> LimitedData::stopped() const
{
    if (m_budget.stop())
        return std::unexpected(*m_budget.stop());
    return std::unexpected(*m_failure);
}

Result<std::size_t> LimitedData::read(void *buffer, std::size_t length)
{
    if (m_budget.stop() || m_failure)
        return stopped();
    if (m_end || length == 0)
        return std::size_t{0};
    if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
        m_budget.setStop(Error(ErrorCode::Cancelled, "Cancelled"));
        return stopped();
    }
    const la_ssize_t got = archive_read_data(m_archive, buffer, length);
    if (got < 0) {
        m_fatal = got == ARCHIVE_FATAL;
        const char *text = archive_error_string(m_archive);
        m_failure = Error(ErrorCode::Corrupt, "Member " + quoted(m_member.name) + " is damaged or truncated; "
                              + formatBytes(m_bytes) + " of it could be read",
                          text ? text : "libarchive read error");
        return stopped();
    }
    if (got == 0) {
        m_end = true;
        return std::size_t{0};
    }
    m_bytes += static_cast<std::uint64_t>(got);
    if (!m_budget.charge(m_member, m_bytes, static_cast<std::size_t>(got)))
        return stopped();
    return static_cast<std::size_t>(got);
}

void LimitedData::drain()
{
    std::vector<unsigned char> scratch;
    while (!m_end && !m_failure && !m_budget.stop()) {
        if (scratch.empty())
            scratch.resize(kDrainChunk);
        if (!read(scratch.data(), scratch.size()))
            break;
    }
}

} // namespace vigil::archives
