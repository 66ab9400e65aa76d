// SPDX-License-Identifier: GPL-3.0-or-later
// The walk over one archive: open it through libarchive in the mode its first bytes call for
// (one compression layer, or the container formats), hand each member to the caller through
// the limits, keep what came before damage, and end early only for limits and cancels.
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <clocale>
#include <span>
#include <string_view>
#include <vector>

#include "core/util/utf8.h"
#include "plugins/carvers/archives/archives.h"
#include "plugins/carvers/archives/compressed.h"
#include "plugins/carvers/archives/log.h"
#include "plugins/carvers/archives/memberdata.h"
#include "plugins/carvers/archives/source.h"

namespace vigil::archives {

namespace {

constexpr std::size_t kHeadSize = 4096;
constexpr int kMaxRetries = 16;

enum class Mode {
    Compressed,   // one filter (gzip, bzip2, xz, ...) over libarchive's raw format: one member
    Containers,   // ZIP (by its central directory), 7z, RAR 4/5, cab, tar, cpio, ISO 9660, ...
    ZipStream,    // ZIP by its local headers: a ZIP whose end (central directory) is missing
};

std::string libarchiveText(struct archive *a)
{
    const char *text = archive_error_string(a);
    return text ? text : "unknown libarchive error";
}

bool hasMagic(std::span<const unsigned char> head, std::size_t offset, std::string_view magic)
{
    return head.size() >= offset + magic.size()
        && std::equal(magic.begin(), magic.end(), head.begin() + static_cast<std::ptrdiff_t>(offset),
                      [](char m, unsigned char h) { return static_cast<unsigned char>(m) == h; });
}

bool isZip(std::span<const unsigned char> head)
{
    using namespace std::string_view_literals;
    return hasMagic(head, 0, "PK\x03\x04"sv) || hasMagic(head, 0, "PK\x05\x06"sv) || hasMagic(head, 0, "PK\x07\x08"sv);
}

// The format its magic names, alone: no other reader bids (nor reads the file's end to bid,
// which an unreadable sector there would fail); the whole list for anything else.
void enableContainers(struct archive *a, std::span<const unsigned char> head)
{
    using namespace std::string_view_literals;
    if (isZip(head)) {
        archive_read_support_format_zip_seekable(a);
    } else if (hasMagic(head, 0, "7z\xBC\xAF\x27\x1C"sv)) {
        archive_read_support_format_7zip(a);
    } else if (hasMagic(head, 0, "Rar!\x1A\x07"sv)) {
        archive_read_support_format_rar(a);
        archive_read_support_format_rar5(a);
    } else if (hasMagic(head, 0, "MSCF\0\0\0\0"sv)) {
        archive_read_support_format_cab(a);
    } else if (hasMagic(head, 257, "ustar"sv)) {
        archive_read_support_format_tar(a);
    } else {
        archive_read_support_format_zip_seekable(a);
        archive_read_support_format_7zip(a);
        archive_read_support_format_rar(a);
        archive_read_support_format_rar5(a);
        archive_read_support_format_cab(a);
        archive_read_support_format_tar(a);
        archive_read_support_format_cpio(a);
        archive_read_support_format_iso9660(a);
        archive_read_support_format_lha(a);
        archive_read_support_format_xar(a);
        archive_read_support_format_ar(a);
    }
}

void enableFormats(struct archive *a, Mode mode, int filterCode, std::span<const unsigned char> head)
{
    switch (mode) {
    case Mode::Compressed:
        archive_read_support_filter_by_code(a, filterCode);
        archive_read_support_format_raw(a);
        return;
    case Mode::ZipStream:
        archive_read_support_format_zip_streamable(a);
        return;
    case Mode::Containers:
        enableContainers(a, head);
        return;
    }
}

std::string formatName(struct archive *a, std::string_view filterName)
{
    switch (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) {
    case ARCHIVE_FORMAT_ZIP: return "zip";
    case ARCHIVE_FORMAT_TAR: return "tar";
    case ARCHIVE_FORMAT_7ZIP: return "7z";
    case ARCHIVE_FORMAT_RAR: return "rar";
    case ARCHIVE_FORMAT_RAR_V5: return "rar5";
    case ARCHIVE_FORMAT_CAB: return "cab";
    case ARCHIVE_FORMAT_CPIO: return "cpio";
    case ARCHIVE_FORMAT_ISO9660: return "iso9660";
    case ARCHIVE_FORMAT_LHA: return "lha";
    case ARCHIVE_FORMAT_XAR: return "xar";
    case ARCHIVE_FORMAT_AR: return "ar";
    case ARCHIVE_FORMAT_RAW: return std::string(filterName);
    default: {
        const char *name = archive_format_name(a);
        return name ? name : "unknown";
    }
    }
}

// The stored name, '/'-separated as the archive has it; only made valid UTF-8 without NUL.
std::string memberName(struct archive_entry *entry, std::uint64_t index)
{
    const char *utf8 = archive_entry_pathname_utf8(entry);
    const char *raw = utf8 ? utf8 : archive_entry_pathname(entry);
    std::string name = raw ? sanitizeUtf8(raw) : std::string();
    return name.empty() ? "member-" + std::to_string(index) : name;
}

// Links, devices, FIFOs and sockets have no bytes of their own; a hard link without data
// repeats an earlier member's.
bool hasNoContent(struct archive_entry *entry)
{
    const auto type = archive_entry_filetype(entry);
    if (type != 0 && type != AE_IFREG && type != AE_IFDIR)
        return true;
    const bool sizeless = !archive_entry_size_is_set(entry) || archive_entry_size(entry) == 0;
    return archive_entry_hardlink(entry) != nullptr && sizeless;
}

// libarchive converts member names through the thread's LC_CTYPE: under the "C" locale a
// UTF-8 name fails to convert and is lost. The walk runs with a UTF-8 LC_CTYPE on its thread
// (uselocale: nothing else in the process is affected) and restores the caller's afterwards.
class Utf8Ctype
{
public:
    Utf8Ctype()
    {
        static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
        if (utf8)
            m_previous = uselocale(utf8);
    }
    ~Utf8Ctype()
    {
        if (m_previous)
            uselocale(m_previous);
    }
    Utf8Ctype(const Utf8Ctype &) = delete;
    Utf8Ctype &operator=(const Utf8Ctype &) = delete;

private:
    locale_t m_previous = nullptr;
};

class Walk
{
public:
    Walk(plugins::ContentReader &content, std::string_view name, const Limits &limits, const MemberFn &onMember,
         const std::atomic<bool> *cancel)
        : m_content(content)
        , m_name(name)
        , m_limits(limits)
        , m_onMember(onMember)
        , m_cancel(cancel)
    {
    }

