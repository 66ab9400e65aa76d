// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/blursettings.h"

#include <algorithm>

#include <QSettings>

namespace vigil::ui {

namespace {
constexpr auto kStrengthKey = "wellness/blurStrength";
constexpr auto kGreyscaleKey = "wellness/greyscale";
} // namespace

BlurSettings BlurSettings::load(const QSettings &settings)
{
    BlurSettings s;
    s.strength = settings.value(kStrengthKey, kDefaultStrength).toInt();
    s.greyscale = settings.value(kGreyscaleKey, false).toBool();
    return s.clamped();
}

void BlurSettings::save(QSettings &settings) const
{
    const BlurSettings s = clamped();
    settings.setValue(kStrengthKey, s.strength);
    settings.setValue(kGreyscaleKey, s.greyscale);
}

BlurSettings BlurSettings::clamped() const
{
    BlurSettings s = *this;
    s.strength = std::clamp(s.strength, 0, 100);
    return s;
}

bool operator==(const BlurSettings &a, const BlurSettings &b)
{
    return a.strength == b.strength && a.greyscale == b.greyscale;
}

} // namespace vigil::ui
