// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/writer.h"

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

void Writer::runBatch(std::deque<Item> &batch)
{
    Transaction tx(m_db);
    if (!tx.begun())
        qCWarning(lcCaseDb) << "cannot begin transaction:" << tx.begun().error().toString().c_str();
    for (auto &item : batch) {
        auto r = item.job(m_db);
        if (!r) {
            ++m_failed;
            qCWarning(lcCaseDb) << "write failed:" << r.error().toString().c_str();
            std::lock_guard lock(m_mutex);
            m_lastError = r.error();
        }
    }
    faultPoint("commit");   // the reliability tests kill here: a batch written but not committed
    Result<void> committed = tx.begun() ? tx.commit() : tx.begun();
    if (!committed) {
        m_failed += batch.size();
        qCCritical(lcCaseDb) << "commit failed:" << committed.error().toString().c_str();
        std::lock_guard lock(m_mutex);
        m_lastError = committed.error();
    }
    for (auto &item : batch) {
        if (item.done)
            item.done(committed);
    }
}

} // namespace vigil::casedb
