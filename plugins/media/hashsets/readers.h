// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: one reader per source format. Each streams its source into the sink; an Error
// means the source as a whole cannot be read (the import then writes nothing).
#pragma once

#include <filesystem>

#include "core/util/error.h"
#include "plugins/media/hashsets/entrysink.h"

namespace vigil::media::detail {

Result<ReadInfo> readVicsJson(const std::filesystem::path &path, EntrySink &sink);
Result<ReadInfo> readPlainList(const std::filesystem::path &path, EntrySink &sink);
Result<ReadInfo> readCsv(const std::filesystem::path &path, EntrySink &sink);
Result<ReadInfo> readNsrl(const std::filesystem::path &path, EntrySink &sink);

} // namespace vigil::media::detail
