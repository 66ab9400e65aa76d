// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <thread>

#include "core/casedb/casestore.h"

namespace vigil::ui {

// Runs one people job at a time (a merge, split or undo followed by the whole people
// analysis) as a job of the case's writer, from a background thread so the window stays
// responsive; the outcome arrives as a signal on the GUI thread.
class PeopleTask : public QObject {
    Q_OBJECT
public:
    // Returns a sentence for the status bar, or an error.
    using Job = std::function<Result<QString>(casedb::Database &)>;

    explicit PeopleTask(casedb::CaseStore &store, QObject *parent = nullptr);
    ~PeopleTask() override;

    bool isRunning() const { return m_running; }
    // False (and nothing runs) while another job is running.
    bool start(Job job);
    void wait();

signals:
    void finished(bool ok, const QString &text);

private:
    casedb::CaseStore &m_store;
    bool m_running = false;
    std::thread m_thread;
};

} // namespace vigil::ui
