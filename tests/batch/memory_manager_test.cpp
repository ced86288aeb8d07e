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

}  // namespace
}  // namespace unjucks::batch
