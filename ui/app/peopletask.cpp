// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/peopletask.h"

namespace vigil::ui {

namespace {

// The job as a whole or not at all: a savepoint inside the writer's batch transaction, so a
// decision is never left recorded when the analysis after it failed.
Result<QString> atomically(casedb::Database &db, const PeopleTask::Job &job)
{
    casedb::Savepoint savepoint(db, "people_task");
    if (auto r = savepoint.begun(); !r)
        return std::unexpected(r.error());
    auto result = job(db);
    if (!result)
        return result;
    if (auto r = savepoint.release(); !r)
        return std::unexpected(r.error());
    return result;
}

} // namespace

PeopleTask::PeopleTask(casedb::CaseStore &store, QObject *parent) : QObject(parent), m_store(store) {}

PeopleTask::~PeopleTask()
{
    wait();
}

bool PeopleTask::start(Job job)
{
    if (m_running)
        return false;
    wait();
    m_running = true;
    m_thread = std::thread([this, job = std::move(job)] {
        auto r = m_store.writer().call<QString>([&job](casedb::Database &db) { return atomically(db, job); });
        const bool ok = r.has_value();
        const QString text = ok ? *r : QString::fromStdString(r.error().toString());
        QMetaObject::invokeMethod(this, [this, ok, text] {
            m_running = false;
            emit finished(ok, text);
        }, Qt::QueuedConnection);
    });
    return true;
}

void PeopleTask::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace vigil::ui
