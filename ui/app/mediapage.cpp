// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/mediapage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

#include "ui/app/casesession.h"
#include "ui/models/modelformat.h"
#include "ui/viewers/blur.h"

namespace vigil::ui {

namespace {

constexpr int kCellWidth = 176, kCellHeight = 204, kStrip = 18, kThumb = MediaGridModel::kThumbnailSize;
constexpr std::size_t kUndoSteps = 200;

QRect thumbArea(const QRect &cell)
{
    return {cell.left() + (cell.width() - kThumb) / 2, cell.top() + kStrip + 2, kThumb, kThumb};
}

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

QString groupHeader(const QModelIndex &index, MediaGrouping grouping)
{
    const QVariant group = index.data(MediaGridModel::GroupRole);
    if (!group.isValid())
        return QObject::tr("Not grouped");
    const qint64 size = index.data(MediaGridModel::GroupSizeRole).toLongLong();
    return grouping == MediaGrouping::Faces ? QObject::tr("Face group %1 · %2").arg(group.toLongLong()).arg(size)
                                            : QObject::tr("Near-dup group %1 · %2").arg(group.toLongLong()).arg(size);
}

// One gallery item: group strip, the (blurred) thumbnail with its badges, the file name.
class MediaItemDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        return {kCellWidth, kCellHeight};
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const QRect cell = option.rect.adjusted(1, 1, -1, -1);
        const int ordinal = index.data(MediaGridModel::GroupOrdinalRole).toInt();
        if (ordinal >= 0)
            p->fillRect(cell, ordinal % 2 ? QColor(0xFB, 0xEE, 0xDD) : QColor(0xE3, 0xEC, 0xF8));
        paintStrip(p, cell, index, ordinal);
        paintThumbnail(p, thumbArea(option.rect), index);
        paintName(p, option, cell, index);
        if (option.state & QStyle::State_Selected) {
            p->setPen(QPen(option.palette.highlight().color(), 3));
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(cell.adjusted(1, 1, -1, -1), 5, 5);
        }
        p->restore();
    }

private:
    void paintStrip(QPainter *p, const QRect &cell, const QModelIndex &index, int ordinal) const
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

    static void paintThumbnail(QPainter *p, const QRect &area, const QModelIndex &index)
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

    static void paintBadges(QPainter *p, const QRect &area, const QModelIndex &index, bool revealed)
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
        if (index.data(MediaGridModel::KindRole).toString() == QLatin1String("video")) {
            const QVariant ms = index.data(MediaGridModel::DurationRole);
            const QString text =   // room for the play triangle
                QStringLiteral("    ") + (ms.isValid() ? durationText(ms.toLongLong()) : QObject::tr("video"));
            const QRect chip = drawChip(p, area, Qt::TopRightCorner, 0, text, QColor(0x21, 0x21, 0x21));
            const QPoint c(chip.left() + 9, chip.center().y());
            p->setBrush(Qt::white);
            p->drawPolygon(QPolygon({c + QPoint(-3, -4), c + QPoint(-3, 4), c + QPoint(4, 0)}));
        }
        const qint64 size = index.data(MediaGridModel::GroupSizeRole).toLongLong();
        if (size > 1)
            drawChip(p, area, Qt::BottomRightCorner, 0, QStringLiteral("×%1").arg(size), QColor(0x15, 0x65, 0xC0));
        int bottom = 0;
        if (index.data(MediaGridModel::KnownGoodRole).toBool())
            drawChip(p, area, Qt::BottomLeftCorner, bottom++, QObject::tr("known-good"), QColor(0x9E, 0x9E, 0x9E));
        if (revealed)
            drawChip(p, area, Qt::BottomLeftCorner, bottom++, QObject::tr("revealed"), QColor(0xFF, 0x8F, 0x00));
    }

    static void paintName(QPainter *p, const QStyleOptionViewItem &option, const QRect &cell, const QModelIndex &index)
    {
        const int top = cell.top() + kStrip + kThumb + 4;
        const QRect text(cell.left() + 4, top, cell.width() - 8, cell.bottom() - top);
        p->setFont(option.font);
        p->setPen(option.palette.text().color());
        p->drawText(text, Qt::AlignHCenter | Qt::AlignVCenter,
                    option.fontMetrics.elidedText(index.data().toString(), Qt::ElideMiddle, text.width()));
    }
};

