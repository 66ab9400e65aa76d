// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/log.h"

Q_LOGGING_CATEGORY(lcGeo, "vigil.geo")
