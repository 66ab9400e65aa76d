// SPDX-License-Identifier: GPL-3.0-or-later
// One offscreen QApplication for all viewer tests (gtest_main provides main()).
#include "tests/ui/viewers/guienvironment.h"

#include <gtest/gtest.h>

#include <memory>

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QWidget>

namespace {

class GuiEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "ui_viewers_test";
        static char *argv[] = {name, nullptr};
        m_app = std::make_unique<QApplication>(argc, argv);
        QApplication::setOrganizationName(QStringLiteral("VigilTest"));
        QApplication::setApplicationName(QStringLiteral("ui_viewers_test"));
    }
    void TearDown() override { m_app.reset(); }

private:
    std::unique_ptr<QApplication> m_app;
};

[[maybe_unused]] const auto *const kEnvironment = ::testing::AddGlobalTestEnvironment(new GuiEnvironment);

} // namespace

namespace vigil::test {

QString saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = QStringLiteral(VIGIL_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    QApplication::processEvents();   // let pending layouts (scroll bars) settle first
    return widget->grab().save(path) ? path : QString();
}

} // namespace vigil::test
