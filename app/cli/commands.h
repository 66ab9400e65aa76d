// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/sourcefilter.h"

namespace vigil::cli {

// Exit codes shared by the commands (documented in the README and `vigil --help`).
enum Exit : int {
    ExitOk = 0,
    ExitFindings = 1,      // ingest: finished with recorded processing errors; verify: mismatch
    ExitFailed = 2,        // could not read the evidence or write the case
    ExitNothingToVerify = 3,
    ExitUsage = 64,
    ExitCancelled = 130,
};

using Args = std::vector<std::string>;

int runIngest(const Args &args);
int runFiles(const Args &args);
int runVerify(const Args &args);
int runErrors(const Args &args);
int runAudit(const Args &args);
int runMessages(const Args &args);
int runMedia(const Args &args);
int runHashset(const Args &args);
int runSqliteRecover(const Args &args);
int runSummary(const Args &args);
int runPersons(const Args &args);
int runVictims(const Args &args);
int runAnalyse(const Args &args);
int runTimeline(const Args &args);
int runReport(const Args &args);

// Small helpers for "--name value" options.
bool takeFlag(Args &args, const std::string &name);
bool takeOption(Args &args, const std::string &name, std::string &value);
// Returns false (and prints a message) if any "--option" is left over.
bool noUnknownOptions(const Args &args);
// An id option's value: "" leaves `out` unset; true unless the text is not a whole number.
bool parseId(const std::string &text, std::optional<std::int64_t> &out);
// "--source NAME" or its short form "--recovered" (= --source recovered) into `out`; false
// (and a message) when the name is unknown, both are given, or it is "wal" and `allowWal`
// is false (files and media have no WAL-only rows).
bool takeSource(Args &args, casedb::SourceFilter &out, bool allowWal);

} // namespace vigil::cli
