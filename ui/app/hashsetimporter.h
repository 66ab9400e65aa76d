// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <thread>

#include "core/casedb/casestore.h"

namespace vigil::ui {

// Imports a hash set into the open case on a background thread (a VICS file or an NSRL set
// can hold tens of millions of hashes) and matches the case's files against it; the result
// arrives as a signal on the GUI thread.
class HashSetImporter : public QObject {
    Q_OBJECT
public:
    explicit HashSetImporter(casedb::CaseStore &store, QObject *parent = nullptr);
    ~HashSetImporter() override;

    bool isRunning() const { return m_running; }
    // role: "" (by format), "known-bad", "known-good" or "categorised".
    void start(const QString &file, const QString &role = {});
    void wait();

signals:
    void progress(quint64 entries);
    // ok: imported; text: the summary or what went wrong, for people.
    void finished(bool ok, const QString &text);

private:
    casedb::CaseStore &m_store;
    bool m_running = false;
    std::thread m_thread;
};

} // namespace vigil::ui
