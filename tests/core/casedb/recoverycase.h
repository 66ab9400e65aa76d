// SPDX-License-Identifier: GPL-3.0-or-later
// A case with known answers for the recovery filters and counts: made by CaseStore (schema,
// evidence, audit), then filled with SQL the way the recovery stages write it (files by
// origin, media, parsed databases live / deleted / carved / inside an archive, messages and
// calls live / WAL-only / recovered). No ingest: the views are tested on exact rows.
//
// Evidence 1 "disk.E01" (files 1-14), evidence 2 "phone" (files 15-17):
//   live fs:   1 holiday.jpg*, 3 notes.txt, 8 pics.zip, 10 data.bin, 13 /Users (dir), 15 msgstore.db, 16 cam.jpg*
//   deleted:   2 deleted.jpg*, 12 old.db (database), 17 gone.jpg*
//   carved:    4 slack of notes.txt @0x3000*, 5 unallocated @0x2a000000*, 6 @0x2b000000* (partial),
//              7 @0x2c000000.sqlite (database)
//   nested:    9 pics.zip>>beach.jpg* (member), 11 data.bin>>@0x1f400.png* (embedded),
//              14 pics.zip>>msgstore.db (member, database)
//   (* = analysed media: 9 in all)
// Conversations: 1 in file 15 (evidence 2), 2 in carved 7, 3 in deleted 12, 4 in member 14.
// Messages: 1, 2 live; 3 WAL-only; 4 recovered freeblock (offset 4096), 5 freelist (8192),
//   6 wal (12345) — all in conversation 1; 7 live, 8 recovered unallocated (500) in 2;
//   9 live, 10 recovered journal (1024) in 3; 11 live in 4.
// Calls: 1 live, 2 recovered freelist (file 15); 3 live (carved file 7).
#pragma once

#include <filesystem>
#include <string>

#include "core/util/error.h"

namespace vigil::test {

// Creates the case in `dir` (which must not hold one yet).
Result<void> buildRecoveryCase(const std::filesystem::path &dir);

} // namespace vigil::test
