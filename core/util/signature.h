// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace vigil {

// A file type recognised by its content (magic bytes), independent of its name.
struct Signature {
    std::string_view type;        // short stable id: "jpeg", "png", "sqlite", "zip", ... ; "" if unknown
    std::string_view mime;        // e.g. "image/jpeg"; "application/octet-stream" if unknown
    std::string_view extensions;  // extensions that agree, space separated, lowercase: "jpg jpeg jpe"
};

// How many leading bytes detectSignature wants (it works with fewer).
constexpr std::size_t kSignatureHeadSize = 4096;

// Types a file by its first bytes. Thread-safe, no allocation.
Signature detectSignature(std::span<const unsigned char> head);

// True when the file name's extension disagrees with a recognised signature.
// Unknown signatures and names without an extension never count as a mismatch;
// container families (zip-based office documents, ...) are handled.
bool extensionMismatch(const Signature &sig, std::string_view fileName);

} // namespace vigil
