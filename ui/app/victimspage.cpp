// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/victimspage.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QResizeEvent>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "core/analysis/identity/decisions.h"
#include "core/analysis/timeline/timeline.h"
#include "core/analysis/people/people.h"
#include "core/casedb/casestore.h"
#include "ui/app/casesession.h"
#include "ui/app/peopletask.h"
#include "ui/app/victimdetailpane.h"
#include "ui/models/modelformat.h"
#include "ui/models/peopleformat.h"
#include "ui/models/victimlistmodel.h"

namespace vigil::ui {

namespace {

// The people analysis after a decision, then the timeline (its events name the rebuilt persons).
Result<analysis::PeopleSummary> reanalyse(casedb::Database &db)
{
    auto summary = analysis::analysePeople(db);
    if (!summary)
        return summary;
    if (auto t = analysis::buildTimeline(db); !t)
        return std::unexpected(t.error());
    return summary;
}

// The priority as a coloured badge and the indicators as chips in the kinds' colours.
class VictimTableDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int column = index.column();
        if (column != VictimListModel::Priority && column != VictimListModel::Indicators) {
            QStyledItemDelegate::paint(p, option, index);
            return;
        }
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, p, opt.widget);
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        if (column == VictimListModel::Priority)
            paintBadge(p, option.rect, index);
        else
            paintChips(p, option.rect, index);
        p->restore();
    }

private:
    static QRectF chip(QPainter *p, const QRect &cell, double x, const QString &text, const QColor &bg)
    {
        const QFontMetricsF fm(p->font());
        const QRectF r(x, cell.top() + 3, fm.horizontalAdvance(text) + 10, cell.height() - 6);
        p->setPen(Qt::NoPen);
        p->setBrush(bg);
        p->drawRoundedRect(r, 4, 4);
        p->setPen(Qt::white);
        p->drawText(r, Qt::AlignCenter, text);
        return r;
    }

    static void paintBadge(QPainter *p, const QRect &cell, const QModelIndex &index)
    {
        QFont f = p->font();
        f.setBold(true);
        p->setFont(f);
        const QString priority = index.data(VictimListModel::PriorityRole).toString();
        chip(p, cell, cell.left() + 4, priorityLabel(priority).toUpper(), priorityColour(priority));
    }

    static void paintChips(QPainter *p, const QRect &cell, const QModelIndex &index)
    {
        const QStringList kinds = index.data(VictimListModel::ChipKindsRole).toStringList();
        const QStringList texts = index.data(VictimListModel::ChipTextsRole).toStringList();
        const QFontMetricsF fm(p->font());
        double x = cell.left() + 3;
        for (qsizetype i = 0; i < kinds.size() && i < texts.size(); ++i) {
            const double w = fm.horizontalAdvance(texts[i]) + 10;
            const QString more = QStringLiteral("+%1").arg(kinds.size() - i);
            if (x + w > cell.right() - (i + 1 < kinds.size() ? fm.horizontalAdvance(more) + 14 : 2)) {
                chip(p, cell, x, more, QColor(0x75, 0x75, 0x75));
                return;
            }
            x = chip(p, cell, x, texts[i], indicatorColour(kinds[i])).right() + 3;
        }
    }
};

QString personText(const casedb::PersonRow &p, VictimListModel *model)
{
    QStringList accounts;
    for (const auto &a : p.accounts)
        accounts << QStringLiteral("%1 %2").arg(model->appName(a.app), fromStd(a.phone.empty() ? a.accountKey : a.phone));
    return QStringLiteral("%1 — %2").arg(fromStd(p.label), accounts.join(QStringLiteral(", ")));
}

// Merge one person with another: the other is chosen from every person of the case (a
// victim's second account may not be a victim by itself), with the examiner's note.
class MergeDialog : public QDialog {
public:
    MergeDialog(VictimListModel *model, qint64 first, qint64 second, QWidget *parent)
        : QDialog(parent), m_others(new QComboBox(this)), m_note(new QLineEdit(this))
    {
        setWindowTitle(tr("Merge persons"));
        const casedb::PersonRow *a = model->person(first);
        auto *form = new QFormLayout(this);
        form->addRow(tr("Person:"), new QLabel(a ? personText(*a, model).toHtmlEscaped() : QString(), this));
        for (const auto &p : model->persons())
            if (p.id != first && p.role != "suspect")
                m_others->addItem(personText(p, model), QVariant::fromValue<qint64>(p.id));
        m_others->setCurrentIndex(std::max(0, m_others->findData(QVariant::fromValue<qint64>(second))));
        m_others->setEditable(true);   // type to find a person among hundreds
        m_others->setInsertPolicy(QComboBox::NoInsert);
        form->addRow(tr("&Is the same person as:"), m_others);
        m_note->setPlaceholderText(tr("Why (recorded with the decision and in the audit log)"));
        form->addRow(tr("&Note:"), m_note);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        buttons->button(QDialogButtonBox::Ok)->setText(tr("&Merge"));
        form->addRow(buttons);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        resize(640, sizeHint().height());
    }
    qint64 other() const { return m_others->currentData().toLongLong(); }
    QString note() const { return m_note->text().trimmed(); }

private:
    QComboBox *m_others;
    QLineEdit *m_note;
};

