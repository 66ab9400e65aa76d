// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;

namespace vigil::test {

// Saves widget->grab() as VIGIL_SCREENSHOT_DIR/<name>.png; returns the path ("" on failure).
QString saveScreenshot(QWidget *widget, const QString &name);

} // namespace vigil::test
