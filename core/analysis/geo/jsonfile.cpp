// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/jsonfile.h"

#include <rapidjson/error/en.h>

#include <fstream>
#include <sstream>
#include <system_error>

namespace vigil::analysis::geo {

Result<std::string> readDataFile(const std::filesystem::path &file, std::uintmax_t maxBytes)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return fail(ec == std::errc::no_such_file_or_directory ? ErrorCode::NotFound : ErrorCode::Io,
                    "Cannot read data file " + file.string(), ec.message());
    if (size > maxBytes)
        return fail(ErrorCode::LimitExceeded, "Data file is too large: " + file.string(),
                    std::to_string(size) + " bytes, limit " + std::to_string(maxBytes));
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "Cannot open data file " + file.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (!in && !in.eof())
        return fail(ErrorCode::Io, "Cannot read data file " + file.string());
    return buffer.str();
}

Result<rapidjson::Document> parseJsonObject(const std::string &json, const std::string &source)
{
    rapidjson::Document doc;
    doc.Parse(json.c_str(), json.size());
    if (doc.HasParseError())
        return fail(ErrorCode::Corrupt, "Invalid JSON in " + source,
                    std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset "
                        + std::to_string(doc.GetErrorOffset()));
    if (!doc.IsObject())
        return fail(ErrorCode::Corrupt, source + " must hold a JSON object");
    return doc;
}

} // namespace vigil::analysis::geo
