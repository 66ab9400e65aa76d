// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace vigil::cli {

// A progress line on stderr: a redrawn bar on a terminal, plain lines (at most one every
// few seconds, and on every change of stage) when stderr is a file or pipe.
class ProgressLine {
public:
    explicit ProgressLine(std::FILE *out = stderr);
    // fraction < 0: unknown total. rateBytes: bytes per second for the speed/ETA text.
    void update(const std::string &stage, double fraction, const std::string &detail, double bytesPerSecond = 0,
                std::uint64_t bytesLeft = 0);
    void finish();

private:
    std::FILE *m_out;
    bool m_tty;
    std::string m_lastStage;
    std::chrono::steady_clock::time_point m_lastPrint{};
    bool m_drawn = false;
};

std::string formatBytes(std::uint64_t bytes);
std::string formatDuration(double seconds);

} // namespace vigil::cli
