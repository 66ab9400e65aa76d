// SPDX-License-Identifier: GPL-3.0-or-later
// A conversation as chat bubbles: incoming on the left, the device owner's messages on the
// right, times in UTC, search hits highlighted, deleted and recovered messages marked (recovered
// ones tinted and in italics, with where they were recovered from), and
// attachments as thumbnails that stay blurred (wellness) — the analyst opens one on purpose.
#pragma once

#include <QHash>
#include <QImage>
#include <QListView>
#include <QStyledItemDelegate>

#include "ui/viewers/blursettings.h"

namespace vigil::casedb {
struct AttachmentRow;
}

namespace vigil::ui {

class MessageListModel;
struct ChatMessage;

// Blurred thumbnails of evidence files (decoded once, small, blurred before they are kept).
class ThumbnailCache {
public:
    static constexpr int kSize = 96;
    static constexpr qint64 kMaxBytes = 16ll << 20;   // larger files are not decoded for a thumbnail

    void setCase(const QString &caseDir);
    void setSettings(const BlurSettings &settings);
    // A blurred thumbnail of the file, or a null image when it is not a picture we can decode.
    QImage thumbnail(qint64 fileId);

private:
    QString m_caseDir;
    BlurSettings m_settings;
    QHash<qint64, QImage> m_cache;
};

class ChatBubbleDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ChatBubbleDelegate(ThumbnailCache &thumbnails, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    struct Layout;
    // Where the parts of one message go in a row of the given width.
    Layout layoutFor(const ChatMessage &m, bool results, int width, const QFont &font) const;

private:
    void paintAttachment(QPainter *painter, const casedb::AttachmentRow &a, const QRect &r, const QFont &font) const;

    ThumbnailCache &m_thumbnails;
};

class ChatView : public QListView {
    Q_OBJECT
public:
    explicit ChatView(QWidget *parent = nullptr);
    ~ChatView() override;
    void setCase(const QString &caseDir);
    void setBlurSettings(const BlurSettings &settings);
    void setMessages(MessageListModel *model);
    MessageListModel *messages() const { return m_model; }
    // The attachment drawn at a point of the viewport: its evidence file id, or 0.
    qint64 attachmentAt(const QPoint &viewportPos) const;

signals:
    void messageSelected(qint64 messageId);
    void attachmentActivated(qint64 fileId, qint64 attachmentId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    // The attachment drawn at a point of the viewport, or null.
    const casedb::AttachmentRow *attachmentUnder(const QPoint &viewportPos) const;

    MessageListModel *m_model = nullptr;
    ThumbnailCache m_thumbnails;
    ChatBubbleDelegate *m_delegate;
};

} // namespace vigil::ui
