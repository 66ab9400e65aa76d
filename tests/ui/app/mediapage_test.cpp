// SPDX-License-Identifier: GPL-3.0-or-later
// The Media area on a generated case: twelve media rows with generated chequerboard
// thumbnails (a near-duplicate group of three, one pre-graded by a hash set, a face group
// of two, two videos, one known-good file, two broken thumbnails). The gallery keeps every
// thumbnail blurred until one is revealed (audited), grades with the number keys (the
// selection, or the whole group with Shift), undoes, follows the case's grading scheme,
// hides known-good media and shows what is known about the current media.
#include <gtest/gtest.h>

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cstdio>

#include "core/casedb/casestore.h"
#include "core/casedb/mediaquery.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/app/casesession.h"
#include "ui/app/detailpane.h"
#include "ui/app/mainwindow.h"
#include "ui/app/mediapage.h"
#include "ui/models/mediagridmodel.h"

using namespace vigil;
using namespace vigil::ui;

namespace {

constexpr int kMedia = 12;
constexpr int kExif = 0, kVideoA = 9, kVideoB = 10, kKnownGood = 11, kTruncated = 7, kGarbage = 8;
constexpr int kDupFirst = 1, kPregraded = 2, kFaceFirst = 4;   // near-dups 1-3 (2 pre-graded), faces 4-5

// A bright, sharp test picture: a chequerboard whose colours and square size vary with i.
QImage pattern(int i, QSize size = {160, 160})
{
    QImage img(size, QImage::Format_RGB32);
    const QRgb a = qRgb(250, 220 - 15 * (i % 5), 40 + 17 * i), b = qRgb(20 + 9 * i, 70, 200 - 11 * (i % 7));
    const int cell = 8 + 2 * (i % 3);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            img.setPixel(x, y, ((x / cell + y / cell) % 2) ? a : b);
    return img;
}

std::vector<unsigned char> jpeg(const QImage &img)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "JPEG", 92);
    return {bytes.begin(), bytes.end()};
}

// Mean absolute difference between neighbouring pixels (grey), right and down: high for sharp edges.
double edgeEnergy(const QImage &image)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    qint64 n = 0;
    for (int y = 1; y < img.height(); ++y)
        for (int x = 1; x < img.width(); ++x, ++n)
            sum += std::abs(qGray(img.pixel(x, y)) - qGray(img.pixel(x - 1, y))) +
                   std::abs(qGray(img.pixel(x, y)) - qGray(img.pixel(x, y - 1)));
    return n ? sum / static_cast<double>(n) : 0;
}

template <typename T>
T value(Result<T> r)
{
    EXPECT_TRUE(r) << (r ? "" : r.error().toString());
    return r ? std::move(*r) : T{};
}

model::FileRecord file(std::int64_t evidence, const std::string &path, std::uint64_t size)
{
    model::FileRecord f;
    f.evidenceId = evidence;
    f.path = path;
    f.name = path.substr(path.rfind('/') + 1);
    f.metaType = model::MetaType::Regular;
    f.size = size;
    f.parser = "test";
    return f;
}

// Files (hashed) under /DCIM of a logical evidence item; returns their ids in order.
std::vector<std::int64_t> addFiles(casedb::CaseStore &store, int count, const char *format)
{
    const auto evidence = value(store.addEvidence({"/evidence/phone", "phone", "folder", {}, {}, {}, {}, "{}"}));
    std::vector<std::pair<model::FileRecord, casedb::ContentResult>> files;
    for (int i = 0; i < count; ++i) {
        char path[64], md5[40], sha1[48];
        std::snprintf(path, sizeof path, format, i);
        std::snprintf(md5, sizeof md5, "%032x", 0xa000 + i);
        std::snprintf(sha1, sizeof sha1, "%040x", 0xb000 + i);
        casedb::ContentResult c;
        c.md5 = md5;
        c.sha1 = sha1;
        c.status = "hashed";
        files.emplace_back(file(evidence, path, 20000 + static_cast<std::uint64_t>(i)), c);
    }
    store.addFilesWithContent(std::move(files));
    EXPECT_TRUE(store.flush());
    auto db = value(casedb::CaseStore::openReadOnly(store.dir()));
    auto st = value(db.prepare("SELECT id FROM files WHERE evidence_id = ? ORDER BY id"));
    st.bind(1, evidence);
    std::vector<std::int64_t> ids;
    (void)st.forEachRow([&](const casedb::Statement &r) {
        ids.push_back(r.int64(0));
        return true;
    });
    return ids;
}

