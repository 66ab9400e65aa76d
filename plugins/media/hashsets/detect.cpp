// SPDX-License-Identifier: GPL-3.0-or-later
// Format detection from the first 64 KiB of the file.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <vector>

#include "plugins/media/hashsets/digest.h"
#include "plugins/media/hashsets/hashset.h"

namespace vigil::media {

namespace {

constexpr std::size_t kHeadSize = 64 * 1024;

Result<std::string> readHead(const std::filesystem::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return fail(err == ENOENT ? ErrorCode::NotFound : err == EACCES ? ErrorCode::Permission : ErrorCode::Io,
                    "Cannot open the hash set " + path.string(), std::error_code(err, std::generic_category()).message());
    }
    std::string head(kHeadSize, '\0');
    std::size_t got = 0;
    while (got < head.size()) {
        const ssize_t n = ::read(fd, head.data() + got, head.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    head.resize(got);
    return head;
}

std::vector<std::string_view> lines(std::string_view text)
{
    std::vector<std::string_view> out;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        out.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos)
            break;
        text.remove_prefix(nl + 1);
    }
    return out;
}

bool csvHeaderNamesHash(std::string_view firstLine)
{
    if (firstLine.find(',') == std::string_view::npos)
        return false;
    std::string key;
    for (const char c : detail::lowerAscii(firstLine)) {
        if (c != ' ' && c != '-' && c != '_' && c != '.' && c != '"' && c != '\r')
            key.push_back(c);
    }
    for (std::string_view rest = key; !rest.empty();) {
        const std::string_view field = rest.substr(0, rest.find(','));
        if (field == "md5" || field == "sha1" || field == "md5hash" || field == "sha1hash" || field == "hashmd5"
            || field == "hashsha1")
            return true;
        if (field.size() == rest.size())
            break;
        rest.remove_prefix(field.size() + 1);
    }
    return false;
}

// Text whose content lines (not blank, not '#' comments) start with a hash-like hex token,
// at least one of them an MD5 or SHA-1; or only comments.
bool looksLikePlainList(std::string_view head, bool complete)
{
    if (head.find('\0') != std::string_view::npos)
        return false;
    auto all = lines(head);
    if (!complete && all.size() > 1)
        all.pop_back();   // possibly cut
    std::size_t content = 0, hashes = 0;
    for (const auto line : all) {
        const auto text = detail::trimAscii(line.substr(0, line.find('#')));
        if (text.empty())
            continue;
        ++content;
        const auto token = text.substr(0, text.find_first_of(" \t"));
        if ((token.size() == 32 && detail::parseMd5(token)) || (token.size() == 40 && detail::parseSha1(token)))
            ++hashes;
    }
    // A stray bad line is rejected at import; mostly non-hash text is not a hash list.
    return content == 0 ? !head.empty() : hashes * 2 >= content;
}

} // namespace

Result<HashSetFormat> detectHashSetFormat(const std::filesystem::path &path)
{
    auto headOr = readHead(path);
    if (!headOr)
        return std::unexpected(headOr.error());
    std::string_view head = *headOr;
    if (head.empty())
        return fail(ErrorCode::Unsupported, "The hash set file is empty", path.string());
    if (head.starts_with(std::string_view("SQLite format 3\0", 16)))
        return HashSetFormat::NsrlRds;
    if (head.starts_with("\xEF\xBB\xBF"))
        head.remove_prefix(3);
    const auto firstNonSpace = head.find_first_not_of(" \t\r\n");
    if (firstNonSpace != std::string_view::npos && head[firstNonSpace] == '{')
        return HashSetFormat::VicsJson;
    if (csvHeaderNamesHash(head.substr(0, head.find('\n'))))
        return HashSetFormat::Csv;
    if (looksLikePlainList(head, headOr->size() < kHeadSize))
        return HashSetFormat::PlainList;
    return fail(ErrorCode::Unsupported,
                "Not a hash set Vigil can read (VICS JSON, MD5/SHA-1 list, CSV with an md5 or sha1 column, "
                "NSRL RDSv3)",
                path.string());
}

} // namespace vigil::media
