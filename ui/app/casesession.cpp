// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/casesession.h"

#include <QDir>
#include <QJsonObject>

#include "core/casedb/casestore.h"

namespace vigil::ui {

std::unique_ptr<CaseSession> CaseSession::open(const QString &folder, const casedb::CaseInfo &info,
                                               const QString &examiner, QString *error)
{
    auto store = casedb::CaseStore::openOrCreate(folder.toStdString(), info, examiner.toStdString());
    if (!store) {
        if (error)
            *error = QString::fromStdString(store.error().toString());
        return nullptr;
    }
    return std::unique_ptr<CaseSession>(new CaseSession(QDir(folder).absolutePath(), std::move(*store)));
}

CaseSession::CaseSession(QString folder, std::unique_ptr<casedb::CaseStore> store)
    : m_folder(std::move(folder)), m_store(std::move(store))
{
}

QString CaseSession::title() const
{
    return QDir(m_folder).dirName();
}

void CaseSession::audit(const QString &action, const QJsonObject &details)
{
    m_store->audit(action.toStdString(), details);
}

} // namespace vigil::ui