QString orNone(const QString &s)
{
    return s.isEmpty() ? QObject::tr("none") : s;
}

QString joined(const std::vector<QString> &parts, const QString &sep = QStringLiteral(" ")) {
    QStringList list;
    for (const auto &s : parts)
        if (!s.isEmpty())
            list << s;
    return list.join(sep);
}

// A PDQ hash in four groups of 16 hex digits, so it wraps in a narrow panel.
QString pdqText(const casedb::MediaRow &m)
{
    if (m.pdq.empty())
        return QObject::tr("not computed");
    QString hex = fromStd(m.pdq);
    for (qsizetype at = hex.size() - 16; at > 0; at -= 16)
        hex.insert(at, QLatin1Char(' '));
    return m.pdqQuality ? hex + QObject::tr(" (quality %1)").arg(*m.pdqQuality) : hex;
}

bool isHashField(const QString &label)
{
    return label == QObject::tr("MD5") || label == QObject::tr("SHA-1") || label == QObject::tr("PDQ") ||
           label == QObject::tr("pHash");
}

// Values that must not break inside (hashes, a time): they move under their label instead.
bool isUnbreakable(const QString &label)
{
    return label != QObject::tr("PDQ") && (isHashField(label) || label == QObject::tr("Captured (UTC)"));
}

QString gpsText(const casedb::MediaRow &m)
{
    if (!m.gpsLat || !m.gpsLon)
        return {};
    QString text = QStringLiteral("%1, %2").arg(*m.gpsLat, 0, 'f', 6).arg(*m.gpsLon, 0, 'f', 6);
    if (m.gpsAlt)
        text += QObject::tr(" (altitude %1 m)").arg(*m.gpsAlt, 0, 'f', 1);
    return text;
}

QString gradingText(const casedb::MediaRow &m)
{
    if (m.category.empty())
        return QObject::tr("Ungraded");
    const QString source = m.categorySource == "hashset" ? QObject::tr("pre-graded by hash set")
                                                          : QObject::tr("graded by the analyst");
    return QStringLiteral("%1 (%2) — %3").arg(categoryLabel(m.category), fromStd(m.category), source);
}

QString facesText(const casedb::MediaRow &m)
{
    if (m.faceCount == 0)
        return QObject::tr("no faces found");
    QStringList groups;
    for (auto g : m.faceGroups)
        groups << QString::number(g);
    return QObject::tr("%n face(s); groups: %1", nullptr, static_cast<int>(m.faceCount)).arg(orNone(groups.join(", ")));
}

// Everything known about one media, as (label, value) pairs; empty values are left out.
std::vector<std::pair<QString, QString>> detailFields(const casedb::MediaRow &m)
{
    std::vector<std::pair<QString, QString>> f = {
        {QObject::tr("Name"), fromStd(m.name)},
        {QObject::tr("Path"), fromStd(m.path)},
        {QObject::tr("Size"), humanSize(m.size) + QStringLiteral(" (") + exactBytes(m.size) + QStringLiteral(")")},
        {QObject::tr("State"), m.deleted ? QObject::tr("deleted") : QObject::tr("allocated")},
        {QObject::tr("MD5"), orNone(fromStd(m.md5))},
        {QObject::tr("SHA-1"), orNone(fromStd(m.sha1))},
        {QObject::tr("Type"), joined({fromStd(m.kind), fromStd(m.format), fromStd(m.codec)}, QStringLiteral(" · "))},
        {QObject::tr("Dimensions"), m.width > 0 ? QObject::tr("%1 × %2 px").arg(m.width).arg(m.height) : QString()},
        {QObject::tr("Duration"), m.durationMs ? durationText(*m.durationMs) : QString()},
        {QObject::tr("PDQ"), pdqText(m)},
        {QObject::tr("pHash"), orNone(fromStd(m.phash))},
        {QObject::tr("Captured (UTC)"), isoTime(m.capturedUtc)},
        {QObject::tr("Captured (EXIF)"), joined({fromStd(m.capturedRaw), fromStd(m.tzOffset)})},
        {QObject::tr("Camera"), joined({fromStd(m.cameraMake), fromStd(m.cameraModel)})},
        {QObject::tr("Camera serial"), fromStd(m.cameraSerial)},
        {QObject::tr("Software"), fromStd(m.software)},
        {QObject::tr("GPS"), gpsText(m)},
        {QObject::tr("Hash sets"),
         orNone(fromStd(m.hashSets)) + (m.knownGood ? QObject::tr(" (known-good)") : QString())},
        {QObject::tr("Grading"), gradingText(m)},
        {QObject::tr("Near-duplicates"),
         m.nearDupGroup ? QObject::tr("group %1 (%n media)", nullptr, static_cast<int>(m.nearDupSize)).arg(*m.nearDupGroup)
                        : QObject::tr("none")},
        {QObject::tr("Faces"), facesText(m)},
        {QObject::tr("Analysis"), joined({fromStd(m.status), fromStd(m.note)}, QStringLiteral(": "))},
    };
    std::erase_if(f, [](const auto &field) { return field.second.isEmpty(); });
    return f;
}

} // namespace

