// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/deadline.h"

#include <algorithm>

namespace vigil {

namespace {
// The time_point::max() sentinel means "no limit armed on this thread".
thread_local ScopedDeadline::Clock::time_point t_deadline = ScopedDeadline::Clock::time_point::max();
thread_local unsigned long t_stops = 0;   // how often deadlinePassed() told this thread to stop
} // namespace

ScopedDeadline::ScopedDeadline(std::chrono::milliseconds limit)
    : m_previous(t_deadline), m_at(m_previous), m_stopsBefore(t_stops)
{
    if (limit.count() > 0)
        m_at = std::min(m_previous, Clock::now() + limit);   // an inner scope never extends an outer one
    t_deadline = m_at;
}

ScopedDeadline::~ScopedDeadline()
{
    t_deadline = m_previous;
}

bool ScopedDeadline::passed() const
{
    return m_at != Clock::time_point::max() && Clock::now() >= m_at;
}

bool ScopedDeadline::stoppedWork() const
{
    return t_stops != m_stopsBefore;
}

bool deadlinePassed()
{
    if (t_deadline == ScopedDeadline::Clock::time_point::max() || ScopedDeadline::Clock::now() < t_deadline)
        return false;
    ++t_stops;
    return true;
}

} // namespace vigil
