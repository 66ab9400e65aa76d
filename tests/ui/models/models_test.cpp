// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBrush>
#include <QSignalSpy>

#include <chrono>
#include <cstdio>
#include <functional>

#include "core/casedb/filequery.h"
#include "tests/ui/models/synthcase.h"
#include "ui/models/errorsmodel.h"
#include "ui/models/evidencetreemodel.h"
#include "ui/models/filetablemodel.h"

namespace vigil::test {
namespace {

using casedb::FileQueryFilter;
using ui::EvidenceTreeModel;
using ui::FileTableModel;

SynthCase *g_case = nullptr;

class CaseEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        m_case = buildSynthCase(VIGIL_SYNTH_FILES);
        g_case = m_case.get();
        std::printf("[ figures  ] built a case of %lld synthetic files in %.2f s\n",
                    static_cast<long long>(m_case->files), m_case->buildSeconds);
    }
    void TearDown() override
    {
        g_case = nullptr;
        m_case.reset();
    }

private:
    std::unique_ptr<SynthCase> m_case;
};

double millis(const std::function<void()> &fn)
{
    const auto start = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// An independent count straight from SQL, to check the model against.
std::int64_t sqlCount(const std::string &where)
{
    auto db = casedb::Database::open(g_case->store->databasePath(), casedb::Database::Mode::ReadOnly);
    EXPECT_TRUE(db.has_value());
    auto st = db->prepare("SELECT count(*) FROM files WHERE " + where);
    EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().toString());
    EXPECT_TRUE(st->step().value_or(false));
    return st->int64(0);
}

int loadAll(FileTableModel &m)
{
    while (m.canFetchMore({}))
        m.fetchMore({});
    return m.rowCount();
}

std::string id(std::int64_t n) { return std::to_string(n); }

TEST(FileTableModel, ShowsOnlyAFirstPageThenFetchesPages)
{
    std::unique_ptr<FileTableModel> m;
    const double ms = millis([&] { m = std::make_unique<FileTableModel>(g_case->dir); });
    std::printf("[ figures  ] open + first page: %.2f ms\n", ms);
    EXPECT_TRUE(m->lastError().isEmpty()) << m->lastError().toStdString();
    EXPECT_LE(m->rowCount(), FileTableModel::kPageSize);
    EXPECT_EQ(m->rowCount(), FileTableModel::kPageSize);
    ASSERT_TRUE(m->canFetchMore({}));
    m->fetchMore({});
    EXPECT_EQ(m->rowCount(), 2 * FileTableModel::kPageSize);
    EXPECT_EQ(m->columnCount(), FileTableModel::ColumnCount);
    EXPECT_LT(m->fileId(0), m->fileId(1));   // ordered by id
}

struct FilterCase {
    const char *label;
    FileQueryFilter filter;
    std::string where;
};

std::vector<FilterCase> filterCases()
{
    const std::string img = "evidence_id = " + id(g_case->imageEvidence) + " AND fs_id = " + id(g_case->fsId);
    const std::string prefix = md5Of(40).substr(0, 10);
    std::string upper = prefix;
    for (auto &ch : upper)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::vector<FilterCase> out;
    out.push_back({"deleted only", {}, "allocated = 0"});
    out.back().filter.deletedOnly = true;
    out.push_back({"type jpeg", {}, "sig_type = 'jpeg'"});
    out.back().filter.signatureType = "jpeg";
    out.push_back({"extension mismatch", {}, "ext_mismatch = 1"});
    out.back().filter.extMismatchOnly = true;
    out.push_back({"path contains", {}, "path LIKE '%sub3/file00%'"});
    out.back().filter.pathContains = "SUB3/FILE00";
    out.push_back({"hash prefix", {}, "md5 LIKE '" + prefix + "%' OR sha1 LIKE '" + prefix + "%'"});
    out.back().filter.hash = upper;
    out.push_back({"folder children", {}, img + " AND path LIKE '/dir050/%' AND path NOT LIKE '/dir050/%/%'"});
    out.back().filter.evidenceId = g_case->imageEvidence;
    out.back().filter.fsId = g_case->fsId;
    out.back().filter.folder = "/dir050";
    out.push_back({"deleted in folder", out.back().filter, out.back().where + " AND allocated = 0"});
    out.back().filter.deletedOnly = true;
    out.push_back({"logical folder", {}, "evidence_id = " + id(g_case->logicalEvidence) +
                                             " AND fs_id IS NULL AND path IN ('/docs/inner', '/docs/a.txt')"});
    out.back().filter.evidenceId = g_case->logicalEvidence;
    out.back().filter.folder = "/docs";
    out.push_back({"file system", {}, img});
    out.back().filter.evidenceId = g_case->imageEvidence;
    out.back().filter.fsId = g_case->fsId;
    return out;
}

