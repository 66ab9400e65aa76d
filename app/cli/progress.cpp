// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace vigil::cli {

ProgressLine::ProgressLine(std::FILE *out) : m_out(out), m_tty(isatty(fileno(out)) == 1) {}

void ProgressLine::update(const std::string &stage, double fraction, const std::string &detail, double bytesPerSecond,
                          std::uint64_t bytesLeft)
{
    const auto now = std::chrono::steady_clock::now();
    const bool stageChanged = stage != m_lastStage;
    const auto interval = m_tty ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
    if (!stageChanged && now - m_lastPrint < interval)
        return;
    m_lastStage = stage;
    m_lastPrint = now;
    std::string text = stage;
    if (fraction >= 0)
        text += " " + std::to_string(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100))) + "%";
    text += "  " + detail;
    if (bytesPerSecond > 0) {
        text += "  " + formatBytes(static_cast<std::uint64_t>(bytesPerSecond)) + "/s";
        if (bytesLeft)
            text += "  ~" + formatDuration(static_cast<double>(bytesLeft) / bytesPerSecond) + " left";
    }
    if (!m_tty) {
        std::fprintf(m_out, "%s\n", text.c_str());
        std::fflush(m_out);
        return;
    }
    constexpr int kWidth = 24;
    const int filled = fraction >= 0 ? static_cast<int>(std::clamp(fraction, 0.0, 1.0) * kWidth) : 0;
    std::string bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, fraction >= 0 ? '.' : ' ') + "] ";
    std::fprintf(m_out, "\r\033[K%s%s", bar.c_str(), text.c_str());
    std::fflush(m_out);
    m_drawn = true;
}

void ProgressLine::finish()
{
    if (m_tty && m_drawn)
        std::fprintf(m_out, "\r\033[K");
    m_drawn = false;
    m_lastStage.clear();
}

std::string formatBytes(std::uint64_t bytes)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

std::string formatDuration(double seconds)
{
    const auto s = static_cast<long long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

} // namespace vigil::cli
