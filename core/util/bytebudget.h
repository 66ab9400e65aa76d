// SPDX-License-Identifier: GPL-3.0-or-later
// A number of bytes that several threads share out, so what they hold in memory at once stays
// under one bound however much work there is (issue 10: peak memory does not grow with the image).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace vigil {

class ByteBudget {
public:
    explicit ByteBudget(std::uint64_t capacity) : m_capacity(capacity) {}
    ByteBudget(const ByteBudget &) = delete;
    ByteBudget &operator=(const ByteBudget &) = delete;

    // Takes `bytes`, waiting while they would not fit beside what others hold. A request larger
    // than the whole budget is granted once nothing else is held, so it is never refused, only
    // served alone. Returns false (taking nothing) if `cancel` is raised while waiting. A thread
    // must not wait here while it holds bytes of the same budget.
    bool acquire(std::uint64_t bytes, const std::atomic<bool> *cancel = nullptr);
    // Takes `bytes` only if that needs no wait.
    bool tryAcquire(std::uint64_t bytes);
    void release(std::uint64_t bytes);

    std::uint64_t capacity() const { return m_capacity; }
    std::uint64_t held() const;
    std::uint64_t waits() const;   // how many acquire() calls had to wait

private:
    bool fits(std::uint64_t bytes) const { return m_held == 0 || m_held + bytes <= m_capacity; }

    const std::uint64_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    std::uint64_t m_held = 0;
    std::uint64_t m_waits = 0;
};

// Bytes taken from a ByteBudget, given back when this goes (or on reset()).
class ByteShare {
public:
    ByteShare() = default;
    ByteShare(ByteBudget &budget, std::uint64_t bytes) : m_budget(&budget), m_bytes(bytes) {}
    ~ByteShare() { reset(); }
    ByteShare(ByteShare &&other) noexcept : m_budget(other.m_budget), m_bytes(other.m_bytes) { other.m_budget = nullptr; }
    ByteShare &operator=(ByteShare &&other) noexcept;
    ByteShare(const ByteShare &) = delete;
    ByteShare &operator=(const ByteShare &) = delete;

    void reset();
    std::uint64_t bytes() const { return m_budget ? m_bytes : 0; }

private:
    ByteBudget *m_budget = nullptr;
    std::uint64_t m_bytes = 0;
};

} // namespace vigil
