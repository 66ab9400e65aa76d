// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/bytereader.h"

#include "core/pipeline/filecontent.h"

namespace vigil::ui {

ByteReader readerFor(pipeline::FileContent &content)
{
    return [&content](std::uint64_t offset, void *buf, std::size_t len) { return content.read(offset, buf, len); };
}

} // namespace vigil::ui
