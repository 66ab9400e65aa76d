// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report (issue 9): well-formed (it parses as XML, so nothing is left open or
// unescaped), self-contained (no reference leaves the file: pictures are data: URIs, links are to
// its own ids, every one of which exists), the sections chosen and nothing else, hostile message
// text escaped, and no picture of a medium graded indecent or not graded.
#include <gtest/gtest.h>

#include <QByteArray>
#include <QXmlStreamReader>

#include <set>

#include "core/report/htmlreport.h"
#include "tests/core/report/reportcase.h"
#include "tests/testutil/tempdir.h"

using namespace vigil;
using namespace vigil::test;

namespace {

struct Parsed {
    bool wellFormed = false;
    std::string error;
    std::set<std::string> ids;
    std::vector<std::string> hrefs, srcs, headings;
    std::string text;
};

Parsed parse(const std::string &html)
{
    Parsed p;
    QXmlStreamReader xml(QByteArray::fromStdString(html));
    std::string element;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            element = xml.name().toString().toStdString();
            const auto attrs = xml.attributes();
            if (attrs.hasAttribute("id")) {
                EXPECT_TRUE(p.ids.insert(attrs.value("id").toString().toStdString()).second) << "duplicate id";
            }
            if (attrs.hasAttribute("href"))
                p.hrefs.push_back(attrs.value("href").toString().toStdString());
            if (attrs.hasAttribute("src"))
                p.srcs.push_back(attrs.value("src").toString().toStdString());
        } else if (xml.isCharacters()) {
            p.text += xml.text().toString().toStdString();
            if (element == "h2" || element == "h3")
                p.headings.push_back(xml.text().toString().toStdString());
        }
    }
    p.wellFormed = !xml.hasError();
    p.error = xml.errorString().toStdString();
    return p;
}

class HtmlReportTest : public ::testing::Test {
protected:
    void SetUp() override { m_case = makeReportCase(m_tmp.path() / "case"); ASSERT_TRUE(m_case.people); }
    report::ReportModel build(const report::ReportOptions &options)
    {
        auto m = report::buildReportModel(m_case.people->db(), options);
        EXPECT_TRUE(m) << m.error().toString();
        return m ? std::move(*m) : report::ReportModel{};
    }

    TempDir m_tmp;
    ReportCase m_case;
};

TEST_F(HtmlReportTest, WellFormedAndSelfContained)
{
    report::ReportOptions options;
    options.mediaThumbnails = true;
    report::ReportPictures pictures;
    pictures.victimMap = solidImage(1, 2, 3);
    pictures.timelines[m_case.avaPerson] = solidImage(4, 5, 6);
    const auto model = build(options);
    const std::string html = report::renderReportHtml(model, pictures);
    const Parsed p = parse(html);
    ASSERT_TRUE(p.wellFormed) << p.error;
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<meta charset=\"utf-8\" />"), std::string::npos);
    for (const auto &src : p.srcs)
        EXPECT_EQ(src.rfind("data:image/", 0), 0u) << "every picture is inline: " << src.substr(0, 40);
    EXPECT_EQ(p.srcs.size(), 3u) << "victim map, Ava's timeline, one thumbnail";
    for (const auto &href : p.hrefs) {
        ASSERT_EQ(href.rfind('#', 0), 0u) << "only links inside the file: " << href;
        EXPECT_TRUE(p.ids.contains(href.substr(1))) << href << " points nowhere";
    }
    for (const auto &[anchor, title] : report::reportContents(model))
        EXPECT_TRUE(p.ids.contains(anchor)) << anchor;
    EXPECT_NE(p.text.find("Case " + model.cover.caseNumber), std::string::npos);
}

TEST_F(HtmlReportTest, NoPictureOfAMediumGradedIndecentOrNotGraded)
{
    report::ReportOptions options;
    options.mediaThumbnails = true;
    const std::string html = report::renderReportHtml(build(options), {});
    auto inlined = [&](const std::vector<unsigned char> &bytes) {
        const QByteArray b64 = QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())).toBase64();
        return html.find(b64.toStdString()) != std::string::npos;
    };
    EXPECT_TRUE(inlined(solidImage(0, 200, 0))) << "the not-indecent thumbnail was chosen";
    EXPECT_FALSE(inlined(solidImage(200, 0, 0))) << "graded uk:A";
    EXPECT_FALSE(inlined(solidImage(0, 0, 200))) << "not graded";
    EXPECT_EQ(parse(report::renderReportHtml(build({}), {})).srcs.size(), 0u) << "thumbnails are off by default";
}

TEST_F(HtmlReportTest, OnlyTheChosenSections)
{
    report::ReportOptions options;
    options.sections = report::SectionVictims | report::SectionErrors;
    const auto model = build(options);
    const Parsed p = parse(report::renderReportHtml(model, {}));
    ASSERT_TRUE(p.wellFormed) << p.error;
    EXPECT_TRUE(p.ids.contains("victims"));
    EXPECT_TRUE(p.ids.contains("errors"));
    EXPECT_FALSE(p.ids.contains("audit"));
    EXPECT_FALSE(p.ids.contains("evidence"));
    EXPECT_FALSE(p.ids.contains("methodology"));
    EXPECT_EQ(p.text.find("Appendix: audit log"), std::string::npos);
}

TEST_F(HtmlReportTest, HostileMessageTextIsEscaped)
{
    auto model = build({});
    ASSERT_FALSE(model.victims.empty());
    ASSERT_FALSE(model.victims[0].keyMessages.empty());
    const std::string hostile = std::string("</td></table><script>alert(1)</script> & \"x\" \x01\xff") + '\0' + "end";
    model.victims[0].keyMessages[0].body = hostile;
    model.victims[0].victim.label = "<b>Eve</b>";
    const std::string html = report::renderReportHtml(model, {});
    const Parsed p = parse(html);
    ASSERT_TRUE(p.wellFormed) << p.error;
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(p.text.find("</td></table><script>alert(1)</script> & \"x\""), std::string::npos)
        << "shown as text, not markup";
    EXPECT_NE(p.text.find("<b>Eve</b>"), std::string::npos);
}

TEST_F(HtmlReportTest, PageNumbersInTheContentsWhenGiven)
{
    const auto model = build({});
    report::HtmlOptions options;
    options.inlineImages = false;
    options.tocPages["evidence"] = 3;
    report::ReportPictures pictures;
    pictures.worldMap = solidImage(9, 9, 9);
    const std::string html = report::renderReportHtml(model, pictures, options);
    EXPECT_NE(html.find("<a href=\"#evidence\">Evidence items</a></td><td>3</td>"), std::string::npos);
    EXPECT_NE(html.find("src=\"vigil:world-map\""), std::string::npos);
}

} // namespace
