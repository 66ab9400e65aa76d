// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "ui/viewers/blursettings.h"

class QSlider;
class QCheckBox;

namespace vigil::ui {

// Blur strength and greyscale for every image preview (saved in the user's settings).
class WellnessDialog : public QDialog {
    Q_OBJECT
public:
    explicit WellnessDialog(const BlurSettings &current, QWidget *parent = nullptr);
    BlurSettings settings() const;

private:
    QSlider *m_strength;
    QCheckBox *m_greyscale;
};

} // namespace vigil::ui
