// SPDX-License-Identifier: GPL-3.0-or-later
// The report wizard of the desktop app (issue 9). Five pages — sections, victims, redaction and
// content, output, preview (reportwizardpages.h) — build the report options; the preview shows
// the report for them, rendered again each time it is entered. Finish writes the chosen formats,
// and the per-country referral packages if asked, through ui/report's writer with a progress
// dialog: every file gets a SHA-256 sidecar and a report.write audit entry through the case
// session, and a summary lists each file with its hash. The wizard reads the case on a read-only
// connection of its own, asks before replacing files, creates a missing folder, keeps every
// choice when writing fails, and remembers the folder, formats and agency in QSettings.
#pragma once

#include <QMessageBox>
#include <QPointer>
#include <QStringList>
#include <QWizard>

#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/peoplequery.h"
#include "core/casedb/reportquery.h"
#include "core/report/reportmodel.h"
#include "ui/app/reportwizardsummary.h"
#include "ui/report/reportwriter.h"

namespace vigil::ui {

class CaseSession;
class ReportSectionsPage;
class ReportVictimsPage;
class ReportContentPage;
class ReportOutputPage;
class ReportPreviewPage;

class ReportWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { SectionsPageId, VictimsPageId, ContentPageId, OutputPageId, PreviewPageId };

    // Opens the session's case for reading; null, with `error` set, when it cannot be read.
    static ReportWizard *create(CaseSession &session, QWidget *parent, QString *error);

    // The choices of the pages as the writer takes them.
    report::ReportOptions options() const;
    unsigned formats() const;   // report::Format bits
    QString outputFolder() const;
    QString baseName() const;
    bool referralPackages() const;
    // What Finish would write that exists already, relative to the folder (it asks before
    // replacing): report files, their sidecars, the referral folder when not empty.
    QStringList existingTargets() const;
    // What the last Finish wrote, in order (only whole steps: files of a step that failed are not here).
    const std::vector<report::WrittenFile> &written() const { return m_written; }
    // The message box on screen (the overwrite question or an error), null when none.
    QMessageBox *messageBox() const { return m_box.data(); }
    // The list of what was written, on screen after writing; closing it ends the wizard.
    ReportSummaryDialog *summaryDialog() const { return m_summary.data(); }

    ReportSectionsPage *sectionsPage() const { return m_sections; }
    ReportVictimsPage *victimsPage() const { return m_victims; }
    ReportContentPage *contentPage() const { return m_content; }
    ReportOutputPage *outputPage() const { return m_output; }
    ReportPreviewPage *previewPage() const { return m_preview; }

signals:
    void reportWritten();                     // the files are written; the summary is on screen
    void writeFailed(const QString &error);   // the error box is on screen; nothing was changed in the wizard

public slots:
    void accept() override;   // Finish: asks about existing files, writes, shows the summary
    void done(int result) override;

private:
    ReportWizard(CaseSession &session, casedb::Database db, const casedb::CaseCover &cover,
                 const std::vector<casedb::VictimRow> &victims, QWidget *parent);
    void addPages(const casedb::CaseCover &cover, const std::vector<casedb::VictimRow> &victims);
    void askToReplace(const QStringList &existing);
    void write();
    Result<void> writeFiles(const report::ReportProgress &progress);
    report::ReportAudit auditor() const;
    void showSummary();
    void showError(const QString &text, const QString &detail = {});
    QMessageBox *makeBox(QMessageBox::Icon icon, const QString &text, QMessageBox::StandardButtons buttons);
    void saveSettings() const;
    QString describe() const;

    CaseSession &m_session;
    casedb::Database m_db;   // read-only
    int m_victimTotal = 0;
    ReportSectionsPage *m_sections = nullptr;
    ReportVictimsPage *m_victims = nullptr;
    ReportContentPage *m_content = nullptr;
    ReportOutputPage *m_output = nullptr;
    ReportPreviewPage *m_preview = nullptr;
    std::vector<report::WrittenFile> m_written;
    QPointer<QMessageBox> m_box;
    QPointer<ReportSummaryDialog> m_summary;
    bool m_writing = false;
};

} // namespace vigil::ui
