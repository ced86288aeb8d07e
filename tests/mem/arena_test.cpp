// The arena: bump allocation in chunks, marks and rewinds, reset, and the byte limit.
#include "mem/arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace unjucks::mem {
namespace {

TEST(Arena, AllocatesAlignedAndCopies) {
  Arena a(256);
  for (size_t align : {1u, 2u, 8u, 16u, 64u}) {
    void* p = a.allocate(3, align);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % align, 0u) << align;
  }
  std::string_view s = a.copy("hello");
  EXPECT_EQ(s, "hello");
  EXPECT_TRUE(a.copy("").empty());
  // A request larger than the chunk size gets a chunk of its own.
  void* big = a.allocate(10000);
  ASSERT_NE(big, nullptr);
  EXPECT_GE(a.reserved(), 10000u);
}

TEST(Arena, RewindReleasesWhatCameAfterTheMark) {
  Arena a(1024);
  a.copy("keep");
  Arena::Mark m = a.mark();
  size_t used = a.used();
  for (int i = 0; i < 100; ++i) a.allocate(1000);
  EXPECT_GT(a.used(), used + 90000);
  a.rewind(m);
  EXPECT_EQ(a.used(), used);
  a.reset();
  EXPECT_EQ(a.used(), 0u);
  EXPECT_EQ(a.resets(), 1u);
}

TEST(Arena, GrowingPastTheLimitThrowsAndLeavesTheArenaUsable) {
  Arena a(4096);
  a.set_limit(64 * 1024);
  EXPECT_EQ(a.limit(), 64u * 1024);
  size_t handed = 0;
  try {
    for (;;) {
      a.allocate(1000);
      handed += 1000;
    }
  } catch (const ArenaLimitExceeded& e) {
    EXPECT_EQ(e.limit(), 64u * 1024);
  }
  EXPECT_GT(handed, 48u * 1024) << "chunks shrink to fit before the limit is declared reached";
  EXPECT_LE(a.reserved(), 64u * 1024);
  EXPECT_THROW(a.allocate(1 << 20), ArenaLimitExceeded);  // larger than the whole limit
  // After a reset the arena serves again within its limit.
  a.reset();
  EXPECT_NE(a.allocate(1000), nullptr);
  a.set_limit(0);  // no limit
  EXPECT_NE(a.allocate(1 << 20), nullptr);
}

// A budget outside the arena is asked before every new chunk; refused, the arena tries the
// smallest chunk that serves, then throws with the budget's reason, and stays usable.
TEST(Arena, ABudgetIsAskedBeforeEveryChunkAndItsRefusalSaysWhy) {
  struct Budget final : ArenaBudget {
    size_t cap = 0;
    size_t asked = 0;
    bool allow(size_t total) override {
      ++asked;
      return total <= cap;
    }
    std::string refusal(size_t* limit) const override {
      *limit = cap;
      return "over the budget";
    }
  } budget;
  budget.cap = 40 * 1024;
  Arena a(4096);
  a.set_budget(&budget);
  size_t handed = 0;
  try {
    for (;;) {
      a.allocate(1000);
      handed += 1000;
    }
  } catch (const ArenaLimitExceeded& e) {
    EXPECT_EQ(e.limit(), 40u * 1024);
    EXPECT_EQ(e.reason(), "over the budget");
  }
  EXPECT_GT(budget.asked, 3u);
  EXPECT_GT(handed, 30u * 1024) << "chunks shrink to fit before the budget is declared reached";
  EXPECT_LE(a.reserved(), 40u * 1024);
  a.reset();
  EXPECT_NE(a.allocate(1000), nullptr);
  budget.cap = 1 << 30;
  EXPECT_NE(a.allocate(1 << 20), nullptr);
}

}  // namespace
}  // namespace unjucks::mem