MediaPage::MediaPage(QWidget *parent)
    : QWidget(parent), m_grouping(new QComboBox(this)), m_category(new QComboBox(this)),
      m_schemeBox(new QComboBox(this)),
      m_knownGood(new QCheckBox(tr("Show known-good"), this)), m_counts(new QLabel(this)), m_status(new QLabel(this)),
      m_view(new QListView(this)), m_detail(new QWidget(this)), m_detailForm(new QFormLayout(m_detail))
{
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Grading scheme"), question) == QMessageBox::Yes;
    };
    auto *bar = new QWidget(this);
    createToolBar(bar);
    m_view->setObjectName(QStringLiteral("mediaGrid"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setMovement(QListView::Static);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setUniformItemSizes(true);
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(256);
    m_view->setSpacing(4);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegate(new MediaItemDelegate(m_view));
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setObjectName(QStringLiteral("mediaDetail"));
    m_detailForm->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_detailForm->setRowWrapPolicy(QFormLayout::WrapLongRows);   // a hash goes under its label when narrow
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_detail);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(260);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(scroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});   // 3:2 — at the main window's width two columns and a SHA-1 still fit
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(bar);
    layout->addWidget(m_counts);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    createActions();
    connect(m_view, &QWidget::customContextMenuRequested, this, &MediaPage::showContextMenu);
}

MediaPage::~MediaPage() = default;

void MediaPage::createToolBar(QWidget *bar)
{
    m_grouping->setObjectName(QStringLiteral("mediaGrouping"));
    m_grouping->addItem(tr("None"), int(MediaGrouping::None));
    m_grouping->addItem(tr("Near-duplicates"), int(MediaGrouping::NearDuplicates));
    m_grouping->addItem(tr("Faces"), int(MediaGrouping::Faces));
    m_category->setObjectName(QStringLiteral("mediaCategory"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_schemeBox->setObjectName(QStringLiteral("gradingScheme"));
    m_schemeBox->addItem(tr("UK (A, B, C)"), int(model::GradingScheme::Uk));
    m_schemeBox->addItem(tr("Project VIC (0-4)"), int(model::GradingScheme::ProjectVic));
    m_knownGood->setToolTip(tr("Media matching a known-good hash set (e.g. NSRL) are hidden unless this is ticked."));
    auto *reveal = new QToolButton(bar);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Group by:"), bar));
    layout->addWidget(m_grouping);
    layout->addWidget(new QLabel(tr("Show:"), bar));
    layout->addWidget(m_category);
    layout->addWidget(m_knownGood);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Scheme:"), bar));
    layout->addWidget(m_schemeBox);
    layout->addStretch(1);
    layout->addWidget(reveal);
    connect(m_grouping, &QComboBox::currentIndexChanged, this,
            [this] { setGrouping(static_cast<MediaGrouping>(m_grouping->currentData().toInt())); });
    connect(m_category, &QComboBox::activated, this, [this] {
        if (!m_model)
            return;
        const QVariant code = m_category->currentData();
        const qint64 current = m_view->currentIndex().data(MediaGridModel::FileIdRole).toLongLong();
        m_model->setCategoryFilter(code.isValid() ? std::optional(code.toString().toStdString()) : std::nullopt);
        restoreCurrent(current);
        updateCounts();
    });
    connect(m_knownGood, &QCheckBox::toggled, this, [this](bool show) {
        if (!m_model)
            return;
        const qint64 current = m_view->currentIndex().data(MediaGridModel::FileIdRole).toLongLong();
        m_model->setShowKnownGood(show);
        restoreCurrent(current);
        updateCounts();
    });
    connect(m_schemeBox, &QComboBox::activated, this,
            [this] { changeScheme(static_cast<model::GradingScheme>(m_schemeBox->currentData().toInt())); });
    m_reveal = new QAction(tr("&Reveal"), this);
    m_reveal->setShortcut(QKeySequence(Qt::Key_R));
    m_reveal->setToolTip(tr("Show the current thumbnail unblurred (R); it blurs again when you move on. Audited."));
    reveal->setDefaultAction(m_reveal);
    reveal->setToolButtonStyle(Qt::ToolButtonTextOnly);
}

void MediaPage::createActions()
{
    auto add = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetShortcut);   // only while the grid has focus
        connect(a, &QAction::triggered, this, slot);
        m_view->addAction(a);
        return a;
    };
    m_ungrade = add(tr("&Ungrade selection"), QKeySequence(Qt::Key_Backspace), [this] { gradeSelection({}); });
    m_ungradeGroup = add(tr("Ungrade &group"), QKeySequence(Qt::SHIFT | Qt::Key_Backspace), [this] { gradeGroup({}); });
    m_undoAction = add(tr("U&ndo grading"), QKeySequence::Undo, [this] { undo(); });
    m_reveal->setShortcutContext(Qt::WidgetShortcut);
    connect(m_reveal, &QAction::triggered, this, &MediaPage::revealCurrent);
    m_view->addAction(m_reveal);
    rebuildGradeActions();
}

