#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from a build folder, installs it on this machine and checks the
# installed files alone: `vigil --version`, the manual pages, the desktop entry and AppStream
# metadata, and a headless ingest of the installed demo evidence with the source tree's data
# files hidden. Needs root (dpkg -i, apt-get). Usage: scripts/package.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
SRC="$PWD"
BUILD="${1:-build}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

cmake -S . -B "$BUILD" -G Ninja -DVIGIL_PACKAGE_DEMO=ON > /dev/null
cmake --build "$BUILD" --parallel "$(nproc)" --target vigil vigil-desktop vigil_manpages vigil_demo_evidence
rm -f "$BUILD"/vigil_*.deb
(cd "$BUILD" && cpack -G DEB > cpack.log) || { cat "$BUILD/cpack.log"; exit 1; }
DEB=$(ls "$BUILD"/vigil_*.deb)
echo "package: $DEB ($(du -h "$DEB" | cut -f1))"
dpkg-deb --field "$DEB" Package Version Depends | sed 's/^/  /'

# apt resolves the dependencies the package declares; a missing one fails here.
$SUDO apt-get install -y --no-install-recommends "$PWD/$DEB" > /tmp/vigil-package-install.log 2>&1 \
  || { tail -20 /tmp/vigil-package-install.log; exit 1; }

fail() { echo "package check failed: $*" >&2; exit 1; }
[ "$(command -v vigil)" = /usr/bin/vigil ] || fail "vigil is not /usr/bin/vigil"
[ -x /usr/bin/vigil-desktop ] || fail "no /usr/bin/vigil-desktop"
/usr/bin/vigil --version | grep -qx "vigil [0-9.]*" || fail "vigil --version"
for page in vigil vigil-desktop; do
  [ -f "/usr/share/man/man1/$page.1.gz" ] || fail "no manual page for $page"
  zcat "/usr/share/man/man1/$page.1.gz" | groff -man -Tutf8 -ww -z 2>&1 | grep . && fail "$page.1 has roff warnings"
done
zcat /usr/share/man/man1/vigil.1.gz | grep -q "vigil sqlite\\\\-recover" || fail "vigil.1 lacks a command"
[ -f /usr/share/applications/org.vigil.Vigil.desktop ] || fail "no desktop entry"
[ -f /usr/share/icons/hicolor/scalable/apps/org.vigil.Vigil.svg ] || fail "no icon"
[ -f /usr/share/metainfo/org.vigil.Vigil.metainfo.xml ] || fail "no AppStream metadata"
if command -v desktop-file-validate > /dev/null; then
  desktop-file-validate /usr/share/applications/org.vigil.Vigil.desktop || fail "desktop entry"
fi
if command -v appstreamcli > /dev/null; then
  appstreamcli validate --no-net /usr/share/metainfo/org.vigil.Vigil.metainfo.xml > /dev/null || fail "AppStream"
fi

# The installed program on the installed demo evidence, with the source tree's resources out of
# reach (the build embeds their path as a fallback) and from a folder outside the tree.
WORK=$(mktemp -d)
hidden="$SRC/resources.hidden-by-package-check"
mv "$SRC/resources" "$hidden"
trap 'mv "$hidden" "$SRC/resources"; rm -rf "$WORK"' EXIT
status=0
(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$WORK" vigil ingest /usr/share/vigil/demo/demo.E01 \
  /usr/share/vigil/demo/demo-phone.E01 --case "$WORK/case" --examiner "Package check" > "$WORK/ingest.log" 2>&1) || status=$?
[ "$status" -le 1 ] || { tail -20 "$WORK/ingest.log"; fail "the installed ingest exited $status"; }
victims=$(env -i PATH=/usr/bin:/bin vigil victims --case "$WORK/case" --format csv | tail -n +2 | wc -l)
[ "$victims" -ge 1 ] || fail "the installed ingest found no victims (are the data files installed?)"
env -i PATH=/usr/bin:/bin vigil report --case "$WORK/case" --format pdf --out "$WORK/report.pdf" > /dev/null \
  || fail "the installed report"
echo "installed package: ingest of the demo evidence exit $status, $victims victims, report $(du -h "$WORK/report.pdf" | cut -f1)"
