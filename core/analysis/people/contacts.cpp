// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/contacts.h"

#include <algorithm>

namespace vigil::analysis {

namespace {

std::optional<std::int64_t> earliest(std::optional<std::int64_t> a, std::optional<std::int64_t> b)
{
    return !a ? b : !b ? a : std::min(*a, *b);
}

std::optional<std::int64_t> latest(std::optional<std::int64_t> a, std::optional<std::int64_t> b)
{
    return !a ? b : !b ? a : std::max(*a, *b);
}

void addMembership(const PeopleIndex &index, ContactTables &t)
{
    for (const auto &[id, c] : index.conversations()) {
        if (!c.withSuspect())
            continue;
        t.conversations[id];
        for (const auto person : c.others) {
            PersonContact &p = t.persons[person];
            p.apps.insert(c.app);
            p.suspects.insert(c.suspects.begin(), c.suspects.end());
        }
    }
}

void addCounts(const PeopleIndex &index, const MessageGroup &row, ContactTables &t)
{
    const ConversationInfo *c = index.conversation(row.conversation);
    if (!c || !c->withSuspect())
        return;
    t.conversations[row.conversation].add(row.messages, row.first, row.last);
    const SpeakerRole speaker = index.speakerOf(*c, row.sender, row.direction);
    std::optional<std::int64_t> person = c->otherParty();
    if (!person && speaker == SpeakerRole::Other && row.sender)
        person = index.personOf(*row.sender);
    if (!person || !t.persons.contains(*person))
        return;
    MessageCounts &counts = t.persons[*person].counts;
    counts.add(row.messages, row.first, row.last);
    if (speaker == SpeakerRole::Other)
        counts.mediaSent += row.attachments;
    else if (speaker == SpeakerRole::Suspect && c->otherParty())
        counts.mediaReceived += row.attachments;
}

void addHits(const PeopleIndex &index, std::vector<CountedHit> hits, ContactTables &t)
{
    for (auto &h : hits) {
        const ConversationInfo *c = index.conversation(h.conversationId);
        if (!c || !c->withSuspect())
            continue;
        std::optional<std::int64_t> person = c->otherParty();
        if (!person && h.speaker == SpeakerRole::Other)
            person = h.senderPerson;
        if (person && t.persons.contains(*person))
            t.persons[*person].facts.hits.push_back(h);
        t.conversationHits[h.conversationId].push_back(std::move(h));
    }
}

} // namespace

void MessageCounts::add(std::int64_t n, std::optional<std::int64_t> from, std::optional<std::int64_t> to)
{
    messages += n;
    first = earliest(first, from);
    last = latest(last, to);
}

ContactTables gatherContacts(const PeopleIndex &index, std::vector<CountedHit> hits)
{
    ContactTables t;
    addMembership(index, t);
    for (const auto &group : index.messageGroups())
        addCounts(index, group, t);
    addHits(index, std::move(hits), t);
    for (auto &[id, p] : t.persons) {
        p.facts.firstContact = p.counts.first;
        p.facts.lastContact = p.counts.last;
    }
    return t;
}

Result<std::optional<std::int64_t>> caseReferenceTime(casedb::Database &db)
{
    auto st = db.prepare("SELECT max(sent_at) FROM messages");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? st->optInt64(0) : std::nullopt;
}

} // namespace vigil::analysis
