// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/victimdetailpane.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"
#include "ui/models/peopleformat.h"

namespace vigil::ui {

namespace {

double viewWidth(const QStyleOptionViewItem &option)
{
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const int w = view ? view->viewport()->width() : option.rect.width();
    return std::max(80, w - 2);
}

// The light tint of an indicator kind, for highlighted words.
QColor tint(const QString &kind)
{
    const QColor c = indicatorColour(kind);
    auto mix = [](int v) { return static_cast<int>(v * 0.28 + 255 * 0.72); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

bool isContinuation(const std::string &s, std::size_t i)
{
    return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

// Moves a byte offset forward to the start of a UTF-8 character (or the end).
std::size_t boundary(const std::string &s, std::size_t i)
{
    i = std::min(i, s.size());
    while (isContinuation(s, i))
        ++i;
    return i;
}

QString escapedPart(const std::string &s, std::size_t from, std::size_t to)
{
    QString text = QString::fromUtf8(s.data() + from, static_cast<qsizetype>(to - from)).toHtmlEscaped();
    return text.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString speakerText(const casedb::TriggerMessage &m, const QString &victimLabel)
{
    if (m.speaker == "suspect")
        return QObject::tr("suspect");
    if (m.speaker == "other")
        return victimLabel.toHtmlEscaped();
    return m.sender.empty() ? QObject::tr("unknown sender") : fromStd(m.sender).toHtmlEscaped();
}

QString messageHtml(const casedb::TriggerMessage &m, const QString &victimLabel)
{
    std::set<std::string> kinds;
    for (const auto &span : m.spans)
        kinds.insert(span.kind);
    QString chips;
    for (const auto &kind : kinds)
        chips += QStringLiteral(" <span style='color:%1'><b>%2</b></span>")
                     .arg(indicatorColour(fromStd(kind)).name(), indicatorChipLabel(fromStd(kind)).toHtmlEscaped());
    const QString when = m.sentAt ? minuteTime(m.sentAt) + QStringLiteral(" UTC") : QObject::tr("time unknown");
    return QStringLiteral("<span style='color:#616161'>%1 · %2 · <b>%3</b></span>%4<br>%5")
        .arg(when, fromStd(m.app).toHtmlEscaped(), speakerText(m, victimLabel), chips, highlightedBody(m.body, m.spans));
}

QTreeWidget *makeTree(const QStringList &headers, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    tree->setWordWrap(true);
    tree->setUniformRowHeights(false);
    tree->header()->setStretchLastSection(true);
    return tree;
}

} // namespace

void RichTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect r = option.rect;
    if (option.state & QStyle::State_Selected) {
        painter->fillRect(r, QColor(0xE3, 0xF2, 0xFD));
        painter->fillRect(QRect(r.left(), r.top(), 3, r.height()), option.palette.highlight());
    } else if (index.row() % 2) {
        painter->fillRect(r, QColor(0xFA, 0xFA, 0xFA));
    }
    painter->setPen(QColor(0xE0, 0xE0, 0xE0));
    painter->drawLine(r.bottomLeft(), r.bottomRight());
    QTextDocument doc;
    doc.setDocumentMargin(5);
    doc.setDefaultFont(option.font);
    doc.setHtml(index.data(VictimDetailPane::HtmlRole).toString());
    doc.setTextWidth(r.width() - 4);
    painter->translate(r.left() + 4, r.top());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, QColor(0x21, 0x21, 0x21));
    context.clip = QRectF(0, 0, r.width() - 4, r.height());
    painter->setClipRect(context.clip);
    doc.documentLayout()->draw(painter, context);
    painter->restore();
}

QSize RichTextDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const double width = viewWidth(option) - 4;
    QTextDocument doc;
    doc.setDocumentMargin(5);
    doc.setDefaultFont(option.font);
    doc.setHtml(index.data(VictimDetailPane::HtmlRole).toString());
    doc.setTextWidth(width);
    return {static_cast<int>(width), static_cast<int>(std::ceil(doc.size().height())) + 2};
}

QString highlightedBody(const std::string &body, const std::vector<casedb::TriggerSpan> &spans)
{
    std::vector<casedb::TriggerSpan> sorted = spans;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.begin < b.begin; });
    QString html;
    std::size_t at = 0;
    for (const auto &span : sorted) {
        const std::size_t begin = boundary(body, std::max(span.begin, at));
        const std::size_t end = boundary(body, span.end);
        if (begin >= end)
            continue;   // out of range, empty or inside an earlier span
        html += escapedPart(body, at, begin);
        const QString kind = fromStd(span.kind);
        html += QStringLiteral("<span style='background-color:%1'><b>%2</b></span>")
                    .arg(tint(kind).name(), escapedPart(body, begin, end));
        at = end;
    }
    html += escapedPart(body, at, body.size());
    return html;
}