// The JPEG of pattern(i % 12), encoded once.
const std::vector<unsigned char> &thumbnailOf(int i)
{
    static std::vector<std::vector<unsigned char>> cache;
    if (cache.empty())
        for (int k = 0; k < 12; ++k)
            cache.push_back(jpeg(pattern(k)));
    return cache[static_cast<std::size_t>(i % 12)];
}

model::MediaRecord record(std::int64_t fileId, int i)
{
    model::MediaRecord m;
    m.fileId = fileId;
    m.evidenceId = 1;
    m.kind = "image";
    m.format = "jpeg";
    m.width = 4032;
    m.height = 3024;
    m.pdq = std::string(62, '0') + (i < 10 ? "0" : "") + std::to_string(i);
    m.pdqQuality = 90 + i % 10;
    m.phash = "c3d4e5f60718293" + std::to_string(i % 10);
    m.thumbnail = thumbnailOf(i);
    m.analyserVersion = "test";
    return m;
}

void buildCase(casedb::CaseStore &store, std::vector<std::int64_t> &ids)
{
    ids = addFiles(store, kMedia, "/DCIM/IMG_%04d.jpg");
    ASSERT_EQ(ids.size(), static_cast<std::size_t>(kMedia));
    std::vector<model::MediaRecord> media;
    for (int i = 0; i < kMedia; ++i)
        media.push_back(record(ids[static_cast<std::size_t>(i)], i));
    auto &exif = media[kExif];
    exif.capturedUtc = 1714822245LL * 1'000'000'000LL;   // 2024-05-04T11:30:45Z
    exif.capturedRaw = "2024:05:04 12:30:45";
    exif.tzOffset = "+01:00";
    exif.cameraMake = "Canon";
    exif.cameraModel = "EOS 80D";
    exif.cameraSerial = "0123456789";
    exif.software = "Firmware 1.0.2";
    exif.gpsLat = 51.5007;
    exif.gpsLon = -0.1246;
    exif.gpsAlt = 12.5;
    for (int v : {kVideoA, kVideoB}) {
        media[v].kind = "video";
        media[v].format = "mp4";
        media[v].codec = "h264";
        media[v].width = 1280;
        media[v].height = 720;
    }
    media[kVideoA].durationMs = 12'500;
    media[kVideoB].durationMs = 3'725'000;
    media[kTruncated].thumbnail.resize(120);                      // a JPEG cut short
    media[kGarbage].thumbnail = {0x13, 0x37, 0x00, 0xff, 0x42};   // not an image at all
    for (int f : {kFaceFirst, kFaceFirst + 1})
        media[f].faces.push_back({std::nullopt, 40, 30, 60, 60, 0.97, "test-embedding", {0.1f, 0.2f, 0.3f}});
    store.addMedia(std::move(media));
    ASSERT_TRUE(store.flush());

    auto db = value(casedb::CaseStore::openReadOnly(store.dir()));
    std::vector<std::pair<std::int64_t, std::int64_t>> faces;
    (void)casedb::forEachFace(db, [&](const casedb::FaceRow &f) {
        faces.emplace_back(f.id, 7);
        return true;
    });
    ASSERT_EQ(faces.size(), 2u);
    ASSERT_TRUE(store.setMediaGroups({{ids[1], 1}, {ids[2], 1}, {ids[3], 1}}, faces));
    const auto good = value(store.addHashSet({0, "NSRL sample", "known-good", "nsrl-rds", "", "/sets/nsrl.txt",
                                              std::string(64, 'a'), "hashsets/1.txt", 1, 0, 0, "", "tester"}));
    const auto alert = value(store.addHashSet({0, "Project alerts", "categorised", "vics", "", "/sets/alerts.json",
                                               std::string(64, 'b'), "hashsets/2.txt", 1, 0, 0, "", "tester"}));
    ASSERT_TRUE(store.setHashMatches(good, {{ids[kKnownGood], good, "md5", std::nullopt}}));
    ASSERT_EQ(value(store.setHashMatches(alert, {{ids[kPregraded], alert, "md5", "uk:C"}})), 1);
}

