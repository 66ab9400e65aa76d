// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <cstring>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/logging.h"
#include "core/util/heaptuning.h"
#include "core/util/version.h"

namespace {

constexpr const char *kUsage = R"(vigil — forensic triage for online child sexual exploitation cases

Usage:
  vigil ingest EVIDENCE... --case DIR [--examiner NAME] [--case-number ID]
               [--description TEXT] [--sha256] [--verify] [--threads N] [--timezone TZ]
               [--region CC] [--no-parsers] [--no-media] [--no-faces] [--face-model FILE]
               [--min-face PX] [--no-carve] [--no-expand] [--max-depth N] [--no-sqlite-recovery]
               [--no-people] [--item-time-limit SECONDS]
      Opens each evidence item read-only (E01/EWF, raw/dd, split raw .001, QCOW, VHD,
      VMDK, a folder or a ZIP), finds volumes and file systems, indexes every file
      (allocated and deleted), hashes and types every file's content once, and parses
      every chat, contact, call-log and browser-history database it recognises (with
      its -wal/-journal) into accounts, conversations, messages, calls and web history.
      --timezone: the zone local-time file systems (FAT) were written in (default UTC).
      --region: the device's home country (ISO 3166, e.g. GB) for phone numbers stored
      without a country code; by default it is taken from the owner's own numbers.
      Every image and video (by signature, deleted files included) is decoded at reduced
      size for a thumbnail, PDQ and pHash, EXIF (camera, capture time, GPS), video
      keyframes, and faces; then near-duplicates and faces are grouped and files are
      matched against the case's hash sets.
      --no-parsers: index and hash only. --no-media: no media analysis. --no-faces: no
      face detection. --face-model: a face-embedding model (ONNX, or dlib's ResNet .dat).
      --min-face: smallest face looked for in the working image (default 60 px; 40 finds
      smaller faces at about twice the cost, 80 is about twice as fast).
      --item-time-limit: how long one parser may work on one file before it is stopped
      and the stop recorded as a processing error (default 300 s; 0: no limit).
      --verify: afterwards re-hash the whole media and compare with the acquisition hashes.
      Archives are expanded (members, nested up to 8 levels) and files are searched for
      files embedded in them; unallocated space and file slack are carved. --no-expand,
      --no-carve: skip these. --max-depth: how deep archives nest (default 8).
      --no-sqlite-recovery: do not recover deleted rows of databases.
      At the end the people analysis runs (persons, indicators, victims, clusters;
      see 'vigil victims'); --no-people skips it ('vigil analyse' runs it later).
      Exit: 0 done, 1 done with processing errors recorded in the case,
            2 evidence unreadable or case not writable, 64 usage, 130 cancelled.
  vigil ingest --resume --case DIR [--examiner NAME] [--threads N]
      Continues the case's last ingest after Ctrl-C, a crash or a kill, with the
      evidence and settings it began with: what was committed is kept, nothing is
      read or written twice. Nothing to do (exit 0) when that ingest completed.
  vigil files --case DIR [--format csv|json] [--deleted] [--evidence ID] [--source SOURCE]
      Lists every indexed file for scripts and other tools, with where it came from
      (origin fs/carved/member/embedded, parent file, offset, carve status).
  vigil messages --case DIR [--search TEXT] [--format csv|json] [--evidence ID]
               [--conversation ID] [--source SOURCE|wal]
      Lists messages with sender, time (UTC), conversation and where each was read
      (file, parser, table/rowid, recovered from where); --search finds messages
      holding all the words.
  vigil media --case DIR [--format csv|json|vics] [--evidence ID] [--category CODE|none]
               [--all] [--source SOURCE]
      Lists images and videos with MD5, SHA-1, PDQ (hex) and quality, pHash, EXIF
      fields, GPS, grading category, near-duplicate group and face groups. Known-good
      (NSRL) media are left out unless --all. --format vics writes a Project VIC VICS
      2.0 JSON document of the graded media (Project VIC categories only).
      SOURCE (files, media, messages): all (default), live, deleted (deleted entries;
      for messages: rows recovered from a database's deleted space or read from a
      deleted database), carved, recovered (deleted + carved), nested (in archives or
      other files); messages also wal (rows only in the write-ahead log).
      --recovered is short for --source recovered.
  vigil summary --case DIR [--format text|json] [--evidence ID]
      Per evidence item: files, media, messages and calls, and how many were
      recovered per source (deleted, carved from unallocated space or slack, partial,
      archive members, embedded; records from freeblocks, unallocated space, freelists,
      WAL frames, journals; WAL-only rows; rows of deleted/carved/nested databases).
  vigil victims --case DIR [--format table|csv|json]
      The victims the suspects contacted, ranked by safeguarding priority (urgent: a
      self-harm statement, or coercion with contact in the 14 days before the case's
      latest message; high: coercion or sexualisation; medium: risk 20 or more), then
      risk (0-100: points per indicator kind), then last contact; with stage of contact,
      stated age, country, apps, accounts, first and last contact, messages and media
      each way, indicators, suspects, cluster, and the reasons and explanation of each
      score (JSON). The table prints the priority reasons under each victim.
  vigil timeline --case DIR [--person ID] [--from ISO] [--to ISO] [--format csv|bodyfile]
                 [--evidence ID] [--lane LANE] [--kind KIND,...] [--app APP] [--text TEXT]
      Every dated event of the case in time order (UTC): file modified/accessed/
      changed/created times, messages sent/received/read, calls, conversations created,
      media capture times, video creation, web visits and searches; each with its
      precision, its basis (utc, local: a wall-clock time of unknown zone such as FAT,
      recovered: from carved or recovered data) and the person it concerns. --from is
      inclusive, --to exclusive. --lane analyst: the audit log's entries instead.
      bodyfile: the Sleuth Kit body format for mactime and plaso (docs/timeline.md).
      The ingest builds the timeline; 'vigil analyse' and person edits rebuild it.
  vigil report --case DIR --format pdf|html|xlsx|csv|case-uco|vics --out FILE [--country CC]
               [--victim ID]... [--redact] [--thumbnails] [--sections LIST] [--key-messages N]
               [--agency TEXT] [--examiner NAME]
  vigil report --case DIR --format packages --out DIR [--country CC] [--redact] ...
      The court report as PDF or HTML (cover, contents, evidence items with acquisition
      and verification hashes, methodology, findings per victim with key messages cited
      to file, table/rowid or offset and hashes, media counts per grading category, the
      victim map, per-victim timelines, processing errors, the audit log); the victim list
      as CSV or XLSX; the case as CASE/UCO JSON-LD; graded media as VICS JSON; or one
      referral package per country with victims. --country and --victim restrict it;
      --redact replaces children's names by initials; --thumbnails adds thumbnails of
      media graded not indecent (never others). --sections: evidence,methodology,victims,
      media,map,timeline,errors,audit. Each file gets FILE.sha256 and an audit entry.
  vigil analyse --case DIR [--examiner NAME]
      Re-runs the people analysis (identity resolution, indicators, location, victims,
      clusters) in one transaction, audited as people.analyse. The ingest runs it at
      its end (unless --no-people) and so does every merge, split or undo.
  vigil persons --case DIR [--format table|json] [--role suspect|other]
      Lists the persons of the case (accounts joined across apps and devices by phone
      number, email, app account, distinctive username or address-book entry; the device
      owners' accounts are the suspects) with each account's rule and reason.
  vigil persons merge --case DIR --account ID --account ID... [--note TEXT] [--examiner NAME]
  vigil persons split --case DIR --account ID... [--note TEXT] [--examiner NAME]
  vigil persons undo --case DIR --decision ID [--examiner NAME]
  vigil persons decisions --case DIR [--format table|json]
      The analyst's identity decisions: merge the persons of these accounts, split these
      accounts into a person of their own (no automatic rule joins them back), undo one.
      Each is audited and the people analysis is re-run.
  vigil hashset import FILE --case DIR [--name NAME] [--role known-bad|known-good|categorised]
      Imports a hash set (VICS JSON 1.x/2.0, MD5/SHA-1 list, CSV with a category column,
      NSRL RDSv3 SQLite) into the case and matches it against every hashed file; matches
      with a category pre-grade media, NSRL matches mark files known-good.
  vigil hashset list --case DIR
      Lists the hash sets imported into the case.
  vigil errors --case DIR
      Lists the processing errors recorded in the case.
  vigil audit --case DIR
      Prints the case's audit log and checks its hash chain (exit 0 intact, 1 broken).
  vigil sqlite-recover DB [--wal FILE] [--journal FILE] [--format json|csv] [--deleted-only]
      Prints every live and recovered record of a SQLite database: table, rowid (when
      known), values, byte offset and source (live, freeblock, unallocated, freelist,
      wal, journal) in the file it came from (db, wal, journal). Deleted rows are carved
      from free blocks, unallocated page space, freelist pages, WAL frames and rollback-
      journal pages, decoded against the table schema, and dropped when equal to a live
      row. --deleted-only: recovered records only. Files are opened read-only.
      Exit: 0 done, 2 cannot read or not a SQLite database.
  vigil verify IMAGE [--md5 HEX] [--sha1 HEX]
      Recomputes MD5 and SHA-1 of the media and compares them with the hashes stored
      in the E01 (or given on the command line).
      Exit: 0 match, 1 mismatch, 2 cannot read, 3 nothing to compare with.
)";

} // namespace

int main(int argc, char **argv)
{
    vigil::tuneHeapForLongRuns();
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? vigil::cli::ExitUsage : vigil::cli::ExitOk;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("vigil %s\n", std::string(vigil::vigilVersion()).c_str());
        return 0;
    }
    vigil::cli::logToStderr();
    const std::string command = argv[1];
    vigil::cli::Args args(argv + 2, argv + argc);
    if (command == "ingest")
        return vigil::cli::runIngest(args);
    if (command == "files")
        return vigil::cli::runFiles(args);
    if (command == "messages")
        return vigil::cli::runMessages(args);
    if (command == "media")
        return vigil::cli::runMedia(args);
    if (command == "hashset")
        return vigil::cli::runHashset(args);
    if (command == "summary")
        return vigil::cli::runSummary(args);
    if (command == "victims")
        return vigil::cli::runVictims(args);
    if (command == "timeline")
        return vigil::cli::runTimeline(args);
    if (command == "report")
        return vigil::cli::runReport(args);
    if (command == "analyse" || command == "analyze")
        return vigil::cli::runAnalyse(args);
    if (command == "persons")
        return vigil::cli::runPersons(args);
    if (command == "errors")
        return vigil::cli::runErrors(args);
    if (command == "audit")
        return vigil::cli::runAudit(args);
    if (command == "sqlite-recover")
        return vigil::cli::runSqliteRecover(args);
    if (command == "verify")
        return vigil::cli::runVerify(args);
    std::fprintf(stderr, "vigil: unknown command '%s'\n\n%s", command.c_str(), kUsage);
    return vigil::cli::ExitUsage;
}
