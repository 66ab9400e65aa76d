// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/reportwizardsummary.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace vigil::ui {

namespace {

enum Column { FileColumn, SizeColumn, HashColumn };

QString sizeText(std::uintmax_t bytes)
{
    return QLocale().formattedDataSize(static_cast<qint64>(bytes));
}

std::uintmax_t totalSize(const std::vector<report::WrittenFile> &files)
{
    std::uintmax_t total = 0;
    for (const auto &f : files)
        total += f.size;
    return total;
}

} // namespace

ReportSummaryDialog::ReportSummaryDialog(const QString &folder, const std::vector<report::WrittenFile> &files,
                                         QWidget *parent)
    : QDialog(parent), m_folder(folder)
{
    setObjectName(QStringLiteral("reportSummary"));
    setWindowTitle(tr("Report written"));
    const QString count = files.size() == 1 ? tr("1 file") : tr("%1 files").arg(files.size());
    const QString where = QDir::toNativeSeparators(folder).toHtmlEscaped();
    auto *header = new QLabel(tr("<b>Wrote %1, %2, into %3.</b>").arg(count, sizeText(totalSize(files)), where), this);
    header->setObjectName(QStringLiteral("summaryHeader"));
    header->setWordWrap(true);
    header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *note = new QLabel(tr("Each file has a .sha256 sidecar beside it, and its SHA-256 is recorded in the "
                               "case's audit log (report.write)."),
                            this);
    note->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("summaryFiles"));
    m_list->setHeaderLabels({tr("File"), tr("Size"), tr("SHA-256")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    fill(files);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok, this);
    QPushButton *open = buttons->addButton(tr("&Open folder"), QDialogButtonBox::ActionRole);
    open->setObjectName(QStringLiteral("openFolder"));
    QPushButton *copy = buttons->addButton(tr("&Copy hashes"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyHashes"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(open, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_folder)); });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_listing); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(note);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
}

void ReportSummaryDialog::fill(const std::vector<report::WrittenFile> &files)
{
    const QDir dir(m_folder);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const auto &f : files) {
        const QString name = dir.relativeFilePath(QString::fromStdU32String(f.path.u32string()));
        const QString hash = QString::fromStdString(f.sha256);
        auto *item = new QTreeWidgetItem(m_list, {QDir::toNativeSeparators(name), sizeText(f.size), hash});
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFont(HashColumn, mono);
        m_listing += hash + QStringLiteral("  ") + name + QLatin1Char('\n');
    }
    int width = 0;
    for (int c = FileColumn; c <= HashColumn; ++c) {
        m_list->resizeColumnToContents(c);
        width += m_list->columnWidth(c);
    }
    const int rows = std::min<int>(static_cast<int>(files.size()), 16) + 1;
    const int rowHeight = m_list->sizeHintForRow(0) > 0 ? m_list->sizeHintForRow(0) : fontMetrics().height() + 4;
    m_list->setMinimumSize(std::min(width + 2 * m_list->frameWidth() + 24, 1100),
                           rows * rowHeight + m_list->header()->sizeHint().height());
}

} // namespace vigil::ui
