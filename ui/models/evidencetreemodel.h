// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QString>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/filequery.h"

namespace vigil::ui {

// Evidence -> volumes -> file systems -> folders. Evidence items are listed at once;
// an item's volumes and file systems when it is expanded, folders one level at a time.
class EvidenceTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class NodeKind { Evidence, Volume, FileSystem, Folder };
    Q_ENUM(NodeKind)
    static constexpr int NodeKindRole = Qt::UserRole + 1;   // NodeKind
    static constexpr int NodeIdRole = Qt::UserRole + 2;     // row id (evidence, volume, fs); 0 for folders
    static constexpr int PathRole = Qt::UserRole + 3;       // folder path ("/a/b")

    explicit EvidenceTreeModel(const std::filesystem::path &caseDir, QObject *parent = nullptr);
    ~EvidenceTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The files a selected node stands for: an evidence item, a file system (all its
    // files) or a folder (its direct children).
    casedb::FileQueryFilter filterFor(const QModelIndex &index) const;
    // Picks up evidence items added since, and children of nodes that were empty when
    // expanded (file systems and folders an ingest wrote meanwhile).
    void refresh();
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString &message);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node) const;
    std::vector<std::unique_ptr<Node>> loadChildren(const Node &node);
    std::vector<std::unique_ptr<Node>> loadEvidenceChildren(const Node &evidence);
    std::vector<std::unique_ptr<Node>> loadFolders(const Node &parent, const std::string &folder);
    void insertChildren(Node *parent, std::vector<std::unique_ptr<Node>> kids);
    void refreshEmptyNodes(Node *node);
    void setError(const QString &message);

    casedb::Database m_db;
    std::unique_ptr<Node> m_root;
    QString m_lastError;
    bool m_inserting = false;
};

} // namespace vigil::ui
