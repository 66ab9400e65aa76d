// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/evidencetreemodel.h"

#include <QBrush>

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"

namespace vigil::ui {

struct EvidenceTreeModel::Node {
    NodeKind kind = NodeKind::Evidence;
    std::int64_t id = 0, evidenceId = 0;
    std::optional<std::int64_t> fsId;   // file system of a folder (nullopt: logical evidence)
    std::string path;                   // folder path; "/" for the root of a file system
    QString label, toolTip;
    bool deleted = false, fetched = false;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

QString volumeLabel(const casedb::VolumeItem &v)
{
    const QString desc = v.description.empty() ? fromStd(v.flags) : fromStd(v.description);
    return QStringLiteral("Volume %1: %2 (%3)").arg(v.slot).arg(desc, humanSize(v.length));
}

QString fsLabel(const casedb::FilesystemItem &f)
{
    return QStringLiteral("%1 @ %2").arg(fromStd(f.fsType)).arg(f.startOffset);
}

} // namespace

EvidenceTreeModel::EvidenceTreeModel(const std::filesystem::path &caseDir, QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
    m_root->fetched = true;
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        setError(errorText(db.error()));
        return;
    }
    m_db = std::move(*db);
    refresh();
}

EvidenceTreeModel::~EvidenceTreeModel() = default;

EvidenceTreeModel::Node *EvidenceTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex EvidenceTreeModel::indexOf(Node *node) const
{
    if (node == m_root.get() || !node->parent)
        return {};
    const auto &siblings = node->parent->children;
    for (std::size_t i = 0; i < siblings.size(); ++i) {
        if (siblings[i].get() == node)
            return createIndex(static_cast<int>(i), 0, node);
    }
    return {};
}

QModelIndex EvidenceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[static_cast<std::size_t>(row)].get());
}

QModelIndex EvidenceTreeModel::parent(const QModelIndex &child) const
{
    return child.isValid() ? indexOf(nodeOf(child)->parent) : QModelIndex();
}

int EvidenceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int EvidenceTreeModel::columnCount(const QModelIndex &) const { return 1; }

QVariant EvidenceTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole: return n->label;
    case Qt::ToolTipRole: return n->toolTip;
    case Qt::ForegroundRole: return n->deleted ? QVariant(QBrush(deletedForeground())) : QVariant();
    case NodeKindRole: return QVariant::fromValue(n->kind);
    case NodeIdRole: return QVariant::fromValue<qlonglong>(n->id);
    case PathRole: return fromStd(n->path);
    default: return {};
    }
}

QVariant EvidenceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Evidence");
    return {};
}

bool EvidenceTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *n = nodeOf(parent);
    return !n->fetched || !n->children.empty();
}

bool EvidenceTreeModel::canFetchMore(const QModelIndex &parent) const
{
    return parent.column() <= 0 && !m_inserting && !nodeOf(parent)->fetched;
}

void EvidenceTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *n = nodeOf(parent);
    n->fetched = true;
    insertChildren(n, loadChildren(*n));
}

void EvidenceTreeModel::insertChildren(Node *parent, std::vector<std::unique_ptr<Node>> kids)
{
    if (kids.empty())
        return;
    const int first = static_cast<int>(parent->children.size());
    m_inserting = true;   // no nested fetchMore from rowsInserted handlers
    beginInsertRows(indexOf(parent), first, first + static_cast<int>(kids.size()) - 1);
    for (auto &k : kids) {
        k->parent = parent;
        parent->children.push_back(std::move(k));
    }
    endInsertRows();
    m_inserting = false;
}

// Nodes that were empty when expanded (an ingest still writing) are read again.
void EvidenceTreeModel::refreshEmptyNodes(Node *node)
{
    for (const auto &child : node->children) {
        if (child->fetched && child->children.empty() && child->kind != NodeKind::Volume)
            insertChildren(child.get(), loadChildren(*child));
        else
            refreshEmptyNodes(child.get());
    }
}

std::vector<std::unique_ptr<EvidenceTreeModel::Node>> EvidenceTreeModel::loadChildren(const Node &node)
{
    switch (node.kind) {
    case NodeKind::Evidence: return loadEvidenceChildren(node);
    case NodeKind::FileSystem: return loadFolders(node, "/");
    case NodeKind::Folder: return loadFolders(node, node.path);
    case NodeKind::Volume: return {};   // built with its evidence item
    }
    return {};
}

