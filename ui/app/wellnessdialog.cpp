// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/wellnessdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSlider>

namespace vigil::ui {

WellnessDialog::WellnessDialog(const BlurSettings &current, QWidget *parent)
    : QDialog(parent), m_strength(new QSlider(Qt::Horizontal, this)),
      m_greyscale(new QCheckBox(tr("Show images in &greyscale"), this))
{
    setWindowTitle(tr("Wellness"));
    m_strength->setRange(0, 100);
    m_strength->setValue(current.strength);
    m_greyscale->setChecked(current.greyscale);
    auto *value = new QLabel(QString::number(current.strength), this);
    connect(m_strength, &QSlider::valueChanged, value, [value](int v) { value->setNum(v); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout(this);
    form->addRow(new QLabel(tr("Image previews are blurred until you reveal one (R)."), this));
    form->addRow(tr("Blur &strength:"), m_strength);
    form->addRow(QString(), value);
    form->addRow(m_greyscale);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

BlurSettings WellnessDialog::settings() const
{
    BlurSettings s;
    s.strength = m_strength->value();
    s.greyscale = m_greyscale->isChecked();
    return s.clamped();
}

} // namespace vigil::ui
