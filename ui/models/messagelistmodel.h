// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QPair>
#include <QStringList>

#include <filesystem>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/messagequery.h"

namespace vigil::ui {

// One message as the chat view shows it.
struct ChatMessage {
    casedb::MessageRow row;
    QString body;
    std::vector<casedb::AttachmentRow> attachments;
    QList<QPair<int, int>> hits;   // (start, length) in body: search words to highlight
};

// The messages of one conversation in order, or the search hits of the whole case, fetched
// in pages as the view scrolls (a conversation can hold a million messages).
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kPageSize = 500;
    enum Role { MessageIdRole = Qt::UserRole + 1, ConversationIdRole, FileIdRole };

    explicit MessageListModel(const std::filesystem::path &caseDir, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // A conversation (search words, if any, are highlighted in it), or with conversationId 0
    // every message of the case that holds all the search words.
    void show(qint64 conversationId, const QString &search);
    qint64 conversationId() const { return m_filter.conversationId.value_or(0); }
    // Only messages of this source in what show() lists next (kept across show()).
    void setSourceFilter(casedb::SourceFilter source) { m_source = source; }
    casedb::SourceFilter sourceFilter() const { return m_source; }
    bool isSearchResults() const { return !m_filter.conversationId; }
    qint64 totalCount() const { return m_total; }
    const ChatMessage *messageAt(int row) const;
    // Loads pages until the message is in the model; its row, or -1.
    int rowOfMessage(qint64 messageId);
    QString lastError() const { return m_lastError; }

private:
    void loadPage();

    casedb::Database m_db;
    casedb::MessageFilter m_filter;
    casedb::SourceFilter m_source = casedb::SourceFilter::All;
    QStringList m_words;
    std::vector<ChatMessage> m_rows;
    qint64 m_total = 0;
    QString m_lastError;
};

// Where each word occurs in text, case-insensitively (for highlighting).
QList<QPair<int, int>> wordHits(const QString &text, const QStringList &words);
// The ranges marked by \x02 … \x03 in FTS5 highlight() output, and the text without marks.
QList<QPair<int, int>> markedHits(const QString &marked, QString *plain);

} // namespace vigil::ui