VictimDetailPane::VictimDetailPane(QWidget *parent)
    : QWidget(parent), m_header(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_explanation(makeTree({tr("Points"), tr("Term"), tr("Why")}, this)),
      m_accounts(makeTree({tr("App"), tr("Account"), tr("Identifiers"), tr("Rule"), tr("Why it belongs here")}, this)),
      m_locations(makeTree({tr("Country"), tr("Source"), tr("Confidence"), tr("Detail")}, this)),
      m_split(new QPushButton(tr("S&plit selected account(s) off…"), this)), m_messagesTitle(new QLabel(this)),
      m_showAll(new QPushButton(tr("Show &all"), this)), m_messages(new QListWidget(this))
{
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_header->setStyleSheet(QStringLiteral("padding:4px"));
    auto *headerScroll = new QScrollArea(this);
    headerScroll->setWidget(m_header);
    headerScroll->setWidgetResizable(true);
    headerScroll->setFrameShape(QFrame::NoFrame);
    m_explanation->setObjectName(QStringLiteral("victimExplanation"));
    m_accounts->setObjectName(QStringLiteral("victimAccounts"));
    m_accounts->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_locations->setObjectName(QStringLiteral("victimLocations"));
    m_split->setEnabled(false);
    m_split->setToolTip(tr("The selected accounts leave this person and become a person of their own "
                           "(recorded with your note and audited; Undo reverts it)."));
    auto *accountsPage = new QWidget(this);
    auto *accountsLayout = new QVBoxLayout(accountsPage);
    accountsLayout->setContentsMargins(0, 0, 0, 0);
    accountsLayout->addWidget(m_accounts, 1);
    auto *splitRow = new QHBoxLayout;
    splitRow->addStretch(1);
    splitRow->addWidget(m_split);
    accountsLayout->addLayout(splitRow);
    m_tabs->addTab(m_explanation, tr("&Explanation"));
    m_tabs->addTab(accountsPage, tr("Acc&ounts"));
    m_tabs->addTab(m_locations, tr("&Location"));
    m_messages->setObjectName(QStringLiteral("victimMessages"));
    m_messages->setItemDelegate(new RichTextDelegate(m_messages));
    m_messages->setUniformItemSizes(false);
    m_messages->setResizeMode(QListView::Adjust);
    m_messages->setWordWrap(true);
    m_messages->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messages->setToolTip(tr("Enter or double-click opens the conversation at this message"));
    m_showAll->setVisible(false);
    m_showAll->setFlat(true);
    m_messagesTitle->setWordWrap(true);
    auto *messagesPage = new QWidget(this);
    auto *messagesLayout = new QVBoxLayout(messagesPage);
    messagesLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_messagesTitle, 1);
    titleRow->addWidget(m_showAll);
    messagesLayout->addLayout(titleRow);
    messagesLayout->addWidget(m_messages, 1);
    auto *why = new QSplitter(Qt::Vertical, this);
    why->addWidget(headerScroll);
    why->addWidget(m_tabs);
    why->setStretchFactor(0, 0);
    why->setStretchFactor(1, 1);
    why->setSizes({150, 220});
    m_layoutSplit = new QSplitter(Qt::Vertical, this);
    m_layoutSplit->addWidget(why);
    m_layoutSplit->addWidget(messagesPage);
    m_layoutSplit->setStretchFactor(0, 1);
    m_layoutSplit->setStretchFactor(1, 1);
    m_layoutSplit->setSizes({370, 330});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_layoutSplit);
    connect(m_messages, &QListWidget::itemActivated, this, &VictimDetailPane::activate);
    connect(m_accounts, &QTreeWidget::itemSelectionChanged, this, [this] {
        m_split->setEnabled(!selectedAccounts().empty() &&
                            static_cast<int>(selectedAccounts().size()) < m_accounts->topLevelItemCount());
    });
    connect(m_split, &QPushButton::clicked, this, [this] {
        const auto ids = selectedAccounts();
        emit splitRequested(QList<qint64>(ids.begin(), ids.end()));
    });
    connect(m_explanation, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        std::vector<std::int64_t> ids;
        if (item)
            for (const auto &v : item->data(0, Qt::UserRole).toList())
                ids.push_back(v.toLongLong());
        showOnlyMessages(ids);
    });
    connect(m_showAll, &QPushButton::clicked, this, [this] {
        const QSignalBlocker block(m_explanation);
        m_explanation->setCurrentItem(nullptr);
        m_explanation->clearSelection();
        showOnlyMessages({});
    });
    clear();
}

