// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/version.h"

namespace vigil {

std::string_view vigilVersion()
{
    return VIGIL_VERSION;
}

} // namespace vigil