class MediaUi : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_caseDir = m_tmp.filePath("case");
        QString error;
        m_session = CaseSession::open(m_caseDir, {"MEDIA-1", "tester", "gallery test"}, "tester", &error);
        ASSERT_TRUE(m_session) << error.toStdString();
        buildCase(m_session->store(), m_ids);
        m_page = std::make_unique<MediaPage>();
        m_page->resize(1320, 840);
        m_page->setSession(m_session.get());
        m_page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_page.get()));
        settle();
    }

    void TearDown() override { m_page.reset(); }

    static void settle()
    {
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();   // the batched layout runs on timers
    }

    QListView *view() const { return m_page->view(); }
    std::int64_t id(int i) const { return m_ids[static_cast<std::size_t>(i)]; }
    QModelIndex indexOf(int i) const { return m_page->model()->index(m_page->model()->rowOf(id(i))); }

    void select(int i)
    {
        view()->setFocus();
        view()->selectionModel()->setCurrentIndex(indexOf(i), QItemSelectionModel::ClearAndSelect);
        settle();
    }

    void key(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(view(), static_cast<Qt::Key>(key), modifiers);
        settle();
    }

    casedb::Grade grade(int i) const
    {
        auto db = value(casedb::CaseStore::openReadOnly(m_caseDir.toStdString()));
        auto g = value(casedb::gradesOf(db, {id(i)}));
        return g.empty() ? casedb::Grade{} : g.front();
    }

    std::int64_t audits(const std::string &action) const
    {
        auto db = value(casedb::CaseStore::openReadOnly(m_caseDir.toStdString()));
        auto st = value(db.prepare("SELECT count(*) FROM audit_log WHERE action = ?"));
        st.bind(1, action);
        std::int64_t n = -1;
        (void)st.forEachRow([&](const casedb::Statement &r) {
            n = r.int64(0);
            return false;
        });
        return n;
    }

    // The middle of item i's thumbnail as painted (clear of the corner badges).
    QImage paintedCentre(int i)
    {
        view()->viewport()->update();
        settle();
        const QImage shot = view()->viewport()->grab().toImage();
        return shot.copy(m_page->thumbnailRect(indexOf(i)).adjusted(30, 30, -30, -30));
    }

    QTemporaryDir m_tmp;
    QString m_caseDir;
    std::unique_ptr<CaseSession> m_session;
    std::vector<std::int64_t> m_ids;
    std::unique_ptr<MediaPage> m_page;
};

TEST_F(MediaUi, ThumbnailsAreBlurredUntilOneIsRevealedOnPurpose)
{
    select(kExif);
    const double original = edgeEnergy(pattern(kExif).copy(30, 30, 100, 100));
    const double blurred = edgeEnergy(paintedCentre(kExif));
    EXPECT_GT(original, 20.0);
    EXPECT_LT(blurred, original / 8) << "blurred " << blurred << ", original " << original;
    EXPECT_EQ(m_page->model()->index(0).data(MediaGridModel::RevealedRole).toBool(), false);
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "media-gallery").isEmpty());

    key(Qt::Key_R);
    EXPECT_TRUE(m_page->model()->isRevealed(id(kExif)));
    const double revealed = edgeEnergy(paintedCentre(kExif));
    EXPECT_GT(revealed, original * 0.6) << "revealed " << revealed << ", original " << original;
    EXPECT_EQ(audits("media.reveal"), 1);
    std::printf("[ measure  ] edge energy (mean |grey step| per pixel): original %.1f, blurred %.2f, revealed %.1f\n",
                original, blurred, revealed);
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "media-revealed").isEmpty());
    // Only the revealed item: its neighbour stays blurred.
    EXPECT_LT(edgeEnergy(paintedCentre(kExif + 4)), original / 8);

    select(kExif + 4);   // moving on blurs again
    EXPECT_FALSE(m_page->model()->isRevealed(id(kExif)));
    EXPECT_LT(edgeEnergy(paintedCentre(kExif)), original / 8);
}

