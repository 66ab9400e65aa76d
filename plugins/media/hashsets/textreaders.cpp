// SPDX-License-Identifier: GPL-3.0-or-later
// Plain hash lists and CSV files with a category column.
#include <algorithm>
#include <array>
#include <utility>
#include <variant>
#include <vector>

#include "plugins/media/hashsets/category.h"
#include "plugins/media/hashsets/readers.h"
#include "plugins/media/hashsets/sourcefile.h"

namespace vigil::media::detail {

namespace {

constexpr std::size_t kMaxLine = 4096;
constexpr std::size_t kMaxRecord = 1 << 20;

struct Digests {
    std::optional<Md5> md5;
    std::optional<Sha1> sha1;
};

// A 32 or 40 hex digit token → the digest; otherwise the reason it is not one.
std::variant<Digests, std::string> digestOf(std::string_view token)
{
    if (token.size() == 32) {
        if (auto d = parseMd5(token))
            return Digests{d, std::nullopt};
    } else if (token.size() == 40) {
        if (auto d = parseSha1(token))
            return Digests{std::nullopt, d};
    }
    return describeBadHash(token);
}

bool isHeaderWord(std::string_view token)
{
    for (const auto word : {"md5", "sha1", "sha-1", "hash"}) {
        if (equalsIgnoreCase(token, word))
            return true;
    }
    return false;
}

// --- CSV ---------------------------------------------------------------------------------

// RFC 4180 records: comma separated, fields optionally in double quotes ("" inside for a
// quote), quoted fields may hold commas and line breaks; CRLF or LF line ends.
class CsvRecords
{
public:
    explicit CsvRecords(SourceFile &file) : m_file(file) {}

    // False at the end of the file. `line` is the line the record starts on.
    bool next(std::vector<std::string> &fields, std::uint64_t &line, bool &tooLong)
    {
        fields.clear();
        tooLong = false;
        if (m_file.peek() < 0)
            return false;
        line = m_line;
        std::string field;
        std::size_t size = 0;
        bool quoted = false, wasQuoted = false;
        for (;;) {
            const int c = m_file.get();
            if (c < 0)
                break;
            if (c == '\n')
                ++m_line;
            if (quoted) {
                if (c == '"' && m_file.peek() == '"')
                    m_file.get();
                else if (c == '"') {
                    quoted = false;
                    continue;
                }
            } else if (c == '"' && field.empty() && !wasQuoted) {
                quoted = wasQuoted = true;
                continue;
            } else if (c == ',' || c == '\n') {
                if (c == '\n' && !field.empty() && field.back() == '\r')
                    field.pop_back();
                fields.push_back(std::move(field));
                field.clear();
                wasQuoted = false;
                if (c == '\n')
                    return true;
                continue;
            }
            if (++size > kMaxRecord) {
                tooLong = true;
                continue;
            }
            field.push_back(static_cast<char>(c));
        }
        if (!field.empty() && field.back() == '\r')
            field.pop_back();
        fields.push_back(std::move(field));
        return true;
    }

private:
    SourceFile &m_file;
    std::uint64_t m_line = 1;
};

struct CsvColumns {
    std::optional<std::size_t> md5, sha1, category;
};

std::string headerKey(std::string_view name)
{
    std::string key;
    for (const char c : lowerAscii(trimAscii(name))) {
        if (c != ' ' && c != '-' && c != '_' && c != '.')
            key.push_back(c);
    }
    return key;
}

CsvColumns findColumns(const std::vector<std::string> &header)
{
    CsvColumns cols;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string key = headerKey(header[i]);
        if ((key == "md5" || key == "md5hash" || key == "hashmd5") && !cols.md5)
            cols.md5 = i;
        else if ((key == "sha1" || key == "sha1hash" || key == "hashsha1") && !cols.sha1)
            cols.sha1 = i;
        else if ((key == "category" || key == "cat" || key == "viccategory" || key == "ukcategory") && !cols.category)
            cols.category = i;
    }
    return cols;
}

std::string_view cell(const std::vector<std::string> &row, std::optional<std::size_t> col)
{
    return col && *col < row.size() ? trimAscii(row[*col]) : std::string_view();
}

// Where a CSV record is, spelled out only for a rejected one.
struct Where {
    std::uint64_t row, line;
    std::string text() const { return "row " + std::to_string(row) + " (line " + std::to_string(line) + ")"; }
};

void csvRow(const std::vector<std::string> &row, const CsvColumns &cols, const Where &where, EntrySink &sink)
{
    std::optional<Md5> md5;
    std::optional<Sha1> sha1;
    const std::string_view md5Text = cell(row, cols.md5);
    const std::string_view sha1Text = cell(row, cols.sha1);
    if (!md5Text.empty() && !(md5 = parseMd5(md5Text)))
        return sink.reject(where.text() + ": md5 " + describeBadHash(md5Text));
    if (!sha1Text.empty() && !(sha1 = parseSha1(sha1Text)))
        return sink.reject(where.text() + ": sha1 " + describeBadHash(sha1Text));
    if (!md5 && !sha1)
        return sink.reject(where.text() + ": no md5 or sha1");
    const std::string_view catText = cell(row, cols.category);
    const auto code = categoryCodeFromText(catText);
    if (!code)
        return sink.reject(where.text() + ": unknown category " + quoteForMessage(catText));
    sink.accept(md5, sha1, *code);
}

} // namespace

