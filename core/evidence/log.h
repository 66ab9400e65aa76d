// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace vigil::evidence {
Q_DECLARE_LOGGING_CATEGORY(lcEvidence)
} // namespace vigil::evidence
