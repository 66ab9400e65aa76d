#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the whole tree with AddressSanitizer + UndefinedBehaviorSanitizer (cmake/Sanitizers.cmake)
# and runs the whole test suite under them. Any ASan report, leak or UB fails the test that hit it.
# Usage: scripts/test-sanitizers.sh [BUILD_DIR]   (default build-asan)
# Environment: JOBS (default nproc), CTEST_ARGS (extra ctest arguments, e.g. "-R parser").
set -euo pipefail
cd "$(dirname "$0")/.."
SRC="$PWD"
BUILD="${1:-build-asan}"
JOBS="${JOBS:-$(nproc)}"

# Exported before the build too: gtest_discover_tests runs every test binary at build time.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0:print_summary=1"
export LSAN_OPTIONS="suppressions=$SRC/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:print_summary=1:suppressions=$SRC/tests/sanitizers/ubsan.supp"
export QT_QPA_PLATFORM=offscreen

# Benchmarks register no tests, so they are not built here. Warnings are not errors in this
# configuration: GCC's manual warns that sanitizers raise the rate of false-positive warnings
# (-Wmaybe-uninitialized above all) and advises against -Werror with them; the normal build
# (scripts/test.sh) enforces -Werror on the same code.
t0=$SECONDS
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_SANITIZE=address,undefined \
      -DVIGIL_BUILD_BENCH=OFF -DVIGIL_WERROR=OFF
cmake --build "$BUILD" --parallel "$JOBS"
t1=$SECONDS
cd "$BUILD"
status=0
# shellcheck disable=SC2086  # CTEST_ARGS is a list of arguments
ctest --output-on-failure --parallel "$JOBS" --timeout 1200 ${CTEST_ARGS:-} || status=$?
t2=$SECONDS
echo "sanitizer build: $((t1 - t0)) s, tests: $((t2 - t1)) s"
exit "$status"
