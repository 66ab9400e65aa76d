// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/mediatiledelegate.h"

#include <QPainter>

#include <algorithm>
#include <string>

#include "ui/models/mediagridmodel.h"

namespace vigil::ui {

namespace {

constexpr int kCellWidth = 176, kCellHeight = 204, kStrip = 18, kThumb = MediaGridModel::kThumbnailSize;

// A small rounded label anchored at a corner of `area` (offset rows down/up); returns its rect.
QRect drawChip(QPainter *p, const QRect &area, Qt::Corner corner, int stack, const QString &text, const QColor &bg)
{
    const QFontMetrics fm(p->font());
    const QSize size(fm.horizontalAdvance(text) + 10, fm.height() + 2);
    const int dy = stack * (size.height() + 2);
    const bool right = corner == Qt::TopRightCorner || corner == Qt::BottomRightCorner;
    const bool bottom = corner == Qt::BottomLeftCorner || corner == Qt::BottomRightCorner;
    const QPoint at(right ? area.right() - 3 - size.width() : area.left() + 3,
                    bottom ? area.bottom() - 3 - size.height() - dy : area.top() + 3 + dy);
    const QRect r(at, size);
    p->setPen(Qt::NoPen);
    p->setBrush(bg);
    p->drawRoundedRect(r, 4, 4);
    p->setPen(bg.lightness() > 170 ? Qt::black : Qt::white);
    p->drawText(r, Qt::AlignCenter, text);
    return r;
}

// The top-right chip of a video: a play triangle and the duration when known.
void drawVideoChip(QPainter *p, const QRect &area, const QVariant &durationMs)
{
    const QString text =   // room for the play triangle
        QStringLiteral("    ") + (durationMs.isValid() ? durationText(durationMs.toLongLong()) : QObject::tr("video"));
    const QRect chip = drawChip(p, area, Qt::TopRightCorner, 0, text, QColor(0x21, 0x21, 0x21));
    const QPoint c(chip.left() + 9, chip.center().y());
    p->setBrush(Qt::white);
    p->drawPolygon(QPolygon({c + QPoint(-3, -4), c + QPoint(-3, 4), c + QPoint(4, 0)}));
}

QString groupHeader(const QModelIndex &index, MediaGrouping grouping)
{
    const QVariant group = index.data(MediaGridModel::GroupRole);
    if (!group.isValid())
        return QObject::tr("Not grouped");
    const qint64 size = index.data(MediaGridModel::GroupSizeRole).toLongLong();
    return grouping == MediaGrouping::Faces ? QObject::tr("Face group %1 · %2").arg(group.toLongLong()).arg(size)
                                            : QObject::tr("Near-dup group %1 · %2").arg(group.toLongLong()).arg(size);
}

} // namespace

QSize MediaTileDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return {kCellWidth, kCellHeight};
}

QRect MediaTileDelegate::thumbnailRect(const QRect &itemRect)
{
    return {itemRect.left() + (itemRect.width() - kThumb) / 2, itemRect.top() + kStrip + 2, kThumb, kThumb};
}

void MediaTileDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);
    const int ordinal = index.data(MediaGridModel::GroupOrdinalRole).toInt();
    if (ordinal >= 0)
        p->fillRect(cell, ordinal % 2 ? QColor(0xFB, 0xEE, 0xDD) : QColor(0xE3, 0xEC, 0xF8));
    paintStrip(p, cell, index, ordinal);
    paintThumbnail(p, thumbnailRect(option.rect), index);
    paintName(p, option, cell, index);
    if (option.state & QStyle::State_Selected) {
        p->setPen(QPen(option.palette.highlight().color(), 3));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(cell.adjusted(1, 1, -1, -1), 5, 5);
    }
    p->restore();
}

