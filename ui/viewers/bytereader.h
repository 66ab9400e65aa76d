// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "core/util/error.h"

namespace vigil::pipeline {
class FileContent;
}

namespace vigil::ui {

// Where a viewer gets its bytes: reads up to len bytes at offset (fewer only at the end).
using ByteReader = std::function<Result<std::size_t>(std::uint64_t offset, void *buf, std::size_t len)>;

// A reader over a FileContent the caller keeps alive for as long as the viewer uses it.
ByteReader readerFor(pipeline::FileContent &content);

} // namespace vigil::ui
