// SPDX-License-Identifier: GPL-3.0-or-later
// Per-item time limits (docs/RELIABILITY.md). A ScopedDeadline arms a limit for the work the
// calling thread does on one item (one plugin on one file); the services that work goes through
// (content reads, SQL steps) ask deadlinePassed() and stop it once the limit has passed, so a
// parser that would hang on a hostile file ends with a recorded error instead.
#pragma once

#include <chrono>

namespace vigil {

class ScopedDeadline
{
public:
    using Clock = std::chrono::steady_clock;

    // A limit of zero or less arms nothing. Scopes nest: the inner one applies until it ends.
    explicit ScopedDeadline(std::chrono::milliseconds limit);
    ~ScopedDeadline();
    ScopedDeadline(const ScopedDeadline &) = delete;
    ScopedDeadline &operator=(const ScopedDeadline &) = delete;

    bool passed() const;
    // Whether work in this scope was stopped: deadlinePassed() answered true on this thread.
    bool stoppedWork() const;

private:
    Clock::time_point m_previous;
    Clock::time_point m_at;
    unsigned long m_stopsBefore;
};

// Whether the calling thread is inside a ScopedDeadline whose limit has passed: the work asking
// must stop. Cheap when none is armed (one thread-local read); one clock read when one is.
bool deadlinePassed();

} // namespace vigil
