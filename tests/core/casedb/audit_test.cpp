// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "core/casedb/audit.h"
#include "core/casedb/schema.h"
#include "testdir.h"

using namespace vigil;
using namespace vigil::casedb;

class Audit : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto opened = Database::open(m_dir.path() / "a.db", Database::Mode::ReadWrite, true);
        ASSERT_TRUE(opened);
        db = std::move(*opened);
        ASSERT_TRUE(migrate(db));
        for (int i = 0; i < 5; ++i)
            ASSERT_TRUE(appendAudit(db, "analyst", "action." + std::to_string(i), "{\"n\":" + std::to_string(i) + "}"));
    }
    TestDir m_dir;
    Database db;
};

TEST_F(Audit, ChainVerifies)
{
    auto n = verifyAuditChain(db);
    ASSERT_TRUE(n) << n.error().toString();
    EXPECT_EQ(*n, 5);
}

TEST_F(Audit, UpdateAndDeleteAreRefused)
{
    EXPECT_FALSE(db.exec("UPDATE audit_log SET actor='mallory' WHERE seq=2"));
    EXPECT_FALSE(db.exec("DELETE FROM audit_log WHERE seq=5"));
    EXPECT_EQ(*verifyAuditChain(db), 5);
}

TEST_F(Audit, TamperingIsDetected)
{
    // Someone with raw access drops the guard and edits an entry.
    ASSERT_TRUE(db.exec("DROP TRIGGER audit_log_no_update"));
    ASSERT_TRUE(db.exec("UPDATE audit_log SET details='{\"n\":99}' WHERE seq=3"));
    auto r = verifyAuditChain(db);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("entry 3"), std::string::npos);
}

TEST_F(Audit, RemovedEntryIsDetected)
{
    ASSERT_TRUE(db.exec("DROP TRIGGER audit_log_no_delete"));
    ASSERT_TRUE(db.exec("DELETE FROM audit_log WHERE seq=2"));
    EXPECT_FALSE(verifyAuditChain(db));
}
