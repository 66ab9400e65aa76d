// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/conversationspage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "core/casedb/messagequery.h"
#include "ui/models/conversationlistmodel.h"
#include "ui/models/messagelistmodel.h"
#include "ui/models/modelformat.h"
#include "ui/models/sourceformat.h"
#include "ui/viewers/chatview.h"

namespace vigil::ui {

ConversationsPage::ConversationsPage(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_source(new QComboBox(this)), m_status(new QLabel(this)),
      m_list(new QTableView(this)),
      m_header(new QLabel(this)), m_chat(new ChatView(this)), m_sorted(std::make_unique<QSortFilterProxyModel>())
{
    m_search->setObjectName(QStringLiteral("messageSearch"));
    m_search->setPlaceholderText(tr("Search all messages (Ctrl+F) — every word must occur; Esc clears"));
    m_search->setClearButtonEnabled(true);
    m_source->setObjectName(QStringLiteral("messageSource"));
    fillSourceBox(m_source, true);
    m_source->setToolTip(tr("Messages by source: live, recovered from deleted space or from deleted/carved "
                            "databases, in archives, or only in the write-ahead log"));
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setSortingEnabled(true);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(false);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setStyleSheet(QStringLiteral("padding:4px"));
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_header);
    rightLayout->addWidget(m_chat, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({560, 640});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    auto *sourceLabel = new QLabel(tr("&Show:"), this);
    sourceLabel->setBuddy(m_source);
    top->addWidget(sourceLabel);
    top->addWidget(m_source);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    connect(m_source, &QComboBox::currentIndexChanged, this, &ConversationsPage::applySource);
    connect(new QShortcut(QKeySequence::Find, this), &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), m_search), &QShortcut::activated, this, [this] {
        m_search->clear();
        search({});
    });
    connect(m_chat, &ChatView::messageSelected, this, [this](qint64 id) {
        const int row = m_messages ? m_messages->rowOfMessage(id) : -1;
        if (const ChatMessage *m = m_messages ? m_messages->messageAt(row) : nullptr)
            emit messageSelected(m->row);
    });
    connect(m_chat, &ChatView::attachmentActivated, this, [this](qint64 fileId, qint64) { emit attachmentActivated(fileId); });
    connect(m_chat, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (m_messages && m_messages->isSearchResults())
            openMessage(index.data(MessageListModel::MessageIdRole).toLongLong());
        else
            requestSource(index);
    });
    connect(new QShortcut(QKeySequence(tr("Ctrl+J")), this), &QShortcut::activated, this,
            [this] { requestSource(m_chat->currentIndex()); });
}

ConversationsPage::~ConversationsPage() = default;

void ConversationsPage::setCase(const QString &caseDir)
{
    m_conversations = std::make_unique<ConversationListModel>(caseDir.toStdString());
    m_messages = std::make_unique<MessageListModel>(caseDir.toStdString());
    {
        const QSignalBlocker block(m_source);
        m_source->setCurrentIndex(0);   // a new case starts with every message
    }
    m_sorted->setSourceModel(m_conversations.get());
    QItemSelectionModel *old = m_list->selectionModel();
    m_list->setModel(m_sorted.get());
    delete old;
    m_list->sortByColumn(-1, Qt::AscendingOrder);   // the model's order: latest activity first
    auto *header = m_list->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ConversationListModel::Participants, QHeaderView::Interactive);
    header->resizeSection(ConversationListModel::Participants, 230);
    m_chat->setCase(caseDir);
    m_chat->setMessages(m_messages.get());
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            openConversation(current.data(ConversationListModel::ConversationIdRole).toLongLong());
    });
    m_words.clear();
    m_header->clear();
    refresh();
}

void ConversationsPage::setBlurSettings(const BlurSettings &settings)
{
    m_chat->setBlurSettings(settings);
}

void ConversationsPage::refresh()
{
    if (!m_conversations)
        return;
    const qint64 current = m_messages ? m_messages->conversationId() : 0;
    m_conversations->refresh();
    updateStatus();
    if (current > 0) {
        const int row = m_conversations->rowOf(current);
        if (row >= 0)
            m_list->selectRow(m_sorted->mapFromSource(m_conversations->index(row, 0)).row());
    }
}

void ConversationsPage::updateStatus()
{
    if (!m_words.isEmpty())
        return;   // the search says how many messages it found
    const int n = m_conversations->rowCount();
    if (m_conversations->sourceFilter() != casedb::SourceFilter::All)
        m_status->setText(tr("%n conversation(s) with messages shown as “%1”. Select one to read them.", nullptr, n)
                              .arg(m_source->currentText()));
    else
        m_status->setText(n ? tr("%n conversation(s). Select one to read it.", nullptr, n)
                            : tr("No conversations yet: they appear as the ingest parses chat databases."));
}

