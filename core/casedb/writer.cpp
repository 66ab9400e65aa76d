// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/writer.h"

#include <sqlite3.h>

#include <filesystem>

#include "core/casedb/log.h"
#include "core/util/faultpoint.h"

namespace vigil::casedb {

Writer::Writer(Database db) : m_db(std::move(db)), m_thread([this] { run(); }) {}

Writer::~Writer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Writer::post(Job job, Done onCommitted)
{
    std::unique_lock lock(m_mutex);
    m_space.wait(lock, [this] { return m_queue.size() < kMaxQueued || m_stopping; });
    m_queue.push_back(Item{std::move(job), std::move(onCommitted)});
    lock.unlock();
    m_wake.notify_one();
}

Result<void> Writer::callVoid(Job job)
{
    auto shared = std::make_shared<std::promise<Result<void>>>();
    auto future = shared->get_future();
    auto status = std::make_shared<Result<void>>();
    post([job = std::move(job), status](Database &db) { return *status = job(db); },
         [shared, status](const Result<void> &committed) { shared->set_value(committed ? *status : committed); });
    return future.get();
}

Result<void> Writer::flush()
{
    std::promise<Result<void>> promise;
    auto future = promise.get_future();
    auto shared = std::make_shared<std::promise<Result<void>>>(std::move(promise));
    post([](Database &) -> Result<void> { return {}; },
         [shared](const Result<void> &committed) { shared->set_value(committed); });
    return future.get();
}

Error Writer::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

void Writer::run()
{
    std::deque<Item> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty() && m_stopping)
                return;
            while (!m_queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        m_space.notify_all();
        runBatch(batch);
        batch.clear();
    }
}

std::optional<Error> Writer::storageFailure() const
{
    std::lock_guard lock(m_mutex);
    return m_storageFailure;
}

void Writer::failStorage(const Error &cause, bool diskFull)
{
    std::string file = sqlite3_db_filename(m_db.handle(), "main") ? sqlite3_db_filename(m_db.handle(), "main") : "";
    const std::filesystem::path dir = std::filesystem::path(file).parent_path();
    std::error_code ec;
    const auto space = std::filesystem::space(dir, ec);
    const std::string what = diskFull ? "The disk holding the case is full" : "Writing the case database failed";
    Error failure(ErrorCode::Io,
                  what + " (" + dir.string() + "), so the ingest stopped. The case is valid and keeps everything "
                      "saved before; free space or fix the disk, then resume the ingest.",
                  cause.toString() + (ec ? "" : "; " + std::to_string(space.available) + " bytes free"));
    qCCritical(lcCaseDb) << "storage failed, writer stopped:" << failure.toString().c_str();
    {
        std::lock_guard lock(m_mutex);
        m_storageFailure = failure;
        m_lastError = failure;
    }
    if (auto *flag = m_stopFlag.load())
        flag->store(true);
}

void Writer::runBatch(std::deque<Item> &batch)
{
    Result<void> committed;
    if (const auto stopped = storageFailure())   // the case stays as its last commit left it
        committed = std::unexpected(*stopped);
    else
        committed = writeBatch(batch);
    if (!committed)
        m_failed += batch.size();
    for (auto &item : batch) {
        if (item.done)
            item.done(committed);
    }
}

Result<void> Writer::writeBatch(std::deque<Item> &batch)
{
    (void)takeStorageFailure();   // what this thread met before the batch is not the batch's
    std::optional<Transaction> tx(std::in_place, m_db);
    if (!tx->begun())
        qCWarning(lcCaseDb) << "cannot begin transaction:" << tx->begun().error().toString().c_str();
    int failureCode = tx->begun() ? 0 : takeStorageFailure();
    for (auto it = batch.begin(); it != batch.end() && !failureCode; ++it) {
        if (auto r = it->job(m_db); !r) {
            ++m_failed;
            qCWarning(lcCaseDb) << "write failed:" << r.error().toString().c_str();
            std::lock_guard lock(m_mutex);
            m_lastError = r.error();
            failureCode = takeStorageFailure();
        }
    }
    faultPoint("commit");   // the reliability tests kill here: a batch written but not committed
    Result<void> committed = failureCode ? Result<void>(std::unexpected(lastError()))
                                         : (tx->begun() ? tx->commit() : tx->begun());
    if (!committed) {
        qCCritical(lcCaseDb) << "commit failed:" << committed.error().toString().c_str();
        failureCode = failureCode ? failureCode : takeStorageFailure();
        std::lock_guard lock(m_mutex);
        m_lastError = committed.error();
    }
    if (!failureCode)
        return committed;
    tx.reset();   // rolls the batch back
    failStorage(committed.error(), failureCode == SQLITE_FULL);
    return std::unexpected(*storageFailure());
}

} // namespace vigil::casedb
