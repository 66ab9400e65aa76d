// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/hashsets/vicsexport.h"

#include <rapidjson/filewritestream.h>
#include <rapidjson/prettywriter.h>

#include <memory>
#include <new>

#include "core/util/utf8.h"
#include "plugins/media/hashsets/atomicfile.h"
#include "plugins/media/hashsets/digest.h"

namespace vigil::media {

namespace {

constexpr const char *kContext2 = "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Cases";
constexpr const char *kMetadata1 = "http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases";

using Writer = rapidjson::PrettyWriter<rapidjson::FileWriteStream>;

std::string upperHex(std::string_view hex)
{
    std::string out(detail::trimAscii(hex));
    for (char &c : out) {
        if (c >= 'a' && c <= 'f')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

Result<void> validate(const std::vector<VicsMedia> &media)
{
    for (std::size_t i = 0; i < media.size(); ++i) {
        const auto &m = media[i];
        const std::string which = "entry " + std::to_string(i) + " (MediaID " + std::to_string(m.mediaId) + ")";
        const auto md5 = detail::trimAscii(m.md5), sha1 = detail::trimAscii(m.sha1);
        if (md5.empty() && sha1.empty())
            return fail(ErrorCode::InvalidArgument, "VICS export: " + which + " has no MD5 or SHA-1");
        if (!md5.empty() && !detail::parseMd5(md5))
            return fail(ErrorCode::InvalidArgument, "VICS export: " + which + ": MD5 " + detail::describeBadHash(md5));
        if (!sha1.empty() && !detail::parseSha1(sha1))
            return fail(ErrorCode::InvalidArgument, "VICS export: " + which + ": SHA-1 " + detail::describeBadHash(sha1));
        if (m.category && (*m.category < 0 || *m.category > 4))
            return fail(ErrorCode::InvalidArgument,
                        "VICS export: " + which + ": category " + std::to_string(*m.category) + " is not Project VIC 0..4");
    }
    return {};
}

void string(Writer &w, const char *key, std::string_view value)
{
    w.Key(key);
    const std::string clean = sanitizeUtf8(value);
    w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void writeMedia(Writer &w, const VicsMedia &m, bool version1)
{
    w.StartObject();
    w.Key("MediaID");
    w.Int64(m.mediaId);
    if (m.category) {
        w.Key("Category");
        w.Int(*m.category);
    }
    if (!detail::trimAscii(m.md5).empty())
        string(w, "MD5", upperHex(m.md5));
    if (!detail::trimAscii(m.sha1).empty())
        string(w, "SHA1", upperHex(m.sha1));
    w.Key("MediaSize");
    w.Uint64(m.size);
    if (!m.relativePath.empty())
        string(w, "RelativeFilePath", m.relativePath);
    if (version1) {
        if (!m.fileName.empty())
            string(w, "FileName", m.fileName);
    } else {
        w.Key("IsPrecategorized");
        w.Bool(m.isPrecategorized);
    }
    if (!m.fileName.empty()) {
        w.Key("MediaFiles");
        w.StartArray();
        w.StartObject();
        string(w, "FileName", m.fileName);
        w.EndObject();
        w.EndArray();
    }
    w.EndObject();
}

Result<void> writeDocument(std::FILE *file, const std::string &caseId, const std::vector<VicsMedia> &media,
                           bool version1)
{
    auto buffer = std::make_unique<char[]>(1 << 16);
    rapidjson::FileWriteStream stream(file, buffer.get(), 1 << 16);
    Writer w(stream);
    w.SetIndent(' ', 1);
    w.StartObject();
    string(w, version1 ? "odata.metadata" : "@odata.context", version1 ? kMetadata1 : kContext2);
    w.Key("value");
    w.StartArray();
    w.StartObject();
    string(w, "CaseID", caseId);
    string(w, "SourceApplicationName", "Vigil");
    w.Key("Media");
    w.StartArray();
    for (const auto &m : media)
        writeMedia(w, m, version1);
    w.EndArray();
    w.EndObject();
    w.EndArray();
    w.EndObject();
    stream.Put('\n');
    stream.Flush();
    if (!w.IsComplete())
        return fail(ErrorCode::Internal, "VICS export: the JSON document is incomplete");
    return {};
}

} // namespace

Result<void> writeVicsJson(const std::filesystem::path &out, const std::string &caseId,
                           const std::vector<VicsMedia> &media, bool version1)
{
    try {
        if (auto r = validate(media); !r)
            return r;
        auto file = detail::AtomicFile::create(out);
        if (!file)
            return std::unexpected(file.error());
        if (auto r = writeDocument(file->file(), caseId, media, version1); !r)
            return r;
        return file->commit();
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Not enough memory to write " + out.string(), "std::bad_alloc");
    }
}

} // namespace vigil::media
