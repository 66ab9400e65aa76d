// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil sqlite-recover DB [--wal FILE] [--journal FILE] [--format json|csv] [--deleted-only]`: every live
// and deleted record with its table, rowid, values, byte offset, source and file (text is made
// valid UTF-8: carved text may be damaged).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/util/utf8.h"
#include "plugins/carvers/sqliterecords/sqliterecords.h"

namespace vigil::cli {

namespace {

using Bytes = std::vector<unsigned char>;

// Reads a whole file (opened read-only); false when it cannot be read.
bool readEvidence(const std::string &path, Bytes &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    out.assign(std::istreambuf_iterator<char>(in), {});
    return !in.bad();
}

std::string jsonValue(const recovery::RecoveredValue &v)
{
    using K = recovery::RecoveredValue;
    switch (v.kind) {
    case K::Null: return "null";
    case K::Integer: return std::to_string(v.i);
    case K::Real: {
        if (!std::isfinite(v.r))
            return jsonString(std::to_string(v.r));
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v.r);
        return buf;
    }
    case K::Text: return jsonString(sanitizeUtf8(v.bytes));
    case K::Blob: {
        const std::string hex = recovery::toDisplay(v);   // x'..'
        return "{\"blob\": " + jsonString(hex.substr(2, hex.size() - 3)) + "}";
    }
    }
    return "null";
}

std::string jsonValues(const std::vector<recovery::RecoveredValue> &values)
{
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + jsonValue(values[i]);
    return out + "]";
}

} // namespace

int runSqliteRecover(const Args &input)
{
    Args args = input;
    std::string walPath, journalPath, format = "csv";
    takeOption(args, "--wal", walPath);
    takeOption(args, "--journal", journalPath);
    takeOption(args, "--format", format);
    const bool deletedOnly = takeFlag(args, "--deleted-only");
    if (!noUnknownOptions(args) || args.size() != 1 || (format != "csv" && format != "json")) {
        std::fputs("usage: vigil sqlite-recover DB [--wal FILE] [--journal FILE] [--format json|csv] [--deleted-only]\n",
                   stderr);
        return ExitUsage;
    }
    Bytes db, wal, journal;
    for (auto [path, buffer] : {std::pair{&args[0], &db}, std::pair{&walPath, &wal}, std::pair{&journalPath, &journal}}) {
        if (!path->empty() && !readEvidence(*path, *buffer)) {
            std::fprintf(stderr, "vigil: cannot read %s\n", path->c_str());
            return ExitFailed;
        }
    }
    auto result = recovery::recoverSqlite(db, wal, journal);
    if (!result) {
        std::fprintf(stderr, "vigil: %s: %s\n", args[0].c_str(), result.error().toString().c_str());
        return ExitFailed;
    }
    for (const auto &w : result->warnings)
        std::fprintf(stderr, "vigil: warning: %s\n", w.c_str());
    ListPrinter out(format, {"table", "rowid", "values", "byte_offset", "source", "file"},
                    {false, true, true, true, false, false});
    for (const auto &r : result->records) {
        if (deletedOnly && r.source == "live")
            continue;
        out.row({sanitizeUtf8(r.table), number(r.rowid), jsonValues(r.values), std::to_string(r.byteOffset), r.source,
                 r.file});
    }
    out.finish();
    return ExitOk;
}

} // namespace vigil::cli
