#include "batch/memory_manager.h"

#include <gtest/gtest.h>

namespace unjucks::batch {
namespace {

constexpr size_t MiB = size_t{1} << 20;

TEST(MemoryManager, ReservesWithinTheWorkerLimit) {
  MemoryManager m(4, {128 * MiB, 32 * MiB});
  EXPECT_EQ(m.available(0), 128 * MiB);  // own 32 + 3 idle workers' 32 each
  EXPECT_TRUE(m.try_reserve(0, 10 * MiB));
  EXPECT_TRUE(m.busy(0));
  EXPECT_EQ(m.available(0), 0u);  // one task per worker
  EXPECT_EQ(m.total_reserved(), 10 * MiB);
  EXPECT_EQ(m.borrowed(0), 0u);
  m.release(0);
  EXPECT_FALSE(m.busy(0));
  EXPECT_EQ(m.total_reserved(), 0u);
}

TEST(MemoryManager, BorrowsFromIdleWorkersAndReturnsTheLoan) {
  MemoryManager m(3, {128 * MiB, 32 * MiB});
  ASSERT_TRUE(m.try_reserve(0, 20 * MiB));
  // Worker 1 may borrow from idle worker 2 only (worker 0 is busy).
  EXPECT_EQ(m.available(1), 64 * MiB);
  ASSERT_TRUE(m.try_reserve(1, 50 * MiB));
  EXPECT_EQ(m.borrowed(1), 18 * MiB);
  EXPECT_EQ(m.lent(2), 18 * MiB);
  EXPECT_EQ(m.limit(2), 14 * MiB);
  EXPECT_EQ(m.limit(1), 50 * MiB);
  // The lender can still run a task within what it kept.
  EXPECT_EQ(m.available(2), 14 * MiB);
  EXPECT_FALSE(m.try_reserve(2, 15 * MiB));
  EXPECT_TRUE(m.try_reserve(2, 14 * MiB));
  m.release(1);
  EXPECT_EQ(m.lent(2), 0u);
  EXPECT_EQ(m.borrowed(1), 0u);
  EXPECT_EQ(m.stats().loans, 1u);
  EXPECT_EQ(m.stats().peak_reserved, 84 * MiB);
}

TEST(MemoryManager, TheGlobalLimitCapsEverything) {
  MemoryManager m(4, {40 * MiB, 32 * MiB});
  ASSERT_TRUE(m.try_reserve(0, 30 * MiB));
  EXPECT_EQ(m.available(1), 10 * MiB);
  EXPECT_FALSE(m.try_reserve(1, 11 * MiB));
  EXPECT_EQ(m.stats().refusals, 1u);
  EXPECT_TRUE(m.try_reserve(1, 10 * MiB));
  EXPECT_EQ(m.available(2), 0u);
}

TEST(MemoryManager, ExclusiveRunsAloneWithTheWholeBudget) {
  MemoryManager m(2, {128 * MiB, 32 * MiB});
  ASSERT_TRUE(m.try_reserve(1, MiB));
  EXPECT_FALSE(m.try_reserve_exclusive(0, 100 * MiB));  // worker 1 is busy
  m.release(1);
  EXPECT_FALSE(m.try_reserve_exclusive(0, 129 * MiB));  // over the global limit
  ASSERT_TRUE(m.try_reserve_exclusive(0, 100 * MiB));
  EXPECT_TRUE(m.exclusive_active());
  EXPECT_EQ(m.available(1), 0u);
  EXPECT_FALSE(m.try_reserve(1, 1));
  m.release(0);
  EXPECT_FALSE(m.exclusive_active());
  EXPECT_EQ(m.available(1), 64 * MiB);
}

// A running task's reservation grows with what it takes, up to its worker's limit (with what it
// borrowed when placed, nothing more) and what the others leave of the global limit.
TEST(MemoryManager, ARunningTaskGrowsWithinItsWorkerAndTheGlobalLimit) {
  MemoryManager m(3, {40 * MiB, 16 * MiB});
  ASSERT_TRUE(m.try_reserve(0, MiB));
  EXPECT_TRUE(m.try_grow(0, 10 * MiB));
  EXPECT_EQ(m.reserved(0), 10 * MiB);
  EXPECT_TRUE(m.try_grow(0, 5 * MiB));  // less than it holds: nothing to do
  EXPECT_EQ(m.reserved(0), 10 * MiB);
  EXPECT_EQ(m.growth_limit(0), 16 * MiB);
  EXPECT_FALSE(m.try_grow(0, 16 * MiB + 1));  // over its own limit, though the global has room
  EXPECT_FALSE(m.try_grow(1, MiB));           // an idle worker has no task to grow
  ASSERT_TRUE(m.try_reserve(1, 16 * MiB));
  ASSERT_TRUE(m.try_reserve(2, MiB));
  // 40 - 10 - 16 = 14 MiB left for worker 2, under its own 16.
  EXPECT_EQ(m.growth_limit(2), 14 * MiB);
  EXPECT_FALSE(m.try_grow(2, 15 * MiB));
  EXPECT_TRUE(m.try_grow(2, 14 * MiB));
  EXPECT_EQ(m.total_reserved(), 40 * MiB);
  EXPECT_EQ(m.stats().peak_reserved, 40 * MiB);
  EXPECT_EQ(m.stats().growths, 2u);
  EXPECT_EQ(m.stats().growth_refusals, 3u);
  m.release(1);
  m.release(2);
  m.release(0);
  EXPECT_EQ(m.total_reserved(), 0u);
  // Running alone, a task grows up to the whole global limit.
  ASSERT_TRUE(m.try_reserve_exclusive(0, 20 * MiB));
  EXPECT_EQ(m.growth_limit(0), 40 * MiB);
  EXPECT_TRUE(m.try_grow(0, 40 * MiB));
  EXPECT_FALSE(m.try_grow(0, 40 * MiB + 1));
}

}  // namespace
}  // namespace unjucks::batch
