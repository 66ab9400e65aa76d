// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QDialogButtonBox;

namespace vigil::ui {

// Asks for a new case's folder, number, examiner and description.
class NewCaseDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewCaseDialog(QWidget *parent = nullptr);

    QString folder() const;
    QString caseNumber() const;
    QString examiner() const;
    QString description() const;
    void setFolder(const QString &folder);

private:
    void browse();
    void validate();

    QLineEdit *m_folder;
    QLineEdit *m_caseNumber;
    QLineEdit *m_examiner;
    QPlainTextEdit *m_description;
    QDialogButtonBox *m_buttons;
};

} // namespace vigil::ui
