// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/sections.h"

namespace vigil::report::uco {

namespace {

// "live", "deleted", "carved", "member" or "embedded", as the rest of Vigil names a file's source.
std::string sourceTag(const FileRow &f)
{
    if (f.origin == "fs")
        return f.allocated ? "live" : "deleted";
    return f.origin;
}

void writeFileFacet(Export &ex, const FileRow &f)
{
    auto &g = ex.graph;
    g.beginFacet(ex.ids()("file", f.id, "file-facet"), "uco-observable:FileFacet");
    g.text("uco-observable:fileName", f.name);
    g.text("uco-observable:filePath", f.path);
    g.text("uco-observable:extension", f.extension);
    g.integer("uco-observable:sizeInBytes", f.size);
    if (f.origin == "fs")
        g.text("uco-observable:allocationStatus", f.allocated ? "Allocated" : "Unallocated");
    g.time("uco-observable:modifiedTime", f.mtime, f.localTimes);
    g.time("uco-observable:accessedTime", f.atime, f.localTimes);
    g.time("uco-observable:metadataChangeTime", f.ctime, f.localTimes);
    g.time("uco-observable:observableCreatedTime", f.crtime, f.localTimes);
    g.endFacet();
}

void writeContentFacet(Export &ex, const FileRow &f)
{
    auto hashes = validHashes({{"MD5", f.md5}, {"SHA1", f.sha1}, {"SHA256", f.sha256}});
    if (hashes.empty() && f.mime.empty())
        return;
    auto &g = ex.graph;
    g.beginFacet(ex.ids()("file", f.id, "content-facet"), "uco-observable:ContentDataFacet");
    g.integer("uco-observable:sizeInBytes", f.size);
    g.text("uco-observable:mimeType", f.mime);
    g.hashes("file", f.id, "content", hashes);
    g.endFacet();
}

void writeFile(Export &ex, const FileRow &f)
{
    auto &g = ex.graph;
    g.beginNode(ex.fileId(f.id), {"uco-observable:File"});
    g.text("uco-core:tag", sourceTag(f));
    g.beginFacets();
    writeFileFacet(ex, f);
    writeContentFacet(ex, f);
    g.endFacets();
    g.endNode();
    ++g.stats().files;
}

// Where the file lies: inside its parent file (an archive, a file whose bytes or slack held it),
// else in its file system at its path, else in the evidence item (carved from unallocated space at a
// media offset, or a file of a folder or ZIP given as evidence).
void writeLocation(Export &ex, const FileRow &f)
{
    auto &g = ex.graph;
    const std::string target = f.parentId ? ex.fileId(*f.parentId)
                               : f.fsId   ? ex.fileSystemId(*f.fsId)
                                          : ex.evidenceId(f.evidenceId);
    g.beginRelationship(ex.ids()("file", f.id, "location"), ex.fileId(f.id), target, "Contained_Within");
    g.beginFacets();
    if (f.originOffset && (f.parentId || !f.fsId)) {
        g.beginFacet(ex.ids()("file", f.id, "range"), "uco-observable:DataRangeFacet");
        g.integer("uco-observable:rangeOffset", f.originOffset);
        g.integer("uco-observable:rangeSize", f.size);
        g.endFacet();
    } else {
        g.beginFacet(ex.ids()("file", f.id, "path"), "uco-observable:PathRelationFacet");
        g.text("uco-observable:path", f.path);
        g.endFacet();
    }
    g.endFacets();
    g.endNode();
}

} // namespace

Result<void> writeFileSection(Export &ex)
{
    auto rows = forEachFile(ex.db, ex.scope, [&](const FileRow &f) {
        writeFile(ex, f);
        writeLocation(ex, f);
    });
    return asVoid(rows);
}

} // namespace vigil::report::uco
