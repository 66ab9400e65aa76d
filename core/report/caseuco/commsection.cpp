// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/sections.h"

#include <algorithm>

#include "core/casedb/peoplequery.h"

namespace vigil::report::uco {

namespace {

void writeApplication(Export &ex, const AppRow &app)
{
    ex.graph.beginNode(ex.applicationId(app.id), {"uco-observable:Application"});
    ex.graph.text("uco-core:name", app.name);
    ex.graph.text("uco-core:description", "Vigil application id " + app.id);
    ex.graph.endNode();
}

// A person as the identity resolution formed them, and why each of their accounts is theirs.
void writePerson(Export &ex, const casedb::PersonRow &p)
{
    const bool any = std::any_of(p.accounts.begin(), p.accounts.end(),
                                 [&](const casedb::PersonAccount &a) { return ex.scope.hasAccount(a.accountId); });
    if (!any)
        return;
    auto &g = ex.graph;
    g.beginNode(ex.personId(p.id), {"uco-identity:Person"});
    g.text("uco-core:name", p.label);
    g.text("uco-core:tag", p.role);
    g.endNode();
    for (const auto &a : p.accounts) {
        if (!ex.scope.hasAccount(a.accountId))
            continue;
        g.beginRelationship(ex.ids()("account", a.accountId, "holder"), ex.personId(p.id), ex.accountId(a.accountId),
                            "Has_Account", false);
        g.text("uco-core:description", a.reason);
        g.endNode();
    }
}

std::vector<std::string> logins(const AccountRow &a)
{
    std::vector<std::string> out;
    for (const auto *v : {&a.username, &a.phone, &a.email}) {
        if (!v->empty() && std::find(out.begin(), out.end(), *v) == out.end())
            out.push_back(*v);
    }
    return out;
}

void writeAccount(Export &ex, const AccountRow &a)
{
    auto &g = ex.graph;
    const std::string id = ex.accountId(a.id);
    g.beginNode(id, {"uco-observable:ApplicationAccount"});
    if (a.owner)
        g.text("uco-core:tag", "device owner");
    g.beginFacets();
    g.beginFacet(ex.ids()("account", a.id, "account-facet"), "uco-observable:AccountFacet");
    g.text("uco-observable:accountIdentifier", a.key);
    g.time("uco-observable:observableCreatedTime", a.createdAt);
    g.endFacet();
    g.beginFacet(ex.ids()("account", a.id, "application-facet"), "uco-observable:ApplicationAccountFacet");
    g.ref("uco-observable:application", ex.applicationId(a.app));
    g.endFacet();
    g.beginFacet(ex.ids()("account", a.id, "digital-facet"), "uco-observable:DigitalAccountFacet");
    g.text("uco-observable:displayName", a.displayName.empty() ? a.contactName : a.displayName);
    g.texts("uco-observable:accountLogin", logins(a));
    g.endFacet();
    g.endFacets();
    g.endNode();
    ++g.stats().accounts;
    writeSourceRelationship(ex, "account", a.id, id, a.source);
}

// Who a message went to: the recipients the app recorded, else every other participant.
std::vector<std::string> recipients(const Export &ex, const MessageRow &m, const ConversationRow &c)
{
    std::vector<std::string> out;
    for (const auto account : m.recipients.empty() ? c.participants : m.recipients) {
        if (account != m.sender && ex.scope.hasAccount(account))
            out.push_back(ex.accountId(account));
    }
    return out;
}

void writeAttachment(Export &ex, const AttachmentRow &a, const std::string &message)
{
    auto &g = ex.graph;
    std::string source = a.fileId ? ex.fileId(*a.fileId) : ex.attachmentFileId(a.id);
    if (!a.fileId) {
        g.beginNode(source, {"uco-observable:File"});
        g.text("uco-core:description", "An attachment as the app recorded it (its file was not found in the evidence)");
        g.beginFacets();
        g.beginFacet(ex.ids()("attachment", a.id, "file-facet"), "uco-observable:FileFacet");
        g.text("uco-observable:fileName", a.fileName);
        g.text("uco-observable:filePath", a.devicePath);
        g.integer("uco-observable:sizeInBytes", a.size);
        g.endFacet();
        if (!a.mime.empty()) {
            g.beginFacet(ex.ids()("attachment", a.id, "content-facet"), "uco-observable:ContentDataFacet");
            g.text("uco-observable:mimeType", a.mime);
            g.endFacet();
        }
        g.endFacets();
        g.endNode();
    }
    g.beginRelationship(ex.ids()("attachment", a.id), source, message, "Attachment_Of");
    g.text("uco-core:description", a.fileName.empty() ? a.devicePath : a.fileName);
    g.endNode();
}

void writeMessage(Export &ex, const MessageRow &m, const ConversationRow &c, const std::vector<AttachmentRow> *attachments)
{
    auto &g = ex.graph;
    const std::string id = ex.messageId(m.id);
    g.beginNode(id, {"uco-observable:Message"});
    std::vector<std::string> tags;
    if (m.source.recordSource == "recovered")
        tags.emplace_back("recovered");
    if (m.deletedInApp)
        tags.emplace_back("deleted in app");
    g.texts("uco-core:tag", tags);
    g.beginFacets();
    g.beginFacet(ex.ids()("message", m.id, "facet"), "uco-observable:MessageFacet");
    g.ref("uco-observable:application", ex.applicationId(c.app));
    g.text("uco-observable:messageText", m.body);
    g.time("uco-observable:sentTime", m.sentAt);
    if (m.sender && ex.scope.hasAccount(*m.sender))
        g.ref("uco-observable:from", ex.accountId(*m.sender));
    g.refs("uco-observable:to", recipients(ex, m, c));
    g.text("uco-observable:messageType", m.type);
    g.endFacet();
    g.endFacets();
    g.endNode();
    ++g.stats().messages;
    writeSourceRelationship(ex, "message", m.id, id, m.source);
    if (!attachments)
        return;
    for (const auto &a : *attachments)
        writeAttachment(ex, a, id);
}

std::string threadItemId(const Export &ex, std::int64_t conversation, std::size_t index)
{
    return ex.ids()("thread", conversation, "item-" + std::to_string(index));
}

// The ordered thread: co:element lists the messages, co:item gives each its place (1, 2, ...).
void writeThreadList(Export &ex, const ConversationRow &c, const std::vector<std::int64_t> &messages)
{
    auto &g = ex.graph;
    auto &json = g.json();
    json.key("uco-observable:messageThread").beginObject();
    json.key("@id").string(ex.ids()("thread", c.id, "list")).key("@type").string("uco-types:Thread");
    g.typed("co:size", "xsd:nonNegativeInteger", std::to_string(messages.size()));
    if (messages.empty()) {
        json.endObject();
        return;
    }
    json.key("co:element").beginArray();
    for (const auto m : messages)
        json.beginObject().key("@id").string(ex.messageId(m)).endObject();
    json.endArray().key("co:item").beginArray();
    std::string item = threadItemId(ex, c.id, 1);
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const std::string next = i + 1 < messages.size() ? threadItemId(ex, c.id, i + 2) : std::string();
        json.beginObject().key("@id").string(item).key("@type").string("uco-types:ThreadItem");
        g.typed("co:index", "xsd:positiveInteger", std::to_string(i + 1));
        g.ref("co:itemContent", ex.messageId(messages[i]));
        g.ref("uco-types:threadNextItem", next);
        json.endObject();
        item = next;
    }
    json.endArray().endObject();
}

void writeThread(Export &ex, const ConversationRow &c, const std::string &appName, const std::vector<std::int64_t> &messages)
{
    auto &g = ex.graph;
    const std::string id = ex.threadId(c.id);
    g.beginNode(id, {"uco-observable:MessageThread"});
    g.text("uco-core:name", c.title);
    g.text("uco-core:description", appName + " conversation, thread " + c.threadKey);
    if (c.group)
        g.text("uco-core:tag", "group");
    g.beginFacets();
    g.beginFacet(ex.ids()("thread", c.id, "facet"), "uco-observable:MessageThreadFacet");
    std::vector<std::string> participants;
    for (const auto account : c.participants) {
        if (ex.scope.hasAccount(account))
            participants.push_back(ex.accountId(account));
    }
    g.refs("uco-observable:participant", participants);
    writeThreadList(ex, c, messages);
    g.endFacet();
    g.endFacets();
    g.endNode();
    ++g.stats().threads;
    writeSourceRelationship(ex, "conversation", c.id, id, c.source);
}

Result<void> writeConversation(Export &ex, const ConversationRow &c, const std::string &appName)
{
    auto attachments = attachmentsOf(ex.db, ex.scope, c.id);
    if (!attachments)
        return std::unexpected(attachments.error());
    std::vector<std::int64_t> messages;
    auto rows = forEachMessage(ex.db, ex.scope, c.id, [&](const MessageRow &m) {
        const auto it = attachments->find(m.id);
        writeMessage(ex, m, c, it == attachments->end() ? nullptr : &it->second);
        messages.push_back(m.id);
    });
    if (!rows)
        return std::unexpected(rows.error());
    writeThread(ex, c, appName, messages);
    return {};
}

} // namespace

