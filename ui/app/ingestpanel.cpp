// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/ingestpanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vigil::ui {

namespace {

enum Column { Evidence, Stage, Progress, Files, Speed, Left, Errors, ColumnCount };

QString duration(double seconds)
{
    const auto s = static_cast<qint64>(seconds + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

IngestPanel::IngestPanel(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, ColumnCount, this)), m_cancel(new QPushButton(tr("&Cancel ingest"), this)),
      m_state(new QLabel(tr("No ingest running."), this))
{
    m_table->setHorizontalHeaderLabels({tr("Evidence"), tr("Stage"), tr("Progress"), tr("Files"), tr("Speed"),
                                        tr("Time left"), tr("Errors")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Evidence, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Progress, QHeaderView::Fixed);
    m_table->setColumnWidth(Progress, 180);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cancel->setEnabled(false);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_state, 1);
    bar->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    connect(m_cancel, &QPushButton::clicked, this, &IngestPanel::cancelRequested);
}

void IngestPanel::begin()
{
    m_table->setRowCount(0);
    m_rows.clear();
    m_clocks.clear();
    m_cancel->setEnabled(true);
    m_state->setText(tr("Ingest running…"));
}

int IngestPanel::rowFor(const QString &evidence)
{
    auto it = m_rows.find(evidence);
    if (it != m_rows.end())
        return *it;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QTableWidgetItem;
        if (c >= Files)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, c, item);
    }
    auto *bar = new QProgressBar;
    bar->setRange(0, 1000);
    bar->setTextVisible(true);
    m_table->setCellWidget(row, Progress, bar);
    m_table->item(row, Evidence)->setText(evidence);
    m_rows.insert(evidence, row);
    return row;
}

void IngestPanel::update(const IngestStatus &s)
{
    const int row = rowFor(s.evidence);
    auto &clock = m_clocks[s.evidence + s.stage];
    if (!clock.isValid())
        clock.start();
    const double secs = clock.elapsed() / 1000.0;
    const bool measured = s.bytesTotal > 0 && (s.stage == QLatin1String("hashing") || s.stage == QLatin1String("verifying"));
    auto *bar = static_cast<QProgressBar *>(m_table->cellWidget(row, Progress));
    if (measured) {
        bar->setRange(0, 1000);
        bar->setValue(static_cast<int>(1000.0 * static_cast<double>(s.bytesDone) / static_cast<double>(s.bytesTotal)));
        bar->setFormat(QStringLiteral("%p%"));
    } else {
        bar->setRange(0, 0);   // busy: no total known yet
    }
    const QLocale locale;
    m_table->item(row, Stage)->setText(s.stage);
    m_table->item(row, Files)->setText(s.stage == QLatin1String("hashing")
                                           ? tr("%1 / %2").arg(locale.toString(s.filesDone), locale.toString(s.filesTotal))
                                           : locale.toString(s.filesIndexed));
    const double rate = secs > 0.5 ? static_cast<double>(s.bytesDone) / secs : 0;
    m_table->item(row, Speed)->setText(measured && rate > 0 ? locale.formattedDataSize(static_cast<qint64>(rate)) + tr("/s") : QString());
    m_table->item(row, Left)->setText(measured && rate > 0 ? duration(static_cast<double>(s.bytesTotal - s.bytesDone) / rate) : QString());
    m_table->item(row, Errors)->setText(locale.toString(s.errors));
}

void IngestPanel::end(bool cancelled, quint64 errors)
{
    m_cancel->setEnabled(false);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto *bar = static_cast<QProgressBar *>(m_table->cellWidget(row, Progress));
        bar->setRange(0, 1000);
        if (!cancelled)
            bar->setValue(1000);
        m_table->item(row, Stage)->setText(cancelled ? tr("cancelled") : tr("done"));
        m_table->item(row, Left)->setText(QString());
    }
    m_state->setText(cancelled ? tr("Ingest cancelled; run it again to resume.")
                               : tr("Ingest finished with %n processing error(s).", nullptr, static_cast<int>(errors)));
}

void IngestPanel::stopped(const QString &why)
{
    m_cancel->setEnabled(false);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        static_cast<QProgressBar *>(m_table->cellWidget(row, Progress))->setRange(0, 1000);
        m_table->item(row, Stage)->setText(tr("stopped"));
        m_table->item(row, Left)->setText(QString());
    }
    m_state->setText(tr("Ingest stopped: %1").arg(why));
}

int IngestPanel::rowCount() const { return m_table->rowCount(); }

QString IngestPanel::cellText(int row, int column) const
{
    auto *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

} // namespace vigil::ui
