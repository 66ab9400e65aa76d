// SPDX-License-Identifier: GPL-3.0-or-later
// Who takes part in which conversation, at person level: read once from persons, person_accounts,
// participants and message senders, then used by every step of the people analysis (hits,
// conversation scores, victims, clusters).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::analysis {

// Who said a message, as far as the case tells.
enum class SpeakerRole { Suspect, Other, Unknown };
const char *speakerRoleName(SpeakerRole role);

struct PersonInfo {
    std::string label;
    bool suspect = false;
};

struct ConversationInfo {
    std::int64_t id = 0;
    std::string app;
    bool group = false;
    std::set<std::int64_t> suspects, others;   // persons taking part: participants and senders
    std::int64_t messages = 0;

    bool withSuspect() const { return !suspects.empty(); }
    // The one other person of a conversation that is not a group chat.
    std::optional<std::int64_t> otherParty() const;
    // Every person taking part.
    std::set<std::int64_t> persons() const;
};

// Messages of one conversation from one sender in one direction: what the contacts, scores
// and the graph need of the messages table, read in one pass.
struct MessageGroup {
    std::int64_t conversation = 0;
    std::optional<std::int64_t> sender;
    std::string direction;
    std::int64_t messages = 0, attachments = 0;
    std::optional<std::int64_t> first, last;
};

class PeopleIndex {
public:
    static Result<PeopleIndex> load(casedb::Database &db);

    const std::map<std::int64_t, PersonInfo> &persons() const { return m_persons; }
    const std::map<std::int64_t, ConversationInfo> &conversations() const { return m_conversations; }
    const std::vector<MessageGroup> &messageGroups() const { return m_groups; }
    const ConversationInfo *conversation(std::int64_t id) const;
    std::optional<std::int64_t> personOf(std::int64_t accountId) const;
    bool isSuspect(std::int64_t personId) const;
    // The app's name for people ("iOS Messages"), else its id.
    std::string appName(const std::string &app) const;

    // A message is the suspect's when its sender is a suspect's account or it was sent from the
    // device (outgoing); the other party's when its sender is another person's account, or when
    // it came in without a sender in a conversation with one other person.
    SpeakerRole speakerOf(const ConversationInfo &conversation, std::optional<std::int64_t> senderAccount,
                          std::string_view direction) const;

private:
    Result<void> loadPersons(casedb::Database &db);
    Result<void> loadConversations(casedb::Database &db);
    Result<void> loadMessageGroups(casedb::Database &db);
    Result<void> addParticipants(casedb::Database &db);
    void addMember(std::int64_t conversation, std::int64_t account);

    std::map<std::int64_t, PersonInfo> m_persons;
    std::map<std::int64_t, std::int64_t> m_accountPerson;
    std::map<std::int64_t, ConversationInfo> m_conversations;
    std::map<std::string, std::string> m_appNames;
    std::vector<MessageGroup> m_groups;
};

} // namespace vigil::analysis
