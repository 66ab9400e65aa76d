// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/media.h"

namespace vigil::model {

namespace {

// UK: the Sentencing Council's categories for indecent images of children.
const std::vector<GradingCategory> kUk = {
    {"uk:A", "Category A", "penetrative sexual activity, sexual activity with an animal, or sadism"},
    {"uk:B", "Category B", "non-penetrative sexual activity"},
    {"uk:C", "Category C", "other indecent images not falling within categories A or B"},
    {"uk:NI", "Not indecent", "not an indecent image"},
};

// Project VIC / VICS categories.
const std::vector<GradingCategory> kVic = {
    {"vic:0", "0 Non-pertinent", "not relevant to the investigation"},
    {"vic:1", "1 Child abuse material", "child abuse material (CAM)"},
    {"vic:2", "2 Child exploitive / age difficult", "child exploitive or age difficult"},
    {"vic:3", "3 CGI / animation", "computer-generated or animated child abuse material"},
    {"vic:4", "4 Comparison images", "images for comparison (e.g. series, locations)"},
};

} // namespace

const std::vector<GradingCategory> &gradingCategories(GradingScheme scheme)
{
    return scheme == GradingScheme::Uk ? kUk : kVic;
}

std::string_view gradingSchemeId(GradingScheme scheme)
{
    return scheme == GradingScheme::Uk ? "uk" : "vic";
}

std::optional<GradingScheme> gradingSchemeFromId(std::string_view id)
{
    if (id == "uk")
        return GradingScheme::Uk;
    if (id == "vic" || id == "projectvic" || id == "project-vic")
        return GradingScheme::ProjectVic;
    return std::nullopt;
}

const GradingCategory *findGradingCategory(std::string_view code)
{
    for (const auto *list : {&kUk, &kVic}) {
        for (const auto &c : *list) {
            if (c.code == code)
                return &c;
        }
    }
    return nullptr;
}

std::optional<GradingScheme> schemeOfCategory(std::string_view code)
{
    if (code.starts_with("uk:") && findGradingCategory(code))
        return GradingScheme::Uk;
    if (code.starts_with("vic:") && findGradingCategory(code))
        return GradingScheme::ProjectVic;
    return std::nullopt;
}

} // namespace vigil::model
