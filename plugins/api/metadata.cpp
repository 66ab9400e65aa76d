// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a plugin's metadata.json. The only place the plugin API touches Qt (QJsonDocument).
#include "plugins/api/plugin.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vigil::plugins {

namespace {

Error invalid(const std::string &what, const std::string &detail = {})
{
    return Error(ErrorCode::InvalidArgument,
                 "The plugin's metadata.json is invalid: " + what + ". Fix the file and rebuild the plugin.",
                 detail);
}

bool isValidId(const std::string &id)
{
    if (id.empty())
        return false;
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
            return false;
    }
    return true;
}

Result<std::string> requiredString(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isString() || value.toString().isEmpty())
        return std::unexpected(invalid(std::string("\"") + key + "\" must be a non-empty string"));
    return value.toString().toStdString();
}

Result<std::vector<std::string>> stringList(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    std::vector<std::string> out;
    if (value.isUndefined())
        return out;
    if (!value.isArray())
        return std::unexpected(invalid(std::string("\"") + key + "\" must be an array of strings"));
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return std::unexpected(invalid(std::string("\"") + key + "\" must be an array of strings"));
        out.push_back(item.toString().toStdString());
    }
    return out;
}

Result<void> readStrings(const QJsonObject &object, PluginMetadata &md)
{
    const std::pair<const char *, std::string *> fields[] = {
        {"api", &md.api}, {"id", &md.id}, {"name", &md.name}, {"version", &md.version}, {"kind", &md.kind},
    };
    for (const auto &[key, target] : fields) {
        auto value = requiredString(object, key);
        if (!value)
            return std::unexpected(value.error());
        *target = std::move(*value);
    }
    md.compatVersion = object.value(QLatin1String("compatVersion")).toString().toStdString();
    if (md.compatVersion.empty())
        md.compatVersion = md.version;
    md.description = object.value(QLatin1String("description")).toString().toStdString();
    md.enabledByDefault = object.value(QLatin1String("enabledByDefault")).toBool(true);
    return {};
}

Result<void> readLists(const QJsonObject &object, PluginMetadata &md)
{
    auto types = stringList(object, "acceptsSignatureTypes");
    if (!types)
        return std::unexpected(types.error());
    auto globs = stringList(object, "acceptsPathGlobs");
    if (!globs)
        return std::unexpected(globs.error());
    md.acceptsSignatureTypes = std::move(*types);
    md.acceptsPathGlobs = std::move(*globs);
    return {};
}

Result<void> validate(const PluginMetadata &md)
{
    if (!isValidId(md.id))
        return std::unexpected(invalid("\"id\" may hold only a-z, 0-9, '-' and '.'", "id=" + md.id));
    if (md.kind != "parser" && md.kind != "carver" && md.kind != "media")
        return std::unexpected(invalid("\"kind\" must be parser, carver or media", "kind=" + md.kind));
    return {};
}

} // namespace

Result<PluginMetadata> parsePluginMetadata(std::string_view json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray(json.data(), static_cast<qsizetype>(json.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return std::unexpected(invalid("it is not a JSON object", parseError.errorString().toStdString()
                                           + " at offset " + std::to_string(parseError.offset)));
    }
    PluginMetadata md;
    const QJsonObject object = doc.object();
    if (auto ok = readStrings(object, md); !ok)
        return std::unexpected(ok.error());
    if (auto ok = readLists(object, md); !ok)
        return std::unexpected(ok.error());
    if (auto ok = validate(md); !ok)
        return std::unexpected(ok.error());
    return md;
}

} // namespace vigil::plugins
