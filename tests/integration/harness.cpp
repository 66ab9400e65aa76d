// SPDX-License-Identifier: GPL-3.0-or-later
#include "harness.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/casedb/casestore.h"
#include "core/util/hashing.h"

namespace vigil::test {

CommandResult run(const std::string &command)
{
    CommandResult r;
    FILE *p = popen((command + " 2>&1").c_str(), "r");
    if (!p)
        return r;
    std::array<char, 65536> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
        r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

std::string quote(const std::string &s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

bool haveTool(const std::string &name)
{
    return run("command -v " + quote(name)).exitCode == 0;
}

fs::path vigilBinary() { return fs::path(VIGIL_BINARY_DIR) / "app/cli/vigil"; }
fs::path externalData() { return fs::path(VIGIL_EXTERNAL_DATA); }

fs::path unpackExternalImage(const std::string &zip, const std::string &member, const fs::path &dir, std::string &why)
{
    const auto archive = externalData() / "images" / zip;
    if (!fs::exists(archive)) {
        why = "external test data not found: " + archive.string() +
              " (it lives in ../shared/testdata/external, outside the repository)";
        return {};
    }
    if (!haveTool("unzip")) {
        why = "unzip is not installed";
        return {};
    }
    const auto r = run("unzip -q -o " + quote(archive.string()) + " -d " + quote(dir.string()));
    if (r.exitCode != 0 || !fs::exists(dir / member)) {
        why = "cannot unpack " + member + " from " + archive.string() + ": " + r.out;
        return {};
    }
    return dir / member;
}
fs::path generatedEvidence() { return fs::path(VIGIL_BINARY_DIR) / "generated-evidence"; }
fs::path demoEvidence() { return generatedEvidence().parent_path() / "generated-demo" / "demo.E01"; }
fs::path demoPhoneEvidence() { return demoEvidence().parent_path() / "demo-phone.E01"; }

CommandResult ingest(const std::vector<fs::path> &evidence, const fs::path &caseDir, const std::string &extra)
{
    std::string cmd = quote(vigilBinary().string()) + " ingest";
    for (const auto &e : evidence)
        cmd += " " + quote(e.string());
    return run(cmd + " --case " + quote(caseDir.string()) + " --examiner tester " + extra);
}

namespace {

std::string hexHash(const std::string &text)
{
    std::ostringstream hex;
    hex << std::hex << std::hash<std::string>{}(text);
    return hex.str();
}

// A file's path, size and modification time: it changes when the file is rebuilt or regenerated.
std::string fileStamp(const fs::path &file)
{
    std::error_code ec;
    std::ostringstream stamp;
    stamp << file.string() << '|' << fs::file_size(file, ec) << '|'
          << fs::last_write_time(file, ec).time_since_epoch().count() << '\n';
    return stamp.str();
}

// An exclusive flock on a file, released when the object goes.
class FileLock {
public:
    explicit FileLock(const fs::path &file) : m_fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
    {
        if (m_fd >= 0)
            ::flock(m_fd, LOCK_EX);
    }
    ~FileLock()
    {
        if (m_fd >= 0)
            ::close(m_fd);   // closing releases the lock
    }
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;

private:
    int m_fd;
};

std::string readText(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

CommandResult ingestShared(const std::vector<fs::path> &evidence, const fs::path &caseDir, const std::string &extra)
{
    // One folder per `vigil` build; making the first case of a new build removes the old builds'.
    const fs::path all = fs::path(VIGIL_BINARY_DIR) / "test-cases";
    const fs::path root = all / hexHash(fileStamp(vigilBinary()));
    fs::create_directories(all);
    if (!fs::exists(root)) {
        FileLock lock(all / ".lock");
        std::error_code ec;
        for (const auto &old : fs::directory_iterator(all, ec))
            if (old.is_directory() && old.path() != root)
                fs::remove_all(old.path(), ec);
        fs::create_directories(root);
    }
    std::string what = extra;
    for (const auto &e : evidence)
        what += fileStamp(e);
    const std::string key = hexHash(what);
    const fs::path made = root / key;
    FileLock lock(root / (key + ".lock"));
    if (!fs::exists(made / "ingest.out")) {
        std::error_code ec;
        fs::remove_all(made, ec);   // a half-made one (its maker was killed)
        const fs::path making = root / (key + ".making");
        fs::remove_all(making, ec);
        auto r = ingest(evidence, making / "case", extra);
        if (r.exitCode != 0)
            return r;
        std::ofstream(making / "ingest.out", std::ios::binary) << r.out;
        fs::rename(making, made);
    }
    fs::copy(made / "case", caseDir, fs::copy_options::recursive);
    return CommandResult{0, readText(made / "ingest.out")};
}

std::vector<casedb::FileRow> caseFiles(const fs::path &caseDir)
{
    std::vector<casedb::FileRow> rows;
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (db)
        (void)casedb::forEachFile(*db, {}, [&](const casedb::FileRow &r) { rows.push_back(r); });
    return rows;
}

std::int64_t caseScalar(const fs::path &caseDir, const std::string &sql)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return -1;
    auto st = db->prepare(sql);
    if (!st || !st->step().value_or(false))
        return -1;
    return st->int64(0);
}

std::vector<std::int64_t> fileSystemOffsets(const fs::path &caseDir, std::int64_t evidenceId)
{
    std::vector<std::int64_t> out;
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return out;
    auto st = db->prepare("SELECT start_offset FROM filesystems WHERE evidence_id=? ORDER BY start_offset");
    st->bind(1, evidenceId);
    while (st->step().value_or(false))
        out.push_back(st->int64(0));
    return out;
}

namespace {

std::optional<FlsEntry> parseFlsLine(const std::string &line)
{
    // "r/r * 36-128-1(realloc):\tdir/name"
    const auto tab = line.find(":\t");
    if (tab == std::string::npos || line.size() < 4)
        return std::nullopt;
    FlsEntry e;
    e.type = line[2];
    std::string mid = line.substr(4, tab - 4);
    if (mid.rfind("* ", 0) == 0) {
        e.deleted = true;
        mid = mid.substr(2);
    }
    if (auto p = mid.find("(realloc)"); p != std::string::npos) {
        e.realloc = true;
        mid = mid.substr(0, p);
    }
    e.inode = mid;
    e.path = line.substr(tab + 2);
    return e;
}

} // namespace

std::vector<FlsEntry> fls(const fs::path &image, std::int64_t offsetBytes)
{
    std::vector<FlsEntry> out;
    auto r = run("TZ=UTC fls -r -p -o " + std::to_string(offsetBytes / 512) + " " + quote(image.string()));
    std::size_t start = 0;
    while (start < r.out.size()) {
        auto end = r.out.find('\n', start);
        if (end == std::string::npos)
            end = r.out.size();
        if (auto e = parseFlsLine(r.out.substr(start, end - start)))
            out.push_back(*e);
        start = end + 1;
    }
    return out;
}

std::string icatMd5(const fs::path &image, std::int64_t offsetBytes, const std::string &inode)
{
    auto r = run("icat -o " + std::to_string(offsetBytes / 512) + " " + quote(image.string()) + " " + inode +
                 " 2>/dev/null | md5sum");
    return r.out.substr(0, 32);
}

std::string flsSanitized(const std::string &path)
{
    std::string out = path;
    for (auto &c : out) {
        if (static_cast<unsigned char>(c) < 0x20)
            c = '^';
    }
    return out;
}

std::string inodeString(const casedb::FileRow &row)
{
    std::string s = row.metaAddr ? std::to_string(*row.metaAddr) : "";
    if (row.attrType && row.attrId)
        s += "-" + std::to_string(*row.attrType) + "-" + std::to_string(*row.attrId);
    return s;
}

namespace {
std::string hashFile(const fs::path &file, unsigned algo)
{
    MultiHasher h(algo);
    std::ifstream in(file, std::ios::binary);
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        h.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    auto d = h.finish();
    return algo == HashMd5 ? d.md5 : d.sha256;
}

std::string key(const std::string &path, bool deleted, const std::string &inode)
{
    return path + (deleted ? " [deleted]" : "") + " #" + inode;
}
} // namespace

std::string md5File(const fs::path &file) { return hashFile(file, HashMd5); }
std::string sha256File(const fs::path &file) { return hashFile(file, HashSha256); }

std::vector<std::string> compareWithFls(const fs::path &caseDir, const fs::path &oracleImage, std::int64_t offsetBytes)
{
    std::multiset<std::string> theirs, ours;
    for (const auto &e : fls(oracleImage, offsetBytes))
        theirs.insert(key(e.path, e.deleted, e.inode));
    for (const auto &r : caseFiles(caseDir)) {
        if (r.volumeOffset && *r.volumeOffset == offsetBytes && r.origin == "fs")   // fls lists no derived files
            ours.insert(key(flsSanitized(r.path.substr(1)), !r.allocated, inodeString(r)));
    }
    std::vector<std::string> diffs;
    for (const auto &k : theirs)
        if (ours.count(k) < theirs.count(k))
            diffs.push_back("missing in Vigil: " + k);
    for (const auto &k : ours)
        if (theirs.count(k) < ours.count(k))
            diffs.push_back("extra in Vigil: " + k);
    if (theirs.empty())
        diffs.push_back("fls listed nothing at offset " + std::to_string(offsetBytes));
    return diffs;
}

std::vector<std::string> compareWithIcat(const fs::path &caseDir, const fs::path &oracleImage, std::int64_t offsetBytes,
                                         std::size_t maxFiles)
{
    std::vector<std::string> diffs;
    std::size_t checked = 0;
    for (const auto &r : caseFiles(caseDir)) {
        if (!r.volumeOffset || *r.volumeOffset != offsetBytes || r.md5.empty() || r.reallocated || r.origin != "fs")
            continue;
        if (++checked > maxFiles)
            break;
        const std::string theirs = icatMd5(oracleImage, offsetBytes, inodeString(r));
        if (theirs != r.md5)
            diffs.push_back(r.path + " #" + inodeString(r) + ": vigil " + r.md5 + " icat " + theirs);
    }
    if (checked == 0)
        diffs.push_back("no hashed files to compare at offset " + std::to_string(offsetBytes));
    return diffs;
}

} // namespace vigil::test

namespace vigil::test {

namespace {
std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos)
            return out;
        start = p + 1;
    }
}

std::int64_t seconds(const std::optional<std::int64_t> &ns)
{
    if (!ns)
        return 0;
    return *ns >= 0 ? *ns / 1'000'000'000LL : -((-*ns + 999'999'999LL) / 1'000'000'000LL);
}
} // namespace

