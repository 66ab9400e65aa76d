#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copies the screenshots docs/USER_GUIDE.md shows from the GUI tests' artefacts
# (BUILD/test-artifacts/screenshots, written by `ctest`) into docs/images/guide.
# Usage: scripts/guide-screenshots.sh [BUILD_DIR]   Run the tests first.
set -euo pipefail
cd "$(dirname "$0")/.."
SHOTS="${1:-build}/test-artifacts/screenshots"
names=$(grep -o 'images/guide/[a-z0-9-]*\.png' docs/USER_GUIDE.md | sort -u | sed 's|images/guide/||')
missing=0
for name in $names; do
  if [ -f "$SHOTS/$name" ]; then
    cp "$SHOTS/$name" "docs/images/guide/$name"
  else
    echo "not among the test screenshots: $name (run ctest first)" >&2
    missing=1
  fi
done
exit "$missing"
