#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Vigil, generates the bundled demo evidence (one suspect's laptop and phone) and ingests
# both devices into ./out/demo-case in one case, then writes the court report (PDF and HTML) and
# the victim list (XLSX) into ./out/demo-report, each with its SHA-256 sidecar.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)" --target vigil
tests/data/make_demo.sh out/demo-evidence
rm -rf out/demo-case
set +e
build/app/cli/vigil ingest out/demo-evidence/demo.E01 out/demo-evidence/demo-phone.E01 --case out/demo-case \
    --case-number DEMO-001 --examiner "Demo Examiner" --description "Bundled synthetic demo evidence" --verify
status=$?
set -e
# The ingest exits 1 when it recorded processing errors (the demo has some on purpose); 2 is a failure.
if [ "$status" -le 1 ]; then
    mkdir -p out/demo-report
    for format in pdf html; do
        build/app/cli/vigil report --case out/demo-case --format "$format" --agency "Demo Police" \
            --out "out/demo-report/DEMO-001-report.$format"
    done
    build/app/cli/vigil report --case out/demo-case --format xlsx --out out/demo-report/DEMO-001-victims.xlsx
    echo "Report written to out/demo-report (DEMO-001-report.pdf, .html, DEMO-001-victims.xlsx; *.sha256 beside each)"
fi
echo "Case written to out/demo-case (summary: out/demo-case/summary.txt, files: build/app/cli/vigil files --case out/demo-case," \
     "victims: build/app/cli/vigil victims --case out/demo-case)"
exit $status
