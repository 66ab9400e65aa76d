// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/faultpoint.h"

#include <csignal>
#include <cstdlib>

#include <atomic>
#include <deque>
#include <string>

namespace vigil {

namespace {

struct Fault {
    std::string name;
    long at = 0;
    std::atomic<long> passes{0};
};

// VIGIL_FAULT read once: "commit:12,stage.carving:1". A malformed entry is ignored.
std::deque<Fault> &faults()
{
    static std::deque<Fault> parsed = [] {
        std::deque<Fault> out;
        const char *env = std::getenv("VIGIL_FAULT");
        std::string spec = env ? env : "";
        while (!spec.empty()) {
            const auto comma = spec.find(',');
            const std::string item = spec.substr(0, comma);
            spec = comma == std::string::npos ? "" : spec.substr(comma + 1);
            const auto colon = item.rfind(':');
            if (colon == std::string::npos || colon == 0)
                continue;
            const long at = std::strtol(item.c_str() + colon + 1, nullptr, 10);
            if (at <= 0)
                continue;
            Fault &f = out.emplace_back();
            f.name = item.substr(0, colon);
            f.at = at;
        }
        return out;
    }();
    return parsed;
}

} // namespace

void faultPoint(const char *prefix, const char *name)
{
    static const bool armed = !faults().empty();
    if (!armed)
        return;
    const std::string point = std::string(prefix) + name;
    for (Fault &f : faults()) {
        if (f.name == point && f.passes.fetch_add(1) + 1 == f.at)
            std::raise(SIGKILL);
    }
}

} // namespace vigil