void VictimDetailPane::setWide(bool wide)
{
    m_layoutSplit->setOrientation(wide ? Qt::Horizontal : Qt::Vertical);
    const int length = wide ? width() : height();
    if (length > 0)
        m_layoutSplit->setSizes({length * 11 / 20, length * 9 / 20});
}

void VictimDetailPane::setCase(const QString &caseDir)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir.toStdString());
    m_db = db ? std::move(*db) : casedb::Database();
    m_lastError = db ? QString() : errorText(db.error());
    clear();
}

void VictimDetailPane::clear()
{
    m_personId = 0;
    m_header->setText(tr("Select a victim to see why they are ranked where they are."));
    m_explanation->clear();
    m_accounts->clear();
    m_locations->clear();
    m_messages->clear();
    m_messagesTitle->setText(tr("<b>Messages that triggered the indicators</b>"));
    m_showAll->setVisible(false);
    m_split->setEnabled(false);
}

void VictimDetailPane::showVictim(const casedb::VictimRow &victim, const casedb::PersonRow *person)
{
    clear();
    m_personId = victim.personId;
    showHeader(victim);
    fillExplanation(victim.personId);
    fillAccounts(person);
    fillLocations(victim.personId);
    fillMessages(victim.personId, fromStd(victim.label));
}

