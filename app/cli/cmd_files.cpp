// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/casedb/casestore.h"
#include "core/casedb/queries.h"
#include "core/util/timeutil.h"

namespace vigil::cli {

namespace {

const std::vector<const char *> kColumns = {
    "evidence_id", "evidence", "volume_offset", "fs_type", "path", "inode", "size", "state", "type", "mtime", "atime",
    "ctime", "crtime", "md5", "sha1", "signature", "ext_mismatch", "content", "data_offset", "origin", "parent_id",
    "origin_offset", "carve_status", "carve_note"};

std::vector<std::string> fields(const casedb::FileRow &r)
{
    std::string inode = number(r.metaAddr);
    if (r.attrType && r.attrId)
        inode += "-" + std::to_string(*r.attrType) + "-" + std::to_string(*r.attrId);
    // Carved bytes lie in unallocated space (or slack): not a deleted entry of the file system.
    const std::string state = r.origin == "carved" ? "unallocated"
                              : r.allocated        ? "allocated"
                              : r.reallocated      ? "deleted-realloc"
                                                   : "deleted";
    const std::string mismatch = r.extMismatch ? (*r.extMismatch ? "yes" : "no") : "";
    return {std::to_string(r.evidenceId), r.evidenceName, number(r.volumeOffset), r.fsType, r.path, inode,
            std::to_string(r.size), state, r.metaType, isoTime(r.mtime), isoTime(r.atime), isoTime(r.ctime), isoTime(r.crtime),
            r.md5, r.sha1, r.sigType, mismatch, r.contentStatus, number(r.sourceOffset), r.origin, number(r.parentId),
            number(r.originOffset), r.carveStatus, r.carveNote};
}

std::vector<bool> numericColumns()
{
    std::vector<bool> numeric(kColumns.size(), false);
    for (std::size_t i : {0u, 2u, 6u, 18u, 20u, 21u})
        numeric[i] = true;
    return numeric;
}

} // namespace

int runFiles(const Args &input)
{
    Args args = input;
    std::string caseDir, format = "csv", evidence;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    takeOption(args, "--evidence", evidence);
    casedb::FileFilter filter;
    filter.deletedOnly = takeFlag(args, "--deleted");
    const bool sourceOk = takeSource(args, filter.source, false);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || (format != "csv" && format != "json") || !sourceOk ||
        !parseId(evidence, filter.evidenceId)) {
        std::fputs("usage: vigil files --case DIR [--format csv|json] [--deleted] [--evidence ID]\n"
                   "                  [--source all|live|deleted|carved|recovered|nested] [--recovered]\n",
                   stderr);
        return ExitUsage;
    }
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    ListPrinter out(format, kColumns, numericColumns());
    auto n = casedb::forEachFile(*db, filter, [&](const casedb::FileRow &r) { out.row(fields(r)); });
    out.finish();
    if (!n) {
        std::fprintf(stderr, "vigil: %s\n", n.error().toString().c_str());
        return ExitFailed;
    }
    return ExitOk;
}

int runErrors(const Args &input)
{
    Args args = input;
    std::string caseDir;
    takeOption(args, "--case", caseDir);
    if (!noUnknownOptions(args) || caseDir.empty()) {
        std::fputs("usage: vigil errors --case DIR\n", stderr);
        return ExitUsage;
    }
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    std::puts("time,stage,component,code,evidence_id,file_id,path,message,detail");
    auto n = casedb::forEachError(*db, [](const casedb::ErrorRow &e) {
        std::printf("%s,%s,%s,%s,%s,%s,%s,%s,%s\n", e.timeUtc.c_str(), e.stage.c_str(), e.component.c_str(),
                    e.code.c_str(), number(e.evidenceId).c_str(), number(e.fileId).c_str(), csvField(e.path).c_str(),
                    csvField(e.message).c_str(), csvField(e.detail).c_str());
    });
    return n ? ExitOk : ExitFailed;
}

} // namespace vigil::cli
