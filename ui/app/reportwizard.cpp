// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/reportwizard.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>

#include <filesystem>

#include "core/casedb/casestore.h"
#include "ui/app/casesession.h"
#include "ui/app/reportwizardpages.h"
#include "ui/app/reportwizardsummary.h"

namespace vigil::ui {

namespace {

constexpr auto kFolderKey = "report/folder";
constexpr auto kFormatsKey = "report/formats";
constexpr auto kReferralsKey = "report/referrals";
constexpr auto kAgencyKey = "report/agency";
constexpr unsigned kDefaultFormats = report::FormatPdf | report::FormatHtml;
constexpr unsigned kAllFormats = report::FormatPdf | report::FormatHtml | report::FormatCsv | report::FormatXlsx |
                                 report::FormatCaseUco | report::FormatVics;

std::filesystem::path toPath(const QString &path)
{
    return std::filesystem::path(path.toStdU32String());
}

std::vector<unsigned> formatBits(unsigned formats)
{
    std::vector<unsigned> bits;
    for (unsigned bit = 1; bit <= kAllFormats; bit <<= 1)
        if (formats & bit)
            bits.push_back(bit);
    return bits;
}

QString filesText(std::size_t n)
{
    return n == 1 ? QCoreApplication::translate("ReportWizard", "1 file")
                  : QCoreApplication::translate("ReportWizard", "%1 files").arg(n);
}

} // namespace

ReportWizard *ReportWizard::create(CaseSession &session, QWidget *parent, QString *error)
{
    auto failed = [error](const Error &e) -> ReportWizard * {
        if (error)
            *error = QCoreApplication::translate("ReportWizard", "The case cannot be read for a report: %1")
                         .arg(QString::fromStdString(e.toString()));
        return nullptr;
    };
    auto db = casedb::CaseStore::openReadOnly(toPath(session.folder()));
    if (!db)
        return failed(db.error());
    auto cover = casedb::caseCover(*db);
    if (!cover)
        return failed(cover.error());
    auto victims = casedb::listVictims(*db);
    if (!victims)
        return failed(victims.error());
    return new ReportWizard(session, std::move(*db), *cover, *victims, parent);
}

ReportWizard::ReportWizard(CaseSession &session, casedb::Database db, const casedb::CaseCover &cover,
                           const std::vector<casedb::VictimRow> &victims, QWidget *parent)
    : QWizard(parent), m_session(session), m_db(std::move(db)), m_victimTotal(static_cast<int>(victims.size()))
{
    const QString number = QString::fromStdString(cover.caseNumber);
    setWindowTitle(tr("Report — %1").arg(number.isEmpty() ? session.title() : number));
    setObjectName(QStringLiteral("reportWizard"));
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("&Write report"));
    addPages(cover, victims);
    resize(880, 660);
}

void ReportWizard::addPages(const casedb::CaseCover &cover, const std::vector<casedb::VictimRow> &victims)
{
    const QSettings settings;
    const QString caseNumber = fileNameSafe(QString::fromStdString(cover.caseNumber));
    const QString base =
        (caseNumber.isEmpty() ? fileNameSafe(m_session.title()) : caseNumber) + QStringLiteral("-report");
    const QString defaultFolder = QDir(m_session.folder()).filePath(QStringLiteral("reports"));
    const QString folder = settings.value(kFolderKey, defaultFolder).toString();
    const unsigned formats = settings.value(kFormatsKey, kDefaultFormats).toUInt() & kAllFormats;
    QString examiner = QString::fromStdString(m_session.store().actor());
    if (examiner.isEmpty())
        examiner = QString::fromStdString(cover.examiner);

    m_sections = new ReportSectionsPage(this);
    m_victims = new ReportVictimsPage(victims, this);
    m_content = new ReportContentPage(examiner, settings.value(kAgencyKey).toString(), this);
    m_output = new ReportOutputPage(formats, QDir::toNativeSeparators(folder), base,
                                    settings.value(kReferralsKey, false).toBool(),
                                    [this] { return m_content->redactNames(); }, this);
    m_preview = new ReportPreviewPage([this] { return report::reportPreviewHtml(m_db, options()); },
                                      [this] { return describe(); }, this);
    setPage(SectionsPageId, m_sections);
    setPage(VictimsPageId, m_victims);
    setPage(ContentPageId, m_content);
    setPage(OutputPageId, m_output);
    setPage(PreviewPageId, m_preview);
}

