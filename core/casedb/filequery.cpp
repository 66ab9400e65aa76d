// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/filequery.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <variant>

namespace vigil::casedb {

namespace {

using BindValue = std::variant<std::int64_t, std::string, std::monostate>;

// A WHERE clause built from the filter, with its values bound in order.
struct Where {
    std::string sql = " WHERE 1";
    std::vector<BindValue> values;

    void add(std::string_view clause, std::vector<BindValue> vals = {})
    {
        sql.append(" AND (").append(clause).append(")");
        values.insert(values.end(), vals.begin(), vals.end());
    }
    int bindAll(Statement &st) const
    {
        int i = 1;
        for (const auto &v : values) {
            if (const auto *n = std::get_if<std::int64_t>(&v))
                st.bind(i, *n);
            else if (const auto *s = std::get_if<std::string>(&v))
                st.bind(i, *s);
            else
                st.bindNull(i);
            ++i;
        }
        return i;
    }
};

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool isHex(const std::string &s)
{
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

// LIKE pattern matching `text` literally anywhere (escape character '\').
std::string containsPattern(const std::string &text)
{
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

// "/a/b" -> "/a/b/" (and "/" stays "/"): every child path starts with it.
std::string childPrefix(const std::string &folder)
{
    if (folder.empty() || folder == "/")
        return "/";
    return folder.back() == '/' ? folder : folder + "/";
}

// Direct children of a folder through the files_path index: a range on path (every
// string starting with "prefix/" sorts between "prefix/" and "prefix0") and no further '/'.
void addFolder(Where &w, std::int64_t evidenceId, std::optional<std::int64_t> fsId, const std::string &folder)
{
    const std::string prefix = childPrefix(folder);
    std::string upper = prefix;
    upper.back() = '0';   // '0' follows '/'
    w.add("f.evidence_id = ? AND f.fs_id IS ? AND f.path > ? AND f.path < ?",
          {evidenceId, fsId ? BindValue(*fsId) : BindValue(std::monostate{}), prefix, upper});
    w.add("instr(substr(f.path, ?), '/') = 0", {static_cast<std::int64_t>(prefix.size() + 1)});
}

void addHash(Where &w, const std::string &hash)
{
    const std::string h = lowered(hash);
    const auto n = static_cast<std::int64_t>(h.size());
    w.add("lower(substr(f.md5, 1, ?)) = ? OR lower(substr(f.sha1, 1, ?)) = ? OR lower(substr(f.sha256, 1, ?)) = ?",
          {n, h, n, h, n, h});
}

Result<Where> buildWhere(const FileQueryFilter &f)
{
    Where w;
    if (f.folder) {
        if (!f.evidenceId)
            return fail(ErrorCode::InvalidArgument, "a folder filter needs an evidence item");
        addFolder(w, *f.evidenceId, f.fsId, *f.folder);
    } else {
        if (f.evidenceId)
            w.add("f.evidence_id = ?", {*f.evidenceId});
        if (f.fsId)
            w.add("f.fs_id = ?", {*f.fsId});
    }
    if (f.deletedOnly)
        w.add("f.allocated = 0");
    const auto source = fileSourceCondition(f.source);
    if (!source)
        return std::unexpected(source.error());
    if (!source->empty())
        w.add(*source);
    if (!f.signatureType.empty())
        w.add("f.sig_type = ?", {f.signatureType});
    if (f.extMismatchOnly)
        w.add("f.ext_mismatch = 1");
    if (!f.pathContains.empty())
        w.add("f.path LIKE ? ESCAPE '\\'", {containsPattern(f.pathContains)});
    if (!f.hash.empty()) {
        if (!isHex(f.hash))
            return fail(ErrorCode::InvalidArgument, "a hash filter takes hexadecimal digits only");
        addHash(w, f.hash);
    }
    return w;
}

// A folder's children come from the files_path range, carved and nested files from the
// partial index files_origin (a few among a million); without statistics SQLite may otherwise
// prefer walking the table in id order for the ORDER BY.
std::string selectFor(const FileQueryFilter &f)
{
    std::string sql = fileSelectSql();
    const bool fewOrigins = f.source == SourceFilter::Carved || f.source == SourceFilter::Nested;
    const char *index = f.folder ? "INDEXED BY files_path " : fewOrigins ? "INDEXED BY files_origin " : nullptr;
    if (index) {
        const std::string from = "FROM files f ";
        sql.replace(sql.find(from), from.size(), from + index);
    }
    return sql;
}

Result<std::vector<FileRow>> readRows(Statement &st)
{
    std::vector<FileRow> rows;
    auto n = st.forEachRow([&](const Statement &r) {
        rows.push_back(readFileRow(r));
        return true;
    });
    if (!n)
        return std::unexpected(n.error());
    return rows;
}

EvidenceItem readEvidence(const Statement &r) { return {r.int64(0), r.text(1), r.text(2), r.text(3)}; }

VolumeItem readVolume(const Statement &r)
{
    VolumeItem v;
    v.id = r.int64(0);
    v.evidenceId = r.int64(1);
    v.scheme = r.text(2);
    v.slot = static_cast<int>(r.int64(3));
    v.startOffset = r.int64(4);
    v.length = r.int64(5);
    v.description = r.text(6);
    v.flags = r.text(7);
    return v;
}

FilesystemItem readFilesystem(const Statement &r)
{
    return {r.int64(0), r.int64(1), r.int64(2), r.optInt64(3), r.text(4)};
}

std::string baseName(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

Result<std::vector<FileRow>> fetchFiles(Database &db, const FileQueryFilter &filter, std::int64_t afterId, int limit)
{
    auto where = buildWhere(filter);
    if (!where)
        return std::unexpected(where.error());
    auto st = db.prepare(selectFor(filter) + where->sql + " AND f.id > ? ORDER BY f.id LIMIT ?");
    if (!st)
        return std::unexpected(st.error());
    const int next = where->bindAll(*st);
    st->bind(next, afterId).bind(next + 1, static_cast<std::int64_t>(limit));
    return readRows(*st);
}

Result<std::int64_t> countFiles(Database &db, const FileQueryFilter &filter)
{
    auto where = buildWhere(filter);
    if (!where)
        return std::unexpected(where.error());
    auto st = db.prepare("SELECT count(*) FROM files f" + where->sql);
    if (!st)
        return std::unexpected(st.error());
    where->bindAll(*st);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return st->int64(0);
}

Result<std::optional<FileRow>> fileById(Database &db, std::int64_t id)
{
    auto rows = filesByIds(db, {id});
    if (!rows)
        return std::unexpected(rows.error());
    if (rows->empty())
        return std::optional<FileRow>{};
    return std::optional<FileRow>(std::move(rows->front()));
}

Result<std::vector<FileRow>> filesByIds(Database &db, const std::vector<std::int64_t> &ids)
{
    std::string list = "[";
    for (auto id : ids)
        list.append(list.size() > 1 ? "," : "").append(std::to_string(id));
    list += "]";
    auto st = db.prepare(std::string(fileSelectSql()) +
                         "WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, list);
    return readRows(*st);
}

Result<std::vector<EvidenceItem>> listEvidence(Database &db)
{
    return collectRows<EvidenceItem>(db, "SELECT id, display_name, kind, status FROM evidence ORDER BY id", std::nullopt,
                                 readEvidence);
}

Result<std::vector<VolumeItem>> listVolumes(Database &db, std::int64_t evidenceId)
{
    return collectRows<VolumeItem>(db,
                               "SELECT id, evidence_id, scheme, slot, start_offset, length, coalesce(description, ''), "
                               "flags FROM volumes WHERE evidence_id = ? ORDER BY start_offset, slot",
                               evidenceId, readVolume);
}

Result<std::vector<FilesystemItem>> listFilesystems(Database &db, std::int64_t evidenceId)
{
    return collectRows<FilesystemItem>(db,
                                   "SELECT id, evidence_id, start_offset, volume_id, fs_type FROM filesystems "
                                   "WHERE evidence_id = ? ORDER BY start_offset, id",
                                   evidenceId, readFilesystem);
}

Result<std::vector<FolderItem>> childFolders(Database &db, std::int64_t evidenceId, std::optional<std::int64_t> fsId,
                                            const std::string &folder)
{
    Where w;
    addFolder(w, evidenceId, fsId, folder);
    // Directories, and virtual entries that hold files (TSK's $OrphanFiles), through the
    // partial index files_folders: a range over the folders below, not all files below.
    w.add("f.meta_type IN ('dir', 'virtual')");
    w.add("f.meta_type = 'dir' OR EXISTS (SELECT 1 FROM files c WHERE c.evidence_id = f.evidence_id AND "
          "c.fs_id IS f.fs_id AND c.path > f.path || '/' AND c.path < f.path || '0')");
    auto st = db.prepare("SELECT f.path, max(f.allocated) FROM files f INDEXED BY files_folders" + w.sql +
                         " GROUP BY f.path ORDER BY f.path");
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    std::vector<FolderItem> out;
    auto n = st->forEachRow([&](const Statement &r) {
        out.push_back({r.text(0), baseName(r.text(0)), r.int64(1) == 0});
        return true;
    });
    if (!n)
        return std::unexpected(n.error());
    return out;
}

} // namespace vigil::casedb
