// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/archives/log.h"

Q_LOGGING_CATEGORY(lcArchives, "vigil.archives", QtInfoMsg)
