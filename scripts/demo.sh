#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Vigil, generates the bundled demo evidence (one suspect's laptop and phone) and ingests
# both devices into ./out/demo-case in one case.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)" --target vigil
tests/data/make_demo.sh out/demo-evidence
rm -rf out/demo-case
set +e
build/app/cli/vigil ingest out/demo-evidence/demo.E01 out/demo-evidence/demo-phone.E01 --case out/demo-case \
    --case-number DEMO-001 --examiner "Demo Examiner" --description "Bundled synthetic demo evidence"
status=$?
set -e
echo "Case written to out/demo-case (summary: out/demo-case/summary.txt, files: build/app/cli/vigil files --case out/demo-case," \
     "victims: build/app/cli/vigil victims --case out/demo-case)"
exit $status