std::vector<std::string> compareTimesWithFls(const fs::path &caseDir, const fs::path &oracleImage,
                                             std::int64_t offsetBytes)
{
    std::map<std::string, std::string> theirs;   // inode -> "a m c cr"
    auto r = run("TZ=UTC fls -r -m / -o " + std::to_string(offsetBytes / 512) + " " + quote(oracleImage.string()));
    for (const auto &line : split(r.out, '\n')) {
        auto f = split(line, '|');
        if (f.size() < 11)
            continue;
        std::string inode = f[2];
        theirs[inode] = f[7] + " " + f[8] + " " + f[9] + " " + f[10];
    }
    std::vector<std::string> diffs;
    std::size_t compared = 0;
    for (const auto &row : caseFiles(caseDir)) {
        if (!row.volumeOffset || *row.volumeOffset != offsetBytes)
            continue;
        auto it = theirs.find(inodeString(row));
        if (it == theirs.end())
            continue;
        ++compared;
        const std::string ours = std::to_string(seconds(row.atime)) + " " + std::to_string(seconds(row.mtime)) + " " +
                                 std::to_string(seconds(row.ctime)) + " " + std::to_string(seconds(row.crtime));
        if (ours != it->second)
            diffs.push_back(row.path + ": vigil " + ours + " fls " + it->second);
    }
    if (compared == 0)
        diffs.push_back("no times compared");
    return diffs;
}

