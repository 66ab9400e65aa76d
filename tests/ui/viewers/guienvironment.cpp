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
