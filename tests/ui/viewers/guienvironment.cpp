// SPDX-License-Identifier: GPL-3.0-or-later
// One offscreen QApplication for all viewer tests (gtest_main provides main()).
#include "tests/ui/viewers/guienvironment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QSettings>
#include <QWidget>

#include "tests/testutil/tempdir.h"

namespace {

using vigil::test::TempDir;

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
        // Settings of this process only: ctest -j runs other test processes beside it, and a
        // shared settings file let one test's remembered choices overwrite another's.
        m_settings = std::make_unique<TempDir>("vigil-ui-settings-");
        const QString folder = QString::fromStdString(m_settings->path().string());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
    }
    void TearDown() override
    {
        m_app.reset();
        m_settings.reset();
    }

private:
    std::unique_ptr<QApplication> m_app;
    std::unique_ptr<TempDir> m_settings;
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

ui::ByteReader memoryReader(const QByteArray &data)
{
    return [data](std::uint64_t offset, void *buf, std::size_t len) -> Result<std::size_t> {
        if (offset >= static_cast<std::uint64_t>(data.size()))
            return 0;
        const auto n = std::min<std::size_t>(len, static_cast<std::size_t>(data.size() - static_cast<qsizetype>(offset)));
        std::memcpy(buf, data.constData() + offset, n);
        return n;
    };
}

} // namespace vigil::test
