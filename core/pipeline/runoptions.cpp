// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/runoptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/pipeline/ingestutil.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

std::string runOptionsJson(const IngestOptions &options)
{
    QJsonArray paths;
    for (const auto &p : options.evidence) {
        std::error_code ec;
        const fs::path absolute = fs::absolute(p, ec);
        paths.append(q((ec ? p : absolute).string()));
    }
    const QJsonObject o{{"evidence", paths},
                        {"sha256", options.sha256},
                        {"verify", options.verify},
                        {"region", q(options.region)},
                        {"parsers", options.plugins != nullptr},
                        {"sqlite_recovery", options.sqliteRecovery},
                        {"carve", options.carve},
                        {"expand", options.expand},
                        {"max_depth", options.maxDepth},
                        {"people", options.people},
                        {"fs_timezone", q(options.fsTimezone)},
                        {"media", options.media.enabled},
                        {"faces", options.media.faces},
                        {"face_model", q(options.media.faceModel.string())},
                        {"min_face", options.media.minFaceSize},
                        {"item_time_limit", options.itemTimeLimitSeconds}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

Result<IngestOptions> runOptionsFromJson(const std::string &json, bool *withParsers)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &err);
    if (!doc.isObject())
        return fail(ErrorCode::Corrupt, "the settings of the interrupted ingest cannot be read",
                    err.errorString().toStdString());
    const QJsonObject o = doc.object();
    IngestOptions options;
    for (const auto &p : o.value("evidence").toArray())
        options.evidence.emplace_back(p.toString().toStdString());
    if (options.evidence.empty())
        return fail(ErrorCode::Corrupt, "the interrupted ingest names no evidence", json);
    options.sha256 = o.value("sha256").toBool(options.sha256);
    options.verify = o.value("verify").toBool(options.verify);
    options.region = o.value("region").toString().toStdString();
    options.sqliteRecovery = o.value("sqlite_recovery").toBool(options.sqliteRecovery);
    options.carve = o.value("carve").toBool(options.carve);
    options.expand = o.value("expand").toBool(options.expand);
    options.maxDepth = o.value("max_depth").toInt(options.maxDepth);
    options.people = o.value("people").toBool(options.people);
    options.fsTimezone = o.value("fs_timezone").toString().toStdString();
    options.media.enabled = o.value("media").toBool(options.media.enabled);
    options.media.faces = o.value("faces").toBool(options.media.faces);
    options.media.faceModel = o.value("face_model").toString().toStdString();
    options.media.minFaceSize = o.value("min_face").toInt(options.media.minFaceSize);
    options.itemTimeLimitSeconds = o.value("item_time_limit").toInt(options.itemTimeLimitSeconds);
    if (withParsers)
        *withParsers = o.value("parsers").toBool(true);
    return options;
}

} // namespace vigil::pipeline
