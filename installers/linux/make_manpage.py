#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes vigil(1) from the built binary's own usage text, so the manual page never drifts from
`vigil --help`: every "  vigil COMMAND ..." synopsis becomes a tagged paragraph with the
description lines under it. Usage: make_manpage.py VIGIL_BINARY OUT_FILE"""
import datetime
import re
import subprocess
import sys

HEADER = r""".TH VIGIL 1 "{date}" "vigil {version}" "User Commands"
.SH NAME
vigil \- {summary}
.SH SYNOPSIS
.B vigil
.I COMMAND
.RI [ OPTIONS ]
.br
.B vigil \-\-help
|
.B \-\-version
.SH DESCRIPTION
.B vigil
is the command line of Vigil, a forensic triage tool for police units that investigate online
child sexual exploitation. It ingests seized evidence (disk images, folders, ZIP files) into a case
folder and answers questions about the case: its files, media, messages, persons, victims and
timeline, and it writes the reports. Evidence is always opened read-only.
.B vigil\-desktop (1)
is the desktop application over the same case folders.
.SH COMMANDS
"""

FOOTER = r""".SH ENVIRONMENT
.TP
.B VIGIL_RESOURCE_DIR
A folder to read Vigil's data files (lexicons, scoring rules, country shapes) from, instead of
.IR /usr/share/vigil/resources .
.TP
.B MALLOC_MMAP_THRESHOLD_
When set, Vigil leaves the C library's allocator settings as given instead of tuning them for
long ingests.
.SH FILES
.TP
.I CASE/case.vigil
The case database (SQLite): every artefact with where it came from, the audit log and the
processing errors.
.TP
.I CASE/derived/
Files recovered during the ingest: carved files, archive members, embedded files.
.TP
.I CASE/summary.json\fR, \fPCASE/summary.txt
The summary of the last ingest.
.TP
.I /usr/share/vigil/demo/
The demo evidence: two small generated E01 images with synthetic chats (no real people).
.SH EXAMPLES
Ingest a seized image and list the victims, most urgent first:
.PP
.nf
.RS
vigil ingest seized.E01 \-\-case ~/cases/OP\-7 \-\-examiner "J. Smith" \-\-case\-number OP\-7
vigil victims \-\-case ~/cases/OP\-7
.RE
.fi
.PP
Write the court report as PDF:
.PP
.nf
.RS
vigil report \-\-case ~/cases/OP\-7 \-\-format pdf \-\-out OP\-7.pdf \-\-agency "Example Police"
.RE
.fi
.SH SEE ALSO
.BR vigil\-desktop (1),
.BR ewfverify (1),
.BR fls (1)
"""


def roff(text):
    """Escapes text for a roff line."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def commands(usage):
    """Yields (synopsis lines, description lines) per command of the usage text."""
    entry = None
    for line in usage.splitlines():
        if line.startswith("  vigil "):
            if entry and entry[1]:
                yield entry
                entry = None
            if entry is None:
                entry = ([], [])
            entry[0].append(line.strip())
        elif line.startswith("    ") and entry is not None:
            # continuation of a synopsis (deeper indent, starts with '[') or description
            stripped = line.strip()
            if not entry[1] and stripped.startswith("["):
                entry[0][-1] += " " + stripped
            else:
                entry[1].append(stripped)
    if entry:
        yield entry


def main():
    binary, out = sys.argv[1], sys.argv[2]
    usage = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.split()[-1]
    summary = usage.splitlines()[0].split("\u2014", 1)[-1].strip()
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    page = [HEADER.format(date=date, version=version, summary=roff(summary))]
    count = 0
    for synopsis, description in commands(usage):
        page.append(".TP\n")
        page.append("\n.br\n".join(".B " + roff(s) for s in synopsis) + "\n")
        # An option's or the exit codes' explanation starts a line of its own.
        lines = [(".br\n" if i and re.match(r"(--[a-z]|Exit:)", d) and description[i - 1].endswith((".", ")")) else "")
                 + roff(d) for i, d in enumerate(description)]
        page.append("\n".join(lines) + "\n")
        count += 1
    if count < 10:
        sys.exit(f"{binary} --help listed only {count} commands; is its usage text still in the expected form?")
    page.append(FOOTER)
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(page))


if __name__ == "__main__":
    main()
