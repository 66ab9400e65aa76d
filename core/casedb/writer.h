// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/casedb/database.h"

namespace vigil::casedb {

// The one thread that writes to a case database. Jobs run in order, grouped into
// transactions of up to kMaxBatch jobs (or whatever is queued), so many small inserts
// cost one commit. A failing job is counted and logged; the others still commit.
// The queue is bounded: post() blocks while it is full, keeping memory flat.
// When the case's storage fails (a full disk, an I/O error) the writer stops for good: the batch is
// rolled back, every later job fails without running, and the stop flag is raised, so the case
// stays valid exactly as its last commit left it and an ingest can be resumed from there.
class Writer {
public:
    using Job = std::function<Result<void>(Database &)>;
    static constexpr std::size_t kMaxBatch = 512;
    static constexpr std::size_t kMaxQueued = 128;   // jobs can carry 2,000 file records each

    explicit Writer(Database db);
    ~Writer();   // drains the queue, commits, and stops
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;

    using Done = std::function<void(const Result<void> &committed)>;

    void post(Job job, Done onCommitted = {});
    // Runs a job and waits for its result (used where an id is needed back).
    template <typename T>
    Result<T> call(std::function<Result<T>(Database &)> fn);
    // Runs a job and waits until it is committed.
    Result<void> callVoid(Job job);
    // Waits until every job posted so far is committed.
    Result<void> flush();
    std::size_t failedJobs() const { return m_failed.load(); }
    Error lastError() const;
    // The storage failure that stopped the writer, for the user (nullopt while none has).
    std::optional<Error> storageFailure() const;
    // Raised (set true) when the storage fails, like Ctrl-C: give it the ingest's cancel flag.
    void raiseOnStorageFailure(std::atomic<bool> *stopFlag) { m_stopFlag.store(stopFlag); }

private:
    struct Item {
        Job job;
        Done done;
    };
    void run();
    void runBatch(std::deque<Item> &batch);
    // Runs the jobs in one transaction and commits it; on a storage failure rolls it back and
    // stops the writer for good.
    Result<void> writeBatch(std::deque<Item> &batch);
    void failStorage(const Error &cause, bool diskFull);

    Database m_db;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_space;
    std::deque<Item> m_queue;
    bool m_stopping = false;
    std::atomic<std::size_t> m_failed{0};
    Error m_lastError;
    std::optional<Error> m_storageFailure;
    std::atomic<std::atomic<bool> *> m_stopFlag{nullptr};
    std::thread m_thread;
};

template <typename T>
Result<T> Writer::call(std::function<Result<T>(Database &)> fn)
{
    auto value = std::make_shared<std::optional<Result<T>>>();
    std::promise<Result<T>> promise;
    auto future = promise.get_future();
    post(
        [fn = std::move(fn), value](Database &db) -> Result<void> {
            *value = fn(db);
            return **value ? Result<void>{} : std::unexpected((*value)->error());
        },
        [value, p = std::make_shared<std::promise<Result<T>>>(std::move(promise))](const Result<void> &committed) {
            if (!committed && value->has_value() && value->value())
                p->set_value(std::unexpected(committed.error()));
            else
                p->set_value(value->has_value() ? std::move(**value)
                                                : Result<T>(std::unexpected(committed.error())));
        });
    return future.get();
}

} // namespace vigil::casedb
