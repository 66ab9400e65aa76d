// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/sealedfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fstream>
#include <vector>

#include "core/util/hashing.h"
#include "core/util/tempoutput.h"

namespace vigil::report {

namespace fs = std::filesystem;

namespace {

QJsonObject optionsJson(const ReportOptions &o)
{
    QJsonArray victims;
    for (auto id : o.victimIds)
        victims.append(qint64(id));
    return {{"sections", qint64(o.sections)}, {"victims", victims}, {"country", QString::fromStdString(o.country)},
            {"redact_names", o.redactNames}, {"thumbnails", o.mediaThumbnails},
            {"key_messages", o.keyMessagesPerVictim}};
}

} // namespace

Result<std::string> sha256OfFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::unexpected(Error{ErrorCode::Io, "cannot read back " + path.string()});
    MultiHasher hasher(HashSha256);
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        hasher.update(buffer.data(), std::size_t(in.gcount()));
    }
    return hasher.finish().sha256;
}

Result<void> writeTextFile(const fs::path &path, const std::string &text)
{
    auto temp = TempOutput::forTarget(path);
    if (!temp)
        return std::unexpected(temp.error());
    {
        std::ofstream out(temp->path(), std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush())
            return std::unexpected(Error{ErrorCode::Io, "cannot write " + path.string()});
    }
    return temp->commit();
}

// The sidecar (sha256sum's format) and the audit entry for one written file.
Result<WrittenFile> sealReportFile(const fs::path &out, const std::string &kind, const ReportOptions &options,
                                   const ReportAudit &audit)
{
    auto sha = sha256OfFile(out);
    if (!sha)
        return std::unexpected(sha.error());
    WrittenFile file{out, *sha, fs::file_size(out)};
    if (auto r = writeTextFile(out.string() + ".sha256", *sha + "  " + out.filename().string() + "\n"); !r)
        return std::unexpected(r.error());
    if (audit) {
        const QJsonObject details{{"format", QString::fromStdString(kind)},
                                  {"path", QString::fromStdString(fs::absolute(out).string())},
                                  {"sha256", QString::fromStdString(*sha)},
                                  {"size", qint64(file.size)},
                                  {"options", optionsJson(options)}};
        if (auto r = audit("report.write", QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString()); !r)
            return std::unexpected(r.error());
    }
    return file;
}

} // namespace vigil::report
