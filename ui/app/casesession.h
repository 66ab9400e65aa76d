// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <memory>

#include "core/casedb/casestore.h"

namespace vigil::ui {

// The open case: its store (the one writer for this process) and the examiner's name.
// Everything the desktop records about what the examiner did goes through audit().
class CaseSession : public QObject {
    Q_OBJECT
public:
    static std::unique_ptr<CaseSession> open(const QString &folder, const casedb::CaseInfo &info,
                                             const QString &examiner, QString *error);

    QString folder() const { return m_folder; }
    QString title() const;
    casedb::CaseStore &store() { return *m_store; }
    void audit(const QString &action, const QJsonObject &details);

private:
    CaseSession(QString folder, std::unique_ptr<casedb::CaseStore> store);
    QString m_folder;
    std::unique_ptr<casedb::CaseStore> m_store;
};

} // namespace vigil::ui
