// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/hashsetimporter.h"

#include <QFileInfo>

#include "core/pipeline/mediastage.h"

namespace vigil::ui {

namespace {

QString summaryText(const pipeline::HashSetImportResult &r)
{
    QString text = QObject::tr("Hash set \"%1\" (%2, %3): %4 MD5 and %5 SHA-1 hashes; %6 entries rejected.\n"
                               "Files of the case that match it: %7 (%8 pre-graded, %9 known-good).")
                       .arg(QString::fromStdString(r.row.name), QString::fromStdString(r.row.role),
                            QString::fromStdString(r.row.format + (r.row.formatVersion.empty() ? "" : " " + r.row.formatVersion)))
                       .arg(r.row.md5Count)
                       .arg(r.row.sha1Count)
                       .arg(r.row.rejected)
                       .arg(r.matches.hashMatches)
                       .arg(r.matches.pregraded)
                       .arg(r.matches.knownGood);
    for (const auto &why : r.rejectReasons)
        text += "\n" + QObject::tr("Rejected: %1").arg(QString::fromStdString(why));
    return text;
}

} // namespace

HashSetImporter::HashSetImporter(casedb::CaseStore &store, QObject *parent) : QObject(parent), m_store(store) {}

HashSetImporter::~HashSetImporter()
{
    wait();
}

void HashSetImporter::start(const QString &file, const QString &role)
{
    if (m_running)
        return;
    wait();
    m_running = true;
    m_thread = std::thread([this, path = file.toStdString(), role = role.toStdString(),
                            name = QFileInfo(file).fileName().toStdString()] {
        auto r = pipeline::importHashSetIntoCase(m_store, path, name, role, [this](std::uint64_t n) {
            if (n % 100000 == 0)
                QMetaObject::invokeMethod(this, [this, n] { emit progress(n); }, Qt::QueuedConnection);
        });
        const bool ok = r.has_value();
        const QString text = ok ? summaryText(*r) : QString::fromStdString(r.error().toString());
        QMetaObject::invokeMethod(this, [this, ok, text] {
            m_running = false;
            emit finished(ok, text);
        }, Qt::QueuedConnection);
    });
}

void HashSetImporter::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace vigil::ui