    Result<ExpandStats> run();

private:
    Result<ExpandStats> runMode(Mode mode);
    Result<void> loop(struct archive *a, const ArchiveSource &source, Mode mode);
    Result<void> member(struct archive *a, struct archive_entry *entry, Mode mode);
    Member describe(struct archive_entry *entry, std::uint64_t index, Mode mode) const;
    Result<void> encryptedMember(const Member &member);
    Result<void> unreadable(struct archive *a, const ArchiveSource &source, Mode mode) const;
    void recordTail(struct archive *a, const ArchiveSource &source);
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

    plugins::ContentReader &m_content;
    std::string m_name;
    const Limits &m_limits;
    const MemberFn &m_onMember;
    const std::atomic<bool> *m_cancel;

    std::vector<unsigned char> m_head;
    std::optional<CompressionFilter> m_filter;
    std::optional<GzipHeader> m_gzip;
    std::unique_ptr<Budget> m_budget;
    ExpandStats m_stats;
    bool m_archiveFailed = false;   // libarchive gave up mid-walk (recorded, walk over)
};

Result<ExpandStats> Walk::run()
{
    if (m_content.size() == 0)
        return fail(ErrorCode::Corrupt, "'" + m_name + "' is empty: there is no archive to expand");
    auto head = plugins::readExact(m_content, 0, static_cast<std::size_t>(std::min<std::uint64_t>(kHeadSize, m_content.size())));
    if (!head)
        return std::unexpected(head.error());
    m_head = std::move(*head);
    m_filter = detectCompression(m_head);
    if (m_filter) {
        if (m_filter->code == ARCHIVE_FILTER_GZIP)
            m_gzip = parseGzipHeader(m_head);
        return runMode(Mode::Compressed);
    }
    auto result = runMode(Mode::Containers);
    const bool retry = !result && (result.error().code == ErrorCode::Corrupt || result.error().code == ErrorCode::Io);
    if (retry && hasMagic(m_head, 0, "PK\x03\x04")) {
        // No usable central directory (truncated, overwritten, unreadable): the local headers.
        qCDebug(lcArchives) << "reading" << m_name.c_str() << "by its local ZIP headers:" << result.error().toString().c_str();
        return runMode(Mode::ZipStream);
    }
    return result;
}

Result<ExpandStats> Walk::runMode(Mode mode)
{
    m_stats = ExpandStats{};
    m_archiveFailed = false;
    m_budget = std::make_unique<Budget>(m_limits, m_content.size(), m_name);
    ArchiveSource source(m_content, m_cancel);
    ArchivePtr a(archive_read_new());
    if (!a)
        return fail(ErrorCode::Internal, "Cannot initialise libarchive");
    enableFormats(a.get(), mode, m_filter ? m_filter->code : 0, m_head);
    source.attach(a.get());
    if (archive_read_open1(a.get()) != ARCHIVE_OK) {
        if (auto bad = unreadable(a.get(), source, mode); !bad)
            return std::unexpected(bad.error());
    }
    if (auto r = loop(a.get(), source, mode); !r)
        return std::unexpected(r.error());
    m_stats.bytes = m_budget->total();
    return std::move(m_stats);
}

// Why nothing at all could be read; always an error.
Result<void> Walk::unreadable(struct archive *a, const ArchiveSource &source, Mode mode) const
{
    if (source.error())
        return std::unexpected(*source.error());
    const std::string text = libarchiveText(a);
    // (archive_read_has_encrypted_entries is not safe to call once opening has failed.)
    if (text.find("ncrypt") != std::string::npos)
        return fail(ErrorCode::Unsupported, "'" + m_name + "' cannot be expanded: its headers are encrypted", text);
    const std::string what = mode == Mode::Compressed ? std::string("a ") + std::string(m_filter->name) + " stream"
                                                       : std::string("an archive");
    return fail(ErrorCode::Corrupt, "'" + m_name + "' cannot be read as " + what, text);
}

void Walk::recordTail(struct archive *a, const ArchiveSource &source)
{
    m_archiveFailed = true;
    Error error = source.error() ? *source.error()
                                 : Error(ErrorCode::Corrupt, "", libarchiveText(a));
    error.message = "'" + m_name + "' is damaged or truncated after " + std::to_string(m_stats.members)
        + " members; the members before were kept"
        + (source.error() ? " (" + source.error()->message + ")" : std::string());
    m_stats.errors.push_back(std::move(error));
}

Result<void> Walk::loop(struct archive *a, const ArchiveSource &source, Mode mode)
{
    int retries = 0;
    bool first = true;
    while (!m_archiveFailed) {
        if (cancelled())
            return fail(ErrorCode::Cancelled, "Cancelled");
        struct archive_entry *entry = nullptr;
        const int rc = archive_read_next_header(a, &entry);
        if (rc == ARCHIVE_EOF)
            return {};
        if (rc == ARCHIVE_RETRY && ++retries < kMaxRetries)
            continue;
        if (source.error() && source.error()->code == ErrorCode::Cancelled)
            return std::unexpected(*source.error());
        if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY) {
            if (first)
                return unreadable(a, source, mode);
            recordTail(a, source);
            return {};
        }
        if (first && mode == Mode::Compressed && archive_filter_count(a) < 2)
            return unreadable(a, source, mode);   // the magic matched, the stream did not
        if (first)
            m_stats.format = formatName(a, m_filter ? m_filter->name : std::string_view());
        first = false;
        retries = 0;
        if (rc == ARCHIVE_WARN)
            qCDebug(lcArchives) << m_name.c_str() << "member header warning:" << libarchiveText(a).c_str();
        if (auto r = member(a, entry, mode); !r)
            return r;
    }
    return {};
}

Member Walk::describe(struct archive_entry *entry, std::uint64_t index, Mode mode) const
{
    Member m;
    m.index = index;
    m.directory = archive_entry_filetype(entry) == AE_IFDIR;
    m.encrypted = archive_entry_is_encrypted(entry) != 0;
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) >= 0)
        m.size = static_cast<std::uint64_t>(archive_entry_size(entry));
    if (archive_entry_mtime_is_set(entry))
        m.mtime = fromUnix(archive_entry_mtime(entry), archive_entry_mtime_nsec(entry));
    if (mode != Mode::Compressed) {
        m.name = memberName(entry, index);
        return m;
    }
    // libarchive calls the raw stream "data": name it after the archive or its gzip header.
    m.name = m_gzip && !m_gzip->storedName.empty() ? m_gzip->storedName : decompressedName(m_name);
    m.mtime = m_gzip ? m_gzip->mtime : std::nullopt;
    return m;
}

