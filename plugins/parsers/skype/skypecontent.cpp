// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/skype/skypecontent.h"

#include <algorithm>

#include "plugins/parsers/skype/skypemarkup.h"

namespace vigil::plugins::skype {

std::vector<std::string> splitWords(std::string_view s, std::string_view separators)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t end = std::min(s.find_first_of(separators, i), s.size());
        if (end > i)
            out.emplace_back(s.substr(i, end - i));
        i = end + 1;
    }
    return out;
}

std::string firstNonEmpty(std::initializer_list<std::string> values)
{
    for (const auto &v : values) {
        if (!v.empty())
            return v;
    }
    return {};
}

void addUnique(std::vector<std::string> &list, const std::string &value)
{
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

const char *messageKind(std::optional<std::int64_t> type, bool hasBody)
{
    switch (type.value_or(-1)) {
    case kText:
    case kEmote: return "text";
    case kFiles:
    case kVoiceMessage:
    case kSharedMedia: return "media";
    case kCallStarted:
    case kCallEnded: return "call";
    case kContacts: return "contact";
    case kSms: return "sms";
    case kAddedMembers:
    case kRemovedMembers:
    case kLeft:
    case kAuthRequested:
    case kAuthGranted:
    case kBlocked:
    case kBirthday: return "system";
    default: return hasBody ? "text" : "system";
    }
}

// sending_status (1 sending, 2 sent, 3 failed) for the owner's messages; chatmsg_status
// (1 sending, 2 sent, 3 received, 4 read) otherwise.
std::string messageStatus(model::Direction d, std::optional<std::int64_t> sending, std::optional<std::int64_t> chatmsg)
{
    if (d == model::Direction::Outgoing && sending) {
        switch (*sending) {
        case 1: return "queued";
        case 2: return "sent";
        case 3: return "failed";
        default: break;
        }
    }
    switch (chatmsg.value_or(0)) {
    case 1: return d == model::Direction::Incoming ? "received" : "queued";
    case 2: return d == model::Direction::Incoming ? "received" : "sent";
    case 3: return "unread";
    case 4: return "read";
    default: return d == model::Direction::Incoming ? "received" : "";
    }
}

// Transfers.status: 7 cancelled, 8 completed, 9 failed, 12 cancelled by the other side;
// lower values are transfers still being offered or under way.
std::string transferStatus(std::int64_t status, model::Direction d)
{
    switch (status) {
    case 7:
    case 12: return "cancelled";
    case 8: return d == model::Direction::Incoming ? "received" : "delivered";
    case 9: return "failed";
    default: return "queued";
    }
}

std::optional<std::int64_t> parseCount(std::string_view s)
{
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoll(std::string(s));
}

void addSharedMedia(model::MessageRecord &m, std::string_view body)
{
    const auto objects = findElements(body, "URIObject");
    if (objects.empty())
        return;
    model::AttachmentRecord a;
    const auto names = findElements(body, "OriginalName");
    a.fileName = names.empty() ? std::string() : names.front().attribute("v");
    a.devicePath = objects.front().attribute("uri");
    const auto sizes = findElements(body, "FileSize");
    a.size = sizes.empty() ? std::nullopt : parseCount(sizes.front().attribute("v"));
    a.origin = m.origin;
    m.attachments.push_back(std::move(a));
}

void setContactsText(model::MessageRecord &m, std::string_view body)
{
    const auto list = findElements(body, "contacts");
    std::string names = list.empty() ? std::string() : list.front().attribute("alt");
    if (names.empty()) {
        for (const auto &c : findElements(body, "c"))
            names += (names.empty() ? "" : ", ") + firstNonEmpty({c.attribute("s"), c.attribute("p")});
    }
    m.text = firstNonEmpty({names, m.text});
}

// <partlist type="ended"><part identity="…"><name>…</name><duration>35</duration></part></partlist>
void setCallText(model::MessageRecord &m, bool started, std::string_view body)
{
    std::int64_t longest = -1;
    for (const auto &d : findElements(body, "duration")) {
        if (const auto seconds = parseCount(d.text))
            longest = std::max(longest, *seconds);
    }
    m.text = started ? "call started" : "call ended";
    if (longest >= 0)
        m.text += " (" + std::to_string(longest) + " s)";
}

} // namespace vigil::plugins::skype
