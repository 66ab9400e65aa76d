// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identifiers.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <list>
#include <set>

namespace vigil::analysis {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::string_view withoutPrefix(std::string_view s, std::string_view prefix)
{
    if (s.size() >= prefix.size()
        && std::equal(prefix.begin(), prefix.end(), s.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
        s.remove_prefix(prefix.size());
    return s;
}

bool hasLetters(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); });
}

} // namespace

std::optional<std::string> toE164(std::string_view raw, std::string_view region)
{
    std::string_view s = withoutPrefix(trim(raw), "tel:");
    if (s.empty() || s.size() > 64 || hasLetters(s))   // alphanumeric senders ("BANK") are not numbers
        return std::nullopt;
    const auto *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const std::string reg = region.empty() ? std::string("ZZ") : std::string(region);
    if (util->Parse(std::string(s), reg, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return std::nullopt;
    if (util->IsPossibleNumberWithReason(number) != PhoneNumberUtil::IS_POSSIBLE)
        return std::nullopt;
    std::string out;
    util->Format(number, PhoneNumberUtil::E164, &out);
    return out;
}

std::string regionOfE164(std::string_view e164)
{
    const auto *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return {};
    std::string region;
    util->GetRegionCodeForCountryCode(number.country_code(), &region);
    return region == "ZZ" || region == "001" ? std::string() : region;
}

NumberRegion regionOfNumber(std::string_view e164)
{
    const auto *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return {};
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    if (!region.empty() && region != "ZZ" && region != "001")
        return {region, true};
    std::list<std::string> regions;
    util->GetRegionCodesForCountryCallingCode(number.country_code(), &regions);
    const std::string main = regionOfE164(e164);
    return {main, !main.empty() && regions.size() == 1};
}

bool isKnownRegion(std::string_view region)
{
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(std::string(region)) > 0;
}

std::string normalizeEmail(std::string_view raw)
{
    std::string_view s = withoutPrefix(trim(raw), "mailto:");
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos
        || s.find('.', at) == std::string_view::npos || s.back() == '.'
        || std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }))
        return {};
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

} // namespace vigil::analysis
