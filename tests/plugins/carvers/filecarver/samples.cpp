// SPDX-License-Identifier: GPL-3.0-or-later
#include "samples.h"

#include "tests/testutil/tempdir.h"

#include <archive.h>
#include <archive_entry.h>
#include <gif_lib.h>
#include <sqlite3.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include <unistd.h>

namespace fs = std::filesystem;

namespace carvetest {

namespace {

using vigil::test::TempDir;

Bytes readFile(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void append(Bytes &out, const std::string &s) { out.insert(out.end(), s.begin(), s.end()); }
void append(Bytes &out, const Bytes &b) { out.insert(out.end(), b.begin(), b.end()); }

// A benign generated picture: gradient, shapes, a little noise (so the codecs have work).
cv::Mat pattern(int width, int height, int seed)
{
    cv::Mat img(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            img.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>((x * 255) / width), static_cast<uchar>((y * 255) / height),
                                                static_cast<uchar>((seed * 37 + x + y) & 0xFF));
    cv::RNG rng(static_cast<std::uint64_t>(seed) + 1);
    for (int i = 0; i < 12; ++i)
        cv::circle(img, {rng.uniform(0, width), rng.uniform(0, height)}, rng.uniform(4, std::max(5, width / 4)),
                   cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), cv::FILLED);
    cv::Mat grain(height, width, CV_8UC3);
    rng.fill(grain, cv::RNG::UNIFORM, 0, 24);
    img += grain;
    return img;
}

void check(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3 *db, const std::string &sql)
{
    check(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), db, sql.c_str());
}

void insertRows(sqlite3 *db, int first, int count)
{
    exec(db, "BEGIN");
    sqlite3_stmt *st = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO messages(body, ts) VALUES(?, ?)", -1, &st, nullptr), db, "prepare");
    for (int i = first; i < first + count; ++i) {
        const std::string body = "message " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), '.');
        sqlite3_bind_text(st, 1, body.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, 1700000000LL + i);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    exec(db, "COMMIT");
}

int gifWrite(GifFileType *gif, const GifByteType *data, int length)
{
    auto *out = static_cast<Bytes *>(gif->UserData);
    out->insert(out->end(), data, data + length);
    return length;
}

la_ssize_t archiveWrite(struct archive *, void *client, const void *buffer, size_t length)
{
    auto *out = static_cast<Bytes *>(client);
    const auto *p = static_cast<const unsigned char *>(buffer);
    out->insert(out->end(), p, p + length);
    return static_cast<la_ssize_t>(length);
}

struct Recipe {
    std::string type;
    std::string name;
    std::function<Bytes()> make;
    bool needsFfmpeg = false;
};

// Every sample, made on first use only (each test process builds just what it needs).
const std::vector<Recipe> &recipes()
{
    static const std::vector<Recipe> all = {
        {"jpeg", "jpeg-baseline", [] { return makeJpeg(640, 480, 1); }},
        {"jpeg", "jpeg-progressive", [] { return makeJpeg(320, 240, 2, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}); }},
        {"jpeg", "jpeg-restart", [] { return makeJpeg(300, 200, 3, {cv::IMWRITE_JPEG_RST_INTERVAL, 4}); }},
        {"png", "png", [] { return makeImage(".png", 300, 200, 4); }},
        {"gif", "gif-animated", [] { return makeGif(120, 90, 3, 5); }},
        {"bmp", "bmp", [] { return makeImage(".bmp", 123, 77, 6); }},
        {"webp", "webp-lossy", [] { return makeImage(".webp", 200, 150, 7, {cv::IMWRITE_WEBP_QUALITY, 80}); }},
        {"webp", "webp-lossless", [] { return makeImage(".webp", 64, 48, 8, {cv::IMWRITE_WEBP_QUALITY, 101}); }},
        {"pdf", "pdf", [] { return makePdf(false); }},
        {"pdf", "pdf-incremental", [] { return makePdf(true); }},
        {"zip", "zip", [] { return makeZip({{"a.txt", Bytes(3000, 'a')}, {"pic.jpg", makeJpeg(64, 64, 9)}}, false); }},
        {"zip", "zip-streamed", [] { return makeZip({{"b.txt", Bytes(5000, 'b')}, {"c.bin", noise(4000, 10)}}, true); }},
        {"sqlite", "sqlite", [] { return makeSqlite(4096, 300); }},
        {"sqlite-wal", "sqlite-wal", [] { return makeWal(200, false).wal; }},
        {"mp4", "mp4", [] { return makeVideo(".mp4", "-c:v mpeg4 -q:v 8"); }, true},
        {"mp4", "mp4-faststart", [] { return makeVideo(".mp4", "-c:v mpeg4 -q:v 8 -movflags +faststart"); }, true},
        {"mov", "mov", [] { return makeVideo(".mov", "-c:v mpeg4 -q:v 8"); }, true},
        {"avi", "avi", [] { return makeVideo(".avi", "-c:v mpeg4 -q:v 8"); }, true},
    };
    return all;
}

