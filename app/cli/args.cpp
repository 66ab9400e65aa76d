// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cstdio>

#include "app/cli/commands.h"

namespace vigil::cli {

bool takeFlag(Args &args, const std::string &name)
{
    auto it = std::find(args.begin(), args.end(), name);
    if (it == args.end())
        return false;
    args.erase(it);
    return true;
}

bool takeOption(Args &args, const std::string &name, std::string &value)
{
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (*it == name && it + 1 != args.end()) {
            value = *(it + 1);
            args.erase(it, it + 2);
            return true;
        }
        if (it->rfind(name + "=", 0) == 0) {
            value = it->substr(name.size() + 1);
            args.erase(it);
            return true;
        }
    }
    return false;
}

bool noUnknownOptions(const Args &args)
{
    for (const auto &a : args) {
        if (a.size() > 1 && a[0] == '-') {
            std::fprintf(stderr, "vigil: unknown or incomplete option '%s' (see vigil --help)\n", a.c_str());
            return false;
        }
    }
    return true;
}

bool parseId(const std::string &text, std::optional<std::int64_t> &out)
{
    if (text.empty())
        return true;
    try {
        std::size_t used = 0;
        out = std::stoll(text, &used);
        return used == text.size();
    } catch (...) {
        return false;
    }
}

} // namespace vigil::cli
