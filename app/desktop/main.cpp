// SPDX-License-Identifier: GPL-3.0-or-later
// vigil-desktop [CASE_FOLDER [EVIDENCE...]]: opens (or creates) a case and queues evidence.
#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QStyleFactory>

#include "core/util/heaptuning.h"
#include "core/util/version.h"
#include "ui/app/mainwindow.h"

int main(int argc, char **argv)
{
    vigil::tuneHeapForLongRuns();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Vigil");
    QApplication::setApplicationName("Vigil");
    QApplication::setApplicationVersion(QString::fromUtf8(vigil::vigilVersion().data(), qsizetype(vigil::vigilVersion().size())));
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.vigil.Vigil"));   // installers/linux: entry and icon
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.vigil.Vigil")));
    vigil::ui::MainWindow window;
    const QStringList args = QApplication::arguments().mid(1);
    if (!args.isEmpty()) {
        QString error;
        if (!window.openCase(args.first(), &error))
            QMessageBox::warning(&window, QObject::tr("Open case"), error);
        else
            window.addEvidence(args.mid(1));
    }
    window.show();
    return QApplication::exec();
}