void MediaPage::rebuildGradeActions()
{
    for (auto *a : m_gradeActions)
        delete a;   // removes it from the view too
    m_gradeActions.clear();
    const auto &categories = model::gradingCategories(m_scheme);
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const std::string code(categories[i].code);
        const int digit = m_scheme == model::GradingScheme::Uk ? static_cast<int>(i) + 1 : static_cast<int>(i);
        const auto key = static_cast<Qt::Key>(Qt::Key_0 + digit);
        const QString label = fromStd(std::string(categories[i].label));
        auto *one = new QAction(tr("Grade as %1").arg(label), this);
        one->setShortcut(QKeySequence(key));
        connect(one, &QAction::triggered, this, [this, code] { gradeSelection(code); });
        auto *group = new QAction(tr("Grade group as %1").arg(label), this);
        group->setShortcut(QKeySequence(Qt::SHIFT | key));
        connect(group, &QAction::triggered, this, [this, code] { gradeGroup(code); });
        for (auto *a : {one, group}) {
            a->setShortcutContext(Qt::WidgetShortcut);
            a->setToolTip(fromStd(std::string(categories[i].description)));
            m_view->addAction(a);
            m_gradeActions.push_back(a);
        }
    }
}

void MediaPage::setSession(CaseSession *session)
{
    m_session = session;
    m_undo.clear();
    auto old = std::move(m_model);
    QItemSelectionModel *oldSelection = m_view->selectionModel();
    if (session) {
        m_model = std::make_unique<MediaGridModel>(session->folder().toStdString(),
                                                   static_cast<MediaGrouping>(m_grouping->currentData().toInt()),
                                                   m_knownGood->isChecked());
        connect(m_model.get(), &MediaGridModel::errorOccurred, this,
                [this](const QString &message) { showMessage(message, true); });
        applyPreview();
    }
    m_view->setModel(m_model.get());
    delete oldSelection;
    old.reset();
    if (m_model)
        connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this](const QModelIndex &current) {
                    m_model->concealAll();   // moving on blurs again
                    showDetail(current);
                    if (current.isValid())
                        emit fileSelected(current.data(MediaGridModel::FileIdRole).toLongLong());
                });
    m_status->clear();
    {
        const QSignalBlocker block(m_category);
        m_category->setCurrentIndex(0);   // the new model shows every category
    }
    if (!m_model)
        return;
    updateScheme();
    fillCategoryFilter();
    updateCounts();
    showDetail({});
}

void MediaPage::setBlurSettings(const BlurSettings &settings)
{
    m_blur = settings.clamped();
    applyPreview();
}