Result<void> writeCommunicationSection(Export &ex)
{
    auto apps = applications(ex.db);
    auto persons = casedb::listPersons(ex.db);
    if (!apps || !persons)
        return std::unexpected(apps ? persons.error() : apps.error());
    std::map<std::string, std::string> appNames;
    for (const auto &app : *apps) {
        writeApplication(ex, app);
        appNames[app.id] = app.name;
    }
    auto accounts = forEachAccount(ex.db, ex.scope, [&](const AccountRow &a) { writeAccount(ex, a); });
    if (!accounts)
        return std::unexpected(accounts.error());
    for (const auto &p : *persons)
        writePerson(ex, p);
    Result<void> status;
    auto conversations = forEachConversation(ex.db, ex.scope, [&](const ConversationRow &c) {
        if (status)   // after a failure the rest is skipped; the export is discarded anyway
            status = writeConversation(ex, c, appNames[c.app]);
    });
    if (!conversations)
        return std::unexpected(conversations.error());
    return status;
}

void writeSourceRelationship(Export &ex, std::string_view kind, std::int64_t row, const std::string &object,
                             const RecordSource &source)
{
    if (!source.fileId)
        return;
    auto &g = ex.graph;
    g.beginRelationship(ex.ids()(kind, row, "source"), object, ex.fileId(*source.fileId), "Contained_Within");
    std::string how = "Read by " + source.parser + " " + source.parserVersion;
    if (source.recordSource == "recovered")
        how += ", a recovered record" + (source.recoveredFrom.empty() ? "" : " (" + source.recoveredFrom + ")");
    g.text("uco-core:description", how);
    const bool hasRow = !source.table.empty() && source.rowid;
    if (!hasRow && !source.offset) {
        g.endNode();
        return;
    }
    g.beginFacets();
    if (hasRow) {
        g.beginFacet(ex.ids()(kind, row, "source-row"), "uco-observable:SQLiteBlobFacet");
        g.text("uco-observable:tableName", source.table);
        g.text("uco-observable:rowCondition", "rowid = " + std::to_string(*source.rowid));
        g.endFacet();
    }
    if (source.offset) {
        g.beginFacet(ex.ids()(kind, row, "source-range"), "uco-observable:DataRangeFacet");
        g.integer("uco-observable:rangeOffset", source.offset);
        g.endFacet();
    }
    g.endFacets();
    g.endNode();
}

} // namespace vigil::report::uco
