// SPDX-License-Identifier: GPL-3.0-or-later
// Which signature types are expanded, and the expander's identity for provenance.
#include <archive.h>

#include <array>
#include <string>

#include "plugins/carvers/archives/archives.h"

namespace vigil::archives {

namespace {
using namespace std::string_view_literals;

// The ZIP family (Office Open XML, OpenDocument, EPUB, Android and Java packages), tar, the
// single-stream compressors and the other containers libarchive reads.
constexpr std::array kArchiveTypes = {
    "zip"sv, "docx"sv, "xlsx"sv, "pptx"sv, "ooxml"sv, "odt"sv, "ods"sv, "odp"sv, "odg"sv, "epub"sv,
    "apk"sv, "jar"sv, "tar"sv, "gzip"sv, "bzip2"sv, "xz"sv, "7z"sv, "rar"sv, "cab"sv,
};
} // namespace

bool isArchiveType(std::string_view signatureType)
{
    for (const auto type : kArchiveTypes) {
        if (type == signatureType)
            return true;
    }
    return false;
}

const char *expanderId()
{
    return "archive-expander";
}

const char *expanderVersion()
{
    // The walk's own version and the library that decodes the formats.
    static const std::string version = std::string("1.0 (") + archive_version_string() + ")";
    return version.c_str();
}

} // namespace vigil::archives