qint64 firstAccount(const casedb::PersonRow *p)
{
    return p && !p->accounts.empty() ? p->accounts.front().accountId : 0;
}

QString summaryText(const QString &what, const analysis::PeopleSummary &s)
{
    return QObject::tr("%1; people analysed again in %2 s: %3 victim(s), %4 urgent.")
        .arg(what)
        .arg(s.seconds, 0, 'f', 1)
        .arg(s.victims)
        .arg(s.urgent);
}

} // namespace

VictimsPage::VictimsPage(QWidget *parent)
    : QWidget(parent), m_proxy(std::make_unique<VictimFilterModel>()), m_table(new QTableView(this)),
      m_detail(new VictimDetailPane(this))
{
    buildToolbar();
    m_table->setObjectName(QStringLiteral("victimTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setItemDelegate(new VictimTableDelegate(m_table));
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->addWidget(m_table);
    m_split->addWidget(m_detail);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    static_cast<QVBoxLayout *>(layout())->addWidget(m_split, 1);
    connect(m_detail, &VictimDetailPane::messageActivated, this, &VictimsPage::messageActivated);
    connect(m_detail, &VictimDetailPane::splitRequested, this, &VictimsPage::askSplit);
}

VictimsPage::~VictimsPage() = default;

// Wide: the table beside the victim's details. Narrow (the window's docks take room): the
// table above them, the explanation and the messages side by side underneath.
void VictimsPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const bool wide = width() >= kWideLayout;
    if (m_split->orientation() == (wide ? Qt::Horizontal : Qt::Vertical) && m_laidOut)
        return;
    m_laidOut = true;
    m_split->setOrientation(wide ? Qt::Horizontal : Qt::Vertical);
    m_detail->setWide(!wide);
    m_split->setSizes(wide ? QList<int>{width() * 3 / 5, width() * 2 / 5} : QList<int>{height() * 2 / 5, height() * 3 / 5});
}

void VictimsPage::buildToolbar()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("victimSearch"));
    m_search->setPlaceholderText(tr("Filter: name, phone, account, app, indicator…"));
    m_search->setClearButtonEnabled(true);
    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("victimPriority"));
    m_country = new QComboBox(this);
    m_country->setObjectName(QStringLiteral("victimCountry"));
    m_country->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_merge = new QPushButton(tr("&Merge…"), this);
    m_merge->setToolTip(tr("Record that two persons are one (select two rows, or one and choose the other)"));
    m_undo = new QPushButton(tr("&Undo last decision"), this);
    m_timeline = new QPushButton(tr("&Timeline"), this);
    m_timeline->setToolTip(tr("Every event concerning the selected victim, in time order (Ctrl+T)"));
    m_timeline->setShortcut(QKeySequence(tr("Ctrl+T")));
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_status = new QLabel(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 2);
    auto *priorityLabel = new QLabel(tr("P&riority:"), this);
    priorityLabel->setBuddy(m_priority);
    bar->addWidget(priorityLabel);
    bar->addWidget(m_priority);
    auto *countryLabel = new QLabel(tr("C&ountry:"), this);
    countryLabel->setBuddy(m_country);
    bar->addWidget(countryLabel);
    bar->addWidget(m_country);
    bar->addWidget(m_timeline);
    bar->addWidget(m_merge);
    bar->addWidget(m_undo);
    bar->addWidget(m_busy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    fillPriorityBox();
    m_country->addItem(tr("All countries"), QString());
    m_merge->setEnabled(false);
    m_undo->setEnabled(false);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_proxy->setText(t);
        updateStatus();
    });
    connect(m_priority, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setPriority(m_priority->currentData().toString());
        updateStatus();
    });
    connect(m_country, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setCountry(m_country->currentData().toString());
        updateStatus();
    });
    connect(m_merge, &QPushButton::clicked, this, &VictimsPage::askMerge);
    connect(m_timeline, &QPushButton::clicked, this, [this] {
        if (const qint64 person = currentVictim())
            emit timelineRequested(person);
    });
    connect(m_undo, &QPushButton::clicked, this, [this] { undoLastDecision(); });
}

