// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QSettings;

namespace vigil::ui {

// Wellness: how image previews and thumbnails are obscured until an analyst reveals one.
struct BlurSettings {
    static constexpr int kDefaultStrength = 60;

    int strength = kDefaultStrength;   // 0 (no blur) .. 100 (shapes only)
    bool greyscale = false;            // also drop colour (blurred and revealed)

    static BlurSettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    BlurSettings clamped() const;
};

bool operator==(const BlurSettings &a, const BlurSettings &b);

} // namespace vigil::ui