TEST_F(MediaUi, BrokenThumbnailsShowNoPreviewInsteadOfFailing)
{
    auto *model = m_page->model();
    EXPECT_TRUE(indexOf(kGarbage).data(Qt::DecorationRole).value<QImage>().isNull());
    (void)indexOf(kTruncated).data(Qt::DecorationRole);   // partial decode or none: no crash
    EXPECT_FALSE(indexOf(kExif).data(Qt::DecorationRole).value<QImage>().isNull());
    EXPECT_LE(model->decodedCount(), model->rowCount()) << "each thumbnail is decoded once and cached";
    // A case folder that is not there: an error, no rows.
    MediaGridModel missing(m_tmp.filePath("nowhere").toStdString());
    EXPECT_EQ(missing.rowCount(), 0);
    EXPECT_FALSE(missing.lastError().isEmpty());
    // Without a preview function there is no image at all (never an unblurred one).
    MediaGridModel bare(m_caseDir.toStdString());
    ASSERT_GT(bare.rowCount(), 0);
    EXPECT_TRUE(bare.index(0).data(Qt::DecorationRole).value<QImage>().isNull());
}

TEST_F(MediaUi, NumberKeyGradesTheSelectionAndMovesToTheNextUngraded)
{
    select(5);
    key(Qt::Key_1);
    EXPECT_EQ(grade(5).category, "uk:A");
    EXPECT_EQ(grade(5).source, "analyst");
    EXPECT_EQ(audits("media.grade"), 1);
    EXPECT_EQ(indexOf(5).data(MediaGridModel::CategoryRole).toString(), "uk:A");
    EXPECT_EQ(view()->currentIndex(), indexOf(6)) << "the next ungraded item is selected";

    // Several at once (Ctrl+click adds to the selection).
    view()->selectionModel()->select(indexOf(9), QItemSelectionModel::Select);
    key(Qt::Key_3);
    EXPECT_EQ(grade(6).category, "uk:C");
    EXPECT_EQ(grade(9).category, "uk:C");
    EXPECT_EQ(view()->currentIndex(), indexOf(10)) << "7 and 8 are ungraded but 10 follows the last graded item";
    EXPECT_EQ(audits("media.grade"), 2);

    select(6);
    key(Qt::Key_Backspace);
    EXPECT_EQ(grade(6).category, "");
    EXPECT_EQ(audits("media.ungrade"), 1);
    EXPECT_TRUE(m_page->countsLabel()->text().contains("Ungraded")) << m_page->countsLabel()->text().toStdString();

    // The context menu offers the same actions with their keys.
    bool listed = false;
    for (auto *a : view()->actions())
        listed |= a->shortcut() == QKeySequence(Qt::Key_4) && a->text().contains("Not indecent");
    EXPECT_TRUE(listed);
}