void VictimsPage::setSession(CaseSession *session)
{
    m_session = session;
    m_task.reset();
    m_detail->clear();
    if (!session)
        return;
    m_task = std::make_unique<PeopleTask>(session->store());
    connect(m_task.get(), &PeopleTask::finished, this, &VictimsPage::onJobFinished);
    m_model = std::make_unique<VictimListModel>(session->folder().toStdString());
    auto db = casedb::CaseStore::openReadOnly(session->folder().toStdString());
    m_db = db ? std::move(*db) : casedb::Database();
    m_proxy->setSourceModel(m_model.get());
    QItemSelectionModel *old = m_table->selectionModel();
    m_table->setModel(m_proxy.get());
    delete old;
    m_table->sortByColumn(VictimListModel::Rank, Qt::AscendingOrder);
    const QFontMetrics fm = m_table->fontMetrics();
    const int time = fm.horizontalAdvance(QStringLiteral("0000-00-00 00:00")) + 16;
    const std::pair<int, int> widths[] = {
        {VictimListModel::Rank, fm.horizontalAdvance(QStringLiteral("000")) + 14},
        {VictimListModel::Priority, fm.horizontalAdvance(QStringLiteral("MEDIUM")) + 30},
        {VictimListModel::Risk, fm.horizontalAdvance(QStringLiteral("100.0")) + 16},
        {VictimListModel::Name, 120},
        {VictimListModel::Age, fm.horizontalAdvance(QStringLiteral("Age")) + 20},
        {VictimListModel::Country, fm.horizontalAdvance(QStringLiteral("GB United Kingdom")) + 12},
        {VictimListModel::Indicators, 260},
        {VictimListModel::Apps, 120},
        {VictimListModel::FirstContact, time},
        {VictimListModel::LastContact, time},
        {VictimListModel::Messages, fm.horizontalAdvance(QStringLiteral("Messages")) + 16}};
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    // The chips right after the country: what a narrow window should still show.
    auto *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->moveSection(header->visualIndex(VictimListModel::Indicators), header->visualIndex(VictimListModel::Country) + 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &VictimsPage::showCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_merge->setEnabled(!isBusy() && !selectedVictims().empty()); });
    m_detail->setCase(session->folder());
    refresh();
}

void VictimsPage::refresh()
{
    if (!m_model)
        return;
    const qint64 current = currentVictim();
    m_model->refresh();
    fillCountryBox();
    fillPriorityBox();
    updateStatus();
    updateUndo();
    qint64 want = current;
    if (m_focusAccount)
        want = m_model->personOfAccount(m_focusAccount);
    m_focusAccount = 0;
    if (want && m_model->rowOf(want) >= 0)
        selectVictim(want);
    else if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    else
        m_detail->clear();
}

void VictimsPage::fillPriorityBox()
{
    const QSignalBlocker block(m_priority);
    const QString current = m_priority->currentData().toString();
    std::map<QString, int> counts;
    for (int r = 0; m_model && r < m_model->rowCount(); ++r)
        ++counts[fromStd(m_model->victimAt(r)->priority)];
    m_priority->clear();
    m_priority->addItem(tr("All"), QString());
    for (const char *p : {"urgent", "high", "medium", "low"}) {
        const QString priority = QString::fromLatin1(p);
        m_priority->addItem(QStringLiteral("%1 (%2)").arg(priorityLabel(priority)).arg(counts[priority]), priority);
        m_priority->setItemData(m_priority->count() - 1, priorityColour(priority), Qt::DecorationRole);
    }
    m_priority->setCurrentIndex(std::max(0, m_priority->findData(current)));
}

void VictimsPage::fillCountryBox()
{
    const QSignalBlocker block(m_country);
    const QString current = m_country->currentData().toString();
    m_country->clear();
    m_country->addItem(tr("All countries"), QString());
    for (const auto &[code, count] : m_model->countries())
        m_country->addItem(QStringLiteral("%1 (%2)").arg(countryText(code)).arg(count),
                           code.isEmpty() ? QStringLiteral("?") : code);
    int index = m_country->findData(current);
    if (index < 0 && !current.isEmpty()) {   // keep a filter the map asked for, even with no victims left
        m_country->addItem(QStringLiteral("%1 (0)").arg(countryText(current)), current);
        index = m_country->count() - 1;
    }
    m_country->setCurrentIndex(std::max(0, index));
}

