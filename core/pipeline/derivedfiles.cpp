// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/derivedfiles.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

#include "plugins/carvers/archives/archives.h"
#include "plugins/carvers/filecarver/filecarver.h"

namespace vigil::pipeline {

namespace {

std::string lastComponent(const std::string &name)
{
    std::string trimmed = name;
    while (!trimmed.empty() && trimmed.back() == '/')
        trimmed.pop_back();
    const auto slash = trimmed.rfind('/');
    return slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
}

model::FileRecord derivedBase(std::int64_t evidenceId, std::optional<std::int64_t> fsId, model::Origin origin)
{
    model::FileRecord r;
    r.evidenceId = evidenceId;
    r.filesystemId = fsId;
    r.metaType = model::MetaType::Regular;
    r.origin = origin;
    return r;
}

void setCarver(model::FileRecord &r, const std::string &status, const std::string &note)
{
    r.parser = carving::FileCarver::id();
    r.parserVersion = carving::FileCarver::version();
    r.carveStatus = status;
    r.carveNote = note;
}

std::string extentsJson(const std::vector<std::pair<std::int64_t, std::int64_t>> &runs)
{
    QJsonArray arr;
    for (const auto &[offset, length] : runs)
        arr.append(QJsonArray{qint64(offset), qint64(length)});
    return QJsonDocument(arr).toJson(QJsonDocument::Compact).toStdString();
}

std::string withExtension(const std::string &stem, const std::string &extension)
{
    return extension.empty() ? stem : stem + "." + extension;
}

} // namespace

std::string hexOffset(std::uint64_t offset)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(offset));
    return buf;
}

model::FileRecord embeddedRecord(const DerivedParent &parent, std::uint64_t offset, std::uint64_t length,
                                 const std::string &extension, const std::string &carveStatus,
                                 const std::string &carveNote)
{
    auto r = derivedBase(parent.evidenceId, parent.fsId, model::Origin::Embedded);
    r.name = withExtension("@" + hexOffset(offset), extension);
    r.path = parent.path + ">>" + r.name;
    r.allocation = parent.allocated ? model::Allocation::Allocated : model::Allocation::Deleted;
    r.size = length;
    r.parentId = parent.fileId;
    r.originOffset = static_cast<std::int64_t>(offset);
    r.depth = parent.depth + 1;
    setCarver(r, carveStatus, carveNote);
    return r;
}

model::FileRecord memberRecord(const DerivedParent &parent, const std::string &name, std::uint64_t size,
                               std::optional<UtcNanos> mtime)
{
    auto r = derivedBase(parent.evidenceId, parent.fsId, model::Origin::Member);
    r.name = lastComponent(name);
    r.path = parent.path + ">>" + name;
    r.allocation = parent.allocated ? model::Allocation::Allocated : model::Allocation::Deleted;
    r.size = size;
    r.mtime = mtime;
    r.parentId = parent.fileId;
    r.depth = parent.depth + 1;
    r.parser = archives::expanderId();
    r.parserVersion = archives::expanderVersion();
    return r;
}

model::FileRecord carvedRecord(std::int64_t evidenceId, std::optional<std::int64_t> fsId, const std::string &area,
                               const std::vector<std::pair<std::int64_t, std::int64_t>> &runs,
                               const std::string &extension, const std::string &carveStatus,
                               const std::string &carveNote)
{
    auto r = derivedBase(evidenceId, fsId, model::Origin::Carved);
    const auto start = static_cast<std::uint64_t>(runs.front().first);
    r.name = withExtension("f" + hexOffset(start).substr(2), extension);
    r.path = "$Unallocated/" + area + ">>" + withExtension("@" + hexOffset(start), extension);
    r.allocation = model::Allocation::Deleted;
    for (const auto &run : runs)
        r.size += static_cast<std::uint64_t>(run.second);
    r.originOffset = runs.front().first;
    r.sourceOffset = runs.front().first;
    if (runs.size() > 1)
        r.originExtents = extentsJson(runs);
    r.depth = 1;
    setCarver(r, carveStatus, carveNote);
    return r;
}

model::FileRecord slackRecord(const DerivedParent &parent, std::uint64_t fileOffset, std::int64_t mediaOffset,
                              std::uint64_t length, const std::string &extension, const std::string &carveStatus,
                              const std::string &carveNote)
{
    auto r = derivedBase(parent.evidenceId, parent.fsId, model::Origin::Carved);
    r.name = withExtension("@" + hexOffset(fileOffset), extension);
    r.path = parent.path + ">>$Slack>>" + r.name;
    r.allocation = model::Allocation::Deleted;
    r.size = length;
    r.parentId = parent.fileId;
    r.originOffset = mediaOffset;
    r.sourceOffset = mediaOffset;
    r.depth = parent.depth + 1;
    setCarver(r, carveStatus, carveNote);
    return r;
}

Error tooDeep(int maxDepth)
{
    return Error(ErrorCode::LimitExceeded, "nesting deeper than " + std::to_string(maxDepth) + " levels",
                 "what this file contains is not extracted (the expand depth limit)");
}

} // namespace vigil::pipeline
