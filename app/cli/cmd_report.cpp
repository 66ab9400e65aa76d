// SPDX-License-Identifier: GPL-3.0-or-later
// vigil report: the court report (PDF, HTML), the victim list (CSV, XLSX), CASE/UCO JSON-LD, VICS
// JSON of graded media, or the per-country referral packages; each file with its SHA-256 sidecar
// and a report.write audit entry (docs/reports.md).
#include <QApplication>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "app/cli/commands.h"
#include "core/casedb/audit.h"
#include "core/casedb/casestore.h"
#include "ui/report/reportwriter.h"

namespace vigil::cli {

namespace {

int usage()
{
    std::fputs("usage: vigil report --case DIR --format pdf|html|xlsx|csv|case-uco|vics --out FILE [--country CC]\n"
               "                    [--victim ID]... [--redact] [--thumbnails] [--sections LIST] [--key-messages N]\n"
               "                    [--agency TEXT] [--examiner NAME]\n"
               "       vigil report --case DIR --format packages --out DIR [--country CC] [--redact] ...\n",
               stderr);
    return ExitUsage;
}

const std::pair<const char *, unsigned> kSections[] = {
    {"evidence", report::SectionEvidence}, {"methodology", report::SectionMethodology},
    {"victims", report::SectionVictims},   {"media", report::SectionMedia},
    {"map", report::SectionMap},           {"timeline", report::SectionTimeline},
    {"errors", report::SectionErrors},     {"audit", report::SectionAudit},
};

bool parseSections(const std::string &text, unsigned &out)
{
    if (text.empty())
        return true;
    out = 0;
    std::stringstream in(text);
    for (std::string name; std::getline(in, name, ',');) {
        bool found = false;
        for (const auto &[n, bit] : kSections)
            if (name == n) {
                out |= bit;
                found = true;
            }
        if (!found)
            return false;
    }
    return out != 0;
}

bool takeVictims(Args &args, std::vector<std::int64_t> &ids)
{
    for (std::string v; takeOption(args, "--victim", v);) {
        std::optional<std::int64_t> id;
        if (!parseId(v, id) || !id)
            return false;
        ids.push_back(*id);
    }
    return true;
}

// The offscreen platform's notes (it cannot resize windows: the charts are laid out in a hidden
// view; no runtime folder) say nothing to the user; every other message goes to stderr as usual.
void quietOffscreenNotes(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("propagateSizeHints")) || message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    std::fprintf(stderr, "%s\n", qFormatLogMessage(type, context, message).toUtf8().constData());
}

// The PDF's text layout and the pictures need a GUI application; a CLI has no screen.
std::unique_ptr<QApplication> guiApplication()
{
    if (QCoreApplication::instance())
        return {};
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    qInstallMessageHandler(quietOffscreenNotes);
    static int argc = 1;
    static char name[] = "vigil";
    static char *argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

// Reads through its own read-only connection; audits through the store's writer.
int write(casedb::CaseStore &store, casedb::Database &db, const report::ReportOptions &options,
          const std::string &format, const std::string &out)
{
    const std::string examiner = !options.examiner.empty() ? options.examiner
                                 : std::getenv("USER")     ? std::getenv("USER")
                                                           : "examiner";
    report::ReportAudit audit = [&](const std::string &action, const std::string &details) -> Result<void> {
        auto entry = store.writer().call<casedb::AuditEntry>(
            [&](casedb::Database &w) { return casedb::appendAudit(w, examiner, action, details); });
        if (!entry)
            return std::unexpected(entry.error());
        return {};
    };
    auto progress = [](const QString &step) { std::fprintf(stderr, "vigil: %s\n", step.toUtf8().constData()); };
    Result<std::vector<report::WrittenFile>> files;
    if (format == "packages") {
        files = report::writeReferralPackages(db, options, out, audit, progress);
    } else {
        auto one = report::writeReportFile(db, options, report::formatFromName(format), out, audit, progress);
        files = one ? Result<std::vector<report::WrittenFile>>(std::vector{*one})
                    : Result<std::vector<report::WrittenFile>>(std::unexpected(one.error()));
    }
    if (!files) {
        std::fprintf(stderr, "vigil: %s\n", files.error().toString().c_str());
        return ExitFailed;
    }
    for (const auto &f : *files)
        std::printf("%s  %s\n", f.sha256.c_str(), f.path.string().c_str());
    return ExitOk;
}

} // namespace

int runReport(const Args &input)
{
    Args args = input;
    std::string caseDir, format, out, sections, keyMessages;
    report::ReportOptions options;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    takeOption(args, "--out", out);
    takeOption(args, "--country", options.country);
    takeOption(args, "--sections", sections);
    takeOption(args, "--key-messages", keyMessages);
    takeOption(args, "--agency", options.agency);
    takeOption(args, "--examiner", options.examiner);
    options.redactNames = takeFlag(args, "--redact");
    options.mediaThumbnails = takeFlag(args, "--thumbnails");
    const bool victimsOk = takeVictims(args, options.victimIds);
    if (!noUnknownOptions(args))
        return ExitUsage;
    const bool formatOk = format == "packages" || report::formatFromName(format) != 0;
    if (caseDir.empty() || out.empty() || !args.empty() || !formatOk || !victimsOk || !parseSections(sections, options.sections))
        return usage();
    if (!keyMessages.empty()) {
        std::optional<std::int64_t> n;
        if (!parseId(keyMessages, n) || !n || *n < 0)
            return usage();
        options.keyMessagesPerVictim = static_cast<int>(*n);
    }
    if (!std::filesystem::exists(std::filesystem::path(caseDir) / casedb::CaseStore::kDatabaseName)) {
        std::fprintf(stderr, "vigil: no Vigil case in %s\n", caseDir.c_str());
        return ExitFailed;
    }
    auto app = guiApplication();
    auto store = casedb::CaseStore::openOrCreate(caseDir, {}, options.examiner);
    auto db = store ? casedb::CaseStore::openReadOnly(caseDir) : Result<casedb::Database>(std::unexpected(store.error()));
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    return write(**store, *db, options, format, out);
}

} // namespace vigil::cli
