// SPDX-License-Identifier: GPL-3.0-or-later
#include <new>

#include "plugins/media/hashsets/hashset.h"
#include "plugins/media/hashsets/readers.h"
#include "plugins/media/hashsets/storebuilder.h"

namespace vigil::media {

const char *formatName(HashSetFormat format)
{
    switch (format) {
    case HashSetFormat::VicsJson:
        return "VICS JSON";
    case HashSetFormat::PlainList:
        return "plain list";
    case HashSetFormat::Csv:
        return "CSV";
    case HashSetFormat::NsrlRds:
        return "NSRL RDSv3";
    }
    return "unknown";
}

const char *roleName(HashSetRole role)
{
    switch (role) {
    case HashSetRole::KnownBad:
        return "known-bad";
    case HashSetRole::KnownGood:
        return "known-good";
    case HashSetRole::Categorised:
        return "categorised";
    }
    return "unknown";
}

namespace {

Result<detail::ReadInfo> readSource(HashSetFormat format, const std::filesystem::path &source,
                                    detail::EntrySink &sink)
{
    switch (format) {
    case HashSetFormat::VicsJson:
        return detail::readVicsJson(source, sink);
    case HashSetFormat::PlainList:
        return detail::readPlainList(source, sink);
    case HashSetFormat::Csv:
        return detail::readCsv(source, sink);
    case HashSetFormat::NsrlRds:
        return detail::readNsrl(source, sink);
    }
    return fail(ErrorCode::Internal, "Unknown hash set format");
}

HashSetRole defaultRole(HashSetFormat format, bool hasCategories)
{
    if (format == HashSetFormat::NsrlRds)
        return HashSetRole::KnownGood;
    return hasCategories ? HashSetRole::Categorised : HashSetRole::KnownBad;
}

Result<ImportSummary> importUnguarded(const std::filesystem::path &source, const std::filesystem::path &out,
                                      const ImportOptions &options)
{
    auto format = detectHashSetFormat(source);
    if (!format)
        return std::unexpected(format.error());
    detail::StoreBuilder store;
    detail::EntrySink sink(store, options.progress);
    auto info = readSource(*format, source, sink);
    if (!info)
        return std::unexpected(info.error());
    sink.finish();

    ImportSummary summary;
    summary.format = *format;
    summary.role = options.role.value_or(defaultRole(*format, info->hasCategories));
    summary.name = options.name.empty() ? source.stem().string() : options.name;
    summary.formatVersion = info->formatVersion;
    summary.sourceSha256 = info->sourceSha256;
    summary.entriesRead = sink.entriesRead();
    summary.rejected = sink.rejected();
    summary.rejectReasons = sink.takeReasons();

    const detail::StoreMeta meta{summary.role, summary.name, formatName(*format), summary.formatVersion,
                                 summary.sourceSha256};
    auto stats = store.write(out, meta);
    if (!stats)
        return std::unexpected(stats.error());
    summary.md5Count = stats->md5Count;
    summary.sha1Count = stats->sha1Count;
    summary.duplicates = stats->duplicates;
    summary.conflicts = stats->conflicts;
    return summary;
}

} // namespace

Result<ImportSummary> importHashSet(const std::filesystem::path &source, const std::filesystem::path &out,
                                    const ImportOptions &options)
{
    try {
        return importUnguarded(source, out, options);
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Not enough memory to import the hash set " + source.string(),
                    "std::bad_alloc");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Importing the hash set " + source.string() + " failed", e.what());
    }
}

} // namespace vigil::media
