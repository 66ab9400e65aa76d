// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/reasons.h"

namespace vigil::analysis::identity {

namespace {

std::string evidence(const Account &a)
{
    std::string out = "evidence " + std::to_string(a.evidenceId);
    return a.evidenceName.empty() ? out : out + " (" + a.evidenceName + ")";
}

std::string decisionText(const IdentityDecision &d, bool splitTogether)
{
    std::string out = (splitTogether ? "kept together when split out by " : "merged by ") + d.examiner + " on " +
                      d.createdUtc + " (decision " + std::to_string(d.id) + ")";
    return d.note.empty() ? out : out + ": " + d.note;
}

std::string contactText(const IdentityInput &in, const Join &j, const std::string &childValue,
                        const std::string &linkedValue)
{
    const ContactEntry &c = in.contacts[j.contact];
    std::string out = "address-book entry " + (c.name.empty() ? std::string("without a name") : "'" + c.name + "'") +
                      " (" + c.appName + ", evidence " + std::to_string(c.evidenceId) + ") lists ";
    return childValue == linkedValue ? out + childValue + " for both" : out + childValue + " and " + linkedValue;
}

} // namespace

std::string joinReason(const IdentityInput &in, const Join &j, std::size_t child, std::size_t linked)
{
    const Account &a = in.accounts[child];
    const Account &l = in.accounts[linked];
    switch (j.rule) {
    case Rule::Owner:
        return "device owner's account on " + evidence(a) + ", as is " + in.describe(linked);
    case Rule::AppId:
        return "the same " + a.appName + " account '" + a.key + "' is on " + evidence(a) + " and " + evidence(l);
    case Rule::Phone:
        return "same phone number " + j.valueA + " as " + in.describe(linked);
    case Rule::Email:
        return "same email address " + j.valueA + " as " + in.describe(linked);
    case Rule::Username:
        return "same distinctive username '" + j.valueA + "' as " + in.describe(linked);
    case Rule::Contact:
        return j.a == child ? contactText(in, j, j.valueA, j.valueB) : contactText(in, j, j.valueB, j.valueA);
    case Rule::Analyst:
        return decisionText(in.decisions[j.decision], j.splitTogether) + "; with " + in.describe(linked);
    case Rule::Alone:
        break;
    }
    return {};
}

std::string aloneReason(const IdentityInput &in, const Partition &partition, const JoinPlan &plan, std::size_t i)
{
    if (const auto &split = partition.splitBy[i]) {
        const IdentityDecision &d = in.decisions[*split];
        const std::string out = "split out by " + d.examiner + " on " + d.createdUtc + " (decision " +
                                std::to_string(d.id) + ")";
        return d.note.empty() ? out : out + ": " + d.note;
    }
    const Account &a = in.accounts[i];
    for (const auto *value : {&a.phone, &a.email}) {
        const auto it = plan.shared.find(*value);
        if (value->empty() || it == plan.shared.end())
            continue;
        std::string names;
        for (const auto &n : it->second)
            names += (names.empty() ? "'" : ", '") + n + "'";
        return *value + " is listed under different names in an address book (" + names +
               "): a shared number or address joins no accounts that have other identifiers";
    }
    return "no other account shares an identifier with it";
}

} // namespace vigil::analysis::identity