TEST(FileTableModel, FiltersReturnExactlyTheMatchingRows)
{
    FileTableModel m(g_case->dir);
    for (const auto &c : filterCases()) {
        const double firstPage = millis([&] { m.setFilter(c.filter); });
        const int rows = loadAll(m);
        std::printf("[ figures  ] filter %-20s first page %8.2f ms, %d rows\n", c.label, firstPage, rows);
        EXPECT_EQ(rows, sqlCount(c.where)) << c.label;
        EXPECT_GT(rows, 0) << c.label;
        EXPECT_TRUE(m.lastError().isEmpty()) << m.lastError().toStdString();
    }
}

TEST(FileTableModel, RowsMatchTheirFilter)
{
    FileTableModel m(g_case->dir);
    FileQueryFilter f;
    f.deletedOnly = true;
    f.signatureType = "jpeg";
    m.setFilter(f);
    loadAll(m);
    ASSERT_GT(m.rowCount(), 0);
    for (int r = 0; r < m.rowCount(); ++r) {
        EXPECT_FALSE(m.fileAt(r)->allocated);
        EXPECT_EQ(m.fileAt(r)->sigType, "jpeg");
    }
}

QVariant cell(const FileTableModel &m, int column, int role = Qt::DisplayRole)
{
    return m.data(m.index(0, column), role);
}