void MediaPage::applyPreview()
{
    if (m_model)
        m_model->setPreview([settings = m_blur](const QImage &image, bool revealed) {
            return previewImage(image, settings, revealed);
        });
}

void MediaPage::updateScheme()
{
    if (auto scheme = m_model->gradingScheme(); scheme && *scheme != m_scheme) {
        m_scheme = *scheme;
        rebuildGradeActions();
    }
    const QSignalBlocker block(m_schemeBox);
    m_schemeBox->setCurrentIndex(m_schemeBox->findData(int(m_scheme)));
}

void MediaPage::refresh()
{
    if (!m_model)
        return;
    updateScheme();
    const qint64 current = m_view->currentIndex().data(MediaGridModel::FileIdRole).toLongLong();
    m_model->refresh();
    restoreCurrent(current);
    fillCategoryFilter();
    updateCounts();
}

void MediaPage::setGrouping(MediaGrouping grouping)
{
    {
        const QSignalBlocker block(m_grouping);
        m_grouping->setCurrentIndex(m_grouping->findData(int(grouping)));
    }
    if (!m_model)
        return;
    const qint64 current = m_view->currentIndex().data(MediaGridModel::FileIdRole).toLongLong();
    m_model->setGrouping(grouping);
    restoreCurrent(current);
}

void MediaPage::restoreCurrent(qint64 fileId)
{
    const int row = fileId ? m_model->rowOf(fileId) : -1;
    if (row < 0) {
        showDetail(m_view->currentIndex());
        return;
    }
    const QModelIndex index = m_model->index(row);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(index);
}

void MediaPage::fillCategoryFilter()
{
    const QVariant previous = m_category->currentData();
    const QSignalBlocker block(m_category);
    m_category->clear();
    m_category->addItem(tr("All media"));
    m_category->addItem(tr("Ungraded"), QString());
    std::set<std::string> listed;
    for (const auto &c : model::gradingCategories(m_scheme)) {
        m_category->addItem(fromStd(std::string(c.label)), fromStd(std::string(c.code)));
        listed.insert(std::string(c.code));
    }
    if (auto counts = m_model ? m_model->gradingCounts() : Result<std::vector<casedb::CategoryCount>>{}; counts) {
        for (const auto &c : *counts)   // categories of the other scheme that hash sets gave
            if (!c.category.empty() && !listed.contains(c.category))
                m_category->addItem(categoryLabel(c.category) + tr(" (other scheme)"), fromStd(c.category));
    }
    const int keep = previous.isValid() ? m_category->findData(previous) : 0;
    m_category->setCurrentIndex(std::max(keep, 0));
    if (keep < 0 && m_model && m_model->categoryFilter())
        m_model->setCategoryFilter(std::nullopt);   // the chosen category left with the scheme
}

void MediaPage::updateCounts()
{
    if (!m_model) {
        m_counts->clear();
        return;
    }
    auto counts = m_model->gradingCounts();
    if (!counts) {
        showMessage(errorText(counts.error()), true);
        return;
    }
    QStringList parts;
    for (const auto &c : *counts) {
        const qint64 n = c.analyst + c.hashset;
        QString part = c.category.empty()
                           ? tr("Ungraded <b>%1</b>").arg(n)
                           : QStringLiteral("<span style='background:%1;color:%2'>&nbsp;%3&nbsp;</span> <b>%4</b>")
                                 .arg(categoryColour(c.category).name(),
                                      categoryColour(c.category).lightness() > 170 ? "black" : "white",
                                      categoryBadge(c.category).toHtmlEscaped())
                                 .arg(n);
        if (c.hashset)
            part += tr(" (%1 by hash set)").arg(c.hashset);
        parts << part;
    }
    m_counts->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")) +
                      tr(" &nbsp;—&nbsp; %n shown", nullptr, m_model->rowCount()));
}

