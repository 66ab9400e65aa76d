// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/casedb/casestore.h"
#include "core/casedb/mediaquery.h"
#include "ui/report/vicsmedia.h"

namespace vigil::cli {

namespace {

const std::vector<const char *> kColumns = {
    "file_id", "evidence_id", "path", "name", "size", "deleted", "kind", "format", "width", "height", "duration_ms",
    "codec", "md5", "sha1", "pdq", "pdq_quality", "phash", "captured_utc", "captured_local", "captured_raw",
    "tz_offset", "camera_make", "camera_model", "camera_serial", "software", "gps_lat", "gps_lon", "gps_alt",
    "category", "category_source", "hash_sets", "known_good", "near_dup_group", "near_dup_size", "face_groups",
    "faces", "status", "note", "origin", "parent_id", "origin_offset", "carve_status", "carve_note"};

std::string real(const std::optional<double> &v)
{
    if (!v)
        return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7f", *v);
    return buf;
}

std::string joined(const std::vector<std::int64_t> &ids)
{
    std::string out;
    for (auto id : ids)
        out += (out.empty() ? "" : ";") + std::to_string(id);
    return out;
}

std::string localTime(const std::optional<std::int64_t> &ns)
{
    auto s = isoTime(ns);   // "...Z": the wall clock of an unknown zone has no Z
    if (!s.empty() && s.back() == 'Z')
        s.pop_back();
    return s;
}

std::vector<std::string> fields(const casedb::MediaRow &m)
{
    return {std::to_string(m.fileId), std::to_string(m.evidenceId), m.path, m.name, std::to_string(m.size),
            m.deleted ? "yes" : "no", m.kind, m.format, std::to_string(m.width), std::to_string(m.height),
            number(m.durationMs), m.codec, m.md5, m.sha1, m.pdq, number(m.pdqQuality), m.phash, isoTime(m.capturedUtc),
            localTime(m.capturedLocal), m.capturedRaw, m.tzOffset, m.cameraMake, m.cameraModel, m.cameraSerial,
            m.software, real(m.gpsLat), real(m.gpsLon), real(m.gpsAlt), m.category, m.categorySource, m.hashSets,
            m.knownGood ? "yes" : "no", number(m.nearDupGroup), std::to_string(m.nearDupSize), joined(m.faceGroups),
            std::to_string(m.faceCount), m.status, m.note, m.origin, number(m.parentId), number(m.originOffset),
            m.carveStatus, m.carveNote};
}

std::vector<bool> numericColumns()
{
    std::vector<bool> numeric(kColumns.size(), false);
    for (std::size_t i : {0u, 1u, 4u, 8u, 9u, 10u, 15u, 25u, 26u, 27u, 32u, 33u, 35u, 39u, 40u})
        numeric[i] = true;
    return numeric;
}

bool parseFilter(const std::string &evidence, const std::string &category, casedb::MediaFilter &filter)
{
    if (!parseId(evidence, filter.evidenceId))
        return false;
    if (category == "none")
        filter.category = "";
    else if (!category.empty()) {
        if (!model::findGradingCategory(category))
            return false;
        filter.category = category;
    }
    return true;
}

int exportVics(casedb::Database &db, const casedb::MediaFilter &filter, const std::string &out, const std::string &caseId)
{
    auto written = report::writeGradedMediaVics(db, filter, out, caseId);
    if (!written) {
        std::fprintf(stderr, "vigil: %s\n", written.error().toString().c_str());
        return ExitFailed;
    }
    std::fprintf(stderr, "vigil: wrote %lld graded media to %s", static_cast<long long>(written->written), out.c_str());
    if (written->withoutCategory)
        std::fprintf(stderr, " (%lld with UK categories written without a category: VICS has Project VIC categories only)",
                     static_cast<long long>(written->withoutCategory));
    std::fputs("\n", stderr);
    return ExitOk;
}

std::string caseNumber(casedb::Database &db)
{
    auto st = db.prepare("SELECT coalesce(case_number, '') FROM case_info WHERE id = 1");
    if (!st || !st->step().value_or(false))
        return {};
    return st->text(0);
}

} // namespace

int runMedia(const Args &input)
{
    Args args = input;
    std::string caseDir, format = "csv", evidence, category, out;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    takeOption(args, "--evidence", evidence);
    takeOption(args, "--category", category);
    takeOption(args, "--out", out);
    casedb::MediaFilter filter;
    filter.includeKnownGood = takeFlag(args, "--all");
    const bool sourceOk = takeSource(args, filter.source, false);
    const bool ok = parseFilter(evidence, category, filter) && sourceOk;
    if (!noUnknownOptions(args))
        return ExitUsage;
    const bool formatOk = format == "csv" || format == "json" || (format == "vics" && !out.empty());
    if (caseDir.empty() || !args.empty() || !ok || !formatOk) {
        std::fputs("usage: vigil media --case DIR [--format csv|json] [--evidence ID] [--category CODE|none] [--all]\n"
                   "                  [--source all|live|deleted|carved|recovered|nested] [--recovered]\n"
                   "       vigil media --case DIR --format vics --out FILE.json\n"
                   "categories: uk:A uk:B uk:C uk:NI vic:0 vic:1 vic:2 vic:3 vic:4\n",
                   stderr);
        return ExitUsage;
    }
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    if (format == "vics")
        return exportVics(*db, filter, out, caseNumber(*db));
    ListPrinter printer(format, kColumns, numericColumns());
    auto n = casedb::forEachMedia(*db, filter, [&](const casedb::MediaRow &m) {
        printer.row(fields(m));
        return true;
    });
    printer.finish();
    if (!n) {
        std::fprintf(stderr, "vigil: %s\n", n.error().toString().c_str());
        return ExitFailed;
    }
    return ExitOk;
}

} // namespace vigil::cli