TEST(FileTableModel, ShowsColumnsForPeople)
{
    FileTableModel m(g_case->dir);
    FileQueryFilter f;
    f.hash = md5Of(980);   // deleted, reallocated, jpeg, 980 bytes
    m.setFilter(f);
    ASSERT_EQ(m.rowCount(), 1);
    EXPECT_EQ(cell(m, FileTableModel::Name).toString(), "file0000980.txt");
    EXPECT_EQ(cell(m, FileTableModel::Path).toString(), "/dir080/sub9/file0000980.txt");
    EXPECT_EQ(cell(m, FileTableModel::Size).toString(), "980 B");
    EXPECT_EQ(cell(m, FileTableModel::Size, Qt::ToolTipRole).toString(), "980 bytes");
    EXPECT_EQ(cell(m, FileTableModel::Size, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    EXPECT_EQ(cell(m, FileTableModel::Modified).toString(), "2020-09-13T12:43:00Z");
    EXPECT_EQ(cell(m, FileTableModel::Accessed).toString(), "");
    EXPECT_EQ(cell(m, FileTableModel::State).toString(), "deleted-realloc");
    EXPECT_EQ(cell(m, FileTableModel::Type).toString(), "jpeg");
    EXPECT_EQ(cell(m, FileTableModel::Mismatch).toString(), "no");
    EXPECT_EQ(cell(m, FileTableModel::Md5).toString().toStdString(), md5Of(980));
    EXPECT_EQ(cell(m, FileTableModel::Sha1).toString().size(), 40);
    EXPECT_EQ(cell(m, 0, FileTableModel::FileIdRole).toLongLong(), m.fileId(0));
    const auto brush = cell(m, 0, Qt::ForegroundRole).value<QBrush>();
    EXPECT_GT(brush.color().red(), brush.color().green());   // muted red
    EXPECT_EQ(m.headerData(FileTableModel::Sha1, Qt::Horizontal).toString(), "SHA-1");

    f.hash = md5Of(12340).substr(0, 12);   // allocated, 12,340 bytes
    m.setFilter(f);
    ASSERT_EQ(m.rowCount(), 1);
    EXPECT_EQ(cell(m, FileTableModel::Size).toString(), "12.1 KiB");
    EXPECT_EQ(cell(m, FileTableModel::Size, Qt::ToolTipRole).toString(), "12,340 bytes");
    EXPECT_EQ(cell(m, FileTableModel::State).toString(), "allocated");
    EXPECT_FALSE(cell(m, 0, Qt::ForegroundRole).isValid());
}

TEST(FileTableModel, RefreshShowsRowsWrittenWhileOpen)
{
    FileTableModel m(g_case->dir);
    FileQueryFilter f;
    f.evidenceId = g_case->logicalEvidence;
    m.setFilter(f);
    const int before = m.rowCount();
    ASSERT_FALSE(m.canFetchMore({}));
    FileTableModel all(g_case->dir);   // not at its end: new rows come with later pages

    std::vector<model::FileRecord> fresh;
    for (int i = 0; i < 3; ++i) {
        fresh.push_back(fileRecord(g_case->logicalEvidence, std::nullopt, "/fresh/f" + std::to_string(i) + ".bin",
                                   model::MetaType::Regular, false));
        fresh.back().size = 10;   // content pending
    }
    g_case->store->addFiles(std::move(fresh));
    ASSERT_TRUE(g_case->store->flush());
    EXPECT_EQ(m.rowCount(), before);
    m.refresh();
    ASSERT_EQ(m.rowCount(), before + 3);
    EXPECT_EQ(m.fileAt(before)->path, "/fresh/f0.bin");
    all.refresh();
    EXPECT_EQ(all.rowCount(), FileTableModel::kPageSize);

    // Hashes arrive later (content pass): refresh re-reads the pending rows.
    casedb::ContentResult c;
    c.fileId = m.fileId(before + 1);
    c.md5 = md5Of(1);
    c.status = "hashed";
    g_case->store->setContentResults({c});
    ASSERT_TRUE(g_case->store->flush());
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.refresh();
    EXPECT_EQ(m.rowCount(), before + 3);
    EXPECT_GE(changed.count(), 1);
    EXPECT_EQ(m.data(m.index(before + 1, FileTableModel::Md5)).toString().toStdString(), md5Of(1));
}

TEST(FileTableModel, PassesTheModelTester)
{
    // The tester reads every row and fetches until the end: give it one folder.
    FileTableModel m(g_case->dir);
    FileQueryFilter f;
    f.evidenceId = g_case->imageEvidence;
    f.fsId = g_case->fsId;
    f.folder = "/dir051/sub3";
    m.setFilter(f);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    m.fetchMore({});
    f.deletedOnly = true;
    m.setFilter(f);
    m.fetchMore({});
    m.refresh();
    EXPECT_GT(m.rowCount(), 0);
    EXPECT_EQ(m.rowCount(), sqlCount("fs_id = " + id(g_case->fsId) + " AND allocated = 0 AND path LIKE "
                                     "'/dir051/sub3/%' AND path NOT LIKE '/dir051/sub3/%/%'"));
}

TEST(FileTableModel, ReportsErrors)
{
    FileTableModel m(g_case->dir);
    QSignalSpy errors(&m, &FileTableModel::errorOccurred);
    FileQueryFilter f;
    f.hash = "not-hex";
    m.setFilter(f);
    EXPECT_EQ(m.rowCount(), 0);
    EXPECT_FALSE(m.canFetchMore({}));
    EXPECT_EQ(errors.count(), 1);
    EXPECT_FALSE(m.lastError().isEmpty());

    FileTableModel missing(g_case->dir / "no-such-case");
    EXPECT_EQ(missing.rowCount(), 0);
    EXPECT_FALSE(missing.canFetchMore({}));
    EXPECT_FALSE(missing.lastError().isEmpty());
}

QModelIndex childNamed(EvidenceTreeModel &m, const QModelIndex &parent, const QString &label)
{
    if (m.canFetchMore(parent))
        m.fetchMore(parent);
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const auto i = m.index(r, 0, parent);
        if (i.data().toString() == label)
            return i;
    }
    return {};
}

EvidenceTreeModel::NodeKind kindOf(const QModelIndex &i)
{
    return i.data(EvidenceTreeModel::NodeKindRole).value<EvidenceTreeModel::NodeKind>();
}

TEST(EvidenceTreeModel, ListsEvidenceVolumesFileSystemsAndFolders)
{
    EvidenceTreeModel m(g_case->dir);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(m.rowCount(), 2);
    const auto disk = m.index(0, 0);
    EXPECT_EQ(disk.data().toString(), "disk.E01");
    EXPECT_EQ(kindOf(disk), EvidenceTreeModel::NodeKind::Evidence);
    EXPECT_TRUE(m.hasChildren(disk));
    m.fetchMore(disk);
    ASSERT_EQ(m.rowCount(disk), 1);
    const auto volume = m.index(0, 0, disk);
    EXPECT_EQ(kindOf(volume), EvidenceTreeModel::NodeKind::Volume);
    EXPECT_EQ(volume.data().toString(), "Volume 2: NTFS / exFAT (0x07) (1.0 GiB)");
    ASSERT_EQ(m.rowCount(volume), 1);
    const auto fs = m.index(0, 0, volume);
    EXPECT_EQ(kindOf(fs), EvidenceTreeModel::NodeKind::FileSystem);
    EXPECT_EQ(m.filterFor(volume).fsId, g_case->fsId);
    EXPECT_EQ(m.filterFor(fs).fsId, g_case->fsId);
    EXPECT_FALSE(m.filterFor(fs).folder.has_value());

    m.fetchMore(fs);
    ASSERT_EQ(m.rowCount(fs), 100);
    const auto dir0 = m.index(0, 0, fs);
    EXPECT_EQ(dir0.data().toString(), "dir000");
    m.fetchMore(dir0);
    ASSERT_EQ(m.rowCount(dir0), 11);
    const auto gone = m.index(0, 0, dir0);
    EXPECT_EQ(gone.data().toString(), "gone");
    EXPECT_TRUE(gone.data(Qt::ForegroundRole).isValid());   // deleted folder
    const auto sub3 = m.index(4, 0, dir0);
    EXPECT_EQ(sub3.data(EvidenceTreeModel::PathRole).toString(), "/dir000/sub3");
    const auto filter = m.filterFor(sub3);
    EXPECT_EQ(filter.evidenceId, g_case->imageEvidence);
    EXPECT_EQ(filter.fsId, g_case->fsId);
    EXPECT_EQ(filter.folder, "/dir000/sub3");
    m.fetchMore(sub3);
    EXPECT_EQ(m.rowCount(sub3), 0);
    EXPECT_FALSE(m.hasChildren(sub3));
}

TEST(EvidenceTreeModel, LogicalEvidenceHasFolders)
{
    EvidenceTreeModel m(g_case->dir);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto docsEvidence = m.index(1, 0);
    const auto docs = childNamed(m, docsEvidence, "docs");
    ASSERT_TRUE(docs.isValid());
    EXPECT_EQ(m.rowCount(docsEvidence), 1);
    const auto inner = childNamed(m, docs, "inner");
    ASSERT_TRUE(inner.isValid());
    const auto filter = m.filterFor(docs);
    EXPECT_EQ(filter.evidenceId, g_case->logicalEvidence);
    EXPECT_FALSE(filter.fsId.has_value());
    EXPECT_EQ(filter.folder, "/docs");
    FileTableModel files(g_case->dir);
    files.setFilter(filter);
    EXPECT_EQ(files.rowCount(), 2);   // inner, a.txt
    EXPECT_EQ(m.filterFor(docsEvidence).evidenceId, g_case->logicalEvidence);
}

TEST(EvidenceTreeModel, RefreshAddsNewEvidence)
{
    EvidenceTreeModel m(g_case->dir);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const int before = m.rowCount();
    auto more = g_case->store->addEvidence({"/evidence/more", "more", "raw", {}, {}, {}, {}, "{}"});
    ASSERT_TRUE(more);
    m.refresh();
    ASSERT_EQ(m.rowCount(), before + 1);
    const auto added = m.index(before, 0);
    EXPECT_EQ(added.data().toString(), "more");
    m.fetchMore(added);
    EXPECT_EQ(m.rowCount(added), 0);   // nothing indexed yet

    // The ingest writes a file system and a folder; refresh shows them under the item.
    auto fs = g_case->store->addFilesystem({*more, std::nullopt, 0, "fat16", 512, 1000, 2});
    ASSERT_TRUE(fs);
    g_case->store->addFiles({fileRecord(*more, *fs, "/photos", model::MetaType::Directory, false)});
    ASSERT_TRUE(g_case->store->flush());
    m.refresh();
    ASSERT_EQ(m.rowCount(added), 1);
    const auto fsIndex = m.index(0, 0, added);
    EXPECT_EQ(kindOf(fsIndex), EvidenceTreeModel::NodeKind::FileSystem);
    EXPECT_NE(childNamed(m, fsIndex, "photos"), QModelIndex());
}

TEST(ErrorsModel, ShowsRecordedErrorsAndNewOnes)
{
    ui::ErrorsModel m(g_case->dir);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const int before = m.rowCount();
    ASSERT_GE(before, 3);
    EXPECT_EQ(m.data(m.index(0, ui::ErrorsModel::Message)).toString(), "cannot read file 0");
    EXPECT_EQ(m.data(m.index(0, ui::ErrorsModel::Stage)).toString(), "content");
    EXPECT_EQ(m.data(m.index(0, ui::ErrorsModel::Code)).toString().isEmpty(), false);
    EXPECT_EQ(m.data(m.index(0, ui::ErrorsModel::Detail)).toString(), "short read");
    EXPECT_TRUE(m.data(m.index(0, ui::ErrorsModel::Time)).toString().endsWith('Z'));

    casedb::ProcessingError e;
    e.stage = "index";
    e.component = "walker";
    e.error = Error(ErrorCode::Corrupt, "a damaged folder");
    g_case->store->recordError(std::move(e));
    ASSERT_TRUE(g_case->store->flush());
    m.refresh();
    ASSERT_EQ(m.rowCount(), before + 1);
    EXPECT_EQ(m.data(m.index(before, ui::ErrorsModel::Message)).toString(), "a damaged folder");
}

// Raw page timings of the queries behind the models, deep into the table as well.
TEST(FileQuery, PageTimings)
{
    auto db = casedb::CaseStore::openReadOnly(g_case->dir);
    ASSERT_TRUE(db);
    const std::int64_t deep = g_case->files * 9 / 10;
    for (const auto &c : filterCases()) {
        std::size_t n = 0;
        const double first = millis([&] { n = casedb::fetchFiles(*db, c.filter, 0, 500)->size(); });
        const double later = millis([&] { (void)casedb::fetchFiles(*db, c.filter, deep, 500); });
        std::printf("[ figures  ] fetchFiles %-20s first page %7.2f ms (%zu rows), page after id %lld %7.2f ms\n",
                    c.label, first, n, static_cast<long long>(deep), later);
    }
    const double one = millis([&] { EXPECT_TRUE(casedb::fileById(*db, deep)->has_value()); });
    std::printf("[ figures  ] fileById %.3f ms\n", one);
    for (const char *folder : {"/", "/dir000"}) {
        std::size_t n = 0;
        const double ms = millis(
            [&] { n = casedb::childFolders(*db, g_case->imageEvidence, g_case->fsId, folder)->size(); });
        std::printf("[ figures  ] childFolders %-8s %7.2f ms (%zu folders)\n", folder, ms, n);
    }
    auto plan = db->prepare("EXPLAIN QUERY PLAN SELECT id FROM files f WHERE f.evidence_id = 1 AND f.fs_id IS 1 "
                            "AND f.path > '/a/' AND f.path < '/a0' ORDER BY f.id LIMIT 500");
    ASSERT_TRUE(plan);
    std::string text;
    (void)plan->forEachRow([&](const casedb::Statement &r) {
        text += r.text(3) + "\n";
        return true;
    });
    EXPECT_NE(text.find("files_path"), std::string::npos) << text;
}

} // namespace
} // namespace vigil::test

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new vigil::test::CaseEnvironment);
    return RUN_ALL_TESTS();
}
