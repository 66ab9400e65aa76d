// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

#include "core/casedb/filequery.h"

class QTreeView;
class QTableView;
class QListWidget;
class QPushButton;
class QCheckBox;
class QLineEdit;
class QComboBox;
class QLabel;

namespace vigil::ui {

class FileTableModel;
class EvidenceTreeModel;
class ErrorsModel;
class CaseSummaryPanel;

// A file table with its lazily fetching model; emits the selected file's id.
class FileTable : public QWidget {
    Q_OBJECT
public:
    explicit FileTable(QWidget *parent = nullptr);
    ~FileTable() override;
    void setCase(const QString &caseDir);
    void setFilter(const casedb::FileQueryFilter &filter);
    void refresh();
    QTableView *view() const { return m_view; }
    FileTableModel *model() const { return m_model.get(); }

signals:
    void fileSelected(qint64 fileId);

private:
    QTableView *m_view;
    std::unique_ptr<FileTableModel> m_model;
};

// Evidence → volumes → file systems → folders, with the selected node's files, the case
// summary (counts per source, for the whole case or one evidence item) and the evidence
// queued for the next ingest.
class EvidencePage : public QWidget {
    Q_OBJECT
public:
    explicit EvidencePage(QWidget *parent = nullptr);
    ~EvidencePage() override;
    void setCase(const QString &caseDir);
    void setQueued(const QStringList &paths);
    void refresh();          // the tree and the files (cheap: during an ingest)
    void refreshSummary();   // the counts (a scan of the case: after an ingest)
    QTreeView *tree() const { return m_tree; }
    FileTable *files() const { return m_files; }
    CaseSummaryPanel *summary() const { return m_summary; }

signals:
    void fileSelected(qint64 fileId);
    void startRequested();
    void addRequested();

private:
    QTreeView *m_tree;
    FileTable *m_files;
    CaseSummaryPanel *m_summary;
    QListWidget *m_queue;
    QPushButton *m_start;
    std::unique_ptr<EvidenceTreeModel> m_model;
};

// Every file of the case with filters: source (live, deleted, carved, recovered, nested),
// type, extension mismatch, path, hash.
class FilesPage : public QWidget {
    Q_OBJECT
public:
    explicit FilesPage(QWidget *parent = nullptr);
    void setCase(const QString &caseDir);
    void refresh();
    FileTable *files() const { return m_files; }
    QComboBox *sourceBox() const { return m_source; }
    // Every file of this source: selects it in the box and clears the other filters.
    void showSource(casedb::SourceFilter source);
    QLineEdit *pathContains() const { return m_path; }
    // Clears the other filters, shows the files whose path holds `path` and selects the one
    // with this id (a message's source database). False when it is not in the list.
    bool locate(qint64 fileId, const QString &path);

signals:
    void fileSelected(qint64 fileId);

private:
    void applyFilter();

    QComboBox *m_source;
    QCheckBox *m_mismatch;
    QComboBox *m_type;
    QLineEdit *m_path;
    QLineEdit *m_hash;
    FileTable *m_files;
};

// Every processing error recorded in the case, so nothing is silently dropped.
class ErrorsPage : public QWidget {
    Q_OBJECT
public:
    explicit ErrorsPage(QWidget *parent = nullptr);
    ~ErrorsPage() override;
    void setCase(const QString &caseDir);
    void refresh();
    QTableView *view() const { return m_view; }

private:
    QTableView *m_view;
    std::unique_ptr<ErrorsModel> m_model;
};

// An area that later work fills (conversations, media, ...): says what will be there.
QWidget *makeComingPage(const QString &title, const QString &text, QWidget *parent);

} // namespace vigil::ui
