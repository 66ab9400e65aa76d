// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/report/reportcase.h"

#include <gtest/gtest.h>

#include <QBuffer>
#include <QImage>

#include "core/analysis/people/people.h"
#include "core/analysis/timeline/timeline.h"
#include "core/casedb/peoplequery.h"
#include "core/util/resources.h"

namespace vigil::test {

std::vector<unsigned char> solidImage(int red, int green, int blue)
{
    QImage image(24, 16, QImage::Format_RGB32);
    image.fill(QColor(red, green, blue));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return {bytes.begin(), bytes.end()};
}

namespace {

void addMedium(casedb::Database &db, std::int64_t id, const std::string &name, const std::string &category,
               const std::vector<unsigned char> &thumbnail)
{
    const std::string md5 = std::string(31, '0') + std::to_string(id);
    auto r = db.exec("INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, size, md5, parser, parser_version) "
                     "VALUES (" + std::to_string(id) + ", 1, '/Users/alex/Pictures/" + name + "', '" + name
                     + "', 'file', 1, 100, '" + md5 + "', 'tsk', '4')");
    ASSERT_TRUE(r) << r.error().toString();
    auto st = db.prepare("INSERT INTO media (file_id, evidence_id, kind, format, width, height, thumbnail, status, "
                         "analyser, analyser_version) VALUES (?, 1, 'image', 'jpeg', 24, 16, ?, 'analysed', 'vigil-media', '1')");
    ASSERT_TRUE(st) << st.error().toString();
    ASSERT_TRUE(st->bind(1, id).bindBlob(2, thumbnail).run());
    if (!category.empty()) {
        r = db.exec("INSERT INTO gradings (file_id, category, source, graded_utc) VALUES (" + std::to_string(id) + ", '"
                    + category + "', 'analyst', '2026-01-01T00:00:00Z')");
        ASSERT_TRUE(r) << r.error().toString();
    }
}

} // namespace

ReportCase makeReportCase(const std::filesystem::path &dir)
{
    ReportCase rc;
    rc.people = PeopleCase::create(dir);
    EXPECT_TRUE(rc.people);
    if (!rc.people)
        return rc;
    rc.scenario = buildScenario(*rc.people, false);
    auto analysed = analysis::analysePeople(rc.people->db());
    EXPECT_TRUE(analysed) << analysed.error().toString();
    auto timeline = analysis::buildTimeline(rc.people->db());
    EXPECT_TRUE(timeline) << timeline.error().toString();
    auto victims = casedb::listVictims(rc.people->db());
    EXPECT_TRUE(victims);
    for (const auto &v : victims ? *victims : std::vector<casedb::VictimRow>{})
        if (v.label == "Ava")
            rc.avaPerson = v.personId;
    rc.indecentFile = 9001;
    rc.notIndecentFile = 9002;
    rc.ungradedFile = 9003;
    addMedium(rc.people->db(), rc.indecentFile, "a.jpg", "uk:A", solidImage(200, 0, 0));
    addMedium(rc.people->db(), rc.notIndecentFile, "beach.jpg", "uk:NI", solidImage(0, 200, 0));
    addMedium(rc.people->db(), rc.ungradedFile, "c.jpg", "", solidImage(0, 0, 200));
    return rc;
}

} // namespace vigil::test
