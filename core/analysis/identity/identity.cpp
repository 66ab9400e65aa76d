// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/identity.h"

#include <optional>

#include "core/analysis/identity/handles.h"
#include "core/analysis/identity/identityinput.h"
#include "core/analysis/identity/joinrules.h"
#include "core/analysis/identity/log.h"
#include "core/analysis/identity/partition.h"
#include "core/analysis/identity/persons.h"
#include "core/util/resources.h"

Q_LOGGING_CATEGORY(lcIdentity, "vigil.identity")

namespace vigil::analysis {

namespace {

using namespace identity;

// persons cannot be deleted while other tables point at them (foreign keys).
Result<void> checkNoDependents(casedb::Database &db)
{
    auto st = db.prepare("SELECT (SELECT count(*) FROM person_locations) + (SELECT count(*) FROM victims) + "
                         "(SELECT count(*) FROM conversation_scores WHERE person_id IS NOT NULL OR "
                         "suspect_person_id IS NOT NULL)");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    if (st->int64(0) > 0)
        return fail(ErrorCode::InvalidArgument,
                    "persons are still referred to by locations, conversation scores or victims: clear those first "
                    "(the people analysis does) before resolving identities again");
    return {};
}

std::optional<GenericHandles> genericHandles(const IdentityOptions &options)
{
    const auto file = options.genericUsernames.empty() ? resourcePath("identity/generic-usernames.txt")
                                                       : options.genericUsernames;
    auto list = GenericHandles::load(file);
    if (!list) {
        qCWarning(lcIdentity) << "the username rule is off:" << list.error().toString().c_str();
        return std::nullopt;
    }
    return std::move(*list);
}

IdentitySummary summarise(const std::vector<Person> &persons, std::int64_t decisionsApplied)
{
    IdentitySummary s;
    s.persons = static_cast<std::int64_t>(persons.size());
    for (const auto &p : persons) {
        s.suspects += p.role == "suspect";
        s.accounts += static_cast<std::int64_t>(p.accounts.size());
    }
    s.joined = s.accounts - s.persons;
    s.decisionsApplied = decisionsApplied;
    return s;
}

} // namespace

Result<IdentitySummary> resolveIdentities(casedb::Database &db)
{
    return resolveIdentities(db, IdentityOptions{});
}

Result<IdentitySummary> resolveIdentities(casedb::Database &db, const IdentityOptions &options)
{
    if (auto r = checkNoDependents(db); !r)
        return std::unexpected(r.error());
    auto input = loadIdentityInput(db);
    if (!input)
        return std::unexpected(input.error());
    const auto generic = genericHandles(options);
    const JoinPlan plan = automaticJoins(*input, generic ? &*generic : nullptr);
    const Partition partition = resolvePartition(*input, plan.joins);
    const auto persons = formPersons(*input, partition, plan);
    if (auto r = writePersons(db, persons); !r)
        return std::unexpected(r.error());
    const IdentitySummary s = summarise(persons, partition.decisionsApplied);
    qCInfo(lcIdentity).nospace() << s.accounts << " accounts -> " << s.persons << " persons (" << s.suspects
                                 << " suspects), " << plan.joins.size() << " candidate joins, " << s.decisionsApplied
                                 << " analyst decisions replayed";
    return s;
}

} // namespace vigil::analysis
