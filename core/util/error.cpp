// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/error.h"

namespace vigil {

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Io: return "io";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::Permission: return "permission";
    case ErrorCode::Database: return "database";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::LimitExceeded: return "limit-exceeded";
    case ErrorCode::Internal: return "internal";
    }
    return "unknown";
}

} // namespace vigil
