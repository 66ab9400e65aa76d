// SPDX-License-Identifier: GPL-3.0-or-later
// Fault injection for the reliability tests (docs/RELIABILITY.md). With the environment variable
// VIGIL_FAULT=NAME:N[,NAME:N...], the N-th pass through faultPoint(NAME) kills the process with
// SIGKILL, as `kill -9` or a power cut would: no destructor, no flush, no handler runs.
// Without it (always, outside the tests) a call costs one check of a flag read once.
#pragma once

namespace vigil {

// The point is named `prefix` followed by `name` ("stage." "carving"), joined only when armed.
void faultPoint(const char *prefix, const char *name = "");

} // namespace vigil
