// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "ui/viewers/bytereader.h"

class QWidget;

namespace vigil::test {

// Saves widget->grab() as VIGIL_SCREENSHOT_DIR/<name>.png; returns the path ("" on failure).
QString saveScreenshot(QWidget *widget, const QString &name);

// A ByteReader over bytes held in memory.
vigil::ui::ByteReader memoryReader(const QByteArray &data);

} // namespace vigil::test
