// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/chatview.h"

#include <QAbstractScrollArea>
#include <QBuffer>
#include <QImageReader>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <cmath>

#include "core/pipeline/filecontent.h"
#include "core/util/timeutil.h"
#include "ui/models/messagelistmodel.h"
#include "ui/models/sourceformat.h"
#include "ui/viewers/blur.h"

namespace vigil::ui {

namespace {

constexpr int kMargin = 8;      // around a bubble
constexpr int kPadding = 8;     // inside a bubble
constexpr int kGap = 4;         // between parts
constexpr double kMaxShare = 0.72;

QColor incomingColour() { return QColor(0xEE, 0xEF, 0xF1); }
QColor outgoingColour() { return QColor(0xD6, 0xE9, 0xFF); }
QColor markColour() { return QColor(0xB0, 0x3A, 0x2E); }

// Recovered from deleted space, or read from a deleted / carved / nested database: tinted
// bubbles with italic text, so they never pass for live messages.
bool isRecovered(const ChatMessage &m)
{
    return m.row.prov.recordSource == "recovered" || m.row.prov.fileSource != "live";
}

QColor bubbleColour(const ChatMessage &m)
{
    const bool outgoing = m.row.direction == "outgoing";
    if (isRecovered(m))
        return outgoing ? QColor(0xFF, 0xE3, 0xC2) : QColor(0xFF, 0xF2, 0xDF);
    return outgoing ? outgoingColour() : incomingColour();
}

QFont bodyFont(const ChatMessage &m, QFont f)
{
    if (isRecovered(m))
        f.setItalic(true);
    return f;
}

QFont smallFont(QFont f)
{
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

QString timeText(const casedb::MessageRow &r)
{
    if (!r.sentAt)
        return QObject::tr("no time");
    return QString::fromStdString(toIso8601(*r.sentAt)).replace(QLatin1Char('T'), QLatin1Char(' ')).chopped(1);
}

QString headerText(const ChatMessage &m)
{
    const auto &r = m.row;
    QString who = r.sender.empty() ? QObject::tr("unknown sender") : QString::fromStdString(r.sender);
    QString text = who + QStringLiteral("  ·  ") + timeText(r) + QStringLiteral(" UTC");
    if (!r.status.empty())
        text += QStringLiteral("  ·  ") + QString::fromStdString(r.status);
    return text;
}

// Why a message is special, in words (shown under its text).
QString badgeText(const ChatMessage &m)
{
    QStringList marks;
    if (m.row.deletedInApp)
        marks << QObject::tr("deleted in the app");
    if (m.row.prov.recordSource == "wal")
        marks << QObject::tr("only in the write-ahead log (not yet in the database file)");
    else if (m.row.prov.recordSource == "recovered")
        marks << recordStateText(m.row.prov);
    if (const QString db = databaseSourceText(m.row.prov.fileSource); !db.isEmpty())
        marks << QObject::tr("from %1").arg(db);
    if (m.row.type != "text" && m.row.type != "media" && !m.row.type.empty())
        marks << QString::fromStdString(m.row.type);
    return marks.join(QStringLiteral(" · "));
}

QString resultText(const ChatMessage &m)
{
    return QString::fromStdString(m.row.appName) + QStringLiteral(" — ") + QString::fromStdString(m.row.conversation);
}

QVector<QTextLayout::FormatRange> hitFormats(const ChatMessage &m)
{
    QVector<QTextLayout::FormatRange> formats;
    for (const auto &[start, length] : m.hits) {
        QTextLayout::FormatRange f;
        f.start = start;
        f.length = length;
        f.format.setBackground(QColor(0xFF, 0xE0, 0x66));
        f.format.setFontWeight(QFont::Bold);
        formats.append(f);
    }
    return formats;
}

// Lays the body out in `width` and returns its height; draws it at `origin` when painter is set.
int bodyLayout(const ChatMessage &m, const QFont &font, int width, QPainter *painter = nullptr, QPointF origin = {})
{
    if (m.body.isEmpty())
        return 0;
    QTextLayout layout(m.body, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.setFormats(hitFormats(m));
    layout.beginLayout();
    qreal y = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout.endLayout();
    if (painter)
        layout.draw(painter, origin);
    return static_cast<int>(std::ceil(y));
}

int naturalWidth(const QString &text, const QFont &font, int max)
{
    if (text.isEmpty())
        return 0;
    return QFontMetrics(font).boundingRect(QRect(0, 0, max, 100000), Qt::TextWrapAnywhere | Qt::TextWordWrap, text).width();
}

// The width a row is laid out in: the list's viewport (the same in sizeHint and paint).
int rowWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractScrollArea *>(option.widget))
        return std::max(200, view->viewport()->width());
    return std::max(200, option.rect.width());
}

} // namespace

struct ChatBubbleDelegate::Layout {
    QRect result;              // "app — conversation" line (search results only)
    QRect bubble, header, body, badge;
    QVector<QRect> attachments;
    int height = 0;
};

// ---- ThumbnailCache ----

void ThumbnailCache::setCase(const QString &caseDir)
{
    m_caseDir = caseDir;
    m_cache.clear();
}

void ThumbnailCache::setSettings(const BlurSettings &settings)
{
    m_settings = settings;
    m_cache.clear();
}

QImage ThumbnailCache::thumbnail(qint64 fileId)
{
    if (fileId <= 0 || m_caseDir.isEmpty())
        return {};
    if (const auto it = m_cache.constFind(fileId); it != m_cache.constEnd())
        return *it;
    QImage thumb;
    auto content = pipeline::FileContent::open(m_caseDir.toStdString(), fileId);
    if (content && (*content)->size() > 0 && static_cast<qint64>((*content)->size()) <= kMaxBytes) {
        QByteArray bytes(static_cast<qsizetype>((*content)->size()), Qt::Uninitialized);
        auto n = (*content)->read(0, bytes.data(), static_cast<std::size_t>(bytes.size()));
        if (n && *n == static_cast<std::size_t>(bytes.size())) {
            QBuffer buffer(&bytes);
            QImageReader reader(&buffer);
            const QSize size = reader.size();
            if (size.isValid())   // JPEG decodes at a reduced scale: no full-size decode for a thumbnail
                reader.setScaledSize(size.scaled(kSize * 2, kSize * 2, Qt::KeepAspectRatio));
            const QImage image = reader.read();
            if (!image.isNull())
                thumb = previewImage(image.scaled(kSize, kSize, Qt::KeepAspectRatio, Qt::SmoothTransformation), m_settings,
                                     false);
        }
    }
    m_cache.insert(fileId, thumb);
    return thumb;
}

// ---- ChatBubbleDelegate ----

ChatBubbleDelegate::ChatBubbleDelegate(ThumbnailCache &thumbnails, QObject *parent)
    : QStyledItemDelegate(parent), m_thumbnails(thumbnails)
{
}

ChatBubbleDelegate::Layout ChatBubbleDelegate::layoutFor(const ChatMessage &m, bool results, int width,
                                                         const QFont &font) const
{
    Layout l;
    const QFont small = smallFont(font);
    const int maxInner = std::max(160, static_cast<int>(width * kMaxShare)) - 2 * kPadding;
    const QString header = headerText(m), badge = badgeText(m);
    const int attachmentsWidth = static_cast<int>(m.attachments.size()) * (ThumbnailCache::kSize + kGap);
    const QFont body = bodyFont(m, font);
    int inner = std::max({naturalWidth(m.body, body, maxInner), naturalWidth(header, small, maxInner),
                          naturalWidth(badge, small, maxInner), std::min(attachmentsWidth, maxInner), 60});
    inner = std::min(inner, maxInner);
    int y = kMargin / 2;
    if (results) {
        l.result = QRect(kMargin, y, width - 2 * kMargin, QFontMetrics(small).height());
        y = l.result.bottom() + kGap;
    }
    const int bubbleWidth = inner + 2 * kPadding;
    const bool outgoing = m.row.direction == "outgoing";
    const int x = outgoing ? width - kMargin - bubbleWidth : kMargin;
    int cy = y + kPadding;
    const int headerHeight = QFontMetrics(small).boundingRect(QRect(0, 0, inner, 1000), Qt::TextWordWrap, header).height();
    l.header = QRect(x + kPadding, cy, inner, headerHeight);
    cy += headerHeight + kGap;
    const int bodyHeight = bodyLayout(m, body, inner);
    l.body = QRect(x + kPadding, cy, inner, bodyHeight);
    cy += bodyHeight + (bodyHeight ? kGap : 0);
    for (std::size_t i = 0; i < m.attachments.size(); ++i) {
        const int perRow = std::max(1, inner / (ThumbnailCache::kSize + kGap));
        const int col = static_cast<int>(i) % perRow, row = static_cast<int>(i) / perRow;
        l.attachments.append(QRect(x + kPadding + col * (ThumbnailCache::kSize + kGap),
                                   cy + row * (ThumbnailCache::kSize + kGap), ThumbnailCache::kSize, ThumbnailCache::kSize));
    }
    if (!l.attachments.isEmpty())
        cy = l.attachments.back().bottom() + 1 + kGap;
    if (!badge.isEmpty()) {
        const int h = QFontMetrics(small).boundingRect(QRect(0, 0, inner, 1000), Qt::TextWordWrap, badge).height();
        l.badge = QRect(x + kPadding, cy, inner, h);
        cy += h + kGap;
    }
    l.bubble = QRect(x, y, bubbleWidth, cy - y + kPadding - kGap);
    l.height = l.bubble.bottom() + kMargin / 2 + 1;
    return l;
}

QSize ChatBubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *model = qobject_cast<const MessageListModel *>(index.model());
    const ChatMessage *m = model ? model->messageAt(index.row()) : nullptr;
    const int width = rowWidth(option);
    if (!m)
        return {width, 24};
    return {width, layoutFor(*m, model->isSearchResults(), width, option.font).height};
}

void ChatBubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *model = qobject_cast<const MessageListModel *>(index.model());
    const ChatMessage *m = model ? model->messageAt(index.row()) : nullptr;
    if (!m)
        return;
    const Layout l = layoutFor(*m, model->isSearchResults(), rowWidth(option), option.font);
    painter->save();
    painter->translate(option.rect.topLeft());
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont small = smallFont(option.font);
    painter->setFont(small);
    if (!l.result.isNull()) {
        painter->setPen(option.palette.color(QPalette::PlaceholderText));
        painter->drawText(l.result, Qt::AlignLeft | Qt::AlignVCenter, resultText(*m));
    }
    QPainterPath path;
    path.addRoundedRect(l.bubble, 10, 10);
    painter->fillPath(path, bubbleColour(*m));
    if (option.state & QStyle::State_Selected)
        painter->strokePath(path, QPen(option.palette.color(QPalette::Highlight), 2));
    else if (m->row.deletedInApp || m->row.prov.recordSource != "live" || isRecovered(*m))
        painter->strokePath(path, QPen(markColour(), 1.5, Qt::DashLine));
    painter->setPen(QColor(0x55, 0x5B, 0x66));
    painter->drawText(l.header, Qt::TextWordWrap, headerText(*m));
    painter->setPen(QColor(0x1D, 0x21, 0x27));
    painter->setFont(bodyFont(*m, option.font));
    bodyLayout(*m, bodyFont(*m, option.font), l.body.width(), painter, l.body.topLeft());
    painter->setFont(small);
    for (int i = 0; i < l.attachments.size(); ++i)
        paintAttachment(painter, m->attachments[static_cast<std::size_t>(i)], l.attachments[i], small);
    if (!l.badge.isNull()) {
        painter->setPen(markColour());
        painter->drawText(l.badge, Qt::TextWordWrap, badgeText(*m));
    }
    painter->restore();
}

