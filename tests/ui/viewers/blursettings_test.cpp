// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QSettings>
#include <QTemporaryDir>

#include "ui/viewers/blursettings.h"

using vigil::ui::BlurSettings;

TEST(BlurSettings, DefaultsWhenNothingSaved)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
    const BlurSettings s = BlurSettings::load(settings);
    EXPECT_EQ(s.strength, BlurSettings::kDefaultStrength);
    EXPECT_FALSE(s.greyscale);
}

TEST(BlurSettings, RoundTripsAndClamps)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
    BlurSettings{35, true}.save(settings);
    EXPECT_EQ(BlurSettings::load(settings), (BlurSettings{35, true}));
    settings.setValue("wellness/blurStrength", 400);
    EXPECT_EQ(BlurSettings::load(settings).strength, 100);
    settings.setValue("wellness/blurStrength", -3);
    EXPECT_EQ(BlurSettings::load(settings).strength, 0);
}
