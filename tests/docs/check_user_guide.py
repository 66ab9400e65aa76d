#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks docs/USER_GUIDE.md: every picture it shows is in docs/images/guide and is one a GUI test
takes (a name in a test file under tests/ that calls saveScreenshot), so the guide only shows the real
application as the tests drive it. Usage: check_user_guide.py SOURCE_DIR"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
guide = (root / "docs/USER_GUIDE.md").read_text(encoding="utf-8")
shown = sorted(set(re.findall(r"images/guide/([a-z0-9-]+)\.png", guide)))
taken = set()
for source in (root / "tests").rglob("*.cpp"):
    text = source.read_text(encoding="utf-8", errors="replace")
    if "saveScreenshot(" in text:   # its names: literals in the call or in a list it walks
        taken.update(re.findall(r'"([a-z]+(?:-[a-z0-9]+)+)"', text))
problems = []
if len(shown) < 6:
    problems.append(f"the guide shows only {len(shown)} screenshots")
for name in shown:
    if not (root / "docs/images/guide" / f"{name}.png").is_file():
        problems.append(f"{name}.png is shown but not in docs/images/guide (scripts/guide-screenshots.sh)")
    if name not in taken:
        problems.append(f"{name}.png is taken by no GUI test")
for line in problems:
    print(line)
print(f"{len(shown)} screenshots checked, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