Result<void> Walk::encryptedMember(const Member &member)
{
    Error error(ErrorCode::Unsupported, "Member '" + member.name + "' of '" + m_name + "' is encrypted; its content cannot be read without the password");
    EncryptedData data(error);
    auto r = m_onMember(member, data);
    ++m_stats.members;
    ++m_stats.memberErrors;
    m_stats.errors.push_back(std::move(error));
    if (!r && r.error().message != m_stats.errors.back().message)
        m_stats.errors.push_back(r.error());
    return {};
}

Result<void> Walk::member(struct archive *a, struct archive_entry *entry, Mode mode)
{
    const std::uint64_t index = m_budget->members();
    if (!m_budget->countMember())
        return std::unexpected(*m_budget->stop());
    const Member m = describe(entry, index, mode);
    if (!m_budget->checkDeclared(m))
        return std::unexpected(*m_budget->stop());
    if (hasNoContent(entry))
        return {};
    if (m.encrypted)
        return encryptedMember(m);
    LimitedData data(a, m, *m_budget, m_cancel);
    auto r = m_onMember(m, data);
    ++m_stats.members;
    if (!m_budget->stop() && !m.directory)
        data.drain();
    if (m_budget->stop())
        return std::unexpected(*m_budget->stop());
    if (data.failure()) {
        ++m_stats.memberErrors;
        m_stats.errors.push_back(*data.failure());
    }
    if (!r && !(data.failure() && r.error().message == data.failure()->message))
        m_stats.errors.push_back(r.error());
    if (data.fatal())
        m_archiveFailed = true;   // libarchive cannot go past this member
    return {};
}

} // namespace

Result<ExpandStats> expandArchive(plugins::ContentReader &content, std::string_view name, const Limits &limits,
                                  const MemberFn &onMember, const std::atomic<bool> *cancel)
{
    const Utf8Ctype utf8;
    Walk walk(content, name, limits, onMember, cancel);
    return walk.run();
}

} // namespace vigil::archives
