// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/recordemitter.h"

namespace vigil::plugins {

model::RecordOrigin rowOrigin(std::string table, std::optional<std::int64_t> rowid)
{
    model::RecordOrigin origin;
    origin.table = std::move(table);
    origin.rowid = rowid;
    return origin;
}

RecordEmitter::RecordEmitter(const FileContext &file, ResultSink &sink, std::string app, std::string appName,
                             std::size_t batchSize)
    : m_file(file), m_sink(sink), m_batchSize(batchSize ? batchSize : kDefaultBatch)
{
    m_batch.app = std::move(app);
    m_batch.appName = std::move(appName);
}

RecordEmitter::~RecordEmitter()
{
    flush();
}

void RecordEmitter::flushIfFull()
{
    if (m_batch.size() >= m_batchSize)
        flush();
}

void RecordEmitter::flush()
{
    if (m_batch.empty())
        return;
    m_emitted += m_batch.size();
    model::RecordBatch next;
    next.app = m_batch.app;
    next.appName = m_batch.appName;
    m_sink.addRecords(m_file, std::exchange(m_batch, std::move(next)));
}

bool RecordEmitter::addAccountOnce(model::AccountRecord account)
{
    if (!m_accountKeys.insert(account.key).second)
        return false;
    m_batch.accounts.push_back(std::move(account));
    return true;
}

bool RecordEmitter::addUnknownOwner(model::RecordOrigin origin)
{
    model::AccountRecord owner;
    owner.owner = true;
    owner.displayName = "Device owner";
    owner.origin = std::move(origin);
    return addAccountOnce(std::move(owner));
}

bool RecordEmitter::addConversationOnce(model::ConversationRecord conversation)
{
    if (!m_conversationKeys.insert(conversation.key).second)
        return false;
    m_batch.conversations.push_back(std::move(conversation));
    flushIfFull();
    return true;
}

void RecordEmitter::addMessage(model::MessageRecord message)
{
    m_batch.messages.push_back(std::move(message));
    flushIfFull();
}

void RecordEmitter::addCall(model::CallRecord call)
{
    m_batch.calls.push_back(std::move(call));
    flushIfFull();
}

void RecordEmitter::addContact(model::ContactRecord contact)
{
    m_batch.contacts.push_back(std::move(contact));
    flushIfFull();
}

void RecordEmitter::addVisit(model::WebVisitRecord visit)
{
    m_batch.visits.push_back(std::move(visit));
    flushIfFull();
}

void RecordEmitter::addSearch(model::WebSearchRecord search)
{
    m_batch.searches.push_back(std::move(search));
    flushIfFull();
}

} // namespace vigil::plugins