Result<ReadInfo> readPlainList(const std::filesystem::path &path, EntrySink &sink)
{
    auto file = SourceFile::open(path);
    if (!file)
        return std::unexpected(file.error());
    file->skipBom();
    std::string line;
    bool tooLong = false, seenContent = false;
    for (std::uint64_t lineNo = 1; file->readLine(line, kMaxLine, tooLong); ++lineNo) {
        std::string_view text = line;
        text = trimAscii(text.substr(0, text.find('#')));
        if (text.empty())
            continue;
        const auto where = [lineNo] { return "line " + std::to_string(lineNo); };
        if (tooLong) {
            sink.reject(where() + ": longer than " + std::to_string(kMaxLine) + " bytes");
            continue;
        }
        // The first word is the hash; "hash  name" (md5sum / sha1sum output) is fine.
        const std::string_view token = text.substr(0, text.find_first_of(" \t"));
        const bool first = !std::exchange(seenContent, true);
        if (first && isHeaderWord(token))
            continue;
        auto digest = digestOf(token);
        if (auto *d = std::get_if<Digests>(&digest))
            sink.accept(d->md5, d->sha1, {});
        else
            sink.reject(where() + ": " + std::get<std::string>(digest));
    }
    auto sha = file->finish();
    if (!sha)
        return std::unexpected(sha.error());
    return ReadInfo{"", false, *sha};
}

Result<ReadInfo> readCsv(const std::filesystem::path &path, EntrySink &sink)
{
    auto file = SourceFile::open(path);
    if (!file)
        return std::unexpected(file.error());
    file->skipBom();
    CsvRecords records(*file);
    std::vector<std::string> row;
    std::uint64_t line = 0;
    bool tooLong = false;
    if (!records.next(row, line, tooLong))
        return fail(ErrorCode::Unsupported, "The CSV file is empty", path.string());
    const CsvColumns cols = findColumns(row);
    if (!cols.md5 && !cols.sha1)
        return fail(ErrorCode::Unsupported, "The CSV header names no md5 or sha1 column", path.string());
    for (std::uint64_t rowNo = 2; records.next(row, line, tooLong); ++rowNo) {
        if (row.size() == 1 && trimAscii(row[0]).empty())
            continue;   // blank line
        const Where where{rowNo, line};
        if (tooLong)
            sink.reject(where.text() + ": longer than " + std::to_string(kMaxRecord) + " bytes");
        else
            csvRow(row, cols, where, sink);
    }
    auto sha = file->finish();
    if (!sha)
        return std::unexpected(sha.error());
    return ReadInfo{"", cols.category.has_value(), *sha};
}

} // namespace vigil::media::detail
