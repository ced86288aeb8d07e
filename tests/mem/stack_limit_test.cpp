// The stack floor: where recursive code must stop on this thread, on the main thread and on
// threads with small stacks.
#include "mem/stack_limit.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <algorithm>
#include <cstdint>

namespace unjucks::mem {
namespace {

// Recurses until the floor says stop; returns how deep it went. Each frame holds a buffer the
// compiler cannot drop, so the frames are real.
[[gnu::noinline]] uint64_t recurse_to_floor(uint64_t depth) {
  volatile char pad[512];
  pad[0] = static_cast<char>(depth);
  if (stack_exhausted()) return depth;
  uint64_t r = recurse_to_floor(depth + 1);
  return r + static_cast<uint64_t>(pad[0] & 0);
}

TEST(StackLimit, TheFloorIsBelowTheCallerAndStable) {
  uintptr_t floor = stack_floor();
  EXPECT_GT(stack_position(), floor);
  EXPECT_EQ(stack_floor(), floor) << "found once per thread";
  EXPECT_FALSE(stack_exhausted());
}

TEST(StackLimit, RecursionStopsAtTheFloorWithoutCrashingOnTheMainThread) {
  uint64_t depth = recurse_to_floor(0);
  // An 8 MiB stack holds thousands of 512-byte frames; any stack holds some.
  EXPECT_GT(depth, 100u);
}

struct ThreadResult {
  uint64_t depth = 0;
  uintptr_t floor = 0;
  uintptr_t low = 0;
  size_t size = 0;
};

void* thread_main(void* arg) {
  auto* r = static_cast<ThreadResult*>(arg);
  pthread_attr_t attr;
  void* addr = nullptr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &r->size);
    pthread_attr_destroy(&attr);
  }
  r->low = reinterpret_cast<uintptr_t>(addr);
  r->floor = stack_floor();
  r->depth = recurse_to_floor(0);
  return nullptr;
}

ThreadResult run_with_stack(size_t bytes) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  EXPECT_EQ(pthread_attr_setstacksize(&attr, bytes), 0);
  ThreadResult r;
  pthread_t t;
  EXPECT_EQ(pthread_create(&t, &attr, thread_main, &r), 0);
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
  return r;
}

TEST(StackLimit, SmallThreadStacksGetTheirOwnFloor) {
  for (size_t kib : {128u, 512u, 4096u}) {
    ThreadResult r = run_with_stack(size_t{kib} << 10);
    ASSERT_NE(r.low, 0u) << kib;
    // The floor keeps the reserve (or half of a small stack) free above the stack's end.
    uintptr_t reserve = std::min<uintptr_t>(kStackReserve, r.size / 2);
    EXPECT_EQ(r.floor, r.low + reserve) << kib;
    EXPECT_GT(r.depth, 10u) << kib;
    // Deeper stacks go deeper: the floor follows the thread's own stack, not a fixed figure.
    if (kib == 4096u) {
      EXPECT_GT(r.depth, (size_t{3} << 20) / 1024);
    }
  }
}

}  // namespace
}  // namespace unjucks::mem
