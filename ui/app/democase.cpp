// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/democase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace vigil::ui {

namespace {

constexpr const char *kImages[] = {"demo.E01", "demo-phone.E01"};

QStringList imagesIn(const QString &dir)
{
    QStringList files;
    for (const char *name : kImages) {
        const QFileInfo f(QDir(dir).filePath(QString::fromLatin1(name)));
        if (!f.isFile())
            return {};
        files << f.absoluteFilePath();
    }
    return files;
}

} // namespace

QStringList demoEvidence(QString *why)
{
    QStringList places;
    if (const QString env = qEnvironmentVariable("VIGIL_DEMO_DIR"); !env.isEmpty())
        places << env;
    places << QDir::cleanPath(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/vigil/demo")));
#ifdef VIGIL_BUILD_DEMO_DIR
    places << QStringLiteral(VIGIL_BUILD_DEMO_DIR);
#endif
    return demoEvidenceIn(places, why);
}

QStringList demoEvidenceIn(const QStringList &folders, QString *why)
{
    for (const QString &dir : folders)
        if (const QStringList files = imagesIn(dir); !files.isEmpty())
            return files;
    if (why)
        *why = QCoreApplication::translate("DemoCase",
                                           "The demo evidence (demo.E01 and demo-phone.E01) was not found in:\n%1\n\n"
                                           "It is part of the installed package; in a source build, tests/data/make_demo.sh "
                                           "makes it (scripts/demo.sh runs it).")
                   .arg(folders.join(QLatin1Char('\n')));
    return {};
}

QString demoCaseFolder()
{
    if (const QString env = qEnvironmentVariable("VIGIL_DEMO_CASE"); !env.isEmpty())
        return env;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("demo-case"));
}

} // namespace vigil::ui