TEST_F(MediaUi, ShiftNumberGradesTheWholeNearDuplicateGroupAndCtrlZUndoesIt)
{
    m_page->groupingBox()->setCurrentIndex(m_page->groupingBox()->findData(int(MediaGrouping::NearDuplicates)));
    settle();
    auto *model = m_page->model();
    ASSERT_EQ(model->grouping(), MediaGrouping::NearDuplicates);
    // The group sits together at the start, with a header on its first item.
    for (int i : {kDupFirst, kDupFirst + 1, kDupFirst + 2})
        EXPECT_LT(model->rowOf(id(i)), 3);
    EXPECT_TRUE(model->index(0).data(MediaGridModel::GroupStartRole).toBool());
    EXPECT_FALSE(model->index(1).data(MediaGridModel::GroupStartRole).toBool());
    EXPECT_TRUE(model->index(3).data(MediaGridModel::GroupStartRole).toBool()) << "the ungrouped rest starts";
    EXPECT_EQ(model->index(0).data(MediaGridModel::GroupSizeRole).toLongLong(), 3);

    select(kDupFirst);
    key(Qt::Key_1);   // first an analyst grade of one member
    ASSERT_EQ(grade(kDupFirst).category, "uk:A");
    select(kDupFirst + 2);
    key(Qt::Key_2, Qt::ShiftModifier);
    for (int i : {kDupFirst, kDupFirst + 1, kDupFirst + 2}) {
        EXPECT_EQ(grade(i).category, "uk:B") << i;
        EXPECT_EQ(grade(i).source, "analyst") << i;
    }
    EXPECT_EQ(m_page->undoDepth(), 2u);
    select(kDupFirst);
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "media-grouped-near-duplicates").isEmpty());

    key(Qt::Key_Z, Qt::ControlModifier);   // the whole group at once
    EXPECT_EQ(grade(kDupFirst).category, "uk:A");
    EXPECT_EQ(grade(kDupFirst).source, "analyst");
    EXPECT_EQ(grade(kPregraded).category, "uk:C") << "the hash-set pre-grade comes back";
    EXPECT_EQ(grade(kPregraded).source, "hashset");
    EXPECT_EQ(grade(kDupFirst + 2).category, "");
    EXPECT_EQ(audits("media.grade.undo"), 1);
    EXPECT_EQ(indexOf(kPregraded).data(MediaGridModel::CategorySourceRole).toString(), "hashset");
    key(Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(grade(kDupFirst).category, "");
    EXPECT_EQ(audits("media.grade.undo"), 2);
    EXPECT_EQ(m_page->undoDepth(), 0u);
    EXPECT_FALSE(m_page->undo()) << "nothing left to undo";
}

TEST_F(MediaUi, ShiftNumberInFaceModeGradesTheFaceGroup)
{
    m_page->setGrouping(MediaGrouping::Faces);
    settle();
    auto *model = m_page->model();
    EXPECT_EQ(model->rowOf(id(kFaceFirst)), 0);
    EXPECT_EQ(model->rowOf(id(kFaceFirst + 1)), 1);
    EXPECT_EQ(model->index(0).data(MediaGridModel::GroupRole).toLongLong(), 7);
    select(kFaceFirst + 1);
    key(Qt::Key_4, Qt::ShiftModifier);
    EXPECT_EQ(grade(kFaceFirst).category, "uk:NI");
    EXPECT_EQ(grade(kFaceFirst + 1).category, "uk:NI");
    EXPECT_EQ(grade(kFaceFirst + 2).category, "");
    // An item in no face group: nothing is graded.
    select(kFaceFirst + 2);
    EXPECT_FALSE(m_page->gradeGroup("uk:A"));
    EXPECT_EQ(grade(kFaceFirst + 2).category, "");
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "media-grouped-faces").isEmpty());
}

TEST_F(MediaUi, ProjectVicSchemeMapsZeroToFourAfterConfirmation)
{
    select(5);
    key(Qt::Key_0);   // no UK category on 0
    EXPECT_EQ(grade(5).category, "");

    int asked = 0;
    m_page->setConfirm([&](const QString &) { return ++asked > 1; });   // no the first time, yes then
    EXPECT_FALSE(m_page->changeScheme(model::GradingScheme::ProjectVic)) << "declined: a hash set graded one already";
    EXPECT_EQ(m_page->scheme(), model::GradingScheme::Uk);
    EXPECT_EQ(m_page->schemeBox()->currentData().toInt(), int(model::GradingScheme::Uk));
    EXPECT_TRUE(m_page->changeScheme(model::GradingScheme::ProjectVic));
    EXPECT_EQ(asked, 2);
    EXPECT_EQ(m_page->schemeBox()->currentData().toInt(), int(model::GradingScheme::ProjectVic));
    auto db = value(casedb::CaseStore::openReadOnly(m_caseDir.toStdString()));
    EXPECT_EQ(value(casedb::gradingScheme(db)), model::GradingScheme::ProjectVic);
    EXPECT_EQ(audits("case.grading_scheme"), 1);

    const std::pair<int, const char *> keys[] = {{Qt::Key_0, "vic:0"}, {Qt::Key_1, "vic:1"}, {Qt::Key_2, "vic:2"},
                                                 {Qt::Key_3, "vic:3"}, {Qt::Key_4, "vic:4"}};
    int item = 3;
    for (const auto &[k, code] : keys) {
        select(item);
        key(k);
        EXPECT_EQ(grade(item).category, code);
        ++item;
    }
    // The filter lists the scheme's categories and the UK one a hash set gave.
    EXPECT_GE(m_page->categoryBox()->findData(QStringLiteral("vic:4")), 0);
    EXPECT_GE(m_page->categoryBox()->findData(QStringLiteral("uk:C")), 0);
}

