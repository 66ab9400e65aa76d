// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil report` on the demo case (both devices), as a process (issue 9): the PDF rendered back
// (pdftotext per page: the case number on every page, a victim's evidence citation; pdftoppm
// pictures of pages kept to look at), the HTML self-contained, the SHA-256 sidecars and audit
// entries, redaction leaving no child's name in any output's bytes, no picture of a medium graded
// indecent in any output, the per-country referral packages, and usage errors.
#include <gtest/gtest.h>

#include <QByteArray>
#include <QCryptographicHash>
#include <QRegularExpression>

#include <fstream>
#include <set>
#include <sstream>

#include "core/casedb/casestore.h"
#include "core/casedb/mediaquery.h"
#include "core/casedb/peoplequery.h"
#include "core/casedb/reportquery.h"
#include "core/report/redaction.h"
#include "tests/integration/democase.h"

using namespace vigil;
using namespace vigil::test;

namespace {

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The text of each page (pdftotext's reading order; `layout` keeps table columns side by side).
std::vector<std::string> pdfPages(const fs::path &pdf, bool layout = false)
{
    const auto r = run(std::string("pdftotext ") + (layout ? "-layout " : "") + quote(pdf.string()) + " -");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    std::vector<std::string> pages;
    std::stringstream in(r.out);
    for (std::string page; std::getline(in, page, '\f');)
        pages.push_back(page);
    if (!pages.empty() && pages.back().find_first_not_of(" \n") == std::string::npos)
        pages.pop_back();
    return pages;
}

bool isLetter(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// `word` (lower case) as a whole word of `text`, ignoring ASCII case.
bool containsWord(const std::string &text, const std::string &word)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (std::size_t pos = lower.find(word); pos != std::string::npos; pos = lower.find(word, pos + 1)) {
        const bool startOk = pos == 0 || !isLetter(lower[pos - 1]);
        const bool endOk = pos + word.size() >= lower.size() || !isLetter(lower[pos + word.size()]);
        if (startOk && endOk)
            return true;
    }
    return false;
}

// Both demo devices in one case with a case number (the running header shows it).
class DemoReport : public DemoDevicesTest {
protected:
    static void SetUpTestSuite()
    {
        s_tmp = std::make_unique<TempDir>();
        if (haveEvidence())
            s_ingest = ingestShared({demoEvidence(), demoPhoneEvidence()}, caseDir(), "--case-number DEMO/2026/0042");
    }

    CommandResult report(const std::string &args)
    {
        return run(quote(vigilBinary().string()) + " report --case " + quote(caseDir().string()) + " " + args + " 2>&1");
    }
    fs::path out(const std::string &name)
    {
        static TempDir dir;
        return dir.path() / name;
    }
    std::string caseNumber()
    {
        auto db = casedb::CaseStore::openReadOnly(caseDir());
        EXPECT_TRUE(db);
        auto cover = casedb::caseCover(*db);
        EXPECT_TRUE(cover);
        return cover ? cover->caseNumber : std::string();
    }
    void expectSidecar(const fs::path &file)
    {
        const std::string sidecar = readAll(file.string() + ".sha256");
        EXPECT_EQ(sidecar, sha256File(file) + "  " + file.filename().string() + "\n") << file;
    }
};

TEST_F(DemoReport, PdfHasTheCaseNumberOnEveryPageAndCitesEvidence)
{
    const fs::path pdf = out("demo.pdf");
    const auto r = report("--format pdf --agency 'Demo Police' --out " + quote(pdf.string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    expectSidecar(pdf);
    const auto pages = pdfPages(pdf);
    ASSERT_GE(pages.size(), 5u);
    const std::string number = caseNumber();
    ASSERT_EQ(number, "DEMO/2026/0042");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        EXPECT_NE(pages[i].find("Case " + number), std::string::npos) << "page " << i + 1 << " has no running header:\n" << pages[i].substr(0, 600);
        EXPECT_NE(pages[i].find("Page " + std::to_string(i + 1) + " of " + std::to_string(pages.size())), std::string::npos)
            << "page " << i + 1;
    }
    EXPECT_NE(pages[0].find("Demo Police"), std::string::npos);
    // Text reads back as written: no ligature glyphs ("ﬁ" would make "Verification" unsearchable).
    std::string all;
    for (const auto &p : pages)
        all += p;
    EXPECT_EQ(all.find("\xEF\xAC"), std::string::npos) << "a ligature (U+FB00..U+FB4F) in the PDF's text";
    EXPECT_NE(all.find("Verification MD5 (computed)"), std::string::npos);
    // Victim 1's first key message is cited with its file, row and hashes on some page.
    const auto citation = std::find_if(pages.begin(), pages.end(), [](const std::string &p) {
        return p.find("Source: ") != std::string::npos && p.find("rowid") != std::string::npos
               && p.find("MD5") != std::string::npos;
    });
    EXPECT_NE(citation, pages.end()) << "no evidence citation in the PDF";
    // The contents give the page of "Findings per victim", and that page has the heading.
    const QRegularExpression toc(QStringLiteral("Findings per victim\\s+(\\d+)"));
    const auto laidOut = pdfPages(pdf, true);
    const auto m = toc.match(QString::fromStdString(laidOut[0] + laidOut[1]));
    ASSERT_TRUE(m.hasMatch()) << pages[0];
    const int page = m.captured(1).toInt();
    ASSERT_GE(page, 1);
    ASSERT_LE(page, static_cast<int>(pages.size()));
    EXPECT_NE(pages[page - 1].find("Findings per victim"), std::string::npos) << "the contents point at page " << page;
    // Pictures of the pages, to look at.
    const fs::path shots = fs::path(VIGIL_BINARY_DIR) / "test-artifacts" / "screenshots";
    fs::create_directories(shots);
    const auto png = run("pdftoppm -r 60 -png -f 1 -l " + std::to_string(page + 1) + " " + quote(pdf.string()) + " "
                         + quote((shots / "report-demo-page").string()));
    EXPECT_EQ(png.exitCode, 0) << png.out;
}

TEST_F(DemoReport, HtmlIsSelfContainedAndSealed)
{
    const fs::path html = out("demo.html");
    const auto r = report("--format html --out " + quote(html.string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    expectSidecar(html);
    const std::string text = readAll(html);
    EXPECT_EQ(text.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(text.find("src=\"http"), std::string::npos);
    EXPECT_EQ(text.find("src=\"file:"), std::string::npos);
    EXPECT_EQ(text.find("href=\"http"), std::string::npos);
    EXPECT_NE(text.find("src=\"data:image/png;base64,"), std::string::npos) << "the maps are inline";
    EXPECT_NE(text.find("Grace"), std::string::npos) << "not redacted unless asked";
    EXPECT_GE(count("SELECT count(*) FROM audit_log WHERE action = 'report.write' AND details LIKE '%demo.html%'"), 1);
}

TEST_F(DemoReport, RedactionLeavesNoChildsNameInAnyOutput)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir());
    ASSERT_TRUE(db);
    auto victims = casedb::listVictims(*db);
    ASSERT_TRUE(victims);
    std::vector<std::int64_t> ids;
    for (const auto &v : *victims)
        ids.push_back(v.personId);
    auto redactor = report::Redactor::forVictims(*db, ids);
    ASSERT_TRUE(redactor);
    const auto secrets = redactor->secrets();
    ASSERT_GE(secrets.size(), 10u);

    // The bytes of every text output (HTML without its inline pictures: base64 is not text);
    // compressed outputs by what they hold: a PDF's text and metadata, an XLSX's XML members.
    std::map<std::string, std::string> outputs;
    for (const std::string format : {"pdf", "html", "csv", "xlsx"}) {
        const fs::path file = out("redacted." + format);
        const auto r = report("--redact --format " + format + " --out " + quote(file.string()));
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }
    auto searchable = [](const fs::path &file) -> std::string {
        const std::string ext = file.extension().string();
        if (ext == ".pdf")
            return run("pdftotext " + quote(file.string()) + " - && pdfinfo " + quote(file.string())).out;
        if (ext == ".xlsx")
            return run("unzip -p " + quote(file.string())).out;
        static const QRegularExpression picture(QStringLiteral("base64,[A-Za-z0-9+/=]+"));
        return QString::fromStdString(readAll(file)).replace(picture, QStringLiteral("base64,")).toStdString();
    };
    for (const std::string format : {"pdf", "html", "csv", "xlsx"})
        outputs[format] = searchable(out("redacted." + format));
    const fs::path packages = out("redacted-packages");
    ASSERT_EQ(report("--redact --format packages --out " + quote(packages.string())).exitCode, 0);
    for (const auto &entry : fs::recursive_directory_iterator(packages))
        if (entry.is_regular_file()) {
            outputs[entry.path().string()] = searchable(entry.path());
            outputs["path " + entry.path().string()] = entry.path().string();
        }
    EXPECT_NE(outputs["pdf"].find("Victim 1"), std::string::npos);
    EXPECT_NE(outputs["xlsx"].find("<sheetData>"), std::string::npos) << "the XLSX's members were read";
    for (const auto &[what, bytes] : outputs) {
        for (const std::string &secret : secrets) {
            std::string lower = secret;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            EXPECT_FALSE(containsWord(bytes, lower)) << "'" << secret << "' found in " << what;
        }
    }
}

TEST_F(DemoReport, NoPictureOfAMediumGradedIndecentInAnyOutput)
{
    // Grade two demo media: one indecent, one not (the analyst's grading, as the desktop writes it).
    auto db = casedb::CaseStore::openReadOnly(caseDir());
    ASSERT_TRUE(db);
    auto media = casedb::listMedia(*db);
    ASSERT_TRUE(media);
    std::vector<std::int64_t> withThumb;
    for (const auto &m : *media)
        if (auto t = casedb::mediaThumbnail(*db, m.fileId); t && !t->empty())
            withThumb.push_back(m.fileId);
    ASSERT_GE(withThumb.size(), 2u);
    const std::int64_t indecent = withThumb[0], notIndecent = withThumb[1];
    const auto graded = run("sqlite3 " + quote((caseDir() / casedb::CaseStore::kDatabaseName).string())
                            + " \"INSERT OR REPLACE INTO gradings (file_id, category, source, graded_utc) VALUES ("
                            + std::to_string(indecent) + ", 'uk:A', 'analyst', '2026-12-02T00:00:00Z'), ("
                            + std::to_string(notIndecent) + ", 'uk:NI', 'analyst', '2026-12-02T00:00:00Z')\"");
    ASSERT_EQ(graded.exitCode, 0) << graded.out;
    auto indecentThumb = casedb::mediaThumbnail(*db, indecent);
    auto notIndecentThumb = casedb::mediaThumbnail(*db, notIndecent);
    ASSERT_TRUE(indecentThumb && notIndecentThumb);
    auto b64 = [](const std::vector<unsigned char> &bytes) {
        return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())).toBase64().toStdString();
    };
    const fs::path html = out("thumbs.html");
    ASSERT_EQ(report("--thumbnails --format html --out " + quote(html.string())).exitCode, 0);
    const std::string text = readAll(html);
    EXPECT_NE(text.find(b64(*notIndecentThumb)), std::string::npos) << "the not-indecent thumbnail was asked for";
    EXPECT_EQ(text.find(b64(*indecentThumb)), std::string::npos) << "a medium graded uk:A is in the report";
    // Every picture in the HTML: none is the indecent medium's thumbnail or its file's bytes.
    const QRegularExpression img(QStringLiteral("src=\"data:image/[a-z]+;base64,([A-Za-z0-9+/=]+)\""));
    const std::string indecentSha = QCryptographicHash::hash(
        QByteArray(reinterpret_cast<const char *>(indecentThumb->data()), qsizetype(indecentThumb->size())),
        QCryptographicHash::Sha256).toHex().toStdString();
    int pictures = 0;
    for (auto it = img.globalMatch(QString::fromStdString(text)); it.hasNext();) {
        const QByteArray bytes = QByteArray::fromBase64(it.next().captured(1).toLatin1());
        EXPECT_NE(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString(), indecentSha);
        ++pictures;
    }
    EXPECT_GE(pictures, 3);
    // The PDF holds exactly one more picture with thumbnails than without (the not-indecent one).
    const fs::path with = out("thumbs.pdf"), without = out("nothumbs.pdf");
    ASSERT_EQ(report("--thumbnails --format pdf --out " + quote(with.string())).exitCode, 0);
    ASSERT_EQ(report("--format pdf --out " + quote(without.string())).exitCode, 0);
    auto images = [](const fs::path &pdf) {
        const auto r = run("pdfimages -list " + quote(pdf.string()) + " | tail -n +3 | wc -l");
        return std::stoi(r.out);
    };
    EXPECT_EQ(images(with), images(without) + 1);
}

TEST_F(DemoReport, ReferralPackagesPerCountry)
{
    const fs::path dir = out("packages");
    const auto r = report("--format packages --out " + quote(dir.string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto db = casedb::CaseStore::openReadOnly(caseDir());
    ASSERT_TRUE(db);
    auto victims = casedb::listVictims(*db);
    ASSERT_TRUE(victims);
    std::set<std::string> countries;
    for (const auto &v : *victims)
        if (!v.country.empty())
            countries.insert(v.country);
    ASSERT_GE(countries.size(), 3u);
    for (const auto &cc : countries) {
        const fs::path folder = dir / cc;
        ASSERT_TRUE(fs::is_directory(folder)) << cc;
        for (const std::string name : {".pdf", ".html", "-victims.csv", "-victims.xlsx", "-evidence-excerpts.csv"})
            EXPECT_TRUE(fs::exists(folder / ("referral-" + cc + name))) << cc << name;
        const auto check = run("cd " + quote(folder.string()) + " && sha256sum -c MANIFEST.sha256 2>&1");
        EXPECT_EQ(check.exitCode, 0) << check.out;
        // The victim list holds that country's victims only.
        const std::string csv = readAll(folder / ("referral-" + cc + "-victims.csv"));
        for (const auto &v : *victims) {
            if (v.country == cc || v.label.size() <= 3)
                continue;
            std::string label = v.label;
            std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return std::tolower(c); });
            EXPECT_FALSE(containsWord(csv, label)) << v.label << " (" << v.country << ") in the " << cc << " package";
        }
    }
    const fs::path gb = out("gb-only");
    ASSERT_EQ(report("--country GB --format packages --out " + quote(gb.string())).exitCode, 0);
    EXPECT_TRUE(fs::is_directory(gb / "GB"));
    EXPECT_EQ(std::distance(fs::directory_iterator(gb), fs::directory_iterator{}), 1);
}

TEST_F(DemoReport, OtherFormatsAndErrors)
{
    for (const std::string format : {"case-uco", "vics", "xlsx", "csv"}) {
        const fs::path file = out("other." + format);
        const auto r = report("--format " + format + " --out " + quote(file.string()));
        ASSERT_EQ(r.exitCode, 0) << format << ": " << r.out;
        expectSidecar(file);
    }
    EXPECT_EQ(run("unzip -tq " + quote(out("other.xlsx").string())).exitCode, 0);
    EXPECT_EQ(report("--format docx --out x.docx").exitCode, 64);
    EXPECT_EQ(report("--format pdf").exitCode, 64);
    EXPECT_EQ(report("--format pdf --sections victims,nonsense --out x.pdf").exitCode, 64);
    const auto redacted = report("--redact --format case-uco --out " + quote(out("r.jsonld").string()));
    EXPECT_EQ(redacted.exitCode, 2);
    EXPECT_NE(redacted.out.find("never redacted"), std::string::npos) << redacted.out;
    const auto nowhere = report("--format pdf --out /nonexistent/folder/r.pdf");
    EXPECT_EQ(nowhere.exitCode, 2);
    EXPECT_NE(nowhere.out.find("no such folder"), std::string::npos) << nowhere.out;
    EXPECT_EQ(report("--country ZZ --format packages --out " + quote(out("zz").string())).exitCode, 2);
}

} // namespace
