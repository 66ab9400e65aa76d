// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: archive expansion (expandArchive over libarchive: ZIP and relatives, tar,
// gzip, bzip2, xz, 7z, RAR, cab) with small limits; every member is read to its end.
#include <vector>

#include "plugins/api/memoryreader.h"
#include "plugins/carvers/archives/archives.h"
#include "tests/fuzz/fuzzutil.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil;
    plugins::MemoryReader content(fuzz::bytesOf(data, size));
    archives::Limits limits;
    limits.maxMemberSize = 4u << 20;
    limits.maxTotalSize = 16u << 20;
    limits.maxMembers = 2000;
    std::vector<unsigned char> buffer(64 * 1024);
    auto onMember = [&](const archives::Member &, archives::MemberData &member) -> Result<void> {
        for (;;) {
            auto n = member.read(buffer.data(), buffer.size());
            if (!n)
                return std::unexpected(n.error());
            if (*n == 0)
                return {};
        }
    };
    (void)archives::expandArchive(content, "fuzz.tar.gz", limits, onMember);
    return 0;
}