TEST_F(MediaUi, KnownGoodMediaAreHiddenUntilAskedFor)
{
    auto *model = m_page->model();
    EXPECT_EQ(model->rowCount(), kMedia - 1);
    EXPECT_EQ(model->rowOf(id(kKnownGood)), -1);
    m_page->knownGoodBox()->setChecked(true);
    settle();
    EXPECT_EQ(model->rowCount(), kMedia);
    ASSERT_GE(model->rowOf(id(kKnownGood)), 0);
    EXPECT_TRUE(indexOf(kKnownGood).data(MediaGridModel::KnownGoodRole).toBool());
    m_page->knownGoodBox()->setChecked(false);
    settle();
    EXPECT_EQ(model->rowOf(id(kKnownGood)), -1);
}

TEST_F(MediaUi, CategoryFilterAndCountsFollowTheGrading)
{
    const QString counts = m_page->countsLabel()->text();
    EXPECT_TRUE(counts.contains("1 by hash set")) << counts.toStdString();
    EXPECT_TRUE(counts.contains("Ungraded <b>10</b>")) << counts.toStdString();   // 11 shown, 1 pre-graded

    auto *box = m_page->categoryBox();
    const int c = box->findData(QStringLiteral("uk:C"));
    ASSERT_GE(c, 0);
    box->setCurrentIndex(c);
    emit box->activated(c);
    settle();
    ASSERT_EQ(m_page->model()->rowCount(), 1);
    EXPECT_EQ(m_page->model()->mediaAt(0)->fileId, id(kPregraded));

    const int ungraded = box->findData(QString());
    box->setCurrentIndex(ungraded);
    emit box->activated(ungraded);
    settle();
    EXPECT_EQ(m_page->model()->rowCount(), kMedia - 2);
    select(0);
    key(Qt::Key_2);
    const QString after = m_page->countsLabel()->text();
    EXPECT_TRUE(after.contains("Ungraded <b>9</b>")) << after.toStdString();
}

TEST_F(MediaUi, DetailPanelShowsWhatIsKnownAboutTheMedia)
{
    select(kExif);
    const QString text = m_page->detailText();
    for (const char *expected : {"IMG_0000.jpg", "/DCIM/IMG_0000.jpg", "MD5: 0000000000000000000000000000a000",
                                 "SHA-1: 000000000000000000000000000000000000b000", "4032 × 3024 px",
                                 "PDQ: 0000000000000000 0000000000000000 0000000000000000 0000000000000000 "
                                 "(quality 90)",
                                 "pHash: c3d4e5f607182930", "2024-05-04T11:30:45", "2024:05:04 12:30:45 +01:00",
                                 "Canon EOS 80D", "0123456789", "Firmware 1.0.2", "51.500700, -0.124600",
                                 "altitude 12.5 m", "Grading: Ungraded", "Near-duplicates: none"})
        EXPECT_TRUE(text.contains(QString::fromUtf8(expected))) << expected << "\n" << text.toStdString();
    EXPECT_FALSE(test::saveScreenshot(m_page.get(), "media-detail").isEmpty());

    select(kPregraded);
    EXPECT_TRUE(m_page->detailText().contains("Category C (uk:C) — pre-graded by hash set"))
        << m_page->detailText().toStdString();
    EXPECT_TRUE(m_page->detailText().contains("Project alerts"));
    EXPECT_TRUE(m_page->detailText().contains("group 1 (3 media)"));
    select(kFaceFirst);
    EXPECT_TRUE(m_page->detailText().contains("1 face(s); groups: 7")) << m_page->detailText().toStdString();
    select(kVideoB);
    EXPECT_TRUE(m_page->detailText().contains("Duration: 1:02:05"));
    EXPECT_TRUE(m_page->detailText().contains("video · mp4 · h264"));
}

