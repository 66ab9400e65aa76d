// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/carvestage.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "core/evidence/tskunalloc.h"
#include "core/evidence/tskwalker.h"
#include "core/pipeline/areacarver.h"
#include "core/pipeline/carveregion.h"
#include "core/pipeline/derivedfiles.h"
#include "core/pipeline/expandstage.h"
#include "core/pipeline/ingestutil.h"
#include "core/pipeline/log.h"
#include "plugins/carvers/filecarver/filecarver.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kRecordBatch = 256;
constexpr std::uint64_t kMaxSlack = 1u << 20;          // a cluster is never larger
constexpr std::uint64_t kProgressStep = 16u << 20;     // report progress every 16 MiB

struct FsRow {
    std::int64_t id = 0, offset = 0;
    std::string status;
};

struct VolumeRow {
    int slot = 0;
    std::int64_t start = 0, length = 0;
    std::string flags;
};

// A region to carve: a file system's unallocated blocks ("3": its filesystems.id) or space
// outside every file system ("vol2", "media").
struct Area {
    std::string name;
    std::optional<std::int64_t> fsId;
    std::vector<evidence::MediaRun> runs;
    std::uint64_t bytes() const
    {
        std::uint64_t n = 0;
        for (const auto &r : runs)
            n += r.length;
        return n;
    }
};

struct SlackPiece {
    std::int64_t fileId = 0;
    std::uint64_t fileSize = 0;
    evidence::MediaRun run;
};

const char *statusName(carving::CarveStatus s)
{
    return s == carving::CarveStatus::Complete ? "complete" : "partial";
}