// Volumes, each holding its file systems; file systems outside any volume; or, for
// logical evidence without file systems, the top folders.
std::vector<std::unique_ptr<EvidenceTreeModel::Node>> EvidenceTreeModel::loadEvidenceChildren(const Node &evidence)
{
    auto volumes = casedb::listVolumes(m_db, evidence.id);
    auto filesystems = casedb::listFilesystems(m_db, evidence.id);
    if (!volumes || !filesystems) {
        setError(errorText(volumes ? filesystems.error() : volumes.error()));
        return {};
    }
    if (volumes->empty() && filesystems->empty())
        return loadFolders(evidence, "/");
    std::vector<std::unique_ptr<Node>> out;
    auto makeFs = [&](const casedb::FilesystemItem &f) {
        auto n = std::make_unique<Node>();
        *n = Node{NodeKind::FileSystem, f.id, f.evidenceId, f.id, "/", fsLabel(f), {}, false, false, nullptr, {}};
        n->toolTip = QStringLiteral("%1 file system at byte offset %2").arg(fromStd(f.fsType)).arg(f.startOffset);
        return n;
    };
    for (const auto &v : *volumes) {
        auto vn = std::make_unique<Node>();
        *vn = Node{NodeKind::Volume, v.id, v.evidenceId, std::nullopt, {}, volumeLabel(v), fromStd(v.scheme), false, true,
                   nullptr, {}};
        for (const auto &f : *filesystems) {
            if (f.volumeId == v.id) {
                vn->children.push_back(makeFs(f));
                vn->children.back()->parent = vn.get();
            }
        }
        out.push_back(std::move(vn));
    }
    for (const auto &f : *filesystems) {
        if (!f.volumeId)
            out.push_back(makeFs(f));
    }
    return out;
}

std::vector<std::unique_ptr<EvidenceTreeModel::Node>> EvidenceTreeModel::loadFolders(const Node &parent,
                                                                                      const std::string &folder)
{
    const std::optional<std::int64_t> fsId = parent.kind == NodeKind::Evidence ? std::nullopt : parent.fsId;
    auto folders = casedb::childFolders(m_db, parent.evidenceId, fsId, folder);
    if (!folders) {
        setError(errorText(folders.error()));
        return {};
    }
    std::vector<std::unique_ptr<Node>> out;
    for (const auto &f : *folders) {
        auto n = std::make_unique<Node>();
        *n = Node{NodeKind::Folder, 0, parent.evidenceId, fsId, f.path, fromStd(f.name), fromStd(f.path), f.deleted, false,
                  nullptr, {}};
        out.push_back(std::move(n));
    }
    return out;
}

casedb::FileQueryFilter EvidenceTreeModel::filterFor(const QModelIndex &index) const
{
    casedb::FileQueryFilter f;
    if (!index.isValid())
        return f;
    const Node *n = nodeOf(index);
    f.evidenceId = n->evidenceId;
    if (n->kind == NodeKind::FileSystem)
        f.fsId = n->id;
    if (n->kind == NodeKind::Volume && n->children.size() == 1)
        f.fsId = n->children.front()->id;
    if (n->kind == NodeKind::Folder) {
        f.fsId = n->fsId;
        f.folder = n->path;
    }
    return f;
}

void EvidenceTreeModel::refresh()
{
    if (!m_db.isOpen())
        return;
    auto evidence = casedb::listEvidence(m_db);
    if (!evidence)
        return setError(errorText(evidence.error()));
    const std::int64_t lastId = m_root->children.empty() ? 0 : m_root->children.back()->id;
    std::vector<std::unique_ptr<Node>> added;
    for (const auto &e : *evidence) {
        if (e.id <= lastId)
            continue;
        auto n = std::make_unique<Node>();
        *n = Node{NodeKind::Evidence, e.id, e.id, std::nullopt, {}, fromStd(e.displayName),
                  QStringLiteral("%1 (%2)").arg(fromStd(e.kind), fromStd(e.status)), false, false, m_root.get(), {}};
        added.push_back(std::move(n));
    }
    refreshEmptyNodes(m_root.get());
    insertChildren(m_root.get(), std::move(added));
}

void EvidenceTreeModel::setError(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

} // namespace vigil::ui
