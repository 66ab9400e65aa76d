// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/scoring.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vigil::analysis {

namespace {

constexpr qint64 kMaxFileBytes = 1 << 20;

Result<double> number(const QJsonObject &o, const char *key, double fallback, double lo, double hi,
                      const std::string &source)
{
    if (!o.contains(key))
        return fallback;
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || v.toDouble() < lo || v.toDouble() > hi)
        return fail(ErrorCode::Corrupt, source + ": \"" + key + "\" must be a number from " + std::to_string(int(lo))
                                            + " to " + std::to_string(int(hi)));
    return v.toDouble();
}

Result<void> readPoints(const QJsonObject &doc, ScoringRules &rules, const std::string &source)
{
    const QJsonValue points = doc.value("points");
    if (!points.isObject() || points.toObject().isEmpty())
        return fail(ErrorCode::Corrupt, source + ": needs an object \"points\" (indicator kind -> points)");
    const QJsonObject o = points.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isDouble() || it.value().toDouble() < 0 || it.value().toDouble() > 100)
            return fail(ErrorCode::Corrupt, source + ": points of \"" + it.key().toStdString() + "\" must be 0 to 100");
        rules.points[it.key().toStdString()] = it.value().toDouble();
    }
    return {};
}

Result<std::set<std::string>> kindList(const QJsonValue &v, const std::string &what, const std::string &source)
{
    if (!v.isArray())
        return fail(ErrorCode::Corrupt, source + ": \"" + what + "\" must be an array of indicator kinds");
    std::set<std::string> out;
    for (const QJsonValue item : v.toArray()) {
        if (!item.isString() || item.toString().isEmpty())
            return fail(ErrorCode::Corrupt, source + ": \"" + what + "\" must hold indicator kinds (strings)");
        out.insert(item.toString().toStdString());
    }
    return out;
}

Result<void> readStages(const QJsonObject &doc, ScoringRules &rules, const std::string &source)
{
    const QJsonObject stages = doc.value("stages").toObject();
    for (ContactStage stage : {ContactStage::Rapport, ContactStage::Sexualisation, ContactStage::Coercion}) {
        auto kinds = kindList(stages.value(stageName(stage)), std::string("stages.") + stageName(stage), source);
        if (!kinds)
            return std::unexpected(kinds.error());
        for (const auto &kind : *kinds)
            if (!rules.stageOfKind.emplace(kind, stage).second)
                return fail(ErrorCode::Corrupt, source + ": kind \"" + kind + "\" is in two stages");
    }
    return {};
}

Result<void> readVictim(const QJsonObject &doc, ScoringRules &rules, const std::string &source)
{
    const QJsonObject v = doc.value("victim").toObject();
    auto minRisk = number(v, "minRisk", rules.victimMinRisk, 0, 100, source);
    auto minKinds = number(v, "minKinds", rules.victimMinKinds, 1, 20, source);
    auto minor = number(v, "minorBelow", rules.minorBelow, 1, 30, source);
    if (!minRisk || !minKinds || !minor)
        return std::unexpected(!minRisk ? minRisk.error() : !minKinds ? minKinds.error() : minor.error());
    rules.victimMinRisk = *minRisk;
    rules.victimMinKinds = static_cast<int>(*minKinds);
    rules.minorBelow = static_cast<int>(*minor);
    if (v.contains("ageKind"))
        rules.ageKind = v.value("ageKind").toString().toStdString();
    if (v.contains("minorAlone") && !v.value("minorAlone").isBool())
        return fail(ErrorCode::Corrupt, source + ": \"victim.minorAlone\" must be true or false");
    rules.minorAlone = v.value("minorAlone").toBool(false);
    return {};
}

Result<void> readPriority(const QJsonObject &doc, ScoringRules &rules, const std::string &source)
{
    const QJsonObject p = doc.value("priority").toObject();
    auto urgent = kindList(p.value("urgentKinds"), "priority.urgentKinds", source);
    auto recent = number(p, "recentDays", rules.recentDays, 0, 3650, source);
    auto medium = number(p, "mediumRisk", rules.mediumRisk, 0, 100, source);
    auto ongoing = number(doc, "ongoingDays", rules.ongoingDays, 0, 3650, source);
    auto maxRisk = number(doc, "maxRisk", rules.maxRisk, 1, 1000, source);
    if (!urgent || !recent || !medium || !ongoing || !maxRisk)
        return fail(ErrorCode::Corrupt, !urgent    ? urgent.error().message
                                        : !recent  ? recent.error().message
                                        : !medium  ? medium.error().message
                                        : !ongoing ? ongoing.error().message
                                                   : maxRisk.error().message);
    rules.urgentKinds = std::move(*urgent);
    rules.recentDays = static_cast<int>(*recent);
    rules.mediumRisk = *medium;
    rules.ongoingDays = static_cast<int>(*ongoing);
    rules.maxRisk = *maxRisk;
    return {};
}

} // namespace

const char *stageName(ContactStage stage)
{
    switch (stage) {
    case ContactStage::Rapport: return "rapport";
    case ContactStage::Sexualisation: return "sexualisation";
    case ContactStage::Coercion: return "coercion";
    case ContactStage::Ongoing: return "ongoing";
    case ContactStage::FirstContact: break;
    }
    return "first-contact";
}

const char *priorityName(Priority priority)
{
    switch (priority) {
    case Priority::Urgent: return "urgent";
    case Priority::High: return "high";
    case Priority::Medium: return "medium";
    case Priority::Low: break;
    }
    return "low";
}

double ScoringRules::pointsOf(const std::string &kind) const
{
    const auto it = points.find(kind);
    return it == points.end() ? 0.0 : it->second;
}

ContactStage ScoringRules::stageOf(const std::string &kind) const
{
    const auto it = stageOfKind.find(kind);
    return it == stageOfKind.end() ? ContactStage::FirstContact : it->second;
}

Result<ScoringRules> parseScoringRules(const std::string &json, const std::string &source)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(ErrorCode::Corrupt, "Invalid scoring rules in " + source,
                    error.errorString().toStdString() + " at offset " + std::to_string(error.offset));
    ScoringRules rules;
    const QJsonObject o = doc.object();
    for (auto step : {readPoints, readStages, readVictim, readPriority})
        if (auto r = step(o, rules, source); !r)
            return std::unexpected(r.error());
    return rules;
}

Result<ScoringRules> loadScoringRules(const std::filesystem::path &file)
{
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, "Cannot read the scoring rules " + file.string(), f.errorString().toStdString());
    if (f.size() > kMaxFileBytes)
        return fail(ErrorCode::LimitExceeded, "The scoring rules file is too large: " + file.string());
    return parseScoringRules(f.readAll().toStdString(), file.string());
}

} // namespace vigil::analysis