void ConversationsPage::setSource(casedb::SourceFilter source)
{
    const int index = m_source->findData(int(source));
    if (index >= 0 && index != m_source->currentIndex())
        m_source->setCurrentIndex(index);   // applies through currentIndexChanged
}

// The conversations keep their order; the open conversation (or the search) is shown again
// with the new source, or cleared when the conversation has no such messages.
void ConversationsPage::applySource()
{
    if (!m_conversations)
        return;
    const auto source = static_cast<casedb::SourceFilter>(m_source->currentData().toInt());
    const qint64 current = m_messages->conversationId();
    m_messages->setSourceFilter(source);
    m_conversations->setSourceFilter(source);
    if (!m_words.isEmpty()) {
        search(m_words);
        return;
    }
    const int row = current > 0 ? m_conversations->rowOf(current) : -1;
    if (row >= 0) {
        const QSignalBlocker block(m_list->selectionModel());
        m_list->selectRow(m_sorted->mapFromSource(m_conversations->index(row, 0)).row());
        openConversation(current);
    } else {
        m_messages->show(0, {});
        m_header->clear();
    }
    updateStatus();
}

void ConversationsPage::search(const QString &text)
{
    if (!m_messages)
        return;
    m_words = text.trimmed();
    if (m_words.isEmpty()) {
        const QModelIndex current = m_list->currentIndex();
        if (current.isValid())
            openConversation(current.data(ConversationListModel::ConversationIdRole).toLongLong());
        else
            m_messages->show(0, {});
        refresh();
        return;
    }
    m_messages->show(0, m_words);
    m_header->setText(tr("<b>Search results</b> for “%1” across all conversations. Press Enter on a message to open "
                         "its conversation.").arg(m_words.toHtmlEscaped()));
    m_status->setText(tr("%n message(s) contain all of: %1", nullptr, static_cast<int>(m_messages->totalCount()))
                          .arg(m_words));
}

void ConversationsPage::openConversation(qint64 conversationId)
{
    if (!m_messages)
        return;
    m_messages->show(conversationId, m_words);
    showConversationHeader(conversationId);
}

bool ConversationsPage::openMessage(qint64 messageId)
{
    if (!m_messages)
        return false;
    const int resultRow = m_messages->rowOfMessage(messageId);
    const ChatMessage *hit = m_messages->messageAt(resultRow);
    const qint64 conversationId = hit ? hit->row.conversationId : 0;
    if (conversationId == 0)
        return false;
    const int listRow = m_conversations->rowOf(conversationId);
    if (listRow >= 0) {
        QSignalBlocker block(m_list->selectionModel());
        m_list->selectRow(m_sorted->mapFromSource(m_conversations->index(listRow, 0)).row());
    }
    openConversation(conversationId);
    const int row = m_messages->rowOfMessage(messageId);
    if (row < 0)
        return false;
    const QModelIndex index = m_messages->index(row);
    m_chat->setCurrentIndex(index);
    m_chat->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void ConversationsPage::showConversationHeader(qint64 conversationId)
{
    const int row = m_conversations ? m_conversations->rowOf(conversationId) : -1;
    const casedb::ConversationRow *c = m_conversations ? m_conversations->conversationAt(row) : nullptr;
    if (!c) {
        m_header->clear();
        return;
    }
    QString text = QStringLiteral("<b>%1</b> · %2<br>").arg(fromStd(c->appName).toHtmlEscaped(),
                                                            conversationLabel(*c).toHtmlEscaped());
    text += tr("%n message(s)", nullptr, static_cast<int>(c->messageCount));
    if (c->firstMessage)
        text += tr(", %1 to %2").arg(isoTime(c->firstMessage), isoTime(c->lastMessage));
    if (c->deletedCount || c->recoveredCount)
        text += tr(" · <span style='color:#b03a2e'>%1 deleted in the app, %2 recovered</span>")
                    .arg(c->deletedCount)
                    .arg(c->recoveredCount);
    text += QStringLiteral("<br><span style='color:#666'>%1 — %2 %3</span>")
                .arg(fromStd(c->prov.filePath).toHtmlEscaped(), fromStd(c->prov.parser), fromStd(c->prov.parserVersion));
    m_header->setText(text);
}

void ConversationsPage::requestSource(const QModelIndex &index)
{
    const ChatMessage *m = m_messages ? m_messages->messageAt(index.row()) : nullptr;
    if (m)
        emit sourceRequested(m->row.prov.fileId, QString::fromStdString(m->row.prov.filePath));
}

QString ConversationsPage::headerText() const
{
    return m_header->text();
}

} // namespace vigil::ui
