// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/bytebudget.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace vigil {

bool ByteBudget::acquire(std::uint64_t bytes, const std::atomic<bool> *cancel)
{
    std::unique_lock lock(m_mutex);
    if (!fits(bytes)) {
        ++m_waits;
        // Woken by every release; the timeout only serves to notice `cancel`.
        while (!fits(bytes)) {
            if (cancel && cancel->load())
                return false;
            m_released.wait_for(lock, std::chrono::milliseconds(100));
        }
    }
    m_held += bytes;
    return true;
}

bool ByteBudget::tryAcquire(std::uint64_t bytes)
{
    std::lock_guard lock(m_mutex);
    if (!fits(bytes))
        return false;
    m_held += bytes;
    return true;
}

void ByteBudget::release(std::uint64_t bytes)
{
    {
        std::lock_guard lock(m_mutex);
        m_held -= std::min(bytes, m_held);
    }
    m_released.notify_all();
}

std::uint64_t ByteBudget::held() const
{
    std::lock_guard lock(m_mutex);
    return m_held;
}

std::uint64_t ByteBudget::waits() const
{
    std::lock_guard lock(m_mutex);
    return m_waits;
}

ByteShare &ByteShare::operator=(ByteShare &&other) noexcept
{
    if (this != &other) {
        reset();
        m_budget = std::exchange(other.m_budget, nullptr);
        m_bytes = other.m_bytes;
    }
    return *this;
}

void ByteShare::reset()
{
    if (m_budget)
        std::exchange(m_budget, nullptr)->release(m_bytes);
}

} // namespace vigil
