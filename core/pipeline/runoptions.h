// SPDX-License-Identifier: GPL-3.0-or-later
// The settings of an ingest run as stored in ingest_runs.options, and read back from there so
// `vigil ingest --resume` continues an interrupted run with exactly the settings it began with.
#pragma once

#include <string>

#include "core/pipeline/ingest.h"
#include "core/util/error.h"

namespace vigil::pipeline {

// The options as compact JSON: evidence (absolute paths) and every setting that changes what the
// ingest finds. Workers, cancel and the plugin host are not settings of the result: `parsers`
// records only whether parsers ran.
std::string runOptionsJson(const IngestOptions &options);

// The options of a stored run. `parsers` comes back in `*withParsers` (the caller supplies the
// host). A run from an older Vigil that did not record a setting gets that setting's default.
Result<IngestOptions> runOptionsFromJson(const std::string &json, bool *withParsers);

} // namespace vigil::pipeline
