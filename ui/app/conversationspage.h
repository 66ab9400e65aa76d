// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QSortFilterProxyModel;
class QModelIndex;

namespace vigil::casedb {
struct MessageRow;
enum class SourceFilter;
}

namespace vigil::ui {

class ConversationListModel;
class MessageListModel;
class ChatView;
struct BlurSettings;

// Conversations: every chat of the case (app, participants, counts, first/last message,
// deleted and recovered messages), one conversation as chat bubbles, and full-text search
// over all messages with the hits highlighted. Selecting a message shows where it was read.
// A source filter (live, recovered, WAL only, …) narrows the list, the chat and the search.
class ConversationsPage : public QWidget {
    Q_OBJECT
public:
    explicit ConversationsPage(QWidget *parent = nullptr);
    ~ConversationsPage() override;
    void setCase(const QString &caseDir);
    void setBlurSettings(const BlurSettings &settings);
    void refresh();

    // Searches every message; an empty text goes back to the selected conversation.
    void search(const QString &text);
    void openConversation(qint64 conversationId);
    // Opens the message's conversation with the search words highlighted and selects it.
    bool openMessage(qint64 messageId);

    QTableView *conversations() const { return m_list; }
    ConversationListModel *conversationModel() const { return m_conversations.get(); }
    ChatView *chat() const { return m_chat; }
    MessageListModel *messageModel() const { return m_messages.get(); }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *sourceBox() const { return m_source; }
    // Shows only conversations and messages of this source (recovered, WAL only, …).
    void setSource(casedb::SourceFilter source);
    QString headerText() const;

signals:
    void messageSelected(const casedb::MessageRow &message);
    void attachmentActivated(qint64 fileId);
    // Enter / double-click on a message of a conversation (Ctrl+J): show the database it was
    // read from among the files.
    void sourceRequested(qint64 fileId, const QString &path);

private:
    void showConversationHeader(qint64 conversationId);
    void requestSource(const QModelIndex &index);
    void applySource();
    void updateStatus();

    QLineEdit *m_search;
    QComboBox *m_source;
    QLabel *m_status;
    QTableView *m_list;
    QLabel *m_header;
    ChatView *m_chat;
    std::unique_ptr<ConversationListModel> m_conversations;
    std::unique_ptr<QSortFilterProxyModel> m_sorted;
    std::unique_ptr<MessageListModel> m_messages;
    QString m_words;   // the last search, highlighted in opened conversations
};

} // namespace vigil::ui
