// SPDX-License-Identifier: GPL-3.0-or-later
// Archives and compressed files inside evidence (ZIP and its relatives such as DOCX/APK,
// tar, gzip, bzip2, xz, 7z, RAR, cab where libarchive reads them): lists and streams their
// members one level deep. Recursion (members that are archives themselves) is the caller's,
// so each level gets its own provenance. Limits turn decompression bombs into errors.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/error.h"
#include "core/util/timeutil.h"
#include "plugins/api/plugin.h"

namespace vigil::archives {

struct Limits {
    std::uint64_t maxMemberSize = 4ull << 30;     // bytes of one member once expanded
    std::uint64_t maxTotalSize = 16ull << 30;     // bytes of all members of one archive
    std::uint64_t maxMembers = 1'000'000;
    double maxRatio = 1000.0;                     // expanded bytes / archive bytes, beyond 1 MiB expanded
};

struct Member {
    std::string name;                      // as stored, '/'-separated: "word/media/image1.jpeg"
    std::uint64_t index = 0;               // position in the archive (0-based)
    std::optional<std::uint64_t> size;     // declared size, when the format gives one
    std::optional<UtcNanos> mtime;
    bool directory = false;
    bool encrypted = false;                // content cannot be read without a password
};

// Sequential reading of one member's bytes; 0 at the end.
class MemberData
{
public:
    virtual ~MemberData() = default;
    virtual Result<std::size_t> read(void *buffer, std::size_t length) = 0;
};

struct ExpandStats {
    std::string format;                  // "zip", "tar", "gzip", "tar.gz", "7z", "rar", ...
    std::uint64_t members = 0;           // handed to the callback
    std::uint64_t bytes = 0;             // expanded bytes read through MemberData
    std::uint64_t memberErrors = 0;      // members that could not be read (each also in errors)
    std::vector<Error> errors;           // per member or for the archive's tail: the walk went on
};

// The callback reads as much of `data` as it wants (all of it to keep the member), then
// returns. An error it returns is recorded in ExpandStats::errors and the walk goes on.
using MemberFn = std::function<Result<void>(const Member &member, MemberData &data)>;

// True for Signature::type values this module expands (zip, docx, xlsx, pptx, ooxml, odt, ods,
// odp, odg, epub, apk, jar, tar, gzip, bzip2, xz, 7z, rar, cab).
bool isArchiveType(std::string_view signatureType);

// Walks the archive in `content`. `name` is the archive's own file name (a gzip member without a
// stored name is called after it: "a.tar.gz" -> "a.tar"). Fails only when nothing can be read
// (not an archive, encrypted headers); a limit exceeded fails with ErrorCode::LimitExceeded
// ("decompression bomb: ...") after the members already handed over.
Result<ExpandStats> expandArchive(plugins::ContentReader &content, std::string_view name, const Limits &limits,
                                  const MemberFn &onMember, const std::atomic<bool> *cancel = nullptr);

const char *expanderId();        // "archive-expander", for provenance (files.parser)
const char *expanderVersion();

} // namespace vigil::archives
