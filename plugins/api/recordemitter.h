// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>

#include "plugins/api/plugin.h"

namespace vigil::plugins {

// Where a database record was read: its table and rowid (nullopt for tables without rowids).
model::RecordOrigin rowOrigin(std::string table, std::optional<std::int64_t> rowid);

// Collects a parser's records for one file and hands them to the sink in batches, so a
// database of a million messages never sits in memory at once. Add conversations and
// accounts before the messages that refer to them (or in the same batch).
class RecordEmitter
{
public:
    static constexpr std::size_t kDefaultBatch = 2000;

    RecordEmitter(const FileContext &file, ResultSink &sink, std::string app, std::string appName,
                  std::size_t batchSize = kDefaultBatch);
    ~RecordEmitter();   // flushes what is left
    RecordEmitter(const RecordEmitter &) = delete;
    RecordEmitter &operator=(const RecordEmitter &) = delete;

    model::RecordBatch &batch() { return m_batch; }
    // Hands the batch over when it holds batchSize records or more.
    void flushIfFull();
    void flush();
    std::size_t emitted() const { return m_emitted; }   // records handed over so far

    // Each account and each conversation once, by key ("" is a key too: the owner, id unknown).
    // A record whose key was added before through these calls is dropped and false returned.
    // An account never flushes, so it stays in the batch of the record that first needs it; a
    // conversation added is followed by flushIfFull().
    bool addAccountOnce(model::AccountRecord account);
    bool addConversationOnce(model::ConversationRecord conversation);
    bool hasAccount(const std::string &key) const { return m_accountKeys.count(key) > 0; }
    bool hasConversation(const std::string &key) const { return m_conversationKeys.count(key) > 0; }
    // The device owner when the app does not record the owner's own id: key "", shown as
    // "Device owner" (once, like addAccountOnce).
    bool addUnknownOwner(model::RecordOrigin origin = {});

    // Adds one record, then flushIfFull().
    void addMessage(model::MessageRecord message);
    void addCall(model::CallRecord call);
    void addContact(model::ContactRecord contact);
    void addVisit(model::WebVisitRecord visit);
    void addSearch(model::WebSearchRecord search);

private:
    const FileContext &m_file;
    ResultSink &m_sink;
    std::size_t m_batchSize;
    std::size_t m_emitted = 0;
    model::RecordBatch m_batch;
    std::unordered_set<std::string> m_accountKeys;
    std::unordered_set<std::string> m_conversationKeys;
};

} // namespace vigil::plugins
