// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/mediapage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

#include "ui/app/casesession.h"
#include "ui/app/mediatiledelegate.h"
#include "ui/models/modelformat.h"
#include "ui/models/sourceformat.h"
#include "ui/viewers/blur.h"

namespace vigil::ui {

namespace {

constexpr std::size_t kUndoSteps = 200;

} // namespace

MediaPage::MediaPage(QWidget *parent)
    : QWidget(parent), m_grouping(new QComboBox(this)), m_category(new QComboBox(this)),
      m_source(new QComboBox(this)), m_schemeBox(new QComboBox(this)),
      m_knownGood(new QCheckBox(tr("Show known-good"), this)), m_counts(new QLabel(this)), m_status(new QLabel(this)),
      m_view(new QListView(this)), m_detail(new MediaDetailPanel(this))
{
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Grading scheme"), question) == QMessageBox::Yes;
    };
    auto *bar = new QWidget(this);
    createToolBar(bar);
    setUpView();
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
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

void MediaPage::setUpView()
{
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
    m_view->setItemDelegate(new MediaTileDelegate(m_view));
}

void MediaPage::createToolBar(QWidget *bar)
{
    m_grouping->setObjectName(QStringLiteral("mediaGrouping"));
    m_grouping->addItem(tr("None"), int(MediaGrouping::None));
    m_grouping->addItem(tr("Near-duplicates"), int(MediaGrouping::NearDuplicates));
    m_grouping->addItem(tr("Faces"), int(MediaGrouping::Faces));
    m_category->setObjectName(QStringLiteral("mediaCategory"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_source->setObjectName(QStringLiteral("mediaSource"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fillSourceBox(m_source, false);
    m_source->setToolTip(tr("Media by where their file came from: live, deleted, carved from unallocated space or "
                            "slack, recovered (deleted + carved), nested (archive members, embedded files)"));
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
    layout->addWidget(m_source);   // "All sources", "Deleted", …: no label, the toolbar is full
    for (auto *box : {m_category, m_source})   // never cut their text short
        box->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
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
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_model)
            return;
        const qint64 current = m_view->currentIndex().data(MediaGridModel::FileIdRole).toLongLong();
        m_model->setSourceFilter(static_cast<casedb::SourceFilter>(m_source->currentData().toInt()));
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
        const QSignalBlocker block(m_category), blockSource(m_source);
        m_category->setCurrentIndex(0);   // the new model shows every category and source
        m_source->setCurrentIndex(0);
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

void MediaPage::setSource(casedb::SourceFilter source)
{
    const int index = m_source->findData(int(source));
    if (index >= 0 && index != m_source->currentIndex())
        m_source->setCurrentIndex(index);   // filters through currentIndexChanged
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
    m_detail->setMedia(m_model && index.isValid() ? m_model->mediaAt(index.row()) : nullptr);
}

QString MediaPage::statusText() const
{
    return m_status->text();
}

QRect MediaPage::thumbnailRect(const QModelIndex &index) const
{
    return MediaTileDelegate::thumbnailRect(m_view->visualRect(index));
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
