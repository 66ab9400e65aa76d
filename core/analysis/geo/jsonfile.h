// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the geo module's JSON data files (country shapes, place names) with a size limit.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/util/error.h"

namespace vigil::analysis::geo {

// The whole file, refused (LimitExceeded) when larger than maxBytes.
Result<std::string> readDataFile(const std::filesystem::path &file, std::uintmax_t maxBytes);

// Parses JSON text whose top level must be an object; `source` names it in errors.
Result<rapidjson::Document> parseJsonObject(const std::string &json, const std::string &source);

} // namespace vigil::analysis::geo