report::ReportOptions ReportWizard::options() const
{
    report::ReportOptions o;
    o.sections = m_sections->sections();
    o.victimIds = m_victims->victimIds();
    o.country = m_victims->country().toStdString();
    o.redactNames = m_content->redactNames();
    o.mediaThumbnails = m_content->mediaThumbnails();
    o.keyMessagesPerVictim = m_content->keyMessagesPerVictim();
    o.agency = m_content->agency().toStdString();
    o.examiner = m_content->examiner().toStdString();
    return o;
}

unsigned ReportWizard::formats() const
{
    return m_output->formats();
}

QString ReportWizard::outputFolder() const
{
    return m_output->folder();
}

QString ReportWizard::baseName() const
{
    return m_output->baseName();
}

bool ReportWizard::referralPackages() const
{
    return m_output->referrals();
}

QStringList ReportWizard::existingTargets() const
{
    const QDir dir(outputFolder());
    QStringList found;
    for (const unsigned bit : formatBits(formats())) {
        const QString name = reportFileName(baseName(), bit);
        for (const QString &file : {name, name + QStringLiteral(".sha256")})
            if (QFileInfo::exists(dir.filePath(file)))
                found << file;
    }
    const QString referrals = referralFolderName(baseName());
    if (referralPackages() && QFileInfo::exists(dir.filePath(referrals)) && !QDir(dir.filePath(referrals)).isEmpty())
        found << referrals + QLatin1Char('/');
    return found;
}

QString ReportWizard::describe() const
{
    QStringList names;
    for (const unsigned bit : formatBits(formats()))
        names << reportFileName(baseName(), bit);
    if (referralPackages())
        names << tr("a referral package per country in %1/").arg(referralFolderName(baseName()));
    const int chosen = m_victims->checkedCount();
    const QString country = m_victims->country();
    const QString victims = country.isEmpty() ? tr("%1 of the case's %2 victims").arg(chosen).arg(m_victimTotal)
                                              : tr("%1 victims in %2").arg(chosen).arg(country);
    return tr("Writes %1 into %2, each file with a .sha256 sidecar. Covers %3; children's names %4.")
        .arg(names.join(QStringLiteral(", ")), QDir::toNativeSeparators(outputFolder()), victims,
             m_content->redactNames() ? tr("as initials") : tr("in full"));
}

// ---- Finish ----

void ReportWizard::accept()
{
    if (m_writing || (m_box && m_box->isVisible()) || (m_summary && m_summary->isVisible()))
        return;   // writing, or a question or the summary is on screen
    if (const QString why = m_output->problem(); !why.isEmpty()) {
        showError(why);
        return;
    }
    const QStringList existing = existingTargets();
    if (existing.isEmpty())
        write();
    else
        askToReplace(existing);
}

void ReportWizard::done(int result)
{
    if (!m_writing)   // no closing halfway through a file
        QWizard::done(result);
}

void ReportWizard::askToReplace(const QStringList &existing)
{
    QMessageBox *box = makeBox(QMessageBox::Question,
                               filesText(existing.size()) + tr(" of this report exist in %1 already.")
                                   .arg(QDir::toNativeSeparators(outputFolder())),
                               QMessageBox::Yes | QMessageBox::Cancel);
    box->setInformativeText(tr("Replace them? Their earlier hashes stay in the case's audit log.\n\n%1")
                                .arg(existing.join(QLatin1Char('\n'))));
    box->button(QMessageBox::Yes)->setText(tr("&Replace"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box] {
        // Queued: the box is still in its click handler, and writing runs the event loop.
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            QMetaObject::invokeMethod(this, &ReportWizard::write, Qt::QueuedConnection);
    });
    box->open();
}

