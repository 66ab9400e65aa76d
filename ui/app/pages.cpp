// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/pages.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/app/casesummarypanel.h"
#include "ui/models/errorsmodel.h"
#include "ui/models/evidencetreemodel.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/sourceformat.h"

namespace vigil::ui {

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

void styleTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
}

} // namespace

FileTable::FileTable(QWidget *parent) : QWidget(parent), m_view(new QTableView(this))
{
    styleTable(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

FileTable::~FileTable() = default;

void FileTable::setCase(const QString &caseDir)
{
    auto model = std::make_unique<FileTableModel>(caseDir.toStdString());
    m_view->setModel(model.get());
    m_model = std::move(model);
    m_view->setColumnWidth(0, 220);
    m_view->setColumnWidth(1, 320);
    const int timeWidth = m_view->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00T00:00:00Z")) + 16;
    for (int c = FileTableModel::Modified; c <= FileTableModel::Created; ++c)
        m_view->setColumnWidth(c, timeWidth);
    m_view->setColumnWidth(FileTableModel::Source, m_view->fontMetrics().horizontalAdvance(QStringLiteral("carved · partial")) + 20);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit fileSelected(m_model->fileId(current.row()));
            });
}

void FileTable::setFilter(const casedb::FileQueryFilter &filter)
{
    if (m_model)
        m_model->setFilter(filter);
}

void FileTable::refresh()
{
    if (m_model)
        m_model->refresh();
}

EvidencePage::EvidencePage(QWidget *parent)
    : QWidget(parent), m_tree(new QTreeView(this)), m_files(new FileTable(this)), m_summary(new CaseSummaryPanel(this)),
      m_queue(new QListWidget(this)),
      m_start(new QPushButton(tr("&Start ingest"), this))
{
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    auto *addButton = new QPushButton(tr("&Add evidence…"), this);
    m_queue->setMaximumHeight(90);
    m_start->setEnabled(false);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(heading(tr("Evidence"), left));
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(heading(tr("Case summary"), left));
    leftLayout->addWidget(m_summary);
    leftLayout->addWidget(heading(tr("Queued for ingest"), left));
    leftLayout->addWidget(m_queue);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(m_start);
    leftLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_files);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({260, 800});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);
    connect(m_files, &FileTable::fileSelected, this, &EvidencePage::fileSelected);
    connect(m_start, &QPushButton::clicked, this, &EvidencePage::startRequested);
    connect(addButton, &QPushButton::clicked, this, &EvidencePage::addRequested);
}

EvidencePage::~EvidencePage() = default;

void EvidencePage::setCase(const QString &caseDir)
{
    auto model = std::make_unique<EvidenceTreeModel>(caseDir.toStdString());
    m_tree->setModel(model.get());
    m_model = std::move(model);
    m_files->setCase(caseDir);
    m_summary->setCase(caseDir);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            m_files->setFilter(m_model->filterFor(current));
    });
}

void EvidencePage::setQueued(const QStringList &paths)
{
    m_queue->clear();
    m_queue->addItems(paths);
    m_start->setEnabled(!paths.isEmpty());
}

void EvidencePage::refresh()
{
    if (m_model)
        m_model->refresh();
    m_files->refresh();
}

void EvidencePage::refreshSummary()
{
    m_summary->refresh();
}