void MediaTileDelegate::paintStrip(QPainter *p, const QRect &cell, const QModelIndex &index, int ordinal)
{
    if (ordinal < 0)
        return;
    const QRect strip(cell.left(), cell.top(), cell.width(), kStrip);
    p->fillRect(strip, ordinal % 2 ? QColor(0xF0, 0xC3, 0x8E) : QColor(0x9C, 0xBB, 0xE4));
    if (!index.data(MediaGridModel::GroupStartRole).toBool())
        return;
    p->fillRect(QRect(cell.left(), cell.top(), 4, cell.height()), QColor(0x26, 0x32, 0x38));   // the separator
    QFont f = p->font();
    f.setBold(true);
    p->setFont(f);
    p->setPen(QColor(0x1A, 0x1A, 0x1A));
    const QRect text = strip.adjusted(8, 0, -4, 0);
    const auto *model = qobject_cast<const MediaGridModel *>(index.model());
    const auto grouping = model ? model->grouping() : MediaGrouping::None;
    p->drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                p->fontMetrics().elidedText(groupHeader(index, grouping), Qt::ElideRight, text.width()));
}

void MediaTileDelegate::paintThumbnail(QPainter *p, const QRect &area, const QModelIndex &index)
{
    const QImage image = index.data(Qt::DecorationRole).value<QImage>();
    QRect target = area;
    if (image.isNull()) {
        p->fillRect(area, QColor(0xD5, 0xD5, 0xD5));
        p->setPen(QColor(0x60, 0x60, 0x60));
        p->drawText(area, Qt::AlignCenter, QObject::tr("no preview"));
    } else {
        target = QRect(QPoint(), image.size().scaled(area.size(), Qt::KeepAspectRatio));
        target.moveCenter(area.center());
        p->drawImage(target, image);
    }
    const bool revealed = index.data(MediaGridModel::RevealedRole).toBool();
    if (revealed) {
        p->setPen(QPen(QColor(0xFF, 0x8F, 0x00), 3));
        p->setBrush(Qt::NoBrush);
        p->drawRect(target.adjusted(1, 1, -1, -1));
    }
    paintBadges(p, target, index, revealed);
}

void MediaTileDelegate::paintBadges(QPainter *p, const QRect &area, const QModelIndex &index, bool revealed)
{
    QFont f = p->font();
    f.setBold(true);
    f.setPointSizeF(std::max(6.0, f.pointSizeF() - 1));
    p->setFont(f);
    const std::string category = index.data(MediaGridModel::CategoryRole).toString().toStdString();
    int left = 0;
    if (!category.empty())
        drawChip(p, area, Qt::TopLeftCorner, left++, categoryBadge(category), categoryColour(category));
    if (index.data(MediaGridModel::CategorySourceRole).toString() == QLatin1String("hashset"))
        drawChip(p, area, Qt::TopLeftCorner, left++, QObject::tr("hash set"), QColor(0x37, 0x47, 0x4F));
    if (index.data(MediaGridModel::KindRole).toString() == QLatin1String("video"))
        drawVideoChip(p, area, index.data(MediaGridModel::DurationRole));
    const qint64 size = index.data(MediaGridModel::GroupSizeRole).toLongLong();
    if (size > 1)
        drawChip(p, area, Qt::BottomRightCorner, 0, QStringLiteral("×%1").arg(size), QColor(0x15, 0x65, 0xC0));
    int bottom = 0;
    if (const QString source = index.data(MediaGridModel::SourceRole).toString(); !source.isEmpty())
        drawChip(p, area, Qt::BottomLeftCorner, bottom++, source,
                 index.data(MediaGridModel::SourceColourRole).value<QColor>());
    if (index.data(MediaGridModel::KnownGoodRole).toBool())
        drawChip(p, area, Qt::BottomLeftCorner, bottom++, QObject::tr("known-good"), QColor(0x9E, 0x9E, 0x9E));
    if (revealed)
        drawChip(p, area, Qt::BottomLeftCorner, bottom++, QObject::tr("revealed"), QColor(0xFF, 0x8F, 0x00));
}

void MediaTileDelegate::paintName(QPainter *p, const QStyleOptionViewItem &option, const QRect &cell,
                                  const QModelIndex &index)
{
    const int top = cell.top() + kStrip + kThumb + 4;
    const QRect text(cell.left() + 4, top, cell.width() - 8, cell.bottom() - top);
    p->setFont(option.font);
    p->setPen(option.palette.text().color());
    p->drawText(text, Qt::AlignHCenter | Qt::AlignVCenter,
                option.fontMetrics.elidedText(index.data().toString(), Qt::ElideMiddle, text.width()));
}

} // namespace vigil::ui
