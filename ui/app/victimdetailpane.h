// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStyledItemDelegate>
#include <QWidget>

#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/peoplequery.h"

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTreeWidget;

namespace vigil::ui {

// Draws an item's Qt::UserRole text as rich text (HTML), wrapped to the view's width.
class RichTextDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

// HTML of a message body with its indicator spans (byte offsets into the UTF-8 body) marked
// in the colour of their kind; spans out of range or overlapping are clipped, never trusted.
QString highlightedBody(const std::string &body, const std::vector<casedb::TriggerSpan> &spans);

// One victim: why they are where they are in the list (priority reasons, each term of the risk
// score with its points), the accounts that make up the person and why each joined (select
// some to split them off), where they are thought to be, and the messages that triggered the
// indicators with the matched words highlighted (Enter / double-click opens the conversation).
class VictimDetailPane : public QWidget {
    Q_OBJECT
public:
    enum Tab { ExplanationTab, AccountsTab, LocationTab };
    enum ItemRole { HtmlRole = Qt::UserRole, MessageIdRole, ConversationIdRole };

    explicit VictimDetailPane(QWidget *parent = nullptr);
    void setCase(const QString &caseDir);
    // The person gives the accounts (null: none shown).
    void showVictim(const casedb::VictimRow &victim, const casedb::PersonRow *person);
    void clear();
    qint64 personId() const { return m_personId; }
    // Wide: the explanation beside the messages (under a table); else above them.
    void setWide(bool wide);

    QString headerText() const;
    QTabWidget *tabs() const { return m_tabs; }
    QTreeWidget *explanation() const { return m_explanation; }
    QTreeWidget *accounts() const { return m_accounts; }
    QTreeWidget *locations() const { return m_locations; }
    QListWidget *messages() const { return m_messages; }
    QPushButton *splitButton() const { return m_split; }
    std::vector<qint64> selectedAccounts() const;
    // Only the messages of one explanation term (empty: all of them).
    void showOnlyMessages(const std::vector<std::int64_t> &messageIds);
    int visibleMessageCount() const;
    QString lastError() const { return m_lastError; }

signals:
    void messageActivated(qint64 conversationId, qint64 messageId);
    void splitRequested(const QList<qint64> &accountIds);

private:
    void showHeader(const casedb::VictimRow &victim);
    void fillExplanation(qint64 personId);
    void fillAccounts(const casedb::PersonRow *person);
    void fillLocations(qint64 personId);
    void fillMessages(qint64 personId, const QString &victimLabel);
    void activate(QListWidgetItem *item);

    casedb::Database m_db;
    qint64 m_personId = 0;
    QString m_lastError;
    QLabel *m_header;
    QSplitter *m_layoutSplit = nullptr;
    QTabWidget *m_tabs;
    QTreeWidget *m_explanation;
    QTreeWidget *m_accounts;
    QTreeWidget *m_locations;
    QPushButton *m_split;
    QLabel *m_messagesTitle;
    QPushButton *m_showAll;
    QListWidget *m_messages;
};

} // namespace vigil::ui
