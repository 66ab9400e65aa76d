// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/verify.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace vigil::evidence {

namespace {

constexpr std::size_t kChunkSize = 4u << 20;   // 4 MiB per read
constexpr std::size_t kSlots = 4;              // bounded memory: 16 MiB in flight
constexpr std::size_t kConsumers = 2;          // MD5 and SHA-1

// A small ring of buffers filled once by the reader and hashed by every consumer.
class ChunkRing {
public:
    struct Slot {
        std::vector<unsigned char> data = std::vector<unsigned char>(kChunkSize);
        std::size_t length = 0;
    };

    // Producer: a free slot, or nullptr when aborted.
    Slot *acquire()
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_aborted || m_produced - oldestConsumed() < kSlots; });
        return m_aborted ? nullptr : &m_slots[m_produced % kSlots];
    }
    void publish() { update([&] { ++m_produced; }); }
    void finish() { update([&] { m_finished = true; }); }
    void abort() { update([&] { m_aborted = true; }); }

    // Consumer: the next filled slot, or nullptr at the end.
    const Slot *next(std::size_t consumer)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_aborted || m_finished || m_consumed[consumer] < m_produced; });
        if (m_aborted || m_consumed[consumer] >= m_produced)
            return nullptr;
        return &m_slots[m_consumed[consumer] % kSlots];
    }
    void release(std::size_t consumer) { update([&] { ++m_consumed[consumer]; }); }

private:
    template <typename F>
    void update(F &&change)
    {
        {
            std::lock_guard lock(m_mutex);
            change();
        }
        m_cv.notify_all();
    }
    std::uint64_t oldestConsumed() const { return *std::ranges::min_element(m_consumed); }

    std::array<Slot, kSlots> m_slots;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::uint64_t m_produced = 0;
    std::array<std::uint64_t, kConsumers> m_consumed{};
    bool m_finished = false;
    bool m_aborted = false;
};

void hashConsumer(ChunkRing &ring, std::size_t consumer, unsigned algorithm, HashDigests &out)
{
    MultiHasher hasher(algorithm);
    while (const auto *slot = ring.next(consumer)) {
        hasher.update(slot->data.data(), slot->length);
        ring.release(consumer);
    }
    out = hasher.finish();
}

Result<std::size_t> fillChunk(ByteSource &source, std::uint64_t offset, ChunkRing::Slot &slot, std::size_t want)
{
    std::size_t filled = 0;
    while (filled < want) {
        auto got = source.readAt(offset + filled, slot.data.data() + filled, want - filled);
        if (!got)
            return std::unexpected(got.error());
        if (*got == 0)
            return fail(ErrorCode::Corrupt, "The media ended early at offset " + std::to_string(offset + filled) +
                                                " of " + std::to_string(source.size()) + " bytes");
        filled += *got;
    }
    return filled;
}

// Throttles progress reports to about ten a second.
class ProgressThrottle {
public:
    explicit ProgressThrottle(const std::function<void(const VerifyProgress &)> &report) : m_report(report) {}
    void operator()(const VerifyProgress &progress, bool force = false)
    {
        if (!m_report)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (!force && now - m_last < std::chrono::milliseconds(100))
            return;
        m_last = now;
        m_report(progress);
    }

private:
    const std::function<void(const VerifyProgress &)> &m_report;
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

// Reads the whole media into the ring; the caller's thread does this part.
Result<void> produce(ByteSource &source, ChunkRing &ring, ProgressThrottle &progress,
                     const std::atomic<bool> *cancel)
{
    VerifyProgress state{0, source.size()};
    while (state.bytesDone < state.bytesTotal) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return fail(ErrorCode::Cancelled, "Verification was cancelled");
        ChunkRing::Slot *slot = ring.acquire();
        if (!slot)
            return fail(ErrorCode::Internal, "Verification stopped unexpectedly");
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkSize, state.bytesTotal - state.bytesDone));
        auto got = fillChunk(source, state.bytesDone, *slot, want);
        if (!got)
            return std::unexpected(got.error());
        slot->length = *got;
        ring.publish();
        state.bytesDone += *got;
        progress(state);
    }
    progress(state, true);
    return {};
}

bool sameHex(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

bool VerifyResult::matches() const
{
    if (!hasStored())
        return false;
    return (stored.md5.empty() || md5Matches) && (stored.sha1.empty() || sha1Matches);
}

Result<VerifyResult> verifyMedia(ByteSource &source, const std::function<void(const VerifyProgress &)> &progress,
                                 const std::atomic<bool> *cancel)
{
    ChunkRing ring;
    HashDigests md5, sha1;
    Result<void> produced;
    {
        std::jthread md5Thread(hashConsumer, std::ref(ring), 0, HashMd5, std::ref(md5));
        std::jthread sha1Thread(hashConsumer, std::ref(ring), 1, HashSha1, std::ref(sha1));
        ProgressThrottle throttle(progress);
        produced = produce(source, ring, throttle, cancel);
        if (produced)
            ring.finish();
        else
            ring.abort();
    }   // both hashers have finished here
    if (!produced)
        return std::unexpected(produced.error());
    VerifyResult result;
    result.computed.md5 = md5.md5;
    result.computed.sha1 = sha1.sha1;
    result.stored = source.storedHashes();
    result.md5Matches = !result.stored.md5.empty() && sameHex(result.stored.md5, result.computed.md5);
    result.sha1Matches = !result.stored.sha1.empty() && sameHex(result.stored.sha1, result.computed.sha1);
    return result;
}

} // namespace vigil::evidence