void VictimDetailPane::showHeader(const casedb::VictimRow &v)
{
    const QString priority = fromStd(v.priority);
    const QColor colour = priorityColour(priority);
    QString html = QStringLiteral("<div style='font-size:15px'><b>#%1 %2</b>%3</div>")
                       .arg(v.rank)
                       .arg(fromStd(v.label).toHtmlEscaped(),
                            v.statedAge ? tr(", stated age %1").arg(*v.statedAge) : QString());
    html += QStringLiteral("<p><span style='background-color:%1;color:white'>&nbsp;<b>%2</b>&nbsp;</span>"
                           "&nbsp; risk <b>%3</b> · stage <b>%4</b> · %5")
                .arg(colour.name(), priorityLabel(priority).toUpper(), QString::number(v.risk, 'f', 1),
                     stageLabel(fromStd(v.stage)).toHtmlEscaped(), countryText(fromStd(v.country)).toHtmlEscaped());
    if (!v.country.empty())
        html += tr(" (confidence %1%)").arg(qRound(v.countryConfidence * 100));
    html += QStringLiteral("<br>") +
            tr("%n message(s), media %1 sent / %2 received", nullptr, static_cast<int>(v.messages))
                .arg(v.mediaSent)
                .arg(v.mediaReceived);
    if (v.firstContact)
        html += tr(" · first contact %1, last %2 (UTC)").arg(minuteTime(v.firstContact), minuteTime(v.lastContact));
    html += QStringLiteral("</p>");
    if (!v.priorityReasons.empty()) {
        html += tr("<b>Why this priority</b><ul style='margin-top:2px'>");
        for (const auto &reason : v.priorityReasons)
            html += QStringLiteral("<li>%1</li>").arg(fromStd(reason).toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_header->setText(html);
}

void VictimDetailPane::fillExplanation(qint64 personId)
{
    if (!m_db.isOpen())
        return;
    auto items = casedb::victimExplanation(m_db, personId);
    if (!items) {
        m_lastError = errorText(items.error());
        return;
    }
    for (const auto &e : *items) {
        auto *item = new QTreeWidgetItem(m_explanation);
        const QString kind = fromStd(e.kind);
        item->setText(0, QStringLiteral("%1%2").arg(e.points >= 0 ? "+" : "").arg(e.points, 0, 'f', 1));
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(1, indicatorTitle(kind));
        item->setForeground(1, indicatorColour(kind));
        item->setText(2, fromStd(e.why));
        item->setToolTip(2, fromStd(e.why));
        QVariantList ids;
        for (auto id : e.messageIds)
            ids << QVariant::fromValue<qint64>(id);
        item->setData(0, Qt::UserRole, ids);
        item->setData(0, Qt::UserRole + 1, kind);
        if (!ids.isEmpty())
            item->setToolTip(1, tr("%n message(s): select to show only them", nullptr, static_cast<int>(ids.size())));
    }
    for (int c = 0; c < 2; ++c)
        m_explanation->resizeColumnToContents(c);
}

void VictimDetailPane::fillAccounts(const casedb::PersonRow *person)
{
    if (!person)
        return;
    for (const auto &a : person->accounts) {
        auto *item = new QTreeWidgetItem(m_accounts);
        item->setText(0, fromStd(a.appName.empty() ? a.app : a.appName));
        item->setText(1, fromStd(a.displayName.empty() ? a.accountKey : a.displayName + " (" + a.accountKey + ")"));
        QStringList ids;
        for (const std::string *s : {&a.phone, &a.email, &a.username})
            if (!s->empty())
                ids << fromStd(*s);
        item->setText(2, ids.join(QStringLiteral(", ")));
        item->setText(3, fromStd(a.rule));
        item->setText(4, fromStd(a.reason));
        item->setToolTip(4, fromStd(a.reason));
        item->setData(0, Qt::UserRole, QVariant::fromValue<qint64>(a.accountId));
    }
    for (int c = 0; c < 4; ++c)
        m_accounts->resizeColumnToContents(c);
    m_tabs->setTabText(AccountsTab, tr("Acc&ounts (%1)").arg(person->accounts.size()));
}

void VictimDetailPane::fillLocations(qint64 personId)
{
    if (!m_db.isOpen())
        return;
    auto clues = casedb::personLocations(m_db, personId);
    if (!clues) {
        m_lastError = errorText(clues.error());
        return;
    }
    for (const auto &c : *clues) {
        auto *item = new QTreeWidgetItem(m_locations);
        item->setText(0, countryText(fromStd(c.country)));
        item->setText(1, fromStd(c.source));
        item->setText(2, QStringLiteral("%1%").arg(qRound(c.confidence * 100)));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(3, fromStd(c.detail));
        item->setToolTip(3, fromStd(c.detail));
    }
    for (int c = 0; c < 3; ++c)
        m_locations->resizeColumnToContents(c);
}

void VictimDetailPane::fillMessages(qint64 personId, const QString &victimLabel)
{
    if (!m_db.isOpen())
        return;
    auto messages = casedb::triggerMessages(m_db, personId);
    if (!messages) {
        m_lastError = errorText(messages.error());
        return;
    }
    for (const auto &m : *messages) {
        auto *item = new QListWidgetItem(m_messages);
        item->setData(HtmlRole, messageHtml(m, victimLabel));
        item->setData(MessageIdRole, QVariant::fromValue<qint64>(m.messageId));
        item->setData(ConversationIdRole, QVariant::fromValue<qint64>(m.conversationId));
    }
    showOnlyMessages({});
}

void VictimDetailPane::showOnlyMessages(const std::vector<std::int64_t> &messageIds)
{
    const std::set<std::int64_t> wanted(messageIds.begin(), messageIds.end());
    for (int i = 0; i < m_messages->count(); ++i) {
        QListWidgetItem *item = m_messages->item(i);
        item->setHidden(!wanted.empty() && !wanted.contains(item->data(MessageIdRole).toLongLong()));
    }
    const int shown = visibleMessageCount();
    const QTreeWidgetItem *term = m_explanation->currentItem();
    if (wanted.empty() || !term)
        m_messagesTitle->setText(tr("<b>%n message(s) triggered the indicators</b> — Enter opens the conversation",
                                    nullptr, shown));
    else
        m_messagesTitle->setText(tr("<b>%n message(s) for “%1”</b>: %2", nullptr, shown)
                                     .arg(term->text(1).toHtmlEscaped(), term->text(2).toHtmlEscaped()));
    m_showAll->setVisible(!wanted.empty());
}

int VictimDetailPane::visibleMessageCount() const
{
    int n = 0;
    for (int i = 0; i < m_messages->count(); ++i)
        n += m_messages->item(i)->isHidden() ? 0 : 1;
    return n;
}

std::vector<qint64> VictimDetailPane::selectedAccounts() const
{
    std::vector<qint64> ids;
    for (const auto *item : m_accounts->selectedItems())
        ids.push_back(item->data(0, Qt::UserRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString VictimDetailPane::headerText() const
{
    QTextDocument doc;
    doc.setHtml(m_header->text());
    return doc.toPlainText();
}

void VictimDetailPane::activate(QListWidgetItem *item)
{
    if (item)
        emit messageActivated(item->data(ConversationIdRole).toLongLong(), item->data(MessageIdRole).toLongLong());
}

} // namespace vigil::ui