FilesPage::FilesPage(QWidget *parent)
    : QWidget(parent), m_source(new QComboBox(this)),
      m_mismatch(new QCheckBox(tr("Extension &mismatch"), this)), m_type(new QComboBox(this)),
      m_path(new QLineEdit(this)), m_hash(new QLineEdit(this)), m_files(new FileTable(this))
{
    m_source->setObjectName(QStringLiteral("fileSource"));
    fillSourceBox(m_source, false);
    m_source->setToolTip(tr("Where files came from: live, deleted entries, carved from unallocated space or slack, "
                            "recovered (deleted + carved), nested (archive members, embedded files)"));
    m_type->addItem(tr("Any type"), QString());
    for (const char *t : {"jpeg", "png", "gif", "heic", "mp4", "sqlite", "sqlite-wal", "pdf", "zip", "text", "plist"})
        m_type->addItem(QString::fromLatin1(t), QString::fromLatin1(t));
    m_path->setPlaceholderText(tr("Path contains…"));
    m_path->setClearButtonEnabled(true);
    m_hash->setPlaceholderText(tr("MD5 / SHA-1 / SHA-256…"));
    m_hash->setClearButtonEnabled(true);
    auto *bar = new QHBoxLayout;
    auto *sourceLabel = new QLabel(tr("&Source:"), this);
    sourceLabel->setBuddy(m_source);
    bar->addWidget(sourceLabel);
    bar->addWidget(m_source);
    bar->addWidget(m_mismatch);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    bar->addWidget(typeLabel);
    bar->addWidget(m_type);
    bar->addWidget(m_path, 2);
    bar->addWidget(m_hash, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_files, 1);
    connect(m_source, &QComboBox::currentIndexChanged, this, &FilesPage::applyFilter);
    connect(m_mismatch, &QCheckBox::toggled, this, &FilesPage::applyFilter);
    connect(m_type, &QComboBox::currentIndexChanged, this, &FilesPage::applyFilter);
    connect(m_path, &QLineEdit::returnPressed, this, &FilesPage::applyFilter);
    connect(m_hash, &QLineEdit::returnPressed, this, &FilesPage::applyFilter);
    connect(m_path, &QLineEdit::textChanged, this, [this](const QString &t) { if (t.isEmpty()) applyFilter(); });
    connect(m_files, &FileTable::fileSelected, this, &FilesPage::fileSelected);
}

void FilesPage::setCase(const QString &caseDir)
{
    m_files->setCase(caseDir);
    applyFilter();
}

void FilesPage::refresh()
{
    m_files->refresh();
}

bool FilesPage::locate(qint64 fileId, const QString &path)
{
    const QSignalBlocker b1(m_source), b2(m_mismatch), b3(m_type), b4(m_hash);
    m_source->setCurrentIndex(0);
    m_mismatch->setChecked(false);
    m_type->setCurrentIndex(0);
    m_hash->clear();
    m_path->setText(path);
    applyFilter();
    auto *model = m_files->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->fileId(row) == fileId) {
            m_files->view()->selectRow(row);
            m_files->view()->scrollTo(model->index(row, 0));
            return true;
        }
    }
    return false;
}

void FilesPage::showSource(casedb::SourceFilter source)
{
    const QSignalBlocker b1(m_source), b2(m_mismatch), b3(m_type), b4(m_hash), b5(m_path);
    m_source->setCurrentIndex(std::max(0, m_source->findData(int(source))));
    m_mismatch->setChecked(false);
    m_type->setCurrentIndex(0);
    m_hash->clear();
    m_path->clear();
    applyFilter();
}

void FilesPage::applyFilter()
{
    casedb::FileQueryFilter f;
    f.source = static_cast<casedb::SourceFilter>(m_source->currentData().toInt());
    f.extMismatchOnly = m_mismatch->isChecked();
    f.signatureType = m_type->currentData().toString().toStdString();
    f.pathContains = m_path->text().trimmed().toStdString();
    f.hash = m_hash->text().trimmed().toStdString();
    m_files->setFilter(f);
}

ErrorsPage::ErrorsPage(QWidget *parent) : QWidget(parent), m_view(new QTableView(this))
{
    styleTable(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(heading(tr("Processing errors recorded in the case"), this));
    layout->addWidget(m_view, 1);
}

ErrorsPage::~ErrorsPage() = default;

void ErrorsPage::setCase(const QString &caseDir)
{
    auto model = std::make_unique<ErrorsModel>(caseDir.toStdString());
    m_view->setModel(model.get());
    m_model = std::move(model);
}

void ErrorsPage::refresh()
{
    if (m_model)
        m_model->refresh();
}

QWidget *makeComingPage(const QString &title, const QString &text, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    auto *titleLabel = heading(title, page);
    auto *body = new QLabel(text + QLatin1Char('\n') + QObject::tr("Nothing has been extracted for this area yet."), page);
    body->setWordWrap(true);
    body->setStyleSheet("color: palette(mid);");
    layout->addStretch(1);
    layout->addWidget(titleLabel, 0, Qt::AlignHCenter);
    layout->addWidget(body, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    return page;
}

} // namespace vigil::ui
