// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/reportwriter.h"

#include "core/report/caseuco/caseuco.h"
#include "core/report/htmlreport.h"
#include "core/report/victimlist/victimlist.h"
#include "core/util/version.h"
#include "ui/report/pdfreport.h"
#include "ui/report/reportpictures.h"
#include "ui/report/sealedfile.h"
#include "ui/report/vicsmedia.h"

namespace vigil::report {

namespace fs = std::filesystem;

namespace {

const std::pair<unsigned, const char *> kFormats[] = {
    {FormatPdf, "pdf"}, {FormatHtml, "html"}, {FormatCsv, "csv"},
    {FormatXlsx, "xlsx"}, {FormatCaseUco, "case-uco"}, {FormatVics, "vics"},
};

Result<void> writeReportDocument(casedb::Database &db, const ReportModel &model, unsigned format, const fs::path &out)
{
    auto pictures = drawReportPictures(db, model);
    if (!pictures)
        return std::unexpected(pictures.error());
    if (format == FormatHtml)
        return writeTextFile(out, renderReportHtml(model, *pictures));
    auto pages = writeReportPdf(model, *pictures, out);
    if (!pages)
        return std::unexpected(pages.error());
    return {};
}

Result<void> writeCaseUcoFile(casedb::Database &db, const ReportOptions &options, const fs::path &out)
{
    CaseUcoOptions uco;
    uco.toolVersion = std::string(vigilVersion());
    if (!options.victimIds.empty() || !options.country.empty()) {
        ReportOptions light = options;
        light.sections = SectionVictims;
        light.keyMessagesPerVictim = 0;
        auto model = buildReportModel(db, light);
        if (!model)
            return std::unexpected(model.error());
        for (const auto &f : model->victims)
            uco.personIds.push_back(f.victim.personId);
    }
    auto written = writeCaseUco(db, out, uco);
    if (!written)
        return std::unexpected(written.error());
    return {};
}

Result<void> writeOne(casedb::Database &db, const ReportOptions &options, unsigned format, const fs::path &out,
                      const ReportProgress &progress)
{
    if (progress)
        progress(QStringLiteral("Writing %1").arg(QString::fromStdString(out.filename().string())));
    if (format == FormatCaseUco) {
        if (options.redactNames)
            return std::unexpected(Error{ErrorCode::InvalidArgument,
                                         "CASE/UCO is the whole case for tool interchange and is never redacted: "
                                         "write it without redaction"});
        return writeCaseUcoFile(db, options, out);
    }
    if (format == FormatVics) {
        auto cover = casedb::caseCover(db);
        if (!cover)
            return std::unexpected(cover.error());
        auto written = writeGradedMediaVics(db, {}, out, cover->caseNumber);
        if (!written)
            return std::unexpected(written.error());
        return {};
    }
    auto model = buildReportModel(db, options);
    if (!model)
        return std::unexpected(model.error());
    if (format == FormatCsv)
        return writeVictimListCsv(*model, out);
    if (format == FormatXlsx)
        return writeVictimListXlsx(*model, out);
    return writeReportDocument(db, *model, format, out);
}

} // namespace

unsigned formatFromName(std::string_view name)
{
    for (const auto &[format, n] : kFormats)
        if (name == n)
            return format;
    return 0;
}

std::string formatName(unsigned format)
{
    for (const auto &[f, n] : kFormats)
        if (f == format)
            return n;
    return {};
}

std::string formatExtension(unsigned format)
{
    switch (format) {
    case FormatPdf: return ".pdf";
    case FormatHtml: return ".html";
    case FormatCsv: return ".csv";
    case FormatXlsx: return ".xlsx";
    case FormatCaseUco: return ".jsonld";
    case FormatVics: return ".json";
    default: return {};
    }
}

std::string reportFileName(const std::string &base, unsigned format)
{
    const bool victimList = format == FormatCsv || format == FormatXlsx;
    return base + (victimList ? "-victims" : "") + formatExtension(format);
}

Result<WrittenFile> writeReportFile(casedb::Database &db, const ReportOptions &options, unsigned format,
                                    const fs::path &out, const ReportAudit &audit, const ReportProgress &progress)
{
    if (formatName(format).empty())
        return std::unexpected(Error{ErrorCode::InvalidArgument, "unknown report format"});
    if (out.has_parent_path() && !fs::is_directory(out.parent_path()))
        return std::unexpected(Error{ErrorCode::NotFound, "no such folder: " + out.parent_path().string()});
    if (auto r = writeOne(db, options, format, out, progress); !r)
        return std::unexpected(r.error());
    return sealReportFile(out, formatName(format), options, audit);
}

Result<std::vector<WrittenFile>> writeReportFiles(casedb::Database &db, const ReportOptions &options, unsigned formats,
                                                  const fs::path &dir, const std::string &base,
                                                  const ReportAudit &audit, const ReportProgress &progress)
{
    std::vector<WrittenFile> written;
    for (const auto &[format, name] : kFormats) {
        if (!(formats & format))
            continue;
        auto file = writeReportFile(db, options, format, dir / reportFileName(base, format), audit, progress);
        if (!file)
            return std::unexpected(file.error());
        written.push_back(std::move(*file));
    }
    return written;
}

Result<QString> reportPreviewHtml(casedb::Database &db, const ReportOptions &options)
{
    auto model = buildReportModel(db, options);
    if (!model)
        return std::unexpected(model.error());
    auto pictures = drawReportPictures(db, *model);
    if (!pictures)
        return std::unexpected(pictures.error());
    return QString::fromStdString(renderReportHtml(*model, *pictures));
}

} // namespace vigil::report
