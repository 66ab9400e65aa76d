// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace vigil::ui {

// One gallery tile: the group strip (a header where a group starts), the (blurred) thumbnail
// with its badges (category, hash set, video duration, group size, source — deleted, carved,
// archive member, embedded —, known-good, revealed) and
// the file name. Reads everything from MediaGridModel's roles.
class MediaTileDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Where the thumbnail of the tile painted in `itemRect` (the view's visual rect) goes.
    static QRect thumbnailRect(const QRect &itemRect);

private:
    static void paintStrip(QPainter *p, const QRect &cell, const QModelIndex &index, int ordinal);
    static void paintThumbnail(QPainter *p, const QRect &area, const QModelIndex &index);
    static void paintBadges(QPainter *p, const QRect &area, const QModelIndex &index, bool revealed);
    static void paintName(QPainter *p, const QStyleOptionViewItem &option, const QRect &cell, const QModelIndex &index);
};

} // namespace vigil::ui