std::vector<MmlsRow> mmls(const fs::path &image)
{
    std::vector<MmlsRow> out;
    auto r = run("mmls " + quote(image.string()));
    for (const auto &line : split(r.out, '\n')) {
        // "002:  000:000   0000000001   0000000350   0000000350   Linux (0x83)"
        if (line.size() < 60 || line[3] != ':')
            continue;
        std::string start = line.substr(16, 10), length = line.substr(42, 10);
        try {
            out.push_back({std::stoll(start) * 512, std::stoll(length) * 512, line.substr(55)});
        } catch (...) {
        }
    }
    return out;
}

} // namespace vigil::test

namespace vigil::test {

namespace {
std::string tagText(const std::string &obj, const std::string &tag)
{
    const std::string open = "<" + tag + ">", close = "</" + tag + ">";
    const auto a = obj.find(open);
    if (a == std::string::npos)
        return {};
    const auto b = obj.find(close, a);
    return b == std::string::npos ? std::string() : obj.substr(a + open.size(), b - a - open.size());
}

std::string digest(const std::string &obj, const std::string &type)
{
    const std::string open = "<hashdigest type='" + type + "'>";
    const auto a = obj.find(open);
    return a == std::string::npos ? std::string() : obj.substr(a + open.size(), type == "md5" ? 32 : 40);
}

std::optional<std::int64_t> firstDataRun(const std::string &obj)
{
    const auto facet = obj.find("<byte_runs facet='data'>");
    if (facet == std::string::npos)
        return std::nullopt;
    const auto at = obj.find("img_offset='", facet);
    if (at == std::string::npos)
        return std::nullopt;
    return std::stoll(obj.substr(at + 12));
}
} // namespace

std::vector<DfxmlFile> readDfxml(const fs::path &file)
{
    std::ifstream in(file);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<DfxmlFile> out;
    std::int64_t volume = 0;
    std::size_t pos = 0;
    for (;;) {
        const auto nextVolume = xml.find("<volume offset='", pos);
        const auto nextObject = xml.find("<fileobject>", pos);
        if (nextObject == std::string::npos)
            return out;
        if (nextVolume != std::string::npos && nextVolume < nextObject) {
            volume = std::stoll(xml.substr(nextVolume + 16));
            pos = nextVolume + 16;
            continue;
        }
        const auto end = xml.find("</fileobject>", nextObject);
        const std::string obj = xml.substr(nextObject, end - nextObject);
        DfxmlFile f;
        f.volumeOffset = volume;
        f.path = tagText(obj, "filename");
        const auto type = tagText(obj, "name_type");
        f.nameType = type.empty() ? '-' : type[0];
        const auto size = tagText(obj, "filesize");
        f.size = size.empty() ? 0 : std::stoll(size);
        f.allocated = tagText(obj, "alloc_name") != "0" && tagText(obj, "alloc_inode") != "0";
        f.md5 = digest(obj, "md5");
        f.sha1 = digest(obj, "sha1");
        f.firstImageOffset = firstDataRun(obj);
        out.push_back(f);
        pos = end;
    }
}

} // namespace vigil::test
