// SPDX-License-Identifier: GPL-3.0-or-later
// Per-country referral packages (reportwriter.h): one folder per country with victims.
#include "ui/report/reportwriter.h"

#include <algorithm>
#include <set>

#include "core/casedb/peoplequery.h"
#include "core/report/victimlist/victimlist.h"
#include "core/util/csv.h"
#include "ui/report/sealedfile.h"

namespace vigil::report {

namespace fs = std::filesystem;

namespace {

// The countries to package: those of the chosen victims, or only options.country.
Result<std::set<std::string>> packageCountries(casedb::Database &db, const ReportOptions &options)
{
    auto victims = casedb::listVictims(db);
    if (!victims)
        return std::unexpected(victims.error());
    std::set<std::string> countries;
    for (const auto &v : *victims) {
        const bool chosen = options.victimIds.empty()
                            || std::find(options.victimIds.begin(), options.victimIds.end(), v.personId)
                                   != options.victimIds.end();
        if (chosen && !v.country.empty() && (options.country.empty() || v.country == options.country))
            countries.insert(v.country);
    }
    return countries;
}

// Every quoted message of the package's victims with its source and the source file's hashes,
// as the victim list's "Key messages" sheet holds them.
Result<void> writeExcerpts(const ReportModel &model, const fs::path &out)
{
    std::string text = "\xEF\xBB\xBF" + csvLine(keyMessageColumns()) + "\r\n";
    for (const ListRow &row : keyMessageRows(model)) {
        std::vector<std::string> cells;
        for (const ListCell &cell : row)
            cells.push_back(csvCellText(cell));
        text += csvLine(cells) + "\r\n";
    }
    return writeTextFile(out, text);
}

// MANIFEST.sha256 over the package's files (sha256sum -c checks the folder), sealed itself.
Result<WrittenFile> writeManifest(const fs::path &folder, const std::vector<WrittenFile> &files,
                                  const ReportOptions &options, const ReportAudit &audit)
{
    std::string text;
    for (const auto &f : files)
        text += f.sha256 + "  " + f.path.filename().string() + "\n";
    const fs::path manifest = folder / "MANIFEST.sha256";
    if (auto r = writeTextFile(manifest, text); !r)
        return std::unexpected(r.error());
    return sealReportFile(manifest, "referral-manifest", options, audit);
}

Result<std::vector<WrittenFile>> writePackage(casedb::Database &db, ReportOptions options, const std::string &country,
                                              const fs::path &dir, const ReportAudit &audit,
                                              const ReportProgress &progress)
{
    options.country = country;
    const fs::path folder = dir / country;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        return std::unexpected(Error{ErrorCode::Io, "cannot create " + folder.string() + ": " + ec.message()});
    if (progress)
        progress(QStringLiteral("Referral package for %1").arg(QString::fromStdString(country)));
    auto files = writeReportFiles(db, options, FormatPdf | FormatHtml | FormatCsv | FormatXlsx, folder,
                                  "referral-" + country, audit, progress);
    if (!files)
        return std::unexpected(files.error());
    auto model = buildReportModel(db, options);
    if (!model)
        return std::unexpected(model.error());
    const fs::path excerpts = folder / ("referral-" + country + "-evidence-excerpts.csv");
    if (auto r = writeExcerpts(*model, excerpts); !r)
        return std::unexpected(r.error());
    auto sealed = sealReportFile(excerpts, "evidence-excerpts", options, audit);
    if (!sealed)
        return std::unexpected(sealed.error());
    files->push_back(std::move(*sealed));
    auto manifest = writeManifest(folder, *files, options, audit);
    if (!manifest)
        return std::unexpected(manifest.error());
    files->push_back(std::move(*manifest));
    return files;
}

} // namespace

Result<std::vector<WrittenFile>> writeReferralPackages(casedb::Database &db, const ReportOptions &options,
                                                       const fs::path &dir, const ReportAudit &audit,
                                                       const ReportProgress &progress)
{
    auto countries = packageCountries(db, options);
    if (!countries)
        return std::unexpected(countries.error());
    if (countries->empty())
        return std::unexpected(Error{ErrorCode::NotFound, options.country.empty()
                                                              ? "no victim is placed in a country: no package to write"
                                                              : "no victim is placed in " + options.country});
    std::vector<WrittenFile> all;
    for (const std::string &country : *countries) {
        auto files = writePackage(db, options, country, dir, audit, progress);
        if (!files)
            return std::unexpected(files.error());
        all.insert(all.end(), files->begin(), files->end());
    }
    return all;
}

} // namespace vigil::report
