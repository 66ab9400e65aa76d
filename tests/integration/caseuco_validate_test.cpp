// SPDX-License-Identifier: GPL-3.0-or-later
// The CASE/UCO export of the demo case (both devices, ingested with the real `vigil`) checked by
// SHACL against the CASE 1.4.0 / UCO 1.4.0 shapes with ../shared/tools/case-validate: the whole case
// and a restricted export (one victim's conversations, ten files) must PASS with no violation;
// copies broken on purpose — a sentTime that is not a dateTime, a hash that is not hexBinary, a size
// that is text — must each FAIL on that property. Skips when the validator, java or the ontologies are
// missing. The validation time and the object counts are printed and recorded as test properties.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "core/casedb/casestore.h"
#include "core/report/caseuco/caseuco.h"
#include "democase.h"

using namespace vigil;
using namespace vigil::test;

namespace {

fs::path validator()
{
    return fs::path(VIGIL_EXTERNAL_DATA) / "../../tools/case-validate";
}

std::string whyNoValidator()
{
    if (!fs::exists(validator()))
        return "no CASE/UCO validator at " + validator().string();
    if (!fs::is_directory(fs::path(VIGIL_EXTERNAL_DATA) / "case-uco" / "uco-ontology") ||
        !fs::is_directory(fs::path(VIGIL_EXTERNAL_DATA) / "case-uco" / "case-ontology"))
        return "no CASE/UCO ontologies in " + (fs::path(VIGIL_EXTERNAL_DATA) / "case-uco").string();
    if (!haveTool("java") || !fs::exists("/usr/share/java/jena-shacl.jar"))
        return "case-validate needs java and Apache Jena (default-jre-headless libapache-jena-java)";
    return {};
}

struct Validation {
    CommandResult result;
    double seconds = 0;
};

// Validates the files in one run (two at a time); the ontology cache lives in the build folder.
Validation validate(const std::vector<fs::path> &files)
{
    std::string command = "CASE_VALIDATE_CACHE=" + quote(std::string(VIGIL_BINARY_DIR) + "/case-validate-cache") + " " +
                          quote(validator().string()) + " -j 2";
    for (const auto &f : files)
        command += " " + quote(f.string());
    const auto start = std::chrono::steady_clock::now();
    Validation v{run(command), 0};
    v.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return v;
}

std::string readAll(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A copy of `file` with the first value after `marker` (up to `end`) replaced by `value`.
fs::path broken(const fs::path &file, const std::string &name, const std::string &marker, char end,
                const std::string &value)
{
    std::string text = readAll(file);
    const auto at = text.find(marker);
    if (at == std::string::npos)
        return {};
    const auto from = at + marker.size();
    text.replace(from, text.find(end, from) - from, value);
    const fs::path out = file.parent_path() / name;
    std::ofstream(out, std::ios::binary) << text;
    return out;
}

// case-validate's output split per file: each file's lines end with "PASS|FAIL|ERROR <file>".
std::map<std::string, std::string> perFile(const std::string &out)
{
    std::map<std::string, std::string> reports;
    std::istringstream lines(out);
    std::string line, current;
    while (std::getline(lines, line)) {
        current += line + "\n";
        for (const char *verdict : {"PASS ", "FAIL ", "ERROR "}) {
            if (line.starts_with(verdict)) {
                reports[line.substr(std::string(verdict).size())] = current;
                current.clear();
            }
        }
    }
    return reports;
}

class CaseUcoValidate : public DemoDevicesTest {
protected:
    void SetUp() override
    {
        DemoDevicesTest::SetUp();
        if (IsSkipped())
            return;
        if (const auto why = whyNoValidator(); !why.empty())
            GTEST_SKIP() << why;
    }

    report::CaseUcoStats exportTo(const fs::path &out, const report::CaseUcoOptions &options)
    {
        auto db = casedb::Database::open(caseDir() / casedb::CaseStore::kDatabaseName, casedb::Database::Mode::ReadOnly);
        EXPECT_TRUE(db) << db.error().toString();
        if (!db)
            return {};
        auto stats = report::writeCaseUco(*db, out, options);
        EXPECT_TRUE(stats) << stats.error().toString();
        return stats ? *stats : report::CaseUcoStats{};
    }

    static void print(const char *what, const report::CaseUcoStats &s)
    {
        std::cout << what << ": " << s.objects << " objects, " << s.files << " files, " << s.messages << " messages, "
                  << s.threads << " threads, " << s.accounts << " accounts, " << s.relationships << " relationships\n";
    }
};

TEST_F(CaseUcoValidate, TheDemoExportPassesShaclValidation)
{
    const fs::path full = s_tmp->path() / "demo-case.jsonld", part = s_tmp->path() / "demo-victim.jsonld";
    const auto stats = exportTo(full, {"test", {}, -1});
    print("whole case", stats);
    EXPECT_EQ(stats.messages, count("SELECT count(*) FROM messages"));
    EXPECT_EQ(stats.threads, count("SELECT count(*) FROM conversations"));
    EXPECT_EQ(stats.accounts, count("SELECT count(*) FROM accounts"));
    EXPECT_EQ(stats.files, count("SELECT count(*) FROM files WHERE meta_type NOT IN ('dir', 'virtual')"));
    const std::int64_t victim = count("SELECT person_id FROM victims ORDER BY rank LIMIT 1");
    const auto partStats = exportTo(part, {"test", {victim}, 10});
    print("first victim, ten files", partStats);
    EXPECT_GT(partStats.messages, 0);
    EXPECT_LT(partStats.messages, stats.messages);
    EXPECT_EQ(partStats.files, 10);

    const auto v = validate({full, part});
    std::cout << "case-validate of both exports: " << v.seconds << " s\n" << v.result.out;
    RecordProperty("validation_seconds", std::to_string(v.seconds));
    RecordProperty("objects", std::to_string(stats.objects));
    EXPECT_EQ(v.result.exitCode, 0) << v.result.out;
    EXPECT_NE(v.result.out.find("PASS " + full.string()), std::string::npos);
    EXPECT_NE(v.result.out.find("PASS " + part.string()), std::string::npos);
    const auto reports = perFile(v.result.out);
    for (const auto &f : {full, part})
        EXPECT_NE(reports.at(f.string()).find("violations=0 warnings=0 infos=0"), std::string::npos)
            << "no violation, warning or info in " << f;
}

TEST_F(CaseUcoValidate, BrokenCopiesFailOnTheBrokenProperty)
{
    const fs::path full = s_tmp->path() / "demo-for-breaking.jsonld";
    exportTo(full, {"test", {}, -1});
    const fs::path time = broken(full, "bad-time.jsonld",
                                 R"("uco-observable:sentTime":{"@type":"xsd:dateTime","@value":")", '"', "last Tuesday");
    const fs::path hash = broken(full, "bad-hash.jsonld", R"("@type":"xsd:hexBinary","@value":")", '"', "not-hex");
    const fs::path size = broken(full, "bad-size.jsonld", R"("uco-observable:sizeInBytes":)", ',', "\"large\"");
    ASSERT_FALSE(time.empty() || hash.empty() || size.empty()) << "the export lacks a property the test breaks";

    const auto v = validate({time, hash, size});
    std::cout << "case-validate of three broken copies: " << v.seconds << " s\n" << v.result.out;
    EXPECT_EQ(v.result.exitCode, 1) << v.result.out;
    const auto reports = perFile(v.result.out);
    for (const auto &[file, property] : {std::pair{time, "sentTime"}, {hash, "hashValue"}, {size, "sizeInBytes"}}) {
        ASSERT_TRUE(reports.contains(file.string())) << file;
        const std::string &report = reports.at(file.string());
        EXPECT_NE(report.find("FAIL " + file.string()), std::string::npos) << report;
        EXPECT_NE(report.find("violations=1 "), std::string::npos) << "exactly the broken value: " << report;
        EXPECT_NE(report.find("/" + std::string(property) + "> [DatatypeConstraintComponent]"), std::string::npos)
            << property << ": " << report;
    }
}

} // namespace