TEST_F(MediaUi, WithoutACaseNothingIsGraded)
{
    MediaPage page;
    EXPECT_FALSE(page.gradeSelection("uk:A"));
    EXPECT_FALSE(page.gradeGroup("uk:A"));
    EXPECT_FALSE(page.undo());
    EXPECT_FALSE(page.changeScheme(model::GradingScheme::ProjectVic));
    // A category that is not one: the store refuses it, the page says so, no undo step.
    select(5);
    EXPECT_FALSE(m_page->gradeSelection("uk:Z"));
    EXPECT_FALSE(m_page->statusText().isEmpty());
    EXPECT_EQ(m_page->undoDepth(), 0u);
    EXPECT_EQ(grade(5).category, "");
}

// The main window: Ctrl+4 opens the gallery of the open case; the selected media goes to
// the Details dock too.
TEST(MediaWindow, CtrlFourShowsTheGalleryOfTheOpenCase)
{
    QTemporaryDir tmp;
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QString error;
    ASSERT_TRUE(window.createCase(tmp.filePath("case"), "MEDIA-3", "tester", "", &error)) << error.toStdString();
    std::vector<std::int64_t> ids;
    buildCase(window.session()->store(), ids);
    auto *page = window.mediaPage();
    ASSERT_NE(page, nullptr);
    page->refresh();   // what the window does when an ingest finishes
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    QApplication::processEvents();
    EXPECT_EQ(window.currentArea(), MainWindow::MediaArea);
    EXPECT_TRUE(page->isVisible());
    ASSERT_EQ(page->model()->rowCount(), kMedia - 1);
    page->view()->setCurrentIndex(page->model()->index(0));
    QApplication::processEvents();
    EXPECT_EQ(window.detailPane()->currentFile(), ids[0]);
    EXPECT_FALSE(test::saveScreenshot(&window, "app-area-media-gallery").isEmpty());
}

// Many media: rows load quickly and only the thumbnails on screen are decoded.
TEST(MediaScale, OnlyVisibleThumbnailsAreDecoded)
{
    constexpr int kMany = 5000;
    QTemporaryDir tmp;
    QString error;
    auto session = CaseSession::open(tmp.filePath("case"), {"MEDIA-2", "tester", ""}, "tester", &error);
    ASSERT_TRUE(session) << error.toStdString();
    const auto ids = addFiles(session->store(), kMany, "/many/IMG_%05d.jpg");
    ASSERT_EQ(ids.size(), static_cast<std::size_t>(kMany));
    std::vector<model::MediaRecord> media;
    for (int i = 0; i < kMany; ++i)
        media.push_back(record(ids[static_cast<std::size_t>(i)], i % 12));
    session->store().addMedia(std::move(media));
    ASSERT_TRUE(session->store().flush());

    QElapsedTimer timer;
    timer.start();
    MediaPage page;
    page.resize(1320, 840);
    page.setSession(session.get());
    const auto loadMs = timer.elapsed();
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    for (int i = 0; i < 10; ++i)
        QApplication::processEvents();
    const auto shownMs = timer.elapsed();
    ASSERT_EQ(page.model()->rowCount(), kMany);
    EXPECT_GT(page.model()->decodedCount(), 0);
    EXPECT_LT(page.model()->decodedCount(), 100) << "only the items on screen";
    std::printf("[ measure  ] %d media: rows read in %lld ms, first screen painted after %lld ms, "
                "%d thumbnails decoded\n",
                kMany, static_cast<long long>(loadMs), static_cast<long long>(shownMs), page.model()->decodedCount());
}

} // namespace
