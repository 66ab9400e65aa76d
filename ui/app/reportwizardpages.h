// SPDX-License-Identifier: GPL-3.0-or-later
// The five pages of the report wizard (issue 9): sections, victims, redaction and content, output,
// and the preview. Each page owns its widgets and tells what it adds to the report options;
// ReportWizard (reportwizard.h) puts the answers together, previews and writes. Widgets carry
// object names so tests can drive them.
#pragma once

#include <QString>
#include <QWizardPage>

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "core/casedb/peoplequery.h"
#include "core/report/reportmodel.h"
#include "core/util/error.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QTreeWidget;

namespace vigil::ui {

// 1. Which sections the report has: one check box per report::Section, all on by default.
class ReportSectionsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ReportSectionsPage(QWidget *parent = nullptr);
    unsigned sections() const;   // report::Section bits

private:
    std::vector<std::pair<unsigned, QCheckBox *>> m_boxes;
};

// 2. Which victims: the case's ranked victims, all checked, restricted by a country filter.
class ReportVictimsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ReportVictimsPage(const std::vector<casedb::VictimRow> &victims, QWidget *parent = nullptr);
    bool isComplete() const override;
    // The checked victims among those listed; empty when every listed victim is checked (the
    // report then takes every victim of the country chosen, which is the same set).
    std::vector<std::int64_t> victimIds() const;
    QString country() const;   // "" = all countries
    int listedCount() const;
    int checkedCount() const;

private:
    void addVictim(const casedb::VictimRow &victim);
    void fillCountries(const std::vector<casedb::VictimRow> &victims);
    void applyCountry();
    void setListedChecked(bool checked);
    void updateCount();

    QComboBox *m_country = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_count = nullptr;
};

// 3. Redaction and content: initials for children's names (on), thumbnails of media graded not
// indecent (off), key messages per victim, agency and examiner.
class ReportContentPage : public QWizardPage {
    Q_OBJECT
public:
    ReportContentPage(const QString &examiner, const QString &agency, QWidget *parent = nullptr);
    bool redactNames() const;
    bool mediaThumbnails() const;
    int keyMessagesPerVictim() const;
    QString agency() const;
    QString examiner() const;

private:
    QCheckBox *m_redact = nullptr;
    QCheckBox *m_thumbnails = nullptr;
    QSpinBox *m_keyMessages = nullptr;
    QLineEdit *m_agency = nullptr;
    QLineEdit *m_examiner = nullptr;
};

// 4. Output: the formats, the folder, the base file name and the per-country referral packages.
class ReportOutputPage : public QWizardPage {
    Q_OBJECT
public:
    // `redacting` tells whether the report redacts names (CASE/UCO cannot be written then).
    ReportOutputPage(unsigned formats, const QString &folder, const QString &baseName, bool referrals,
                     std::function<bool()> redacting, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    unsigned formats() const;   // report::Format bits
    QString folder() const;
    QString baseName() const;
    bool referrals() const;
    // Why Finish cannot write yet ("" when it can).
    QString problem() const;

private:
    void browse();
    void update();

    std::function<bool()> m_redacting;
    std::vector<std::pair<unsigned, QCheckBox *>> m_formats;
    QLineEdit *m_folder = nullptr;
    QLineEdit *m_base = nullptr;
    QCheckBox *m_referrals = nullptr;
    QLabel *m_files = nullptr;
};

// 5. The report as it will be written, rendered again each time the page is entered.
class ReportPreviewPage : public QWizardPage {
    Q_OBJECT
public:
    using Render = std::function<Result<QString>()>;   // the preview HTML for the options chosen
    using Describe = std::function<QString()>;         // what Finish will write, one sentence
    ReportPreviewPage(Render render, Describe describe, QWidget *parent = nullptr);
    void initializePage() override;
    QTextBrowser *browser() const { return m_browser; }

private:
    Render m_render;
    Describe m_describe;
    QLabel *m_what = nullptr;
    QTextBrowser *m_browser = nullptr;
};

// A base file name is a single name: not empty, no folder separators, not "." or "..".
bool isValidBaseName(const QString &name);
// The name ui/report's writeReportFiles gives a format's file (report::reportFileName).
QString reportFileName(const QString &baseName, unsigned format);
// The folder the referral packages go in, beside the report: "<base>-referrals".
QString referralFolderName(const QString &baseName);
// The case number made safe as part of a file name ("DEMO/1 a" → "DEMO_1_a").
QString fileNameSafe(const QString &text);

} // namespace vigil::ui