const Sample *made(const Recipe &recipe)
{
    static std::mutex mutex;
    static std::map<std::string, Sample> cache;
    const std::lock_guard lock(mutex);
    if (recipe.needsFfmpeg && !haveFfmpeg())
        return nullptr;
    auto it = cache.find(recipe.name);
    if (it == cache.end()) {
        Sample s{recipe.type, recipe.name, recipe.make()};
        if (s.bytes.empty())
            throw std::runtime_error("could not make sample " + recipe.name);
        it = cache.emplace(recipe.name, std::move(s)).first;
    }
    return &it->second;
}

} // namespace

const std::vector<Sample> &samples()
{
    static const std::vector<Sample> all = [] {
        std::vector<Sample> v;
        for (const Recipe &r : recipes())
            if (const Sample *s = made(r))
                v.push_back(*s);
        return v;
    }();
    return all;
}

const Sample *sampleOf(const std::string &type)
{
    for (const Recipe &r : recipes())
        if (r.type == type)
            return made(r);
    return nullptr;
}

const Sample *sampleNamed(const std::string &name)
{
    for (const Recipe &r : recipes())
        if (r.name == name)
            return made(r);
    return nullptr;
}

Bytes noise(std::size_t size, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    Bytes b(size);
    for (auto &c : b)
        c = static_cast<unsigned char>(rng() >> 24);
    return b;
}

Bytes makeImage(const std::string &extension, int width, int height, int seed, const std::vector<int> &params)
{
    std::vector<uchar> out;
    if (!cv::imencode(extension, pattern(width, height, seed), out, params))
        return {};
    return Bytes(out.begin(), out.end());
}

Bytes makeJpeg(int width, int height, int seed, const std::vector<int> &params)
{
    std::vector<int> p = params;
    p.insert(p.end(), {cv::IMWRITE_JPEG_QUALITY, 90});
    return makeImage(".jpg", width, height, seed, p);
}

Bytes makeGif(int width, int height, int frames, int seed)
{
    Bytes out;
    int error = 0;
    GifFileType *gif = EGifOpen(&out, gifWrite, &error);
    if (!gif)
        return {};
    ColorMapObject *map = GifMakeMapObject(256, nullptr);
    for (int i = 0; i < 256; ++i)
        map->Colors[i] = GifColorType{static_cast<GifByteType>(i), static_cast<GifByteType>(255 - i),
                                      static_cast<GifByteType>((i * 7) & 0xFF)};
    EGifSetGifVersion(gif, true);
    bool ok = EGifPutScreenDesc(gif, width, height, 8, 0, map) == GIF_OK;
    const unsigned char loop[] = {1, 0, 0};
    ok = ok && EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
         EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_OK && EGifPutExtensionBlock(gif, 3, loop) == GIF_OK &&
         EGifPutExtensionTrailer(gif) == GIF_OK;
    const cv::Mat img = pattern(width, height, seed);
    std::vector<GifPixelType> line(static_cast<std::size_t>(width));
    for (int f = 0; f < frames && ok; ++f) {
        const unsigned char gce[] = {0x04, 10, 0, 0};
        ok = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, gce) == GIF_OK &&
             EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr) == GIF_OK;
        for (int y = 0; y < height && ok; ++y) {
            for (int x = 0; x < width; ++x)
                line[std::size_t(x)] = static_cast<GifPixelType>(img.at<cv::Vec3b>(y, x)[0] + f * 40);
            ok = EGifPutLine(gif, line.data(), width) == GIF_OK;
        }
    }
    GifFreeMapObject(map);
    EGifCloseFile(gif, &error);
    return ok ? out : Bytes{};
}

