// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>

namespace vigil::ui {

SettingsDialog::SettingsDialog(const ExaminerSettings &current, QWidget *parent)
    : QDialog(parent), m_examiner(new QLineEdit(current.examiner, this)), m_agency(new QLineEdit(current.agency, this)),
      m_zone(new QComboBox(this)), m_blur(new QSlider(Qt::Horizontal, this)),
      m_greyscale(new QCheckBox(tr("Show images in &greyscale"), this))
{
    setWindowTitle(tr("Settings"));
    setObjectName("settingsDialog");
    m_examiner->setPlaceholderText(tr("Your name as it appears in the audit log and reports"));
    m_agency->setPlaceholderText(tr("Printed on the report's cover"));
    m_zone->setEditable(false);
    fillTimeZoneBox(m_zone, current.timeZone);
    m_blur->setRange(0, 100);
    m_blur->setValue(current.blur.strength);
    m_greyscale->setChecked(current.blur.greyscale);
    auto *blurValue = new QLabel(QString::number(current.blur.strength), this);
    connect(m_blur, &QSlider::valueChanged, blurValue, [blurValue](int v) { blurValue->setNum(v); });
    auto *blurRow = new QHBoxLayout;
    blurRow->addWidget(m_blur, 1);
    blurRow->addWidget(blurValue);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *save = buttons->button(QDialogButtonBox::Save);
    auto update = [this, save] { save->setEnabled(!m_examiner->text().trimmed().isEmpty()); };
    connect(m_examiner, &QLineEdit::textChanged, this, update);
    update();

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Examiner:"), m_examiner);
    form->addRow(tr("&Agency:"), m_agency);
    form->addRow(tr("&Time zone:"), m_zone);
    form->addRow(new QLabel(tr("Times are stored in UTC; this is the zone they are shown in."), this));
    auto *blurLabel = new QLabel(tr("&Blur strength:"), this);
    blurLabel->setBuddy(m_blur);   // a row holding a layout gets no buddy of its own
    form->addRow(blurLabel, blurRow);
    form->addRow(new QLabel(tr("Image previews are blurred until you reveal one (R); 0 shows them as they are."), this));
    form->addRow(m_greyscale);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, sizeHint().height());
}

ExaminerSettings SettingsDialog::settings() const
{
    ExaminerSettings s;
    s.examiner = m_examiner->text().trimmed();
    s.agency = m_agency->text().trimmed();
    s.timeZone = m_zone->currentData().toByteArray();
    s.blur.strength = m_blur->value();
    s.blur.greyscale = m_greyscale->isChecked();
    s.blur = s.blur.clamped();
    return s;
}

} // namespace vigil::ui
