// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <thread>

#include "core/casedb/casestore.h"
#include "core/pipeline/ingest.h"

namespace vigil::plugins {
class PluginRegistry;
class PluginHost;
}

namespace vigil::ui {

// One progress report, as the GUI thread receives it.
struct IngestStatus {
    QString evidence;
    QString stage;
    quint64 filesIndexed = 0, filesDone = 0, filesTotal = 0;
    quint64 bytesDone = 0, bytesTotal = 0;
    quint64 errors = 0;
};

// Runs an ingest on a background thread so the window never freezes. Progress and the
// end arrive as signals on the GUI thread; cancel() stops it between (and within) files.
class IngestController : public QObject {
    Q_OBJECT
public:
    explicit IngestController(casedb::CaseStore &store, QObject *parent = nullptr);
    ~IngestController() override;

    bool isRunning() const { return m_running; }
    void start(const QStringList &evidence, bool verify = false);
    void cancel();
    // Blocks until the ingest thread has ended (used on close).
    void wait();

signals:
    void started();
    void progress(const vigil::ui::IngestStatus &status);
    void finished(const QString &summaryJson, bool cancelled, quint64 errors);

private:
    casedb::CaseStore &m_store;
    std::unique_ptr<plugins::PluginRegistry> m_registry;   // every built-in parser, loaded once
    std::unique_ptr<plugins::PluginHost> m_host;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
    std::thread m_thread;
};

} // namespace vigil::ui

Q_DECLARE_METATYPE(vigil::ui::IngestStatus)