Result<std::vector<FsRow>> loadFilesystems(casedb::Database &db, std::int64_t evidenceId)
{
    auto st = db.prepare("SELECT id, start_offset, status FROM filesystems WHERE evidence_id=? ORDER BY start_offset");
    if (!st)
        return std::unexpected(st.error());
    std::vector<FsRow> out;
    st->bind(1, evidenceId);
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        out.push_back({r.int64(0), r.int64(1), r.text(2)});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::vector<VolumeRow>> loadVolumes(casedb::Database &db, std::int64_t evidenceId)
{
    auto st = db.prepare("SELECT slot, start_offset, length, flags FROM volumes WHERE evidence_id=? ORDER BY start_offset");
    if (!st)
        return std::unexpected(st.error());
    std::vector<VolumeRow> out;
    st->bind(1, evidenceId);
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        out.push_back({static_cast<int>(r.int64(0)), r.int64(1), r.int64(2), r.text(3)});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

// Space no file system describes: partition-table gaps, partitions without a readable file
// system, or the whole media when there is neither.
std::vector<Area> outsideAreas(const std::vector<VolumeRow> &volumes, const std::vector<FsRow> &filesystems,
                               std::uint64_t mediaSize)
{
    std::vector<Area> out;
    auto hasFs = [&](std::int64_t start) {
        return std::any_of(filesystems.begin(), filesystems.end(), [&](const FsRow &f) { return f.offset == start; });
    };
    for (const auto &v : volumes) {
        if (v.length <= 0 || v.flags == "meta" || (v.flags == "alloc" && hasFs(v.start)))
            continue;
        const auto start = static_cast<std::uint64_t>(v.start);
        if (start >= mediaSize)
            continue;
        const auto length = std::min<std::uint64_t>(static_cast<std::uint64_t>(v.length), mediaSize - start);
        out.push_back({"vol" + std::to_string(v.slot), std::nullopt, {{start, length}}});
    }
    if (volumes.empty() && filesystems.empty() && mediaSize > 0)
        out.push_back({"media", std::nullopt, {{0, mediaSize}}});
    return out;
}

class CarveStage {
public:
    CarveStage(casedb::CaseStore &store, std::int64_t evidenceId, const fs::path &imagePath, const IngestOptions &options,
               const std::function<void(std::uint64_t, std::uint64_t)> &tick)
        : m_store(store), m_evidenceId(evidenceId), m_imagePath(imagePath), m_options(options), m_tick(tick)
    {
    }

    CarveStageStats run()
    {
        if (!open())
            return m_stats;
        auto db = casedb::CaseStore::openReadOnly(m_store.dir());
        if (!db) {
            error(db.error(), std::nullopt);
            return m_stats;
        }
        m_db = std::move(*db);
        auto filesystems = loadFilesystems(m_db, m_evidenceId);
        auto volumes = loadVolumes(m_db, m_evidenceId);
        if (!filesystems || !volumes) {
            error(!filesystems ? filesystems.error() : volumes.error(), std::nullopt);
            return m_stats;
        }
        std::vector<Area> areas;
        const bool allCarved = !filesystems->empty() && std::all_of(filesystems->begin(), filesystems->end(),
                                                                    [](const FsRow &f) { return f.status == "carved"; });
        if (!allCarved)
            areas = outsideAreas(*volumes, *filesystems, m_image->source().size());
        std::map<std::int64_t, evidence::FsPtr> handles;
        for (const auto &f : *filesystems) {
            if (f.status != "carved")
                unallocatedArea(f, areas, handles);
        }
        for (const auto &a : areas)
            m_total += a.bytes();
        if (m_tick)
            m_tick(0, m_total);
        for (const auto &area : areas) {
            if (cancelled())
                break;
            const bool ok = carveOneArea(area);
            if (!area.fsId || cancelled())
                continue;
            carveSlack(handles.at(*area.fsId).get(), *area.fsId);
            if (ok && !cancelled())
                (void)m_store.setFilesystemStatus(*area.fsId, "carved");
        }
        (void)m_store.flush();
        return m_stats;
    }

private:
    bool open()
    {
        auto src = evidence::openImage(m_imagePath);
        if (!src) {
            error(src.error(), std::nullopt);
            return false;
        }
        auto img = evidence::TskImage::open(std::move(*src));
        if (!img) {
            error(img.error(), std::nullopt);
            return false;
        }
        m_image.emplace(std::move(*img));
        auto carver = makeAreaCarver();
        if (!carver) {
            error(carver.error(), std::nullopt);
            return false;
        }
        m_carver = std::move(*carver);
        return true;
    }

    void unallocatedArea(const FsRow &f, std::vector<Area> &areas, std::map<std::int64_t, evidence::FsPtr> &handles)
    {
        auto fsys = evidence::openFileSystem(*m_image, f.offset);
        if (!fsys) {
            error(fsys.error(), f.id);
            return;
        }
        auto runs = evidence::unallocatedRuns(fsys->get(), m_options.cancel);
        if (!runs) {
            if (runs.error().code != ErrorCode::Cancelled)
                error(runs.error(), f.id);
            return;
        }
        areas.push_back({std::to_string(f.id), f.id, std::move(*runs)});
        handles.emplace(f.id, std::move(*fsys));
    }

    // Carves one area (on two threads when it is large); false when a read error ended it early
    // (recorded; what was found before it is kept).
    bool carveOneArea(const Area &area)
    {
        const unsigned threads = m_options.workers ? m_options.workers : std::thread::hardware_concurrency();
        const std::uint64_t base = m_done;
        auto carved = carveArea(*m_carver, area.runs, m_image->source(), m_imagePath, threads, m_options.cancel,
                                          [&](std::uint64_t done) {
                                              if (m_tick)
                                                  m_tick(base + done, m_total);
                                          });
        std::vector<model::FileRecord> batch;
        for (const auto &[item, runs] : carved.items) {
            if (runs.empty())
                continue;
            batch.push_back(carvedRecord(m_evidenceId, area.fsId, area.name, runs, item.extension,
                                         statusName(item.status), item.note));
            count(item.status, false);
            if (batch.size() >= kRecordBatch)
                m_store.postDerivedFiles(std::exchange(batch, {}));
        }
        m_store.postDerivedFiles(std::move(batch));
        ++m_stats.areas;
        m_done += area.bytes();
        m_stats.bytesScanned += carved.bytesScanned;
        qCInfo(lcPipeline).noquote() << "carved" << QString::fromStdString(area.name) << ":" << carved.items.size()
                                     << "items in" << carved.bytesScanned << "bytes," << carved.chunks << "chunk(s) on"
                                     << carved.workers << "thread(s)," << carved.overrun << "bytes scanned twice";
        if (carved.error) {
            error(*carved.error, area.fsId);
            return false;
        }
        return true;
    }

    // The slack of every allocated file of the file system, as one region in media order.
    void carveSlack(TSK_FS_INFO *fsi, std::int64_t fsId)
    {
        const auto t0 = std::chrono::steady_clock::now();
        auto pieces = slackPieces(fsi, fsId);
        if (!pieces) {
            error(pieces.error(), fsId);
            return;
        }
        std::vector<evidence::MediaRun> runs;
        for (const auto &p : *pieces)
            runs.push_back(p.run);
        RunRegion region(m_image->source(), std::move(runs), progressFrom(m_done));
        m_total += region.size();
        m_stats.slackFiles += pieces->size();
        std::vector<model::FileRecord> batch;
        auto onItem = [&](const carving::CarvedItem &item) {
            if (auto rec = slackItem(region, *pieces, fsId, item)) {
                batch.push_back(std::move(*rec));
                if (batch.size() >= kRecordBatch)
                    m_store.postDerivedFiles(std::exchange(batch, {}));
            }
        };
        auto stats = m_carver->carve(region, onItem, m_options.cancel);
        m_store.postDerivedFiles(std::move(batch));
        m_done += region.size();
        if (!stats) {
            error(stats.error(), fsId);
            return;
        }
        m_stats.bytesScanned += stats->bytesScanned;
        qCInfo(lcPipeline).noquote() << "slack of" << pieces->size() << "files in file system" << fsId << ":"
                                     << region.size() << "bytes," << stats->carved << "items," << secondsSince(t0) << "s";
    }

    // A carved item of the slack region as a file under the file whose slack holds its start;
    // an item running past that slack is cut there (partial).
    std::optional<model::FileRecord> slackItem(const RunRegion &region, const std::vector<SlackPiece> &pieces,
                                               std::int64_t fsId, const carving::CarvedItem &item)
    {
        if (item.length == 0 || item.offset >= region.size())
            return std::nullopt;
        const std::size_t i = region.runAt(item.offset);
        const SlackPiece &piece = pieces[i];
        const std::uint64_t inPiece = item.offset - region.runStart(i);
        std::uint64_t length = item.length;
        std::string status = statusName(item.status), note = item.note;
        if (inPiece + length > piece.run.length) {
            length = piece.run.length - inPiece;
            status = "partial";
            note = "cut at the end of the file's slack" + (note.empty() ? std::string() : "; " + note);
        }
        auto parent = parentOf(piece.fileId, fsId);
        if (!parent)
            return std::nullopt;
        count(status == "complete" ? carving::CarveStatus::Complete : carving::CarveStatus::Partial, true);
        return slackRecord(*parent, piece.fileSize + inPiece, static_cast<std::int64_t>(piece.run.offset + inPiece), length,
                           item.extension, status, note);
    }

    std::optional<DerivedParent> parentOf(std::int64_t fileId, std::int64_t fsId)
    {
        auto st = m_db.prepare("SELECT path, depth FROM files WHERE id=?");
        if (!st)
            return std::nullopt;
        st->bind(1, fileId);
        auto row = st->step();
        if (!row || !*row)
            return std::nullopt;
        return DerivedParent{m_evidenceId, fileId, fsId, st->text(0), true, static_cast<int>(st->int64(1))};
    }

    Result<std::vector<SlackPiece>> slackPieces(TSK_FS_INFO *fsi, std::int64_t fsId)
    {
        auto st = m_db.prepare("SELECT id, meta_addr, attr_type, attr_id FROM files WHERE fs_id=? AND origin='fs' "
                               "AND allocated=1 AND reallocated=0 AND meta_type='file' AND meta_addr IS NOT NULL "
                               "AND size > 0 ORDER BY meta_addr");
        if (!st)
            return std::unexpected(st.error());
        std::vector<SlackPiece> pieces;
        st->bind(1, fsId);
        auto rows = st->forEachRow([&](const casedb::Statement &r) {
            auto opt = [&](int c) { return r.isNull(c) ? std::nullopt : std::optional<int>(static_cast<int>(r.int64(c))); };
            auto reader = evidence::TskFileReader::open(fsi, static_cast<std::uint64_t>(r.int64(1)), opt(2), opt(3));
            if (!reader)
                return !cancelled();
            if (auto s = reader->slack(kMaxSlack); s && s->second >= kMinSlack)
                pieces.push_back({r.int64(0), reader->size(), {s->first, s->second}});
            return !cancelled();
        });
        if (!rows)
            return std::unexpected(rows.error());
        std::sort(pieces.begin(), pieces.end(), [](const SlackPiece &a, const SlackPiece &b) { return a.run.offset < b.run.offset; });
        return pieces;
    }

    void count(carving::CarveStatus status, bool slack)
    {
        ++m_stats.carved;
        m_stats.partial += status == carving::CarveStatus::Partial;
        m_stats.slackCarved += slack;
    }

    std::function<void(std::uint64_t)> progressFrom(std::uint64_t base)
    {
        return [this, base, last = std::uint64_t{0}](std::uint64_t furthest) mutable {
            if (furthest - last < kProgressStep || !m_tick)
                return;
            last = furthest;
            m_tick(base + furthest, m_total);
        };
    }

    void error(const Error &e, std::optional<std::int64_t> fsId)
    {
        ++m_stats.errors;
        m_store.recordError({m_evidenceId, std::nullopt, fsId, "carve", "carve-stage", e, m_imagePath.string(), std::nullopt});
    }

    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

    casedb::CaseStore &m_store;
    std::int64_t m_evidenceId;
    fs::path m_imagePath;
    const IngestOptions &m_options;
    const std::function<void(std::uint64_t, std::uint64_t)> &m_tick;
    std::optional<evidence::TskImage> m_image;
    std::unique_ptr<carving::FileCarver> m_carver;
    casedb::Database m_db;
    CarveStageStats m_stats;
    std::uint64_t m_done = 0, m_total = 0;
};

} // namespace

CarveStageStats runCarveStage(casedb::CaseStore &store, std::int64_t evidenceId, const fs::path &imagePath,
                              const IngestOptions &options, const std::function<void(std::uint64_t, std::uint64_t)> &tick)
{
    if (!options.carve)
        return {};
    return CarveStage(store, evidenceId, imagePath, options, tick).run();
}

void carveEvidence(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &sum, const ProgressFn &progress)
{
    if (!options.carve || sum.evidenceId == 0 || (options.cancel && options.cancel->load()))
        return;
    const auto t0 = std::chrono::steady_clock::now();
    IngestProgress prog;
    prog.evidence = sum.path.filename().string();
    prog.stage = Stage::Carving;
    const auto stats = runCarveStage(store, sum.evidenceId, sum.path, options, [&](std::uint64_t done, std::uint64_t total) {
        prog.bytesDone = done;
        prog.bytesTotal = total;
        if (progress)
            progress(prog);
    });
    sum.carved += stats.carved;
    sum.carvedPartial += stats.partial;
    sum.carvedBytesScanned += stats.bytesScanned;
    sum.slackFiles += stats.slackFiles;
    sum.errors += stats.errors;
    sum.carveSeconds += secondsSince(t0);
    qCInfo(lcPipeline).noquote() << QString::fromStdString(sum.path.string()) << "carved:" << stats.carved << "files ("
                                 << stats.partial << "partial," << stats.slackCarved << "from slack of" << stats.slackFiles
                                 << "files) in" << stats.bytesScanned << "bytes," << sum.carveSeconds << "s";
    expandEvidence(store, options, sum, progress);   // hash, type, analyse and expand what was carved
}

} // namespace vigil::pipeline
