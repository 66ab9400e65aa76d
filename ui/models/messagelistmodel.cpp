// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/messagelistmodel.h"

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"
#include "ui/models/sourceformat.h"

namespace vigil::ui {

QList<QPair<int, int>> wordHits(const QString &text, const QStringList &words)
{
    QList<QPair<int, int>> hits;
    for (const QString &word : words) {
        for (int at = text.indexOf(word, 0, Qt::CaseInsensitive); at >= 0 && !word.isEmpty();
             at = text.indexOf(word, at + static_cast<int>(word.size()), Qt::CaseInsensitive))
            hits.append({at, static_cast<int>(word.size())});
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

QList<QPair<int, int>> markedHits(const QString &marked, QString *plain)
{
    QList<QPair<int, int>> hits;
    QString out;
    int start = -1;
    for (const QChar c : marked) {
        if (c == QChar(0x02)) {
            start = static_cast<int>(out.size());
        } else if (c == QChar(0x03)) {
            if (start >= 0)
                hits.append({start, static_cast<int>(out.size()) - start});
            start = -1;
        } else {
            out += c;
        }
    }
    if (plain)
        *plain = out;
    return hits;
}

namespace {

QString toolTip(const casedb::MessageRow &r)
{
    QString text = QObject::tr("%1 %2, row %3 of %4")
                       .arg(fromStd(r.prov.parser), fromStd(r.prov.parserVersion),
                            fromStd(r.prov.sourceRowid ? std::to_string(*r.prov.sourceRowid) : "?"),
                            fromStd(r.prov.sourceTable));
    if (r.prov.recordSource != "live")
        text += QStringLiteral("\n") + recordStateText(r.prov);
    if (const QString db = databaseSourceText(r.prov.fileSource); !db.isEmpty())
        text += QObject::tr("\nRead from %1").arg(db);
    return text;
}

} // namespace

MessageListModel::MessageListModel(const std::filesystem::path &caseDir, QObject *parent) : QAbstractListModel(parent)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        m_lastError = errorText(db.error());
        return;
    }
    m_db = std::move(*db);
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChatMessage &m = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return m.body;
    case MessageIdRole: return qint64(m.row.id);
    case ConversationIdRole: return qint64(m.row.conversationId);
    case FileIdRole: return qint64(m.row.prov.fileId);
    case Qt::ToolTipRole: return toolTip(m.row);
    default: return {};
    }
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && static_cast<qint64>(m_rows.size()) < m_total;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        loadPage();
}

void MessageListModel::show(qint64 conversationId, const QString &search)
{
    beginResetModel();
    m_rows.clear();
    m_filter = {};
    m_filter.source = m_source;
    if (conversationId > 0)
        m_filter.conversationId = conversationId;
    else
        m_filter.search = search.toStdString();
    m_words = search.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_total = 0;
    if (m_db.isOpen() && (conversationId > 0 || !m_words.isEmpty())) {
        auto n = casedb::countMessages(m_db, m_filter);
        if (n)
            m_total = *n;
        else
            m_lastError = errorText(n.error());
    }
    endResetModel();
    if (m_total > 0)
        loadPage();
}

void MessageListModel::loadPage()
{
    casedb::MessageFilter page = m_filter;
    page.limit = kPageSize;
    page.offset = static_cast<std::int64_t>(m_rows.size());
    std::vector<ChatMessage> added;
    auto n = casedb::forEachMessage(m_db, page, [&](const casedb::MessageRow &r) {
        ChatMessage m{r, {}, {}, {}};
        if (!r.highlighted.empty())
            m.hits = markedHits(QString::fromStdString(r.highlighted), &m.body);
        else {
            m.body = QString::fromStdString(r.body);
            m.hits = wordHits(m.body, m_words);
        }
        added.push_back(std::move(m));
    });
    if (!n || added.empty()) {
        if (!n)
            m_lastError = errorText(n.error());
        m_total = static_cast<qint64>(m_rows.size());   // nothing more can be read
        return;
    }
    std::vector<std::int64_t> ids;
    for (const auto &m : added)
        if (m.row.attachmentCount > 0)
            ids.push_back(m.row.id);
    if (auto att = casedb::attachmentsOf(m_db, ids)) {
        for (auto &m : added)
            m.attachments = (*att)[m.row.id];
    }
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    std::move(added.begin(), added.end(), std::back_inserter(m_rows));
    endInsertRows();
}

const ChatMessage *MessageListModel::messageAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int MessageListModel::rowOfMessage(qint64 messageId)
{
    for (;;) {
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].row.id == messageId)
                return static_cast<int>(i);
        }
        if (!canFetchMore({}))
            return -1;
        loadPage();
    }
}

} // namespace vigil::ui
