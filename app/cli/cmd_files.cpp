// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "core/casedb/casestore.h"
#include "core/casedb/queries.h"
#include "core/util/timeutil.h"

namespace vigil::cli {

namespace {

std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string jsonString(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string time(const std::optional<std::int64_t> &t) { return t ? toIso8601(*t) : std::string(); }
std::string num(const std::optional<std::int64_t> &v) { return v ? std::to_string(*v) : std::string(); }

constexpr const char *kColumns[] = {"evidence_id", "evidence", "volume_offset", "fs_type", "path", "inode", "size",
                                    "state", "type", "mtime", "atime", "ctime", "crtime", "md5", "sha1",
                                    "signature", "ext_mismatch", "content", "data_offset"};

std::vector<std::string> fields(const casedb::FileRow &r)
{
    std::string inode = num(r.metaAddr);
    if (r.attrType && r.attrId)
        inode += "-" + std::to_string(*r.attrType) + "-" + std::to_string(*r.attrId);
    const std::string state = r.allocated ? "allocated" : (r.reallocated ? "deleted-realloc" : "deleted");
    const std::string mismatch = r.extMismatch ? (*r.extMismatch ? "yes" : "no") : "";
    return {std::to_string(r.evidenceId), r.evidenceName, num(r.volumeOffset), r.fsType, r.path, inode,
            std::to_string(r.size), state, r.metaType, time(r.mtime), time(r.atime), time(r.ctime), time(r.crtime),
            r.md5, r.sha1, r.sigType, mismatch, r.contentStatus, num(r.sourceOffset)};
}

void printCsv(const casedb::FileRow &r)
{
    const auto f = fields(r);
    std::string line;
    for (std::size_t i = 0; i < f.size(); ++i)
        line += (i ? "," : "") + csvField(f[i]);
    std::puts(line.c_str());
}

void printJson(const casedb::FileRow &r, bool first)
{
    const auto f = fields(r);
    std::string line = first ? "  {" : ",\n  {";
    for (std::size_t i = 0; i < f.size(); ++i) {
        const bool numeric = (i == 0 || i == 2 || i == 6 || i == 18) && !f[i].empty();
        line += (i ? ", " : "") + jsonString(kColumns[i]) + ": " + (numeric ? f[i] : jsonString(f[i]));
    }
    std::fputs((line + "}").c_str(), stdout);
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
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || (format != "csv" && format != "json")) {
        std::fputs("usage: vigil files --case DIR [--format csv|json] [--deleted] [--evidence ID]\n", stderr);
        return ExitUsage;
    }
    if (!evidence.empty())
        filter.evidenceId = std::stoll(evidence);
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    bool first = true;
    if (format == "csv") {
        std::string header;
        for (const char *c : kColumns)
            header += (header.empty() ? "" : ",") + std::string(c);
        std::puts(header.c_str());
    } else {
        std::puts("[");
    }
    auto n = casedb::forEachFile(*db, filter, [&](const casedb::FileRow &r) {
        format == "csv" ? printCsv(r) : printJson(r, first);
        first = false;
    });
    if (format == "json")
        std::puts(first ? "]" : "\n]");
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
                    e.code.c_str(), num(e.evidenceId).c_str(), num(e.fileId).c_str(), csvField(e.path).c_str(),
                    csvField(e.message).c_str(), csvField(e.detail).c_str());
    });
    return n ? ExitOk : ExitFailed;
}

} // namespace vigil::cli
