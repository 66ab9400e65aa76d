// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/areacarver.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/pipeline/carveregion.h"

namespace vigil::pipeline {

namespace {

// The carver scans pages of this size (plus its longest signature), read in one piece; an odd
// size no validation read asks for. A page read starting past the chunk's end means every
// signature starting inside the chunk has been seen: the worker may stop.
constexpr std::uint64_t kPage = (4u << 20) + 1237;
constexpr std::uint64_t kPageSlack = 4096;   // the longest signature is far shorter

// A chunk's view of the rest of the area, which tells its worker to stop past the chunk's end.
class ChunkRegion final : public plugins::ContentReader {
public:
    ChunkRegion(evidence::ByteSource &media, std::vector<evidence::MediaRun> runs, std::uint64_t chunkEnd,
                std::atomic<bool> &stop, std::atomic<std::uint64_t> &furthest)
        : m_region(media, std::move(runs), [&furthest](std::uint64_t f) { furthest = f; }), m_chunkEnd(chunkEnd),
          m_stop(stop)
    {
    }
    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        if (offset >= m_chunkEnd && length >= kPage && length <= kPage + kPageSlack)
            m_stop = true;
        return m_region.read(offset, buffer, length);
    }
    std::uint64_t size() const override { return m_region.size(); }
    const RunRegion &region() const { return m_region; }

private:
    RunRegion m_region;
    std::uint64_t m_chunkEnd;
    std::atomic<bool> &m_stop;
};

struct Chunk {
    std::uint64_t start = 0, length = 0;
    std::vector<AreaItem> items;   // offsets in the area
    std::uint64_t scanned = 0;
    std::optional<Error> error;
};

// One worker's state, visible to the thread that reports progress.
struct Worker {
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> furthest{0}, chunkLength{0};
};

void carveChunk(const carving::FileCarver &carver, evidence::ByteSource &media, const std::vector<evidence::MediaRun> &runs,
                std::uint64_t areaSize, Chunk &chunk, Worker &w, const std::atomic<bool> *cancel)
{
    w.stop = cancel && cancel->load();
    w.furthest = 0;
    w.chunkLength = chunk.length;
    ChunkRegion region(media, sliceRuns(runs, chunk.start, areaSize), chunk.length, w.stop, w.furthest);
    auto stats = carver.carve(
        region, [&](const carving::CarvedItem &item) {
            if (item.offset >= chunk.length)
                return;   // the next chunk's
            AreaItem out{item, region.region().mediaExtents(item.offset, item.length)};
            out.item.offset += chunk.start;
            chunk.items.push_back(std::move(out));
        },
        &w.stop);
    if (stats)
        chunk.scanned = stats->bytesScanned;
    else
        chunk.error = stats.error();
}

// Joins the chunks: an item inside a complete item of an earlier chunk that crosses into its
// chunk is dropped, as one pass would have skipped it.
AreaCarve merge(std::vector<Chunk> &chunks)
{
    AreaCarve out;
    out.chunks = chunks.size();
    std::uint64_t covered = 0;
    for (auto &c : chunks) {
        std::uint64_t coveredHere = covered;
        for (auto &item : c.items) {
            if (item.item.offset < covered)
                continue;
            if (item.item.status == carving::CarveStatus::Complete)
                coveredHere = std::max(coveredHere, item.item.offset + item.item.length);
            out.items.push_back(std::move(item));
        }
        covered = coveredHere;
        out.bytesScanned += std::min(c.scanned, c.length);
        out.overrun += c.scanned > c.length ? c.scanned - c.length : 0;
        if (c.error && !out.error)
            out.error = c.error;
    }
    return out;
}

} // namespace

Result<std::unique_ptr<carving::FileCarver>> makeAreaCarver()
{
    carving::CarveOptions options;
    options.pageSize = kPage;
    return carving::FileCarver::create(options);
}

std::vector<evidence::MediaRun> sliceRuns(const std::vector<evidence::MediaRun> &runs, std::uint64_t from,
                                          std::uint64_t to)
{
    std::vector<evidence::MediaRun> out;
    std::uint64_t start = 0;
    for (const auto &r : runs) {
        const std::uint64_t end = start + r.length;
        const std::uint64_t a = std::max(start, from), b = std::min(end, to);
        if (a < b)
            out.push_back({r.offset + (a - start), b - a});
        start = end;
        if (start >= to)
            break;
    }
    return out;
}

AreaCarve carveArea(const carving::FileCarver &carver, const std::vector<evidence::MediaRun> &runs,
                    evidence::ByteSource &media, const std::filesystem::path &imagePath, unsigned threads,
                    const std::atomic<bool> *cancel, const std::function<void(std::uint64_t)> &progress,
                    std::uint64_t chunkBytes)
{
    std::uint64_t size = 0;
    for (const auto &r : runs)
        size += r.length;
    chunkBytes = std::max<std::uint64_t>(chunkBytes, 1);
    const std::uint64_t n = threads >= 2 && size > chunkBytes ? (size + chunkBytes - 1) / chunkBytes : 1;
    std::vector<Chunk> chunks(n);
    for (std::uint64_t k = 0; k < n; ++k) {
        chunks[k].start = k * (n == 1 ? size : chunkBytes);
        chunks[k].length = n == 1 ? size : std::min(chunkBytes, size - chunks[k].start);
    }
    // Each worker reads through its own handle (a ByteSource is not shared between threads).
    std::vector<std::unique_ptr<evidence::ByteSource>> handles;
    for (unsigned i = 1; i < std::min<std::uint64_t>(threads, n); ++i) {
        auto h = evidence::openImage(imagePath);
        if (!h)
            break;
        handles.push_back(std::move(*h));
    }
    std::vector<Worker> workers(handles.size() + 1);
    std::atomic<std::uint64_t> next{0}, finished{0};
    std::mutex mutex;
    std::condition_variable doneCv;
    std::size_t running = workers.size();
    auto body = [&](std::size_t w) {
        evidence::ByteSource &src = w == 0 ? media : *handles[w - 1];
        for (std::uint64_t k = next++; k < n && !(cancel && cancel->load()); k = next++) {
            carveChunk(carver, src, runs, size, chunks[k], workers[w], cancel);
            finished += chunks[k].length;
            workers[w].chunkLength = 0;
        }
        std::lock_guard lock(mutex);
        --running;
        doneCv.notify_all();
    };
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers.size(); ++w)
        pool.emplace_back(body, w);
    {
        std::unique_lock lock(mutex);
        while (!doneCv.wait_for(lock, std::chrono::milliseconds(200), [&] { return running == 0; })) {
            if (cancel && cancel->load())
                for (auto &w : workers)
                    w.stop = true;
            std::uint64_t done = finished;
            for (auto &w : workers)
                done += std::min(w.furthest.load(), w.chunkLength.load());
            if (progress)
                progress(done);
        }
    }
    for (auto &t : pool)
        t.join();
    AreaCarve out = merge(chunks);
    out.workers = static_cast<unsigned>(workers.size());
    return out;
}

} // namespace vigil::pipeline
