// After warm-up, the memory subsystem's hot paths allocate nothing: a cache hit, a buffer
// lease, a render-context lease, a monitor counter. Proven by counting every global operator
// new in this test binary (the counter is per thread, so gtest's own bookkeeping on other
// threads cannot interfere). Under valgrind, whose allocator replaces these, the counting
// tests are skipped (valgrind's run of this binary checks for leaks and errors instead).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "mem/budget_cache.h"
#include "mem/buffer_pool.h"
#include "mem/monitor.h"
#include "mem/object_pool.h"

namespace {
thread_local size_t t_allocations = 0;

bool under_valgrind() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload != nullptr && std::strstr(preload, "vgpreload") != nullptr;
}

void* counted_alloc(size_t size) {
  ++t_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
}  // namespace

__attribute__((noipa)) void* operator new(size_t size) { return counted_alloc(size); }
__attribute__((noipa)) void* operator new[](size_t size) { return counted_alloc(size); }
__attribute__((noipa)) void* operator new(size_t size, const std::nothrow_t&) noexcept {
  ++t_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
__attribute__((noipa)) void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  ++t_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
__attribute__((noipa)) void operator delete(void* p) noexcept { std::free(p); }
__attribute__((noipa)) void operator delete[](void* p) noexcept { std::free(p); }
__attribute__((noipa)) void operator delete(void* p, size_t) noexcept { std::free(p); }
__attribute__((noipa)) void operator delete[](void* p, size_t) noexcept { std::free(p); }
__attribute__((noipa)) void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
__attribute__((noipa)) void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}

namespace unjucks::mem {
namespace {

// Counts the allocations made by `fn` on this thread.
#define SKIP_UNDER_VALGRIND() \
  if (under_valgrind()) GTEST_SKIP() << "valgrind replaces operator new"

template <typename Fn>
size_t allocations_in(Fn&& fn) {
  size_t before = t_allocations;
  fn();
  return t_allocations - before;
}

TEST(HotPath, CounterSeesAllocations) {
  SKIP_UNDER_VALGRIND();
  EXPECT_GE(allocations_in([] { auto p = std::make_unique<std::string>(100, 'x'); }), 1u);
}

TEST(HotPath, CacheHitsAllocateNothing) {
  SKIP_UNDER_VALGRIND();
  for (EvictionPolicy policy : {EvictionPolicy::kLru, EvictionPolicy::kWTinyLfu}) {
    CacheOptions o;
    o.policy = policy;
    BudgetCache<std::string> cache(o);
    std::vector<std::string> keys;
    for (int i = 0; i < 32; ++i) {
      keys.push_back("templates/component/" + std::to_string(i) + ".njk");
      cache.put(keys.back(), std::make_shared<const std::string>("compiled"), 4096);
    }
    size_t n = allocations_in([&] {
      for (int round = 0; round < 100; ++round)
        for (const std::string& k : keys) {
          std::shared_ptr<const std::string> t = cache.get(k);
          ASSERT_NE(t, nullptr);
        }
    });
    EXPECT_EQ(n, 0u) << policy_name(policy);
  }
}

TEST(HotPath, PoolLeasesAllocateNothingAfterWarmUp) {
  SKIP_UNDER_VALGRIND();
  BufferPool buffers({.buffer_size = 4096, .max_buffers = 4});
  struct Context {
    std::vector<int> frames;
    void reset() { frames.clear(); }
  };
  ObjectPool<Context> contexts(4);
  auto render = [&] {
    auto ctx = contexts.acquire();
    for (int i = 0; i < 64; ++i) ctx->frames.push_back(i);  // capacity kept across resets
    auto in = buffers.acquire();
    auto out = buffers.acquire();
    out.data()[0] = in.data()[0];
  };
  render();  // warm-up
  size_t n = allocations_in([&] {
    for (int i = 0; i < 1000; ++i) render();
  });
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(buffers.stats().allocations, 2u);
  EXPECT_EQ(contexts.stats().created, 1u);
}

TEST(HotPath, MonitorCountersAllocateNothing) {
  SKIP_UNDER_VALGRIND();
  MemoryMonitor monitor(std::make_shared<FakeMemorySource>());
  size_t n = allocations_in([&] {
    for (int i = 0; i < 1000; ++i) {
      monitor.count_arena_resets();
      monitor.count_trims();
    }
  });
  EXPECT_EQ(n, 0u);
}

}  // namespace
}  // namespace unjucks::mem
