// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/bytebudget.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

using vigil::ByteBudget;
using vigil::ByteShare;

TEST(ByteBudget, GrantsWhatFitsAndRefusesTheRestUntilReleased)
{
    ByteBudget budget(100);
    EXPECT_TRUE(budget.tryAcquire(60));
    EXPECT_TRUE(budget.tryAcquire(40));
    EXPECT_EQ(budget.held(), 100u);
    EXPECT_FALSE(budget.tryAcquire(1));
    budget.release(40);
    EXPECT_FALSE(budget.tryAcquire(41));
    EXPECT_TRUE(budget.tryAcquire(40));
    budget.release(100);
    EXPECT_EQ(budget.held(), 0u);
}

TEST(ByteBudget, ARequestLargerThanTheWholeBudgetIsServedAlone)
{
    ByteBudget budget(100);
    ASSERT_TRUE(budget.tryAcquire(10));
    EXPECT_FALSE(budget.tryAcquire(500));   // not beside anything else
    budget.release(10);
    EXPECT_TRUE(budget.tryAcquire(500));    // but alone it is granted
    EXPECT_FALSE(budget.tryAcquire(1));     // and nothing goes beside it
    budget.release(500);
    EXPECT_TRUE(budget.tryAcquire(1));
}

TEST(ByteBudget, AWaitingAcquireGoesOnOnceTheHolderReleases)
{
    ByteBudget budget(100);
    ASSERT_TRUE(budget.tryAcquire(70));
    std::promise<void> waiting;
    auto granted = std::async(std::launch::async, [&] {
        waiting.set_value();
        return budget.acquire(50);
    });
    waiting.get_future().wait();
    // The waiter can only be granted after the release: nothing else makes room.
    budget.release(70);
    EXPECT_TRUE(granted.get());
    EXPECT_EQ(budget.held(), 50u);
    EXPECT_LE(budget.waits(), 1u);
}

TEST(ByteBudget, CancelStopsAWaitWithoutTakingAnything)
{
    ByteBudget budget(100);
    ASSERT_TRUE(budget.tryAcquire(100));
    std::atomic<bool> cancel{true};
    EXPECT_FALSE(budget.acquire(1, &cancel));
    EXPECT_EQ(budget.held(), 100u);
    EXPECT_EQ(budget.waits(), 1u);
}

TEST(ByteBudget, AShareGivesItsBytesBackWhenItGoes)
{
    ByteBudget budget(100);
    {
        ASSERT_TRUE(budget.tryAcquire(80));
        ByteShare share(budget, 80);
        EXPECT_EQ(share.bytes(), 80u);
        ByteShare moved = std::move(share);
        EXPECT_EQ(share.bytes(), 0u);
        EXPECT_EQ(budget.held(), 80u);
        moved.reset();
        EXPECT_EQ(budget.held(), 0u);
        ASSERT_TRUE(budget.tryAcquire(30));
        moved = ByteShare(budget, 30);
    }
    EXPECT_EQ(budget.held(), 0u);
}

TEST(ByteBudget, ManyThreadsNeverHoldMoreThanTheBudget)
{
    ByteBudget budget(100);
    std::atomic<std::uint64_t> most{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                const std::uint64_t n = 10 + (i * 7 + t * 13) % 60;
                ASSERT_TRUE(budget.acquire(n));
                const auto now = budget.held();
                for (auto seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
                }
                budget.release(n);
            }
        });
    for (auto &t : threads)
        t.join();
    EXPECT_LE(most.load(), 100u);
    EXPECT_EQ(budget.held(), 0u);
}
