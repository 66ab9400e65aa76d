// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/reportpictures.h"

#include <QFile>
#include <QTemporaryDir>

#include <map>

#include "core/casedb/timelinequery.h"
#include "ui/viewers/mapexport.h"
#include "ui/viewers/timelinechart.h"
#include "ui/viewers/victimgraphview.h"
#include "ui/viewers/worldmapview.h"

namespace vigil::report {

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

Result<std::vector<unsigned char>> readBack(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::unexpected(Error{ErrorCode::Io, "cannot read the picture " + path.toStdString()});
    const QByteArray bytes = f.readAll();
    return std::vector<unsigned char>(bytes.begin(), bytes.end());
}

// The victim map restricted to the model's victims, with the model's (possibly redacted) labels.
Result<std::vector<unsigned char>> victimMap(casedb::Database &db, const ReportModel &model, const QString &path)
{
    auto data = ui::loadVictimGraph(db);
    if (!data)
        return std::unexpected(data.error());
    std::map<std::int64_t, const VictimFinding *> chosen;
    for (const auto &f : model.victims)
        chosen[f.victim.personId] = &f;
    std::erase_if(data->victims, [&](const ui::GraphVictim &v) { return !chosen.contains(v.personId); });
    for (auto &v : data->victims) {
        const auto &victim = chosen[v.personId]->victim;
        v.label = qs(victim.label);
        v.priorityReasons.clear();
        for (const auto &reason : victim.priorityReasons)
            v.priorityReasons << qs(reason);
    }
    if (auto r = ui::exportVictimGraph(*data, path.toStdString(), {1600, 1200}, QStringLiteral("Victim map")); !r)
        return std::unexpected(r.error());
    return readBack(path);
}

Result<std::vector<unsigned char>> worldMap(const ReportModel &model, const QString &path)
{
    std::vector<casedb::VictimRow> victims;
    for (const auto &f : model.victims)
        victims.push_back(f.victim);
    if (auto r = ui::exportWorldMap(ui::worldMapData(victims), path.toStdString(), {2000, 840},
                                    QStringLiteral("Victims per country"));
        !r)
        return std::unexpected(r.error());
    return readBack(path);
}

Result<std::vector<unsigned char>> timeline(casedb::Database &db, const VictimFinding &f, const QString &path)
{
    casedb::TimelineFilter filter;
    filter.personId = f.victim.personId;
    const QString title = qs("Victim " + std::to_string(f.victim.rank) + " — " + f.victim.label + ": events in the case timeline");
    if (auto r = ui::exportTimelineChart(db, filter, path.toStdString(), {1100, 320}, QTimeZone::utc(), title); !r)
        return std::unexpected(r.error());
    return readBack(path);
}

} // namespace

Result<ReportPictures> drawReportPictures(casedb::Database &db, const ReportModel &model)
{
    ReportPictures pictures;
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return std::unexpected(Error{ErrorCode::Io, "no temporary folder for the report's pictures"});
    const unsigned sections = model.options.sections;
    if ((sections & SectionMap) && !model.victims.empty()) {
        auto graph = victimMap(db, model, tmp.filePath("victims.png"));
        if (!graph)
            return std::unexpected(graph.error());
        pictures.victimMap = std::move(*graph);
        auto world = worldMap(model, tmp.filePath("world.png"));
        if (!world)
            return std::unexpected(world.error());
        pictures.worldMap = std::move(*world);
    }
    if ((sections & SectionTimeline) && (sections & SectionVictims)) {
        for (const auto &f : model.victims) {
            if (f.timelineEvents == 0)
                continue;
            auto chart = timeline(db, f, tmp.filePath(QStringLiteral("timeline-%1.png").arg(f.victim.personId)));
            if (!chart)
                return std::unexpected(chart.error());
            pictures.timelines[f.victim.personId] = std::move(*chart);
        }
    }
    return pictures;
}

} // namespace vigil::report