// A real, minimal PDF: catalog, pages, one page with a text stream and a JPEG image
// (DCTDecode) XObject; with `incrementalUpdate` a second revision is appended.
Bytes makePdf(bool incrementalUpdate)
{
    const Bytes jpeg = makeJpeg(96, 64, 11);
    const std::string text = "BT /F1 12 Tf 20 100 Td (Generated test page) Tj ET q 96 0 0 64 20 20 cm /Im1 Do Q";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream",
        "",
    };
    Bytes out;
    append(out, std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"));
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        append(out, std::to_string(i + 1) + " 0 obj\n");
        if (i == 4) {
            append(out, "<< /Type /XObject /Subtype /Image /Width 96 /Height 64 /ColorSpace /DeviceRGB "
                        "/BitsPerComponent 8 /Filter /DCTDecode /Length " + std::to_string(jpeg.size()) + " >>\nstream\n");
            append(out, jpeg);
            append(out, std::string("\nendstream"));
        } else {
            append(out, objects[i]);
        }
        append(out, std::string("\nendobj\n"));
    }
    auto xref = [&](std::size_t first, const std::vector<std::size_t> &offs, const std::string &extra) {
        const std::size_t at = out.size();
        append(out, "xref\n" + std::to_string(first == 1 ? 0 : first) + " " +
                        std::to_string(offs.size() + (first == 1 ? 1 : 0)) + "\n");
        if (first == 1)
            append(out, std::string("0000000000 65535 f \n"));
        for (std::size_t o : offs) {
            char line[24];
            std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
            append(out, std::string(line));
        }
        append(out, "trailer\n<< /Size " + std::to_string(first + offs.size()) + " /Root 1 0 R" + extra +
                        " >>\nstartxref\n" + std::to_string(at) + "\n%%EOF\n");
        return at;
    };
    const std::size_t firstXref = xref(1, offsets, "");
    if (incrementalUpdate) {
        const std::size_t at = out.size();
        append(out, std::string("6 0 obj\n<< /Producer (Vigil test update) >>\nendobj\n"));
        xref(6, {at}, " /Info 6 0 R /Prev " + std::to_string(firstXref));
    }
    return out;
}

Bytes makeZip(const std::vector<ZipEntry> &entries, bool streamed, bool stored)
{
    Bytes out;
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    archive_write_set_format_option(a, "zip", "compression", stored ? "store" : "deflate");
    archive_write_set_bytes_in_last_block(a, 1);
    if (archive_write_open(a, &out, nullptr, archiveWrite, nullptr) != ARCHIVE_OK) {
        archive_write_free(a);
        return {};
    }
    for (const ZipEntry &e : entries) {
        struct archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.name.c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_mtime(entry, 1709294400, 0);
        if (!streamed)
            archive_entry_set_size(entry, static_cast<la_int64_t>(e.data.size()));
        archive_write_header(a, entry);
        archive_write_data(a, e.data.data(), e.data.size());
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

Bytes makeSqlite(int pageSize, int rows)
{
    TempDir dir;
    const fs::path path = dir / "test.db";
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    exec(db, "PRAGMA page_size=" + std::to_string(pageSize));
    exec(db, "CREATE TABLE messages(id INTEGER PRIMARY KEY, body TEXT, ts INTEGER)");
    insertRows(db, 1, rows);
    sqlite3_close(db);
    return readFile(path);
}

WalPair makeWal(int rows, bool restartOnce)
{
    TempDir dir;
    const fs::path path = dir / "test.db";
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    exec(db, "PRAGMA page_size=1024");
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA wal_autocheckpoint=0");
    exec(db, "CREATE TABLE messages(id INTEGER PRIMARY KEY, body TEXT, ts INTEGER)");
    for (int i = 0; i < rows; i += 20)
        insertRows(db, i + 1, 20);
    if (restartOnce) {
        exec(db, "PRAGMA wal_checkpoint(RESTART)");
        insertRows(db, rows + 1, 3);   // rewrites the first frames with new salts
    }
    WalPair pair{readFile(path), readFile(fs::path(path.string() + "-wal"))};
    sqlite3_close(db);
    return pair;
}

bool haveFfmpeg()
{
    static const bool have = std::system("ffmpeg -version >/dev/null 2>&1") == 0;
    return have;
}

Bytes makeVideo(const std::string &extension, const std::string &codecArgs)
{
    TempDir dir;
    const fs::path out = dir / ("clip" + extension);
    const std::string cmd = "ffmpeg -nostdin -hide_banner -v error -y -f lavfi -i testsrc=size=160x120:rate=10:duration=2 " +
                            codecArgs + " -fflags +bitexact '" + out.string() + "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0)
        return {};
    return readFile(out);
}

JpegWithThumbnail makeJpegWithThumbnail()
{
    const Bytes thumb = makeJpeg(96, 72, 21);
    const Bytes main = makeJpeg(640, 480, 22);
    Bytes app1;
    append(app1, std::string("Exif\0\0II*\0\x08\0\0\0", 14));
    append(app1, Bytes(6, 0));   // stands in for the IFDs that point at the thumbnail
    JpegWithThumbnail j;
    j.bytes = {0xFF, 0xD8, 0xFF, 0xE1};
    const std::size_t length = 2 + app1.size() + thumb.size();
    j.bytes.push_back(static_cast<unsigned char>(length >> 8));
    j.bytes.push_back(static_cast<unsigned char>(length & 0xFF));
    append(j.bytes, app1);
    j.thumbnailOffset = j.bytes.size();
    j.thumbnailLength = thumb.size();
    append(j.bytes, thumb);
    j.bytes.insert(j.bytes.end(), main.begin() + 2, main.end());
    return j;
}

} // namespace carvetest