void VictimsPage::updateStatus()
{
    if (!m_model)
        return;
    const int all = m_model->rowCount(), shown = m_proxy->rowCount();
    int urgent = 0;
    for (int r = 0; r < all; ++r)
        urgent += m_model->victimAt(r)->priority == "urgent" ? 1 : 0;
    QString text;
    if (!m_model->lastError().isEmpty())
        text = tr("The victims could not be read: %1").arg(m_model->lastError());
    else if (all == 0)
        text = tr("No victims: the people analysis runs at the end of an ingest and finds the persons the "
                  "suspect had conversations with that carry indicators.");
    else if (shown == all)
        text = tr("%n victim(s), %1 urgent. Select one to see why; Enter on a message opens the conversation.", nullptr,
                  all)
                   .arg(urgent);
    else
        text = tr("Showing %1 of %n victim(s) (%2 urgent in all).", nullptr, all).arg(shown).arg(urgent);
    m_status->setText(text);
}

QString VictimsPage::statusText() const
{
    return m_status->text();
}

void VictimsPage::updateUndo()
{
    m_undo->setEnabled(false);
    m_undo->setToolTip(tr("Nothing to undo"));
    if (!m_db.isOpen() || isBusy())
        return;
    auto decisions = analysis::listDecisions(m_db);
    if (!decisions)
        return;
    for (auto it = decisions->rbegin(); it != decisions->rend(); ++it) {
        if (!it->undoneUtc.empty())
            continue;
        QStringList ids;
        for (auto id : it->accountIds)
            ids << QString::number(id);
        m_undo->setEnabled(true);
        m_undo->setToolTip(tr("Undo the %1 of accounts %2 by %3 (%4)%5")
                               .arg(fromStd(it->action), ids.join(QStringLiteral(", ")), fromStd(it->examiner),
                                    fromStd(it->createdUtc),
                                    it->note.empty() ? QString() : QStringLiteral(": ") + fromStd(it->note)));
        return;
    }
}

void VictimsPage::showCurrent()
{
    const QModelIndex index = m_table->currentIndex();
    const casedb::VictimRow *v = index.isValid() ? m_model->victimAt(m_proxy->mapToSource(index).row()) : nullptr;
    if (!v) {
        m_detail->clear();
        emit victimSelected(0);
        return;
    }
    m_detail->showVictim(*v, m_model->person(v->personId));
    emit victimSelected(v->personId);
}

qint64 VictimsPage::currentVictim() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(VictimListModel::PersonIdRole).toLongLong() : 0;
}