void ReportWizard::write()
{
    m_written.clear();
    if (!QDir().mkpath(outputFolder())) {
        showError(tr("The folder %1 could not be created.").arg(QDir::toNativeSeparators(outputFolder())));
        return;
    }
    QProgressDialog progress(tr("Writing the report…"), QString(), 0, 0, this);
    progress.setWindowTitle(windowTitle());
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    progress.setMinimumWidth(420);
    progress.show();
    m_writing = true;
    const Result<void> result = writeFiles([&progress](const QString &step) {
        progress.setLabelText(step);
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    });
    m_writing = false;
    progress.close();
    if (!result) {
        showError(tr("The report could not be written: %1").arg(QString::fromStdString(result.error().message)),
                  QString::fromStdString(result.error().detail));
        return;
    }
    saveSettings();
    showSummary();
    emit reportWritten();
}

Result<void> ReportWizard::writeFiles(const report::ReportProgress &progress)
{
    const report::ReportOptions opts = options();
    const auto dir = toPath(outputFolder());
    if (formats() != 0) {
        auto files =
            report::writeReportFiles(m_db, opts, formats(), dir, baseName().toStdString(), auditor(), progress);
        if (!files)
            return std::unexpected(files.error());
        m_written = std::move(*files);
    }
    if (referralPackages()) {
        auto files = report::writeReferralPackages(m_db, opts, dir / toPath(referralFolderName(baseName())), auditor(),
                                                   progress);
        if (!files)
            return std::unexpected(files.error());
        m_written.insert(m_written.end(), files->begin(), files->end());
    }
    return {};
}

report::ReportAudit ReportWizard::auditor() const
{
    CaseSession *session = &m_session;
    return [session](const std::string &action, const std::string &detailsJson) -> Result<void> {
        QJsonParseError error{};
        const QJsonDocument details = QJsonDocument::fromJson(QByteArray::fromStdString(detailsJson), &error);
        if (!details.isObject())
            return fail(ErrorCode::InvalidArgument, "The audit details of " + action + " are not a JSON object",
                        error.errorString().toStdString());
        session->audit(QString::fromStdString(action), details.object());
        return session->store().flush();   // recorded before the summary says it is written
    };
}

void ReportWizard::showSummary()
{
    auto *summary = new ReportSummaryDialog(outputFolder(), m_written, this);
    summary->setAttribute(Qt::WA_DeleteOnClose);
    summary->setWindowModality(Qt::WindowModal);
    m_summary = summary;
    connect(summary, &QDialog::finished, this, [this] { QWizard::accept(); });
    summary->open();
}

void ReportWizard::showError(const QString &text, const QString &detail)
{
    QString message = text;
    if (const QStringList there = existingTargets(); !there.isEmpty())
        message += QLatin1Char('\n') + tr("The folder now holds: %1").arg(there.join(QStringLiteral(", ")));
    QMessageBox *box = makeBox(QMessageBox::Warning, message, QMessageBox::Ok);
    box->setInformativeText(tr("Every choice is kept: correct it and write again."));
    if (!detail.isEmpty())
        box->setDetailedText(detail);
    box->open();
    emit writeFailed(text);
}

QMessageBox *ReportWizard::makeBox(QMessageBox::Icon icon, const QString &text, QMessageBox::StandardButtons buttons)
{
    auto *box = new QMessageBox(icon, windowTitle(), text, buttons, this);
    box->setObjectName(QStringLiteral("reportMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    m_box = box;
    return box;   // the caller fills it, then open()s it: a shown box does not resize to later text
}

void ReportWizard::saveSettings() const
{
    QSettings settings;
    settings.setValue(kFolderKey, outputFolder());
    settings.setValue(kFormatsKey, formats());
    settings.setValue(kReferralsKey, referralPackages());
    settings.setValue(kAgencyKey, m_content->agency());
}

} // namespace vigil::ui
