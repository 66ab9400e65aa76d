// SPDX-License-Identifier: GPL-3.0-or-later
// The case-wide half of the media stage: near-duplicate and face groups, hash-set matches.
#include <QJsonObject>

#include <map>
#include <set>
#include <sstream>

#include "core/casedb/mediaquery.h"
#include "core/pipeline/log.h"
#include "core/pipeline/mediaanalyser.h"
#include "core/pipeline/mediastage.h"
#include "plugins/media/faces/faces.h"
#include "plugins/media/hashsets/hashset.h"
#include "plugins/media/hashsets/hashsetfile.h"
#include "plugins/media/pdq/pdq.h"
#include "plugins/media/pdq/pdqindex.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

using Pairs = std::vector<std::pair<std::int64_t, std::int64_t>>;

struct PdqRows {
    std::vector<std::int64_t> files;
    std::vector<media::PdqHash> hashes;
    std::vector<std::string> variants;   // an image's 7 rotated/mirrored hashes (hex), "" for frames
};

// Every reliable PDQ in the case with the file it belongs to (a video has one per keyframe).
Result<PdqRows> loadPdqs(casedb::Database &db)
{
    auto st = db.prepare("SELECT file_id, pdq, coalesce(pdq_variants, '') FROM media "
                         "WHERE pdq IS NOT NULL AND pdq_quality >= ? AND kind = 'image' "
                         "UNION ALL SELECT file_id, pdq, '' FROM media_frames WHERE pdq IS NOT NULL AND pdq_quality >= ? "
                         "ORDER BY 1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, std::int64_t{media::kPdqMinQuality}).bind(2, std::int64_t{media::kPdqMinQuality});
    PdqRows out;
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        if (auto h = media::PdqHash::fromHex(r.text(1))) {
            out.files.push_back(r.int64(0));
            out.hashes.push_back(*h);
            out.variants.push_back(r.text(2));
        }
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

// Pairs (i, j) of hashes where a rotation or mirror of image i matches hash j: a flipped or
// rotated copy joins the group of its original.
std::vector<std::pair<std::size_t, std::size_t>> dihedralLinks(const PdqRows &rows)
{
    media::PdqIndex index;
    index.reserve(rows.hashes.size());
    for (std::size_t i = 0; i < rows.hashes.size(); ++i)
        index.add(static_cast<std::int64_t>(i), rows.hashes[i]);
    std::vector<std::pair<std::size_t, std::size_t>> links;
    for (std::size_t i = 0; i < rows.variants.size(); ++i) {
        std::istringstream words(rows.variants[i]);
        for (std::string hex; words >> hex;) {
            auto variant = media::PdqHash::fromHex(hex);
            if (!variant)
                continue;
            for (const auto &[j, distance] : index.query(*variant, media::kPdqMatchThreshold)) {
                if (static_cast<std::size_t>(j) != i)
                    links.emplace_back(i, static_cast<std::size_t>(j));
            }
        }
    }
    return links;
}

// Hash groups → file groups, numbered 1..G: hash groups joined by a dihedral link or by one
// file (a video's keyframes) merge (union-find over group numbers); groups of one file are
// not groups.
Pairs fileGroups(const PdqRows &rows, const std::vector<std::int64_t> &hashGroup,
                 const std::vector<std::pair<std::size_t, std::size_t>> &links)
{
    std::map<std::int64_t, std::int64_t> parent;
    auto find = [&](std::int64_t g) {
        while (parent[g] != g)
            g = parent[g] = parent[parent[g]];
        return g;
    };
    auto unite = [&](std::int64_t a, std::int64_t b) {
        a = find(a);
        b = find(b);
        if (a != b)
            parent[std::max(a, b)] = std::min(a, b);
    };
    for (auto g : hashGroup)
        parent.try_emplace(g, g);
    for (const auto &[i, j] : links)
        unite(hashGroup[i], hashGroup[j]);
    std::map<std::int64_t, std::int64_t> firstGroupOfFile;
    for (std::size_t i = 0; i < rows.files.size(); ++i) {
        auto [it, fresh] = firstGroupOfFile.try_emplace(rows.files[i], hashGroup[i]);
        if (!fresh)
            unite(it->second, hashGroup[i]);
    }
    std::map<std::int64_t, std::vector<std::int64_t>> members;
    for (const auto &[file, g] : firstGroupOfFile)
        members[find(g)].push_back(file);
    Pairs out;
    std::int64_t number = 0;
    for (const auto &[root, list] : members) {
        if (list.size() < 2)
            continue;
        ++number;
        for (auto f : list)
            out.emplace_back(f, number);
    }
    return out;
}

Result<Pairs> groupFaceRows(casedb::Database &db, const MediaOptions &options, MediaLinkStats &stats)
{
    auto embedder = media::createEmbedder(options.faceModel);
    if (!embedder)
        return std::unexpected(embedder.error());
    std::vector<std::int64_t> ids;
    std::vector<std::vector<float>> embeddings;
    auto rows = casedb::forEachFace(db, [&](const casedb::FaceRow &f) {
        ++stats.faces;
        if (f.model == (*embedder)->modelId() && !f.embedding.empty()) {
            ids.push_back(f.id);
            embeddings.push_back(f.embedding);
        }
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    const auto groups = media::groupFaces(embeddings, **embedder);
    std::map<std::int64_t, int> sizes;
    for (auto g : groups)
        ++sizes[g];
    Pairs out;
    std::map<std::int64_t, std::int64_t> renumber;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (sizes[groups[i]] < 2)
            continue;
        auto [it, fresh] = renumber.try_emplace(groups[i], static_cast<std::int64_t>(renumber.size() + 1));
        out.emplace_back(ids[i], it->second);
    }
    stats.faceGroups = renumber.size();
    return out;
}

struct FileHashes {
    std::int64_t id = 0;
    std::string md5, sha1;
};

Result<std::vector<FileHashes>> loadFileHashes(casedb::Database &db)
{
    auto st = db.prepare("SELECT id, coalesce(md5, ''), coalesce(sha1, '') FROM files "
                         "WHERE md5 IS NOT NULL OR sha1 IS NOT NULL ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    std::vector<FileHashes> out;
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        out.push_back({r.int64(0), r.text(1), r.text(2)});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

std::vector<casedb::HashMatch> matchSet(const media::HashSetFile &set, std::int64_t setId,
                                        const std::vector<FileHashes> &files)
{
    std::vector<casedb::HashMatch> out;
    for (const auto &f : files) {
        const char *kind = "md5";
        auto hit = f.md5.empty() ? std::nullopt : set.findMd5Hex(f.md5);
        if (!hit && !f.sha1.empty()) {
            hit = set.findSha1Hex(f.sha1);
            kind = "sha1";
        }
        if (hit)
            out.push_back({f.id, setId, kind, hit->category});
    }
    return out;
}

} // namespace

Result<MediaLinkStats> groupMedia(casedb::CaseStore &store, const MediaOptions &options)
{
    if (auto r = store.flush(); !r)
        return std::unexpected(r.error());
    auto db = casedb::CaseStore::openReadOnly(store.dir());
    if (!db)
        return std::unexpected(db.error());
    MediaLinkStats stats;
    auto pdqs = loadPdqs(*db);
    if (!pdqs)
        return std::unexpected(pdqs.error());
    const auto nearDup = fileGroups(*pdqs, media::groupNearDuplicates(pdqs->hashes, media::kPdqMatchThreshold),
                                    dihedralLinks(*pdqs));
    stats.mediaInGroups = nearDup.size();
    stats.nearDuplicateGroups = nearDup.empty() ? 0 : static_cast<std::uint64_t>(nearDup.back().second);
    Pairs faces;
    if (options.faces) {
        auto grouped = groupFaceRows(*db, options, stats);
        if (!grouped)
            store.recordError({std::nullopt, std::nullopt, std::nullopt, "media", "face-grouping", grouped.error(), {}, std::nullopt});
        else
            faces = std::move(*grouped);
    }
    if (auto r = store.setMediaGroups(nearDup, std::move(faces)); !r)
        return std::unexpected(r.error());
    return stats;
}

Result<MediaLinkStats> matchHashSets(casedb::CaseStore &store, std::optional<std::int64_t> setId)
{
    if (auto r = store.flush(); !r)
        return std::unexpected(r.error());
    auto db = casedb::CaseStore::openReadOnly(store.dir());
    if (!db)
        return std::unexpected(db.error());
    auto sets = casedb::listHashSets(*db);
    if (!sets)
        return std::unexpected(sets.error());
    MediaLinkStats stats;
    if (sets->empty())
        return stats;
    auto files = loadFileHashes(*db);
    if (!files)
        return std::unexpected(files.error());
    for (const auto &row : *sets) {
        if (setId && row.id != *setId)
            continue;
        auto set = media::HashSetFile::open(store.dir() / row.storeFile);
        if (!set) {
            store.recordError({std::nullopt, std::nullopt, std::nullopt, "media", "hash-sets", set.error(),
                               row.storeFile, std::nullopt});
            continue;
        }
        auto matches = matchSet(*set, row.id, *files);
        stats.hashMatches += matches.size();
        if (row.role == "known-good")
            stats.knownGood += matches.size();
        auto pregraded = store.setHashMatches(row.id, std::move(matches));
        if (!pregraded)
            return std::unexpected(pregraded.error());
        stats.pregraded += static_cast<std::uint64_t>(*pregraded);
    }
    return stats;
}

Result<MediaLinkStats> linkMedia(casedb::CaseStore &store, const MediaOptions &options)
{
    auto grouped = groupMedia(store, options);
    if (!grouped)
        return grouped;
    auto matched = matchHashSets(store);
    if (!matched)
        return matched;
    grouped->hashMatches = matched->hashMatches;
    grouped->pregraded = matched->pregraded;
    grouped->knownGood = matched->knownGood;
    return grouped;
}

Result<HashSetImportResult> importHashSetIntoCase(casedb::CaseStore &store, const fs::path &source,
                                                  const std::string &name, const std::string &role,
                                                  const std::function<void(std::uint64_t)> &progress)
{
    std::error_code ec;
    fs::create_directories(store.dir() / "hashsets", ec);
    const fs::path tmp = store.dir() / "hashsets" / ".importing.vhs";
    media::ImportOptions opt;
    opt.name = name.empty() ? source.filename().string() : name;
    opt.progress = progress;
    if (role == "known-bad")
        opt.role = media::HashSetRole::KnownBad;
    else if (role == "known-good")
        opt.role = media::HashSetRole::KnownGood;
    else if (role == "categorised")
        opt.role = media::HashSetRole::Categorised;
    else if (!role.empty())
        return fail(ErrorCode::InvalidArgument, "unknown hash set role '" + role + "' (known-bad, known-good or categorised)");
    auto summary = media::importHashSet(source, tmp, opt);
    if (!summary)
        return std::unexpected(summary.error());
    HashSetImportResult out;
    out.row.name = summary->name.empty() ? opt.name : summary->name;
    out.row.role = media::roleName(summary->role);
    out.row.format = media::formatName(summary->format);
    out.row.formatVersion = summary->formatVersion;
    out.row.sourcePath = fs::absolute(source, ec).string();
    out.row.sourceSha256 = summary->sourceSha256;   // every reader hashes the source as it reads it
    out.row.storeFile = "hashsets/" + out.row.sourceSha256.substr(0, 16) + "-" + out.row.role + ".vhs";
    out.row.md5Count = static_cast<std::int64_t>(summary->md5Count);
    out.row.sha1Count = static_cast<std::int64_t>(summary->sha1Count);
    out.row.rejected = static_cast<std::int64_t>(summary->rejected);
    out.row.importedBy = store.actor();
    out.entriesRead = summary->entriesRead;
    out.duplicates = summary->duplicates;
    out.conflicts = summary->conflicts;
    out.rejectReasons = summary->rejectReasons;
    fs::rename(tmp, store.dir() / out.row.storeFile, ec);
    if (ec)
        return fail(ErrorCode::Io, "cannot store the imported hash set in " + (store.dir() / "hashsets").string(), ec.message());
    auto id = store.addHashSet(out.row);
    if (!id)
        return std::unexpected(id.error());
    out.row.id = *id;
    auto matched = matchHashSets(store, *id);
    if (!matched)
        return std::unexpected(matched.error());
    out.matches = *matched;
    return out;
}

} // namespace vigil::pipeline
