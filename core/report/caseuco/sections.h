// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of a CASE/UCO export and what they share (internal to vigil_core_caseuco): the case as
// read once at the start (cover, evidence items, ingest runs), the scope of the export, the graph
// writer, and the identifier of every kind of node, so a reference written in one section names the
// node another section writes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/casedb/reportquery.h"
#include "core/report/caseuco/caseuco.h"
#include "core/report/caseuco/graphwriter.h"
#include "core/report/caseuco/ucoqueries.h"

namespace vigil::report::uco {

struct Export {
    casedb::Database &db;
    GraphWriter &graph;
    const CaseUcoOptions &options;
    Scope scope;
    casedb::CaseCover cover;
    std::vector<casedb::EvidenceHashes> evidence;
    std::vector<casedb::IngestRun> runs;
    std::vector<RunEvidence> runEvidence;
    std::int64_t exportedAt = 0;   // ns UTC

    const IdMaker &ids() const { return graph.ids(); }
    std::string investigationId() const { return ids()("investigation", 1); }
    std::string evidenceId(std::int64_t id) const { return ids()("evidence", id); }
    std::string fileSystemId(std::int64_t id) const { return ids()("filesystem", id); }
    std::string fileId(std::int64_t id) const { return ids()("file", id); }
    std::string accountId(std::int64_t id) const { return ids()("account", id); }
    std::string messageId(std::int64_t id) const { return ids()("message", id); }
    // An attachment whose file is not in the export: a node of its own, as the app described it.
    std::string attachmentFileId(std::int64_t id) const { return ids()("attachment", id, "file"); }
    std::string threadId(std::int64_t id) const { return ids()("thread", id); }
    std::string personId(std::int64_t id) const { return ids()("person", id); }
    std::string applicationId(const std::string &app) const { return ids().named("application", app); }
    std::string provenanceId(std::int64_t item) const { return ids()("provenance", item); }
    std::string runId(std::int64_t run) const { return ids()("ingest-run", run); }
    std::string verificationId(std::int64_t item) const { return ids()("verification", item); }
    std::string exportActionId() const { return ids()("export", exportedAt); }
    std::string toolId(const std::string &version) const { return ids().named("tool", "vigil " + version); }
    std::string examinerId(const std::string &name) const { return ids().named("examiner", name); }
    // The version of Vigil that ingested the case (as the case records it), else this one.
    std::string ingestVersion() const { return cover.vigilVersion.empty() ? options.toolVersion : cover.vigilVersion; }
};

// casesection.cpp: the investigation, Vigil, the examiners, the evidence items with their file
// systems and verification, each ingest run and this export as investigative actions.
Result<void> writeCaseSection(Export &ex);
// provenance.cpp, after everything else: one provenance record per evidence item listing what was
// read from it.
Result<void> writeProvenanceRecords(Export &ex);
// filesection.cpp: every exported file with its hashes, and where it lies (file system, parent file,
// evidence item).
Result<void> writeFileSection(Export &ex);
// commsection.cpp: applications, persons and accounts, then per conversation its messages (with
// their attachments) and the thread.
Result<void> writeCommunicationSection(Export &ex);

// "Contained_Within" the database file a record was read from, with the table and row or offset.
void writeSourceRelationship(Export &ex, std::string_view kind, std::int64_t row, const std::string &object,
                             const RecordSource &source);

} // namespace vigil::report::uco
