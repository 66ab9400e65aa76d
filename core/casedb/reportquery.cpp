// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/reportquery.h"

namespace vigil::casedb {

namespace {

ParserUse readParser(const Statement &r)
{
    return {r.text(0), r.text(1), r.text(2), r.int64(3)};
}

HashSetUse readHashSet(const Statement &r)
{
    HashSetUse h;
    h.id = r.int64(0);
    h.name = r.text(1);
    h.role = r.text(2);
    h.format = r.text(3);
    h.formatVersion = r.text(4);
    h.sourcePath = r.text(5);
    h.sourceSha256 = r.text(6);
    h.importedUtc = r.text(7);
    h.importedBy = r.text(8);
    h.md5Count = r.int64(9);
    h.sha1Count = r.int64(10);
    h.rejected = r.int64(11);
    h.matchedFiles = r.int64(12);
    return h;
}

ErrorCount readError(const Statement &r)
{
    return {r.text(0), r.text(1), r.text(2), r.int64(3), r.text(4)};
}

GradeCount readGrade(const Statement &r)
{
    return {r.text(0), r.int64(1)};
}

EvidenceHashes readEvidenceHashes(const Statement &r)
{
    EvidenceHashes e;
    e.id = r.int64(0);
    e.path = r.text(1);
    e.displayName = r.text(2);
    e.kind = r.text(3);
    e.mediaSize = r.optInt64(4);
    e.storedMd5 = r.text(5);
    e.storedSha1 = r.text(6);
    e.computedMd5 = r.text(7);
    e.computedSha1 = r.text(8);
    e.verification = r.text(9);
    e.verifiedUtc = r.text(10);
    e.addedUtc = r.text(11);
    e.status = r.text(12);
    e.fsTimezone = r.text(13);
    return e;
}

IngestRun readRun(const Statement &r)
{
    return {r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4)};
}

CaseCover readCover(const Statement &r)
{
    return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
}

MessageSource readMessageSource(const Statement &r)
{
    MessageSource s;
    s.messageId = r.int64(0);
    s.evidenceId = r.int64(1);
    s.fileId = r.int64(2);
    s.path = r.text(3);
    s.md5 = r.text(4);
    s.sha1 = r.text(5);
    s.sha256 = r.text(6);
    s.table = r.text(7);
    s.rowid = r.optInt64(8);
    s.offset = r.optInt64(9);
    s.parser = r.text(10);
    s.parserVersion = r.text(11);
    s.recordSource = r.text(12);
    return s;
}

} // namespace

Result<CaseCover> caseCover(Database &db)
{
    auto rows = collectRows<CaseCover>(db,
                                       "SELECT coalesce(case_number, ''), coalesce(examiner, ''), "
                                       "coalesce(description, ''), created_utc, vigil_version, grading_scheme "
                                       "FROM case_info WHERE id = 1",
                                       std::nullopt, readCover);
    if (!rows)
        return std::unexpected(rows.error());
    if (rows->empty())
        return fail(ErrorCode::Corrupt, "the case has no case_info row");
    return rows->front();
}

Result<std::vector<EvidenceHashes>> evidenceHashes(Database &db)
{
    return collectRows<EvidenceHashes>(
        db,
        "SELECT id, path, display_name, kind, media_size, coalesce(stored_md5, ''), coalesce(stored_sha1, ''), "
        "coalesce(computed_md5, ''), coalesce(computed_sha1, ''), coalesce(verification, ''), "
        "coalesce(verified_utc, ''), added_utc, status, coalesce(fs_timezone, '') FROM evidence ORDER BY id",
        std::nullopt, readEvidenceHashes);
}

Result<std::vector<IngestRun>> ingestRuns(Database &db)
{
    return collectRows<IngestRun>(db,
                                  "SELECT id, started_utc, coalesce(finished_utc, ''), status, coalesce(options, '') "
                                  "FROM ingest_runs ORDER BY id",
                                  std::nullopt, readRun);
}

Result<std::vector<ParserUse>> parsersUsed(Database &db)
{
    return collectRows<ParserUse>(db,
                                  "SELECT parser, parser_version, coalesce(app, ''), count(DISTINCT file_id) "
                                  "FROM parse_sources GROUP BY parser, parser_version, app ORDER BY parser, parser_version, app",
                                  std::nullopt, readParser);
}

Result<std::vector<HashSetUse>> hashSetsUsed(Database &db)
{
    return collectRows<HashSetUse>(
        db,
        "SELECT s.id, s.name, s.role, s.format, coalesce(s.format_version, ''), s.source_path, s.source_sha256, "
        "s.imported_utc, s.imported_by, s.md5_count, s.sha1_count, s.rejected, "
        "(SELECT count(*) FROM hash_matches m WHERE m.set_id = s.id) FROM hash_sets s ORDER BY s.id",
        std::nullopt, readHashSet);
}

Result<std::vector<ErrorCount>> errorSummary(Database &db)
{
    return collectRows<ErrorCount>(
        db,
        "SELECT stage, component, code, count(*), (SELECT message FROM processing_errors f WHERE f.stage = e.stage "
        "AND f.component = e.component AND f.code = e.code ORDER BY f.id LIMIT 1) FROM processing_errors e "
        "GROUP BY stage, component, code ORDER BY count(*) DESC, stage, component, code",
        std::nullopt, readError);
}

Result<std::vector<GradeCount>> gradeCounts(Database &db)
{
    return collectRows<GradeCount>(
        db,
        "SELECT coalesce(g.category, '') AS c, count(*) FROM media m LEFT JOIN gradings g ON g.file_id = m.file_id "
        "GROUP BY c ORDER BY c = '', c",
        std::nullopt, readGrade);
}

Result<std::optional<MessageSource>> messageSource(Database &db, std::int64_t messageId)
{
    auto rows = collectRows<MessageSource>(
        db,
        "SELECT m.id, ps.evidence_id, ps.file_id, coalesce(f.path, ''), coalesce(f.md5, ''), coalesce(f.sha1, ''), "
        "coalesce(f.sha256, ''), coalesce(m.source_table, ''), m.source_rowid, m.source_offset, ps.parser, "
        "ps.parser_version, m.record_source FROM messages m JOIN parse_sources ps ON ps.id = m.source_id "
        "LEFT JOIN files f ON f.id = ps.file_id WHERE m.id = ?",
        messageId, readMessageSource);
    if (!rows)
        return std::unexpected(rows.error());
    return rows->empty() ? std::nullopt : std::optional(rows->front());
}

} // namespace vigil::casedb
