// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/deadline.h"

#include <gtest/gtest.h>

#include <thread>

using namespace std::chrono_literals;
using vigil::deadlinePassed;
using vigil::ScopedDeadline;

namespace {
// Spins until the armed limit passes; false if it has not after `atMost`.
bool spinUntilPassed(std::chrono::milliseconds atMost)
{
    const auto give = ScopedDeadline::Clock::now() + atMost;
    while (!deadlinePassed()) {
        if (ScopedDeadline::Clock::now() > give)
            return false;
    }
    return true;
}
} // namespace

TEST(Deadline, NoneArmedNeverPasses)
{
    EXPECT_FALSE(deadlinePassed());
    ScopedDeadline none(0ms);
    EXPECT_FALSE(deadlinePassed());
    EXPECT_FALSE(none.passed());
}

TEST(Deadline, PassesAfterItsLimitAndEndsWithItsScope)
{
    {
        ScopedDeadline d(5ms);
        EXPECT_FALSE(deadlinePassed()) << "a 5 ms limit has not passed at once";
        ASSERT_TRUE(spinUntilPassed(10s));
        EXPECT_TRUE(d.passed());
    }
    EXPECT_FALSE(deadlinePassed()) << "the limit ended with its scope";
}

TEST(Deadline, InnerScopeNeverExtendsTheOuterOne)
{
    ScopedDeadline outer(5ms);
    {
        ScopedDeadline inner(1h);
        ASSERT_TRUE(spinUntilPassed(10s)) << "the outer 5 ms still applies inside a 1 h scope";
        ScopedDeadline unlimited(0ms);
        EXPECT_TRUE(deadlinePassed()) << "an unarmed inner scope keeps the outer limit";
    }
    EXPECT_TRUE(deadlinePassed());
}

TEST(Deadline, IsPerThread)
{
    ScopedDeadline d(1ms);
    ASSERT_TRUE(spinUntilPassed(10s));
    bool otherThreadSaw = true;
    std::thread([&] { otherThreadSaw = deadlinePassed(); }).join();
    EXPECT_FALSE(otherThreadSaw);
}
