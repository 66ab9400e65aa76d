// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "ui/app/examinersettings.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSlider;

namespace vigil::ui {

// Settings: examiner name, agency, display time zone and blur strength (ExaminerSettings).
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const ExaminerSettings &current, QWidget *parent = nullptr);
    ExaminerSettings settings() const;

    QLineEdit *examinerEdit() const { return m_examiner; }
    QLineEdit *agencyEdit() const { return m_agency; }
    QComboBox *zoneBox() const { return m_zone; }
    QSlider *blurSlider() const { return m_blur; }

private:
    QLineEdit *m_examiner;
    QLineEdit *m_agency;
    QComboBox *m_zone;
    QSlider *m_blur;
    QCheckBox *m_greyscale;
};

} // namespace vigil::ui
