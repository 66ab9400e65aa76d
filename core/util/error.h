// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace vigil {

// What went wrong, in words a user can act on. Core code returns these as values.
enum class ErrorCode {
    Io,             // reading or writing failed
    NotFound,       // a path or object does not exist
    Unsupported,    // a format we recognise but cannot read
    Corrupt,        // structures are damaged or truncated
    InvalidArgument,
    Permission,
    Database,
    Cancelled,
    LimitExceeded,  // a safety limit was hit (decompression bomb, oversized declaration)
    Internal,
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;   // for the user: what failed and what to do
    std::string detail;    // for the log: library error text, offsets

    Error() = default;
    Error(ErrorCode c, std::string msg, std::string det = {})
        : code(c), message(std::move(msg)), detail(std::move(det)) {}

    std::string toString() const { return detail.empty() ? message : message + " (" + detail + ")"; }
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message, std::string detail = {})
{
    return std::unexpected<Error>(Error(code, std::move(message), std::move(detail)));
}

// Drops the value of a result, keeping its error (GCC 12 lacks std::expected::transform).
template <typename T>
Result<void> asVoid(const Result<T> &r)
{
    if (r)
        return {};
    return std::unexpected(r.error());
}

const char *errorCodeName(ErrorCode code);

} // namespace vigil
