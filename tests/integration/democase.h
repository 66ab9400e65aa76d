// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "harness.h"

namespace vigil::test {

// A test suite over one `vigil ingest` of the bundled demo evidence, made once per suite;
// every test skips when the generate_demo fixture has not run.
class DemoCaseTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_tmp = std::make_unique<TempDir>();
        if (fs::exists(demoEvidence()))
            s_ingest = ingestShared({demoEvidence()}, s_tmp->path() / "case");
    }
    static void TearDownTestSuite() { s_tmp.reset(); }
    void SetUp() override
    {
        if (!fs::exists(demoEvidence()))
            GTEST_SKIP() << "no demo evidence: run the generate_demo CTest fixture first";
    }
    static fs::path caseDir() { return s_tmp->path() / "case"; }
    static std::int64_t count(const std::string &sql) { return caseScalar(caseDir(), sql); }

    inline static std::unique_ptr<TempDir> s_tmp;
    inline static CommandResult s_ingest;
};

// The same over both demo devices, the laptop and the phone (the suspect's second device).
class DemoDevicesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_tmp = std::make_unique<TempDir>();
        if (haveEvidence())
            s_ingest = ingestShared({demoEvidence(), demoPhoneEvidence()}, caseDir());
    }
    static void TearDownTestSuite() { s_tmp.reset(); }
    void SetUp() override
    {
        if (!haveEvidence())
            GTEST_SKIP() << "no demo evidence: run the generate_demo CTest fixture first";
        ASSERT_EQ(s_ingest.exitCode, 0) << s_ingest.out;
    }
    static bool haveEvidence() { return fs::exists(demoEvidence()) && fs::exists(demoPhoneEvidence()); }
    static fs::path caseDir() { return s_tmp->path() / "case"; }
    static std::int64_t count(const std::string &sql) { return caseScalar(caseDir(), sql); }

    inline static std::unique_ptr<TempDir> s_tmp;
    inline static CommandResult s_ingest;
};

} // namespace vigil::test
