// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/log.h"

namespace vigil::evidence {
Q_LOGGING_CATEGORY(lcEvidence, "vigil.evidence")
} // namespace vigil::evidence
