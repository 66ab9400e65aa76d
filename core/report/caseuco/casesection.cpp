// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/sections.h"

#include <set>

namespace vigil::report::uco {

namespace {

bool verified(const casedb::EvidenceHashes &e)
{
    return !e.verification.empty() || !e.computedMd5.empty() || !e.computedSha1.empty();
}

std::vector<std::string> runEvidenceIds(const Export &ex, std::int64_t run, bool records)
{
    std::vector<std::string> out;
    for (const auto &r : ex.runEvidence) {
        if (r.runId == run)
            out.push_back(records ? ex.provenanceId(r.evidenceId) : ex.evidenceId(r.evidenceId));
    }
    return out;
}

std::string runActor(const Export &ex, std::int64_t run)
{
    for (const auto &r : ex.runEvidence) {
        if (r.runId == run && !r.actor.empty())
            return r.actor;
    }
    return ex.cover.examiner;
}

// ingest_runs.status in UCO's action status vocabulary.
std::string runStatus(const std::string &status)
{
    if (status == "completed")
        return "Complete/Finish";
    if (status == "running")
        return "Ongoing";
    if (status == "cancelled")
        return "Fail";
    if (status == "interrupted")
        return "Error";
    return "Unknown";
}

void writeInvestigation(Export &ex)
{
    auto &g = ex.graph;
    g.beginNode(ex.investigationId(), {"case-investigation:Investigation"});
    g.text("uco-core:name", ex.cover.caseNumber.empty() ? "Vigil case" : ex.cover.caseNumber);
    g.text("uco-core:description", ex.cover.description);
    g.text("case-investigation:investigationForm", "case");
    g.isoTime("uco-core:objectCreatedTime", ex.cover.createdUtc);
    std::vector<std::string> objects;
    for (const auto &e : ex.evidence) {
        objects.push_back(ex.evidenceId(e.id));
        objects.push_back(ex.provenanceId(e.id));
        if (verified(e))
            objects.push_back(ex.verificationId(e.id));
    }
    for (const auto &run : ex.runs)
        objects.push_back(ex.runId(run.id));
    objects.push_back(ex.exportActionId());
    g.refs("uco-core:object", objects);
    g.endNode();
}

void writeTool(Export &ex, const std::string &version)
{
    auto &g = ex.graph;
    g.beginNode(ex.toolId(version), {"uco-tool:Tool"});
    g.text("uco-core:name", "Vigil");
    g.text("uco-tool:toolType", "Digital forensic triage");
    g.text("uco-tool:version", version);
    g.endNode();
}

void writeIdentities(Export &ex)
{
    std::set<std::string> names;
    if (!ex.cover.examiner.empty())
        names.insert(ex.cover.examiner);
    for (const auto &r : ex.runEvidence) {
        if (!r.actor.empty())
            names.insert(r.actor);
    }
    for (const auto &name : names) {
        ex.graph.beginNode(ex.examinerId(name), {"uco-identity:Person"});
        ex.graph.text("uco-core:name", name);
        ex.graph.text("uco-core:description", "Examiner");
        ex.graph.endNode();
    }
}

void beginEvidenceNode(Export &ex, const casedb::EvidenceHashes &e)
{
    const std::string id = ex.evidenceId(e.id);
    if (e.kind == "folder")
        ex.graph.beginNode(id, {"uco-observable:Directory"});
    else if (e.kind == "zip")
        ex.graph.beginNode(id, {"uco-observable:File"});
    else
        ex.graph.beginNode(id, {"uco-observable:File", "uco-observable:Image"});
}

void writeEvidence(Export &ex, const casedb::EvidenceHashes &e, const std::map<std::int64_t, std::string> &exhibits)
{
    auto &g = ex.graph;
    beginEvidenceNode(ex, e);
    g.text("uco-core:name", e.displayName);
    const auto exhibit = exhibits.find(e.id);
    g.text("uco-core:description", "Evidence item " + std::to_string(e.id) + " (" + e.kind + ")" +
                                       (exhibit != exhibits.end() ? ", exhibit " + exhibit->second : "") +
                                       "; acquisition hashes as stored in the image");
    g.beginFacets();
    g.beginFacet(ex.ids()("evidence", e.id, "file-facet"), "uco-observable:FileFacet");
    g.text("uco-observable:fileName", e.displayName);
    g.text("uco-observable:filePath", e.path);
    g.endFacet();
    if (e.kind != "folder" && e.kind != "zip") {
        g.beginFacet(ex.ids()("evidence", e.id, "image-facet"), "uco-observable:ImageFacet");
        g.text("uco-observable:imageType", e.kind);
        g.endFacet();
    }
    g.beginFacet(ex.ids()("evidence", e.id, "content-facet"), "uco-observable:ContentDataFacet");
    g.integer("uco-observable:sizeInBytes", e.mediaSize);
    g.hashes("evidence", e.id, "acquisition", validHashes({{"MD5", e.storedMd5}, {"SHA1", e.storedSha1}}));
    g.endFacet();
    g.endFacets();
    g.endNode();
}

void writeFileSystem(Export &ex, const FileSystemRow &fs)
{
    auto &g = ex.graph;
    const std::string id = ex.fileSystemId(fs.id);
    g.beginNode(id, {"uco-observable:FileSystem"});
    g.beginFacets();
    g.beginFacet(ex.ids()("filesystem", fs.id, "facet"), "uco-observable:FileSystemFacet");
    g.text("uco-observable:fileSystemType", fs.type);
    g.integer("uco-observable:clusterSize", fs.blockSize);
    g.endFacet();
    g.endFacets();
    g.endNode();
    g.beginRelationship(ex.ids()("filesystem", fs.id, "location"), id, ex.evidenceId(fs.evidenceId), "Contained_Within");
    g.beginFacets();
    g.beginFacet(ex.ids()("filesystem", fs.id, "range"), "uco-observable:DataRangeFacet");
    g.integer("uco-observable:rangeOffset", fs.startOffset);
    g.endFacet();
    g.endFacets();
    g.endNode();
}

// The image read again and hashed during the ingest (--verify): the hashes as computed, and the
// action that computed them.
void writeVerification(Export &ex, const casedb::EvidenceHashes &e)
{
    auto &g = ex.graph;
    const std::string result = ex.ids()("evidence", e.id, "verification");
    g.beginNode(result, {"uco-observable:ContentData"});
    g.text("uco-core:description", "The content of " + e.displayName + " as Vigil read and hashed it (" +
                                       (e.verification.empty() ? "no result" : e.verification) + ")");
    g.beginFacets();
    g.beginFacet(ex.ids()("evidence", e.id, "verification-facet"), "uco-observable:ContentDataFacet");
    g.integer("uco-observable:sizeInBytes", e.mediaSize);
    g.hashes("evidence", e.id, "verification", validHashes({{"MD5", e.computedMd5}, {"SHA1", e.computedSha1}}));
    g.endFacet();
    g.endFacets();
    g.endNode();
    g.beginNode(ex.verificationId(e.id), {"case-investigation:InvestigativeAction"});
    g.text("uco-core:name", "Verification of " + e.displayName);
    g.text("uco-core:description", "Image hashes computed and compared with the acquisition hashes: " +
                                       (e.verification.empty() ? std::string("no result") : e.verification));
    g.text("uco-action:actionStatus", e.verification == "unreadable" || e.verification.empty() ? "Error" : "Complete/Finish");
    g.isoTime("uco-action:endTime", e.verifiedUtc);
    g.ref("uco-action:instrument", ex.toolId(ex.ingestVersion()));
    g.refs("uco-action:object", {ex.evidenceId(e.id)});
    g.refs("uco-action:result", {result});
    g.endNode();
}

void writeRun(Export &ex, const casedb::IngestRun &run)
{
    auto &g = ex.graph;
    g.beginNode(ex.runId(run.id), {"case-investigation:InvestigativeAction"});
    g.text("uco-core:name", "Vigil ingest run " + std::to_string(run.id));
    g.text("uco-core:description", "Ingest " + run.status + (run.optionsJson.empty() ? "" : "; options " + run.optionsJson));
    g.text("uco-action:actionStatus", runStatus(run.status));
    g.isoTime("uco-action:startTime", run.startedUtc);
    g.isoTime("uco-action:endTime", run.finishedUtc);
    g.ref("uco-action:instrument", ex.toolId(ex.ingestVersion()));
    const std::string actor = runActor(ex, run.id);
    if (!actor.empty())
        g.ref("uco-action:performer", ex.examinerId(actor));
    g.refs("uco-action:object", runEvidenceIds(ex, run.id, false));
    g.refs("uco-action:result", runEvidenceIds(ex, run.id, true));
    g.endNode();
}

void writeExportAction(Export &ex)
{
    auto &g = ex.graph;
    g.beginNode(ex.exportActionId(), {"case-investigation:InvestigativeAction"});
    g.text("uco-core:name", "CASE/UCO export");
    g.text("uco-core:description", "This document, written by Vigil from the case database");
    g.time("uco-action:startTime", ex.exportedAt);
    g.ref("uco-action:instrument", ex.toolId(ex.options.toolVersion));
    g.refs("uco-action:object", {ex.investigationId()});
    g.endNode();
}

} // namespace

Result<void> writeCaseSection(Export &ex)
{
    auto exhibits = exhibitNumbers(ex.db);
    auto systems = fileSystems(ex.db);
    if (!exhibits || !systems)
        return std::unexpected(exhibits ? systems.error() : exhibits.error());
    writeInvestigation(ex);
    writeTool(ex, ex.ingestVersion());
    if (ex.options.toolVersion != ex.ingestVersion())
        writeTool(ex, ex.options.toolVersion);
    writeIdentities(ex);
    for (const auto &e : ex.evidence) {
        writeEvidence(ex, e, *exhibits);
        if (verified(e))
            writeVerification(ex, e);
    }
    for (const auto &fs : *systems)
        writeFileSystem(ex, fs);
    for (const auto &run : ex.runs)
        writeRun(ex, run);
    writeExportAction(ex);
    return {};
}

} // namespace vigil::report::uco
