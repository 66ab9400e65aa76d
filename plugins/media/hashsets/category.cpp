// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/hashsets/category.h"

#include <array>

#include "plugins/media/hashsets/digest.h"

namespace vigil::media {

std::optional<std::string> vicCategoryCode(long long number)
{
    if (number < 0 || number > 4)
        return std::nullopt;
    return "vic:" + std::to_string(number);
}

std::optional<int> vicCategoryNumber(std::string_view code)
{
    if (code.size() == 5 && code.starts_with("vic:") && code[4] >= '0' && code[4] <= '4')
        return code[4] - '0';
    return std::nullopt;
}

std::optional<GradingScheme> categoryScheme(std::string_view code)
{
    if (vicCategoryNumber(code))
        return GradingScheme::ProjectVic;
    if (code == "uk:A" || code == "uk:B" || code == "uk:C" || code == "uk:NI")
        return GradingScheme::Uk;
    return std::nullopt;
}

std::optional<std::string> categoryCodeFromText(std::string_view text)
{
    const std::string t = detail::lowerAscii(detail::trimAscii(text));
    if (t.empty())
        return std::string();
    if (t.size() == 1 && t[0] >= '0' && t[0] <= '4')
        return vicCategoryCode(t[0] - '0');

    static constexpr std::array<std::string_view, 5> prefixes{"", "cat ", "cat. ", "category ", "uk "};
    for (const char grade : {'a', 'b', 'c'}) {
        for (const auto prefix : prefixes) {
            if (t.size() == prefix.size() + 1 && t.starts_with(prefix) && t.back() == grade)
                return std::string("uk:") + static_cast<char>(grade - 'a' + 'A');
        }
    }
    static constexpr std::array<std::string_view, 6> notIndecent{"n", "ni", "not indecent", "non-indecent",
                                                                  "non indecent", "cat n"};
    for (const auto word : notIndecent) {
        if (t == word)
            return std::string("uk:NI");
    }
    return std::nullopt;
}

} // namespace vigil::media
