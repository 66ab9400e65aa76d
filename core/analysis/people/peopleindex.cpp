// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/peopleindex.h"

#include <algorithm>
#include <tuple>

namespace vigil::analysis {

using casedb::Statement;

const char *speakerRoleName(SpeakerRole role)
{
    switch (role) {
    case SpeakerRole::Suspect: return "suspect";
    case SpeakerRole::Other: return "other";
    case SpeakerRole::Unknown: break;
    }
    return "unknown";
}

std::optional<std::int64_t> ConversationInfo::otherParty() const
{
    if (group || others.size() != 1)
        return std::nullopt;
    return *others.begin();
}

std::set<std::int64_t> ConversationInfo::persons() const
{
    std::set<std::int64_t> all = suspects;
    all.insert(others.begin(), others.end());
    return all;
}

Result<PeopleIndex> PeopleIndex::load(casedb::Database &db)
{
    PeopleIndex index;
    if (auto r = index.loadPersons(db); !r)
        return std::unexpected(r.error());
    if (auto r = index.loadConversations(db); !r)
        return std::unexpected(r.error());
    return index;
}

Result<void> PeopleIndex::loadPersons(casedb::Database &db)
{
    auto persons = db.prepare("SELECT id, label, role FROM persons");
    if (!persons)
        return std::unexpected(persons.error());
    auto r = persons->forEachRow([&](const Statement &s) {
        m_persons[s.int64(0)] = PersonInfo{s.text(1), s.text(2) == "suspect"};
        return true;
    });
    if (!r)
        return std::unexpected(r.error());
    auto accounts = db.prepare("SELECT account_id, person_id FROM person_accounts");
    if (!accounts)
        return std::unexpected(accounts.error());
    r = accounts->forEachRow([&](const Statement &s) {
        m_accountPerson[s.int64(0)] = s.int64(1);
        return true;
    });
    if (!r)
        return std::unexpected(r.error());
    auto apps = db.prepare("SELECT id, name FROM applications");
    if (!apps)
        return std::unexpected(apps.error());
    return asVoid(apps->forEachRow([&](const Statement &s) {
        m_appNames[s.text(0)] = s.text(1);
        return true;
    }));
}

Result<void> PeopleIndex::loadConversations(casedb::Database &db)
{
    auto st = db.prepare("SELECT id, app, is_group FROM conversations");
    if (!st)
        return std::unexpected(st.error());
    auto r = st->forEachRow([&](const Statement &s) {
        ConversationInfo &c = m_conversations[s.int64(0)];
        c.id = s.int64(0);
        c.app = s.text(1);
        c.group = s.int64(2) != 0;
        return true;
    });
    if (!r)
        return std::unexpected(r.error());
    if (auto p = addParticipants(db); !p)
        return p;
    return loadMessageGroups(db);
}

// One sequential pass over the table, grouped here: a GROUP BY either sorts a million rows or
// visits them through the conversation index at random (3-4x slower).
Result<void> PeopleIndex::loadMessageGroups(casedb::Database &db)
{
    auto st = db.prepare("SELECT conversation_id, sender_id, direction, sent_at, attachment_count FROM messages");
    if (!st)
        return std::unexpected(st.error());
    using Key = std::tuple<std::int64_t, std::optional<std::int64_t>, std::string>;
    std::map<Key, MessageGroup> groups;
    auto r = st->forEachRow([&](const Statement &s) {
        const auto sentAt = s.optInt64(3);
        Key key{s.int64(0), s.optInt64(1), s.text(2)};
        auto [it, added] = groups.try_emplace(std::move(key));
        MessageGroup &g = it->second;
        if (added) {
            g.conversation = std::get<0>(it->first);
            g.sender = std::get<1>(it->first);
            g.direction = std::get<2>(it->first);
        }
        ++g.messages;
        g.attachments += s.int64(4);
        if (sentAt) {
            g.first = g.first ? std::min(*g.first, *sentAt) : *sentAt;
            g.last = g.last ? std::max(*g.last, *sentAt) : *sentAt;
        }
        return true;
    });
    if (!r)
        return std::unexpected(r.error());
    for (auto &[key, g] : groups) {
        if (const auto it = m_conversations.find(g.conversation); it != m_conversations.end())
            it->second.messages += g.messages;
        if (g.sender)
            addMember(g.conversation, *g.sender);
        m_groups.push_back(std::move(g));
    }
    return {};
}

Result<void> PeopleIndex::addParticipants(casedb::Database &db)
{
    auto st = db.prepare("SELECT conversation_id, account_id FROM participants");
    if (!st)
        return std::unexpected(st.error());
    return asVoid(st->forEachRow([&](const Statement &s) {
        addMember(s.int64(0), s.int64(1));
        return true;
    }));
}

void PeopleIndex::addMember(std::int64_t conversation, std::int64_t account)
{
    const auto c = m_conversations.find(conversation);
    const auto person = personOf(account);
    if (c == m_conversations.end() || !person)
        return;
    (isSuspect(*person) ? c->second.suspects : c->second.others).insert(*person);
}

const ConversationInfo *PeopleIndex::conversation(std::int64_t id) const
{
    const auto it = m_conversations.find(id);
    return it == m_conversations.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> PeopleIndex::personOf(std::int64_t accountId) const
{
    const auto it = m_accountPerson.find(accountId);
    return it == m_accountPerson.end() ? std::nullopt : std::optional(it->second);
}

bool PeopleIndex::isSuspect(std::int64_t personId) const
{
    const auto it = m_persons.find(personId);
    return it != m_persons.end() && it->second.suspect;
}

std::string PeopleIndex::appName(const std::string &app) const
{
    const auto it = m_appNames.find(app);
    return it == m_appNames.end() || it->second.empty() ? app : it->second;
}

SpeakerRole PeopleIndex::speakerOf(const ConversationInfo &conversation, std::optional<std::int64_t> senderAccount,
                                   std::string_view direction) const
{
    if (senderAccount) {
        if (const auto person = personOf(*senderAccount))
            return isSuspect(*person) ? SpeakerRole::Suspect : SpeakerRole::Other;
    }
    if (direction == "outgoing")
        return SpeakerRole::Suspect;
    if (direction == "incoming" && !senderAccount && conversation.otherParty())
        return SpeakerRole::Other;
    return SpeakerRole::Unknown;
}

} // namespace vigil::analysis
