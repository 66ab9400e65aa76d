// SPDX-License-Identifier: GPL-3.0-or-later
// The --source option of the listings (files, media, messages).
#include <cstdio>

#include "app/cli/commands.h"

namespace vigil::cli {

bool takeSource(Args &args, casedb::SourceFilter &out, bool allowWal)
{
    std::string name;
    const bool given = takeOption(args, "--source", name);
    const bool shortForm = takeFlag(args, "--recovered");
    if (given && shortForm) {
        std::fputs("vigil: --recovered is short for --source recovered; give one of them\n", stderr);
        return false;
    }
    if (shortForm)
        name = "recovered";
    if (name.empty() && !given)
        return true;
    const auto source = casedb::sourceFilterFromName(name);
    if (!source || (*source == casedb::SourceFilter::Wal && !allowWal)) {
        std::fprintf(stderr, "vigil: unknown source '%s' (all, live, deleted, carved, recovered, nested%s)\n",
                     name.c_str(), allowWal ? ", wal" : "");
        return false;
    }
    out = *source;
    return true;
}

} // namespace vigil::cli
