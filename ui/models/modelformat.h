// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>

#include "core/util/error.h"

namespace vigil::ui {

// Shared presentation helpers for the models (one look across views).
QString fromStd(const std::string &s);
QString isoTime(const std::optional<std::int64_t> &nanos);   // empty when absent
QString humanSize(std::int64_t bytes);                        // "1.5 MiB"
QString exactBytes(std::int64_t bytes);                       // "1,572,864 bytes"
QColor deletedForeground();                                   // muted red
QString errorText(const Error &e);

} // namespace vigil::ui
