// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/newcasedialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>

namespace vigil::ui {

NewCaseDialog::NewCaseDialog(QWidget *parent)
    : QDialog(parent), m_folder(new QLineEdit(this)), m_caseNumber(new QLineEdit(this)),
      m_examiner(new QLineEdit(this)), m_description(new QPlainTextEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New case"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_examiner->setText(QSettings().value("examiner", qEnvironmentVariable("USER")).toString());
    m_description->setPlaceholderText(tr("What the case is about, for the report"));
    m_description->setMaximumHeight(90);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Case &folder:"), folderRow);
    form->addRow(tr("Case &number:"), m_caseNumber);
    form->addRow(tr("&Examiner:"), m_examiner);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(m_buttons);
    connect(browse, &QPushButton::clicked, this, &NewCaseDialog::browse);
    connect(m_folder, &QLineEdit::textChanged, this, &NewCaseDialog::validate);
    connect(m_examiner, &QLineEdit::textChanged, this, &NewCaseDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings().setValue("examiner", examiner());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, sizeHint().height());
    validate();
}

QString NewCaseDialog::folder() const { return m_folder->text().trimmed(); }
QString NewCaseDialog::caseNumber() const { return m_caseNumber->text().trimmed(); }
QString NewCaseDialog::examiner() const { return m_examiner->text().trimmed(); }
QString NewCaseDialog::description() const { return m_description->toPlainText().trimmed(); }
void NewCaseDialog::setFolder(const QString &folder) { m_folder->setText(folder); }

void NewCaseDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the new case"), folder());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

void NewCaseDialog::validate()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!folder().isEmpty() && !examiner().isEmpty());
}

} // namespace vigil::ui