bool VictimsPage::selectVictim(qint64 personId)
{
    if (!m_model)
        return false;
    const int row = m_model->rowOf(personId);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {   // hidden by a filter: show everything again
        m_search->clear();
        m_priority->setCurrentIndex(0);
        m_country->setCurrentIndex(0);
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->setCurrentIndex(index);
    m_table->selectRow(index.row());
    m_table->scrollTo(index);
    return true;
}

void VictimsPage::setCountryFilter(const QString &iso2)
{
    int index = m_country->findData(iso2);
    if (index < 0) {
        m_country->addItem(QStringLiteral("%1 (0)").arg(countryText(iso2)), iso2);
        index = m_country->count() - 1;
    }
    m_country->setCurrentIndex(index);
}

void VictimsPage::setPriorityFilter(const QString &priority)
{
    m_priority->setCurrentIndex(std::max(0, m_priority->findData(priority)));
}

void VictimsPage::setTextFilter(const QString &text)
{
    m_search->setText(text);
}

std::vector<qint64> VictimsPage::selectedVictims() const
{
    std::vector<qint64> ids;
    if (!m_table->selectionModel())
        return ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.push_back(index.data(VictimListModel::PersonIdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool VictimsPage::isBusy() const
{
    return m_task && m_task->isRunning();
}

bool VictimsPage::run(const QString &what, qint64 focusAccount,
                      std::function<Result<QString>(casedb::Database &)> job)
{
    if (!m_task || isBusy())
        return false;
    if (!m_task->start(std::move(job)))
        return false;
    m_focusAccount = focusAccount;
    m_busy->show();
    m_busy->setToolTip(what);
    m_status->setText(what);
    m_merge->setEnabled(false);
    m_undo->setEnabled(false);
    m_detail->splitButton()->setEnabled(false);
    return true;
}

bool VictimsPage::mergePersons(qint64 personA, qint64 personB, const QString &note)
{
    if (!m_model || !m_session || personA == personB)
        return false;
    const qint64 a = firstAccount(m_model->person(personA)), b = firstAccount(m_model->person(personB));
    if (!a || !b)
        return false;
    const std::string examiner = m_session->store().actor(), text = note.toStdString();
    const QString what = tr("Merging “%1” and “%2”…").arg(fromStd(m_model->person(personA)->label),
                                                        fromStd(m_model->person(personB)->label));
    return run(what, a, [a, b, examiner, text](casedb::Database &db) -> Result<QString> {
        auto id = analysis::recordMerge(db, {a, b}, examiner, text);
        if (!id)
            return std::unexpected(id.error());
        auto summary = reanalyse(db);
        if (!summary)
            return std::unexpected(summary.error());
        return summaryText(QObject::tr("Merged (decision %1)").arg(*id), *summary);
    });
}

bool VictimsPage::splitAccounts(const std::vector<qint64> &accountIds, const QString &note)
{
    if (!m_model || !m_session || accountIds.empty())
        return false;
    const qint64 person = m_model->personOfAccount(accountIds.front());
    const casedb::PersonRow *p = m_model->person(person);
    qint64 stays = 0;   // an account left in the person: the victim stays selected
    for (const auto &a : p ? p->accounts : std::vector<casedb::PersonAccount>{})
        if (std::find(accountIds.begin(), accountIds.end(), a.accountId) == accountIds.end() && !stays)
            stays = a.accountId;
    const std::string examiner = m_session->store().actor(), text = note.toStdString();
    const std::vector<std::int64_t> ids(accountIds.begin(), accountIds.end());
    return run(tr("Splitting %n account(s) off…", nullptr, static_cast<int>(ids.size())), stays ? stays : ids.front(),
               [ids, examiner, text](casedb::Database &db) -> Result<QString> {
                   auto id = analysis::recordSplit(db, ids, examiner, text);
                   if (!id)
                       return std::unexpected(id.error());
                   auto summary = reanalyse(db);
                   if (!summary)
                       return std::unexpected(summary.error());
                   return summaryText(QObject::tr("Split (decision %1)").arg(*id), *summary);
               });
}

bool VictimsPage::undoLastDecision()
{
    if (!m_session)
        return false;
    const std::string examiner = m_session->store().actor();
    const qint64 focus = firstAccount(m_model ? m_model->person(currentVictim()) : nullptr);
    return run(tr("Undoing the last merge or split…"), focus, [examiner](casedb::Database &db) -> Result<QString> {
        auto decisions = analysis::listDecisions(db);
        if (!decisions)
            return std::unexpected(decisions.error());
        auto live = std::find_if(decisions->rbegin(), decisions->rend(), [](const auto &d) { return d.undoneUtc.empty(); });
        if (live == decisions->rend())
            return fail(ErrorCode::NotFound, "there is no merge or split to undo");
        if (auto r = analysis::undoDecision(db, live->id, examiner); !r)
            return std::unexpected(r.error());
        auto summary = reanalyse(db);
        if (!summary)
            return std::unexpected(summary.error());
        return summaryText(QObject::tr("Undid the %1 (decision %2)").arg(fromStd(live->action)).arg(live->id), *summary);
    });
}

void VictimsPage::onJobFinished(bool ok, const QString &text)
{
    m_busy->hide();
    if (!ok)
        m_focusAccount = 0;
    refresh();
    m_status->setText(ok ? text : tr("Not done: %1").arg(text));
    m_merge->setEnabled(!selectedVictims().empty());
    emit jobFinished(ok, text);
    if (ok)
        emit peopleChanged();
}

void VictimsPage::askMerge()
{
    const auto selected = selectedVictims();
    if (selected.empty() || !m_model)
        return;
    MergeDialog dialog(m_model.get(), selected.front(), selected.size() > 1 ? selected[1] : 0, this);
    if (dialog.exec() == QDialog::Accepted && dialog.other())
        mergePersons(selected.front(), dialog.other(), dialog.note());
}

void VictimsPage::askSplit(const QList<qint64> &accountIds)
{
    bool ok = false;
    const QString note = QInputDialog::getText(this, tr("Split accounts off"),
                                               tr("Why these %n account(s) are not this person (recorded and audited):",
                                                  nullptr, static_cast<int>(accountIds.size())),
                                               QLineEdit::Normal, {}, &ok);
    if (ok)
        splitAccounts(std::vector<qint64>(accountIds.begin(), accountIds.end()), note.trimmed());
}

} // namespace vigil::ui
