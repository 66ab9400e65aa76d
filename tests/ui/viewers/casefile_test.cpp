// SPDX-License-Identifier: GPL-3.0-or-later
// The viewers on real case content: a generated folder is ingested, then each file is
// read back through pipeline::FileContent.
#include <gtest/gtest.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QStringEncoder>
#include <QTemporaryDir>

#include "core/casedb/casestore.h"
#include "core/casedb/queries.h"
#include "core/pipeline/filecontent.h"
#include "core/pipeline/ingest.h"
#include "tests/ui/viewers/guienvironment.h"
#include "ui/viewers/hexview.h"
#include "ui/viewers/imagepreview.h"
#include "ui/viewers/textview.h"

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(data);
}

QByteArray shapesPng()
{
    QImage img(200, 150, QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            img.setPixel(x, y, ((x / 5 + y / 5) % 2) ? qRgb(255, 255, 255) : qRgb(0, 0, 0));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes;
}

class CaseFiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        const QString src = m_tmp.filePath("src");
        QDir().mkpath(src);
        writeFile(src + "/picture.png", shapesPng());
        QStringEncoder utf16(QStringConverter::Utf16LE);
        writeFile(src + "/notes.txt", utf16.encode(QStringLiteral("Meeting notes, written in UTF-16 without a BOM\n")));
        auto store = vigil::casedb::CaseStore::openOrCreate(caseDir(), {"V-1", "tester", "viewers"}, "test");
        ASSERT_TRUE(store.has_value());
        vigil::pipeline::IngestOptions options;
        options.evidence = {src.toStdString()};
        vigil::pipeline::runIngest(**store, options);
    }

    std::filesystem::path caseDir() const { return m_tmp.filePath("case").toStdString(); }

    std::unique_ptr<vigil::pipeline::FileContent> open(const std::string &path)
    {
        auto db = vigil::casedb::CaseStore::openReadOnly(caseDir());
        std::int64_t id = 0;
        vigil::casedb::forEachFile(*db, {}, [&](const vigil::casedb::FileRow &r) {
            if (r.path == path)
                id = r.id;
        });
        auto content = vigil::pipeline::FileContent::open(caseDir(), id);
        return content ? std::move(*content) : nullptr;
    }

    QTemporaryDir m_tmp;
};

} // namespace

TEST_F(CaseFiles, ImageFromTheCaseIsBlurred)
{
    auto content = open("/picture.png");
    ASSERT_NE(content, nullptr);
    vigil::ui::ImagePreview preview;
    ASSERT_TRUE(preview.setFileContent(*content));
    EXPECT_FALSE(preview.isRevealed());
    EXPECT_EQ(preview.displayedImage().size(), QSize(200, 150));
}

TEST_F(CaseFiles, TextFromTheCaseIsDecoded)
{
    auto content = open("/notes.txt");
    ASSERT_NE(content, nullptr);
    vigil::ui::TextView view;
    view.setFileContent(*content);
    EXPECT_EQ(view.encoding(), vigil::ui::TextEncoding::Utf16Le);
    EXPECT_TRUE(view.text().startsWith(QStringLiteral("Meeting notes")));
}

TEST_F(CaseFiles, HexOfTheCaseFile)
{
    auto content = open("/picture.png");
    ASSERT_NE(content, nullptr);
    vigil::ui::HexView view;
    view.setFileContent(*content);
    EXPECT_EQ(view.size(), content->size());
    EXPECT_TRUE(view.formatLine(0).startsWith(QStringLiteral("00000000  89 50 4E 47 0D 0A 1A 0A"))) << view.formatLine(0).toStdString();
}