std::vector<std::int64_t> MediaPage::selectedIds() const
{
    std::vector<std::int64_t> ids;
    if (!m_model)
        return ids;
    for (const auto &index : m_view->selectionModel()->selectedIndexes())
        ids.push_back(index.data(MediaGridModel::FileIdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool MediaPage::gradeSelection(const std::string &category)
{
    auto ids = selectedIds();
    if (ids.empty() && m_view->currentIndex().isValid())
        ids.push_back(m_view->currentIndex().data(MediaGridModel::FileIdRole).toLongLong());
    return applyGrade(ids, category, tr("gallery: %n selected media", nullptr, static_cast<int>(ids.size())));
}

bool MediaPage::gradeGroup(const std::string &category)
{
    if (!m_model || !m_view->currentIndex().isValid()) {
        showMessage(tr("Select a media item first."));
        return false;
    }
    const int row = m_view->currentIndex().row();
    const bool faces = m_model->grouping() == MediaGrouping::Faces;
    const auto group = m_model->groupOf(row);
    if (!group) {
        showMessage(faces ? tr("This media is in no face group.") : tr("This media is in no near-duplicate group."));
        return false;
    }
    auto ids = m_model->groupMembers(row);
    if (!ids) {
        showMessage(errorText(ids.error()), true);
        return false;
    }
    return applyGrade(*ids, category, faces ? tr("gallery: face group %1").arg(*group)
                                            : tr("gallery: near-duplicate group %1").arg(*group));
}

bool MediaPage::applyGrade(const std::vector<std::int64_t> &ids, const std::string &category, const QString &what)
{
    if (!m_session || !m_model) {
        showMessage(tr("No case is open."), true);
        return false;
    }
    if (ids.empty()) {
        showMessage(tr("Select media first."));
        return false;
    }
    auto previous = m_session->store().grade(ids, category, what.toStdString());
    if (!previous) {
        showMessage(errorText(previous.error()), true);
        return false;
    }
    m_undo.push_back({std::move(*previous), what});
    if (m_undo.size() > kUndoSteps)
        m_undo.erase(m_undo.begin());
    if (auto r = m_model->reloadGrades(ids); !r)
        showMessage(errorText(r.error()), true);
    updateCounts();
    showDetail(m_view->currentIndex());
    emit gradingChanged();
    const int n = static_cast<int>(ids.size());
    showMessage(category.empty() ? tr("Ungraded %n media (%1). Ctrl+Z undoes.", nullptr, n).arg(what)
                                 : tr("%1: %n media (%2). Ctrl+Z undoes.", nullptr, n).arg(categoryLabel(category), what));
    if (!category.empty())
        selectNextUngraded(ids);
    return true;
}

void MediaPage::selectNextUngraded(const std::vector<std::int64_t> &graded)
{
    const std::set<std::int64_t> done(graded.begin(), graded.end());
    int last = -1;
    for (auto id : graded)
        last = std::max(last, m_model->rowOf(id));
    const int n = m_model->rowCount();
    for (int step = 1; step <= n; ++step) {
        const int row = (last + step) % n;
        const auto *m = m_model->mediaAt(row);
        if (m && m->category.empty() && !done.contains(m->fileId)) {
            const QModelIndex index = m_model->index(row);
            m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
            m_view->scrollTo(index);
            return;
        }
    }
    showMessage(m_status->text() + tr(" Every media shown is graded."));
}

bool MediaPage::undo()
{
    if (!m_session || !m_model || m_undo.empty()) {
        showMessage(tr("Nothing to undo."));
        return false;
    }
    const UndoStep step = m_undo.back();
    if (auto r = m_session->store().restoreGrades(step.previous); !r) {
        showMessage(errorText(r.error()), true);
        return false;
    }
    m_undo.pop_back();
    std::vector<std::int64_t> ids;
    for (const auto &g : step.previous)
        ids.push_back(g.fileId);
    if (auto r = m_model->reloadGrades(ids); !r)
        showMessage(errorText(r.error()), true);
    if (const int row = ids.empty() ? -1 : m_model->rowOf(ids.front()); row >= 0)
        m_view->selectionModel()->setCurrentIndex(m_model->index(row), QItemSelectionModel::ClearAndSelect);
    updateCounts();
    showDetail(m_view->currentIndex());
    emit gradingChanged();
    showMessage(tr("Undone: %1 (%n media restored).", nullptr, static_cast<int>(ids.size())).arg(step.what));
    return true;
}

void MediaPage::revealCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!m_model || !current.isValid())
        return;
    const qint64 id = current.data(MediaGridModel::FileIdRole).toLongLong();
    if (m_model->isRevealed(id))
        return;
    m_model->setRevealed(id, true);
    if (m_session)
        m_session->audit(QStringLiteral("media.reveal"), QJsonObject{{"file_id", id}});
    showMessage(tr("Revealed %1 — it blurs again when you move on.").arg(current.data().toString()));
}

bool MediaPage::changeScheme(model::GradingScheme scheme)
{
    auto revert = [this] {
        const QSignalBlocker block(m_schemeBox);
        m_schemeBox->setCurrentIndex(m_schemeBox->findData(int(m_scheme)));
    };
    if (!m_session || !m_model) {
        revert();
        return false;
    }
    if (scheme == m_scheme)
        return true;
    std::int64_t graded = 0;
    if (auto counts = m_model->gradingCounts(); counts)
        for (const auto &c : *counts)
            graded += c.category.empty() ? 0 : c.analyst + c.hashset;
    const QString name = scheme == model::GradingScheme::Uk ? tr("UK categories") : tr("Project VIC categories");
    if (graded > 0 && !m_confirm(tr("%n media of this case are graded already. They keep their categories; new "
                                    "grading and the number keys use %1. Change the case's scheme?",
                                    nullptr, static_cast<int>(graded))
                                     .arg(name))) {
        revert();
        return false;
    }
    if (auto r = m_session->store().setGradingScheme(scheme); !r) {
        showMessage(errorText(r.error()), true);
        revert();
        return false;
    }
    m_scheme = scheme;
    revert();   // shows the new scheme
    rebuildGradeActions();
    fillCategoryFilter();
    updateCounts();
    showMessage(tr("The case now uses %1.").arg(name));
    return true;
}

void MediaPage::showContextMenu(const QPoint &pos)
{
    if (!m_model || !m_view->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    auto *group = new QMenu(tr("Grade whole &group"), &menu);
    for (std::size_t i = 0; i < m_gradeActions.size(); ++i)
        (i % 2 ? group : &menu)->addAction(m_gradeActions[i]);
    group->addSeparator();
    group->addAction(m_ungradeGroup);
    menu.addMenu(group);
    menu.addSeparator();
    menu.addAction(m_ungrade);
    menu.addAction(m_undoAction);
    m_undoAction->setEnabled(!m_undo.empty());
    menu.addSeparator();
    menu.addAction(m_reveal);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
    m_undoAction->setEnabled(true);
}

void MediaPage::showDetail(const QModelIndex &index)
{
    while (m_detailForm->rowCount() > 0)
        m_detailForm->removeRow(0);
    const auto *m = m_model && index.isValid() ? m_model->mediaAt(index.row()) : nullptr;
    if (!m) {
        m_detailForm->addRow(new QLabel(tr("Select a picture or video to see its details."), m_detail));
        return;
    }
    for (const auto &[label, value] : detailFields(*m)) {
        auto *text = new QLabel(value, m_detail);
        text->setTextFormat(Qt::PlainText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        text->setWordWrap(!isUnbreakable(label));
        if (isHashField(label)) {
            QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            mono.setPointSizeF(std::max(6.0, font().pointSizeF() - 1));
            text->setFont(mono);
        }
        m_detailForm->addRow(new QLabel(label + QLatin1Char(':'), m_detail), text);
    }
}

QString MediaPage::detailText() const
{
    QStringList lines;
    for (int r = 0; r < m_detailForm->rowCount(); ++r) {
        auto *label = m_detailForm->itemAt(r, QFormLayout::LabelRole);
        auto *field = m_detailForm->itemAt(r, QFormLayout::FieldRole);
        auto text = [](QLayoutItem *item) {
            auto *l = item ? qobject_cast<QLabel *>(item->widget()) : nullptr;
            return l ? l->text() : QString();
        };
        lines << (label ? text(label) + QLatin1Char(' ') + text(field) : text(field));
    }
    return lines.join(QLatin1Char('\n'));
}

QString MediaPage::statusText() const
{
    return m_status->text();
}

QRect MediaPage::thumbnailRect(const QModelIndex &index) const
{
    return thumbArea(m_view->visualRect(index));
}

void MediaPage::showMessage(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color:#b03a2e") : QString());
    m_status->setText(text);
}

void MediaPage::hideEvent(QHideEvent *event)
{
    if (m_model)
        m_model->concealAll();   // leaving the page blurs again
    QWidget::hideEvent(event);
}

} // namespace vigil::ui
