// SPDX-License-Identifier: GPL-3.0-or-later
// What the report wizard wrote (issue 9): each file with its size and SHA-256, in a list that
// scrolls however many files the referral packages add, copyable in sha256sum's format, and a
// button that opens the folder. Shown by ReportWizard after writing; closing it ends the wizard.
#pragma once

#include <QDialog>
#include <QString>

#include <vector>

#include "ui/report/reportwriter.h"

class QTreeWidget;

namespace vigil::ui {

class ReportSummaryDialog : public QDialog {
    Q_OBJECT
public:
    ReportSummaryDialog(const QString &folder, const std::vector<report::WrittenFile> &files,
                        QWidget *parent = nullptr);

    // Every file as sha256sum prints it ("<hash>  <path relative to the folder>"), one a line.
    QString listing() const { return m_listing; }
    QTreeWidget *fileList() const { return m_list; }

private:
    void fill(const std::vector<report::WrittenFile> &files);

    QString m_folder, m_listing;
    QTreeWidget *m_list = nullptr;
};

} // namespace vigil::ui
