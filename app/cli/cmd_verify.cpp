// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/progress.h"
#include "core/evidence/verify.h"

namespace vigil::cli {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

const char *verdict(const std::string &expected, const std::string &computed)
{
    return expected.empty() ? "(none stored)" : expected == computed ? "MATCH" : "MISMATCH";
}

} // namespace

int runVerify(const Args &input)
{
    Args args = input;
    std::string md5, sha1;
    takeOption(args, "--md5", md5);
    takeOption(args, "--sha1", sha1);
    if (!noUnknownOptions(args) || args.size() != 1) {
        std::fputs("usage: vigil verify IMAGE [--md5 HEX] [--sha1 HEX]\n", stderr);
        return ExitUsage;
    }
    auto source = evidence::openImage(args[0]);
    if (!source) {
        std::fprintf(stderr, "vigil: cannot read %s: %s\n", args[0].c_str(), source.error().toString().c_str());
        return ExitFailed;
    }
    ProgressLine bar;
    const auto t0 = std::chrono::steady_clock::now();
    auto result = evidence::verifyMedia(**source, [&](const evidence::VerifyProgress &p) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double rate = secs > 0 ? static_cast<double>(p.bytesDone) / secs : 0;
        bar.update("verify", p.bytesTotal ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : -1,
                   formatBytes(p.bytesDone) + " of " + formatBytes(p.bytesTotal), rate, p.bytesTotal - p.bytesDone);
    });
    bar.finish();
    if (!result) {
        std::fprintf(stderr, "vigil: cannot read %s: %s\n", args[0].c_str(), result.error().toString().c_str());
        return ExitFailed;
    }
    const std::string wantMd5 = md5.empty() ? result->stored.md5 : lower(md5);
    const std::string wantSha1 = sha1.empty() ? result->stored.sha1 : lower(sha1);
    std::printf("image:    %s (%s, %llu bytes)\n", args[0].c_str(), model::toString((*source)->kind()),
                static_cast<unsigned long long>((*source)->size()));
    std::printf("MD5:      %s  %s\n", result->computed.md5.c_str(), verdict(wantMd5, result->computed.md5));
    std::printf("SHA-1:    %s  %s\n", result->computed.sha1.c_str(), verdict(wantSha1, result->computed.sha1));
    if (wantMd5.empty() && wantSha1.empty()) {
        std::puts("result:   no stored or given hash to compare with");
        return ExitNothingToVerify;
    }
    const bool ok = (wantMd5.empty() || wantMd5 == result->computed.md5) &&
                    (wantSha1.empty() || wantSha1 == result->computed.sha1);
    std::printf("result:   %s\n", ok ? "VERIFIED" : "MISMATCH");
    return ok ? ExitOk : ExitFindings;
}

} // namespace vigil::cli
