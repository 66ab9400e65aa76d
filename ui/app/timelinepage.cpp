// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/timelinepage.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <array>
#include <fstream>

#include "core/analysis/timeline/timelineexport.h"
#include "core/casedb/casestore.h"
#include "core/casedb/filequery.h"
#include "core/casedb/peoplequery.h"
#include "ui/app/examinersettings.h"
#include "ui/models/modelformat.h"
#include "ui/models/timelineformat.h"
#include "ui/models/timelinemodel.h"
#include "ui/viewers/timelinechart.h"

namespace vigil::ui {

namespace {

constexpr std::array<QRgb, TimelinePage::kMaxLanes> kLaneColours = {0xd62728, 0x1f77b4, 0x2ca02c, 0xff7f0e,
                                                                    0x9467bd, 0x8c564b, 0xe377c2, 0x17becf};
constexpr const char *kLanes[] = {"communication", "media", "web", "file", "analyst"};

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

QString bucketText(qint64 bucketNs)
{
    const qint64 s = bucketNs / 1'000'000'000;
    if (s % (365 * 86400) == 0)
        return QObject::tr("%n year(s)", nullptr, int(s / (365 * 86400)));
    if (s % 86400 == 0)
        return QObject::tr("%n day(s)", nullptr, int(s / 86400));
    if (s % 3600 == 0)
        return QObject::tr("%n hour(s)", nullptr, int(s / 3600));
    if (s % 60 == 0)
        return QObject::tr("%n minute(s)", nullptr, int(s / 60));
    return QObject::tr("%n second(s)", nullptr, int(s));
}

QString dayText(qint64 ns, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

TimelinePage::TimelinePage(QWidget *parent)
    : QWidget(parent), m_chart(new TimelineChart(this)), m_table(new QTableView(this)),
      m_person(new QComboBox(this)), m_app(new QComboBox(this)), m_type(new QComboBox(this)),
      m_evidence(new QComboBox(this)), m_zone(new QComboBox(this)), m_text(new QLineEdit(this)),
      m_lanes(new QPushButton(tr("&Lanes per victim"), this)), m_all(new QPushButton(tr("All &time"), this)),
      m_out(new QPushButton(tr("Zoom &out"), this)), m_export(new QPushButton(tr("E&xport"), this)),
      m_status(new QLabel(this))
{
    buildBar();
    m_table->setObjectName(QStringLiteral("timelineTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);   // millions of rows: no measuring
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setHighlightSections(false);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->setStretchFactor(1, 3);
    auto *layout = qobject_cast<QVBoxLayout *>(this->layout());
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &i) { activateRow(i.row()); });
    connect(m_chart, &TimelineChart::rangeSelected, this, [this](qint64 from, qint64 to) { setRange(from, to); });
    connect(m_chart, &TimelineChart::bucketClicked, this, [this](qint64 t) { goToTime(t); });
    connect(m_chart, &TimelineChart::zoomOutRequested, this, &TimelinePage::zoomOut);
}

TimelinePage::~TimelinePage() = default;

void TimelinePage::buildBar()
{
    m_text->setObjectName(QStringLiteral("timelineText"));
    m_text->setPlaceholderText(tr("Text in the message, title, URL or path…"));
    m_text->setClearButtonEnabled(true);
    m_lanes->setCheckable(true);
    m_lanes->setToolTip(tr("One column per victim (the %1 highest ranked): each child's story reads top to bottom")
                            .arg(kMaxLanes));
    m_person->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_person->setMinimumContentsLength(18);
    m_zone->setMinimumContentsLength(14);
    m_zone->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *bar = new QHBoxLayout;
    bar->addWidget(buddyLabel(tr("&Person:"), m_person, this));
    bar->addWidget(m_person, 1);
    bar->addWidget(buddyLabel(tr("A&pp:"), m_app, this));
    bar->addWidget(m_app);
    bar->addWidget(buddyLabel(tr("T&ype:"), m_type, this));
    bar->addWidget(m_type);
    bar->addWidget(buddyLabel(tr("E&vidence:"), m_evidence, this));
    bar->addWidget(m_evidence);
    bar->addStretch(1);
    auto *bar2 = new QHBoxLayout;
    bar2->addWidget(m_text, 1);
    bar2->addWidget(m_lanes);
    bar2->addWidget(m_all);
    bar2->addWidget(m_out);
    bar2->addWidget(m_export);
    bar2->addWidget(buddyLabel(tr("Show times in &zone:"), m_zone, this));
    bar2->addWidget(m_zone);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(bar2);
    fillZones();
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("Events as &CSV…"), this, [this] { exportDialog(Export::Csv); });
    menu->addAction(tr("Events as &body file (mactime, plaso)…"), this, [this] { exportDialog(Export::BodyFile); });
    menu->addAction(tr("C&hart as PNG or SVG…"), this, [this] { exportDialog(Export::Chart); });
    m_export->setMenu(menu);
    m_export->setToolTip(tr("Write the events shown (this filter) or the chart to a file"));
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(300);
    connect(debounce, &QTimer::timeout, this, &TimelinePage::apply);
    connect(m_text, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_text, &QLineEdit::returnPressed, this, &TimelinePage::apply);
    for (auto *box : {m_person, m_app, m_type, m_evidence})
        connect(box, &QComboBox::activated, this, &TimelinePage::apply);
    connect(m_lanes, &QPushButton::toggled, this, &TimelinePage::setLanes);
    connect(m_all, &QPushButton::clicked, this, [this] { setRange(std::nullopt, std::nullopt); });
    connect(m_out, &QPushButton::clicked, this, &TimelinePage::zoomOut);
    connect(m_zone, &QComboBox::activated, this, [this] {
        const QByteArray id = m_zone->currentData().toByteArray();
        QSettings().setValue(QStringLiteral("timeline/zone"), id);
        setDisplayZone(QTimeZone(id));
    });
}

void TimelinePage::fillZones()
{
    fillTimeZoneBox(m_zone, QSettings().value(QStringLiteral("timeline/zone"), QByteArray("UTC")).toByteArray());
}

void TimelinePage::setCase(const QString &caseDir)
{
    m_caseDir = caseDir;
    auto db = casedb::CaseStore::openReadOnly(caseDir.toStdString());
    m_db = db ? std::move(*db) : casedb::Database();
    m_from.reset();
    m_to.reset();
    m_model = std::make_unique<TimelineModel>(caseDir.toStdString());
    m_model->setDisplayZone(QTimeZone(m_zone->currentData().toByteArray()));
    m_table->setModel(m_model.get());
    connect(m_model.get(), &TimelineModel::histogramChanged, this, &TimelinePage::updateChart);
    connect(m_model.get(), &TimelineModel::indexingProgress, this, &TimelinePage::updateStatus);
    connect(m_model.get(), &TimelineModel::indexed, this, [this](qint64 rows, qint64 elapsedMs) {
        m_lastElapsedMs = elapsedMs;
        updateStatus();
        emit ready(rows);
    });
    connect(m_model.get(), &TimelineModel::modelReset, this, [this] {
        const bool lanes = !m_model->lanes().empty();
        auto *header = m_table->horizontalHeader();
        header->setSectionResizeMode(QHeaderView::Interactive);
        header->resizeSection(0, 170);
        const int laneWidth = std::max(160, (m_table->viewport()->width() - 170) / std::max(1, m_model->columnCount() - 1));
        for (int c = 1; c < m_model->columnCount(); ++c)
            header->resizeSection(c, lanes ? laneWidth
                                           : (c == TimelineModel::Description ? 420
                                              : c == TimelineModel::Type       ? 150
                                                                               : 110));
    });
    fillBoxes();
    apply();
}

void TimelinePage::fillBoxes()
{
    m_person->clear();
    m_person->addItem(tr("Everyone"), QVariant::fromValue<qint64>(0));
    if (auto victims = casedb::listVictims(m_db))
        for (const auto &v : *victims)
            m_person->addItem(tr("#%1 %2 (victim)").arg(v.rank).arg(fromStd(v.label)), QVariant::fromValue<qint64>(v.personId));
    if (auto persons = casedb::listPersons(m_db))
        for (const auto &p : *persons)
            if (m_person->findData(QVariant::fromValue<qint64>(p.id)) < 0)
                m_person->addItem(fromStd(p.label) + (p.role == "suspect" ? tr(" (suspect)") : QString()),
                                  QVariant::fromValue<qint64>(p.id));
    m_app->clear();
    m_app->addItem(tr("All apps"), QString());
    if (auto apps = casedb::applicationNames(m_db))
        for (const auto &[id, name] : *apps)
            m_app->addItem(fromStd(name), fromStd(id));
    m_type->clear();
    m_type->addItem(tr("All types"), QString());
    for (const char *lane : kLanes)
        m_type->addItem(tr("%1 (all)").arg(laneLabel(QString::fromLatin1(lane))), QStringLiteral("lane:") + lane);
    for (const QString &kind : eventKinds())
        m_type->addItem(eventKindLabel(kind), QStringLiteral("kind:") + kind);
    m_evidence->clear();
    m_evidence->addItem(tr("All evidence"), QVariant::fromValue<qint64>(0));
    if (auto items = casedb::listEvidence(m_db))
        for (const auto &e : *items)
            m_evidence->addItem(fromStd(e.displayName), QVariant::fromValue<qint64>(e.id));
}

casedb::TimelineFilter TimelinePage::currentFilter() const
{
    casedb::TimelineFilter f;
    f.from = m_from;
    f.to = m_to;
    if (const qint64 person = m_person->currentData().toLongLong(); person > 0 && !m_lanes->isChecked())
        f.personId = person;
    f.app = m_app->currentData().toString().toStdString();
    const QString type = m_type->currentData().toString();
    if (type.startsWith(QLatin1String("lane:")))
        f.lane = type.mid(5).toStdString();
    else if (type.startsWith(QLatin1String("kind:")))
        f.kinds = {type.mid(5).toStdString()};
    if (const qint64 evidence = m_evidence->currentData().toLongLong(); evidence > 0)
        f.evidenceId = evidence;
    f.text = m_text->text().trimmed().toStdString();
    return f;
}

void TimelinePage::apply()
{
    if (!m_model)
        return;
    m_lastElapsedMs = -1;
    const int buckets = std::clamp(m_chart->width() / 7, 40, 240);
    m_model->setFilter(currentFilter(), buckets);
    updateStatus();
}

void TimelinePage::refresh()
{
    if (!m_model)
        return;
    fillBoxes();
    m_model->refresh();
}

void TimelinePage::showPerson(qint64 personId)
{
    if (!m_model)
        return;
    m_lanes->setChecked(false);
    const int i = m_person->findData(QVariant::fromValue<qint64>(personId));
    m_person->setCurrentIndex(std::max(0, i));
    m_app->setCurrentIndex(0);
    m_type->setCurrentIndex(0);
    m_evidence->setCurrentIndex(0);
    m_text->blockSignals(true);
    m_text->clear();
    m_text->blockSignals(false);
    setRange(std::nullopt, std::nullopt);
}

void TimelinePage::setLanes(bool on)
{
    if (m_lanes->isChecked() != on) {
        m_lanes->setChecked(on);   // toggled() comes back here
        return;
    }
    m_person->setEnabled(!on);
    if (!m_model)
        return;
    std::vector<TimelineModel::Lane> lanes;
    if (auto victims = on ? casedb::listVictims(m_db) : Result<std::vector<casedb::VictimRow>>{})
        for (const auto &v : *victims)
            if (lanes.size() < kMaxLanes)
                lanes.push_back({v.personId, tr("#%1 %2").arg(v.rank).arg(fromStd(v.label))});
    m_model->setLanes(lanes, currentFilter());
    updateStatus();
}

void TimelinePage::setRange(std::optional<qint64> fromNs, std::optional<qint64> toNs)
{
    m_from = fromNs;
    m_to = toNs;
    apply();
}

void TimelinePage::zoomOut()
{
    if (!m_model || !m_from || !m_to || m_model->histogram().empty()) {
        setRange(std::nullopt, std::nullopt);
        return;
    }
    const qint64 span = *m_to - *m_from;
    setRange(*m_from - span, *m_to + span);
}

void TimelinePage::setDisplayZone(const QTimeZone &zone)
{
    const int i = m_zone->findData(zone.id());
    if (i >= 0)
        m_zone->setCurrentIndex(i);
    if (m_model) {
        m_model->setDisplayZone(zone);
        updateChart();
    }
}

bool TimelinePage::goToTime(qint64 timeNs)
{
    const int row = m_model ? m_model->rowAtOrAfter(timeNs) : -1;
    if (row < 0)
        return false;
    const QModelIndex i = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(i, QAbstractItemView::PositionAtTop);
    return true;
}

void TimelinePage::activateRow(int row)
{
    const casedb::TimelineEvent *e = m_model ? m_model->eventAt(row) : nullptr;
    if (!e)
        return;
    if (e->messageId && e->conversationId)
        emit messageActivated(*e->conversationId, *e->messageId);
    else if (e->conversationId)
        emit conversationActivated(*e->conversationId);
    else if (e->fileId)
        emit fileActivated(*e->fileId, fromStd(e->path));
}

QString TimelinePage::filterText() const
{
    QStringList parts;
    for (auto *box : {m_person, m_app, m_type, m_evidence})
        if (box->currentIndex() > 0)
            parts << box->currentText();
    if (!m_text->text().trimmed().isEmpty())
        parts << tr("text \"%1\"").arg(m_text->text().trimmed());
    if (m_model && !m_model->lanes().empty())
        parts << tr("lanes of %n victim(s)", nullptr, int(m_model->lanes().size()));
    if (m_from || m_to) {
        const auto &zone = QTimeZone::utc();
        parts << tr("from %1 to %2 UTC").arg(m_from ? dayText(*m_from, zone) : QString(), m_to ? dayText(*m_to, zone) : QString());
    }
    return parts.isEmpty() ? tr("every event") : parts.join(QStringLiteral(", "));
}

QString TimelinePage::exportTo(const QString &path, Export what)
{
    if (!m_model || !m_db.isOpen())
        return tr("No case is open.");
    const std::filesystem::path file = path.toStdString();
    if (what == Export::Chart) {
        if (auto r = m_chart->exportImage(file); !r)
            return errorText(r.error());
        emit exported(path, QStringLiteral("chart"), m_model->totalCount(), filterText());
        return {};
    }
    const casedb::TimelineFilter filter = m_model->effectiveFilter();   // what the table shows
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        return tr("Cannot write %1.").arg(path);
    auto written = analysis::writeTimeline(m_db, filter,
                                           what == Export::BodyFile ? analysis::TimelineFormat::BodyFile
                                                                    : analysis::TimelineFormat::Csv,
                                           out);
    out.close();
    if (!written)
        return errorText(written.error());
    if (!out)
        return tr("Cannot write %1 (is the disk full?).").arg(path);
    emit exported(path, what == Export::BodyFile ? QStringLiteral("bodyfile") : QStringLiteral("csv"), *written,
                  filterText());
    return {};
}

void TimelinePage::exportDialog(Export what)
{
    const QString filter = what == Export::Csv        ? tr("CSV (*.csv)")
                           : what == Export::BodyFile ? tr("Body file (*.body *.txt)")
                                                      : tr("PNG picture (*.png);;SVG picture (*.svg)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the timeline"), {}, filter);
    if (path.isEmpty())
        return;
    const QString error = exportTo(path, what);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export the timeline"), error);
}

void TimelinePage::updateChart()
{
    if (!m_model)
        return;
    std::vector<TimelineChart::SeriesStyle> styles;
    const auto &lanes = m_model->lanes();
    for (std::size_t i = 0; i < lanes.size(); ++i)
        styles.push_back({lanes[i].label, QColor(kLaneColours[i % kLaneColours.size()])});
    if (lanes.empty()) {
        const std::string lane = m_model->filter().lane;
        styles.push_back({tr("Events"), lane.empty() ? QColor(0x1f77b4) : laneColour(QString::fromStdString(lane))});
    }
    m_chart->setHistogram(m_model->histogram(), styles, m_model->displayZone());
}

QString TimelinePage::statusText() const
{
    return m_status->text();
}

void TimelinePage::updateStatus()
{
    if (!m_model) {
        m_status->clear();
        return;
    }
    const QLocale locale;
    QString text = tr("%1 events").arg(locale.toString(m_model->totalCount()));
    const auto &h = m_model->histogram();
    if (!h.empty())
        text += tr(" · %1 – %2 · a bar is %3")
                    .arg(dayText(h.from, m_model->displayZone()), dayText(h.to, m_model->displayZone()),
                         bucketText(h.bucketNs));
    if (h.before + h.after > 0)
        text += tr(" · outside the chart: %1 earlier, %2 later (in the table)")
                    .arg(locale.toString(h.before), locale.toString(h.after));
    text += m_model->isIndexing() ? tr(" · counting…") : tr(" · counted in %1 ms").arg(m_lastElapsedMs);
    if (!m_model->lastError().isEmpty())
        text += tr(" · error: %1").arg(m_model->lastError());
    m_status->setText(text);
}

} // namespace vigil::ui