void ChatBubbleDelegate::paintAttachment(QPainter *painter, const casedb::AttachmentRow &a, const QRect &r,
                                         const QFont &font) const
{
    const QImage thumb = a.fileId ? m_thumbnails.thumbnail(*a.fileId) : QImage();
    painter->fillRect(r, QColor(0xC9, 0xCD, 0xD3));
    if (!thumb.isNull()) {
        const QSize s = thumb.size().scaled(r.size(), Qt::KeepAspectRatio);
        painter->drawImage(QRect(r.center() - QPoint(s.width() / 2, s.height() / 2), s), thumb);
        return;
    }
    painter->setPen(QColor(0x33, 0x37, 0x3D));
    const QString name = QString::fromStdString(a.fileName.empty() ? a.mimeType : a.fileName);
    const QString state = a.fileId ? QObject::tr("(not a picture)") : QObject::tr("(file not found)");
    painter->drawText(r.adjusted(4, 4, -4, -4), Qt::TextWrapAnywhere | Qt::AlignCenter,
                      QFontMetrics(font).elidedText(name, Qt::ElideMiddle, r.width() * 2) + "\n" + state);
}

// ---- ChatView ----

ChatView::ChatView(QWidget *parent) : QListView(parent), m_delegate(new ChatBubbleDelegate(m_thumbnails, this))
{
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUniformItemSizes(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setResizeMode(QListView::Adjust);
    setMouseTracking(false);
    setObjectName(QStringLiteral("chatView"));
}

ChatView::~ChatView() = default;

void ChatView::setCase(const QString &caseDir)
{
    m_thumbnails.setCase(caseDir);
}

void ChatView::setBlurSettings(const BlurSettings &settings)
{
    m_thumbnails.setSettings(settings);
    viewport()->update();
}

void ChatView::setMessages(MessageListModel *model)
{
    m_model = model;
    QItemSelectionModel *old = selectionModel();
    setModel(model);
    delete old;
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            emit messageSelected(current.data(MessageListModel::MessageIdRole).toLongLong());
    });
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    doItemsLayout();   // bubble heights depend on the width
}

const casedb::AttachmentRow *ChatView::attachmentUnder(const QPoint &viewportPos) const
{
    const QModelIndex index = indexAt(viewportPos);
    const ChatMessage *m = m_model ? m_model->messageAt(index.row()) : nullptr;
    if (!m)
        return nullptr;
    const QRect row = visualRect(index);
    const auto l = m_delegate->layoutFor(*m, m_model->isSearchResults(), std::max(200, viewport()->width()), font());
    for (int i = 0; i < l.attachments.size(); ++i) {
        if (l.attachments[i].translated(row.topLeft()).contains(viewportPos))
            return &m->attachments[static_cast<std::size_t>(i)];
    }
    return nullptr;
}

qint64 ChatView::attachmentAt(const QPoint &viewportPos) const
{
    const casedb::AttachmentRow *a = attachmentUnder(viewportPos);
    return a ? a->fileId.value_or(0) : 0;
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    QListView::mouseReleaseEvent(event);
    const casedb::AttachmentRow *a = attachmentUnder(event->position().toPoint());
    if (a && a->fileId)
        emit attachmentActivated(*a->fileId, a->id);
}

} // namespace vigil::ui
