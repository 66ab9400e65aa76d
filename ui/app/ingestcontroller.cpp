// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/ingestcontroller.h"

#include <QMetaObject>
#include <QSettings>

#include "plugins/api/host.h"
#include "plugins/api/registry.h"
#include "plugins/builtin.h"

namespace vigil::ui {

namespace {

IngestStatus toStatus(const pipeline::IngestProgress &p)
{
    IngestStatus s;
    s.evidence = QString::fromStdString(p.evidence);
    s.stage = QString::fromUtf8(pipeline::stageName(p.stage));
    s.filesIndexed = p.filesIndexed;
    s.filesDone = p.filesDone;
    s.filesTotal = p.filesTotal;
    s.bytesDone = p.bytesDone;
    s.bytesTotal = p.bytesTotal;
    s.errors = p.errors;
    return s;
}

} // namespace

IngestController::IngestController(casedb::CaseStore &store, QObject *parent)
    : QObject(parent), m_store(store), m_registry(std::make_unique<plugins::PluginRegistry>())
{
    qRegisterMetaType<vigil::ui::IngestStatus>();
    plugins::registerBuiltinPlugins(*m_registry);
    m_registry->load({});
    m_host = std::make_unique<plugins::PluginHost>(m_registry->loadedPlugins());
}

IngestController::~IngestController()
{
    cancel();
    wait();
}

void IngestController::start(const QStringList &evidence, bool verify)
{
    if (m_running || evidence.isEmpty())
        return;
    wait();
    m_cancel = false;
    m_running = true;
    pipeline::IngestOptions options;
    for (const auto &e : evidence)
        options.evidence.emplace_back(e.toStdString());
    options.verify = verify;
    options.cancel = &m_cancel;
    options.plugins = m_host.get();
    options.region = QSettings().value(QStringLiteral("region")).toString().toStdString();
    emit started();
    // The destructor joins this thread, so `this` outlives every queued call below.
    m_thread = std::thread([this, options] {
        auto summary = pipeline::runIngest(m_store, options, [this](const pipeline::IngestProgress &p) {
            const IngestStatus s = toStatus(p);
            QMetaObject::invokeMethod(this, [this, s] { emit progress(s); }, Qt::QueuedConnection);
        });
        const QString json = QString::fromStdString(summary.toJson());
        const bool cancelled = summary.cancelled;
        const quint64 errors = summary.totalErrors();
        QMetaObject::invokeMethod(this, [this, json, cancelled, errors] {
            m_running = false;
            emit finished(json, cancelled, errors);
        }, Qt::QueuedConnection);
    });
}

void IngestController::cancel()
{
    m_cancel = true;
}

void IngestController::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace vigil::ui
