// Proves the engine's hot path makes no heap allocation: after warm-up, rendering a cached
// template into a reused output allocates nothing (issue 4: per-render temporaries live in the
// render arena, never on the heap).
//
// This binary replaces the global operator new/delete with counting versions. The counter is
// thread-local and only counts while a test has armed it (AllocCounter below), so the other tests
// of template_test are unaffected. The arena takes its chunks with malloc, which the counter does
// not see: the tests check the arena's reserve separately.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "template/ast/template.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/loader.h"
#include "template/output.h"

namespace {

thread_local bool g_armed = false;
thread_local uint64_t g_news = 0;
thread_local uint64_t g_new_bytes = 0;

}  // namespace

// malloc/free underneath, so valgrind still tracks the blocks. noipa keeps the compiler from
// inlining or tail-calling them, so valgrind sees matching operator new/delete pairs (the same
// scheme as tests/mem/hot_path_alloc_test.cpp). libstdc++'s nothrow forms call these.
__attribute__((noipa)) void* operator new(std::size_t size) {
  if (g_armed) {
    ++g_news;
    g_new_bytes += size;
  }
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
__attribute__((noipa)) void* operator new[](std::size_t size) { return ::operator new(size); }
__attribute__((noipa)) void operator delete(void* p) noexcept { std::free(p); }
__attribute__((noipa)) void operator delete[](void* p) noexcept { std::free(p); }
__attribute__((noipa)) void operator delete(void* p, std::size_t) noexcept { std::free(p); }
__attribute__((noipa)) void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace unjucks::tpl {
namespace {

// Counts the operator new calls of this thread between construction and stop().
class AllocCounter {
 public:
  AllocCounter() {
    g_news = 0;
    g_new_bytes = 0;
    g_armed = true;
  }
  ~AllocCounter() { g_armed = false; }
  AllocCounter(const AllocCounter&) = delete;
  AllocCounter& operator=(const AllocCounter&) = delete;
  void stop() { g_armed = false; }
  uint64_t count() const { return g_news; }
  uint64_t bytes() const { return g_new_bytes; }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kComponentDir = UNJUCKS_SHARED_DIR "/bench/workloads/component";

TEST(AllocTest, CounterSeesAllocationsOnlyWhileArmed) {
  uint64_t before = g_news;
  auto unarmed = std::make_unique<std::string>(100, 'x');
  EXPECT_EQ(g_news, before);
  AllocCounter counter;
  auto armed = std::make_unique<std::vector<int>>(1000);
  counter.stop();
  EXPECT_EQ(counter.count(), 2u);  // the vector object and its elements
  EXPECT_GE(counter.bytes(), 1000 * sizeof(int));
}

// The component workload (loops over 20 props, filters, tests, if/elif) from the cache, rendered
// again and again into one StringOutput that is cleared, not reallocated.
TEST(AllocTest, CachedComponentRenderMakesNoHeapAllocation) {
  std::string data = slurp(kComponentDir + "/data.json");
  ASSERT_FALSE(data.empty()) << kComponentDir;
  Options options;
  options.autoescape = true;
  Environment env(std::move(options),
                  std::make_unique<FileSystemLoader>(std::vector<std::string>{kComponentDir}));
  Context ctx;
  ctx.merge_json(data);
  StringOutput out;

  // Warm-up: compile into the cache, grow the arena and the output to their working sizes.
  TemplatePtr tmpl = env.get_template("template.njk");
  for (int i = 0; i < 3; ++i) {
    out.clear();
    env.render(*tmpl, ctx, out);
  }
  std::string expected(out.view());
  ASSERT_GT(expected.size(), 1000u);
  ASSERT_NE(expected.find("export function DataTable({"), std::string::npos);
  size_t arena_reserved = env.render_arena().reserved();
  uint64_t resets = env.memory_usage().arena_resets;

  constexpr int kRenders = 50;
  AllocCounter counter;
  for (int i = 0; i < kRenders; ++i) {
    out.clear();
    env.render(*tmpl, ctx, out);
  }
  counter.stop();
  EXPECT_EQ(counter.count(), 0u) << counter.bytes() << " bytes allocated in " << kRenders
                                 << " renders";
  EXPECT_EQ(env.render_arena().reserved(), arena_reserved);  // no new arena chunk either
  EXPECT_EQ(env.memory_usage().arena_resets, resets + kRenders);
  EXPECT_EQ(out.view(), expected);
  EXPECT_GT(env.memory_usage().arena_used, 0u);
}

// The inheritance workload: `extends` a base layout, `from ... import` macros, blocks with
// super(), macro calls in loops. Loading the parent and the macro file goes through the cache
// (and its change check) on every render; the include/import/call trace and the templates a
// render keeps alive sit in the renderer's own buffer. Nothing reaches the heap either.
TEST(AllocTest, CachedInheritanceRenderMakesNoHeapAllocation) {
  const std::string dir = UNJUCKS_SHARED_DIR "/bench/workloads/inheritance";
  std::string data = slurp(dir + "/data.json");
  ASSERT_FALSE(data.empty()) << dir;
  Environment env({}, std::make_unique<FileSystemLoader>(std::vector<std::string>{dir}));
  Context ctx;
  ctx.merge_json(data);
  StringOutput out;

  TemplatePtr tmpl = env.get_template("template.njk");
  for (int i = 0; i < 3; ++i) {
    out.clear();
    env.render(*tmpl, ctx, out);
  }
  std::string expected(out.view());
  ASSERT_GT(expected.size(), 1000u);
  ASSERT_EQ(env.cache_size(), 3u);  // the template, its parent and the macro file
  size_t arena_reserved = env.render_arena().reserved();
  uint64_t hits = env.cache_stats().hits;

  constexpr int kRenders = 50;
  AllocCounter counter;
  for (int i = 0; i < kRenders; ++i) {
    out.clear();
    env.render(*tmpl, ctx, out);
  }
  counter.stop();
  EXPECT_EQ(counter.count(), 0u) << counter.bytes() << " bytes allocated in " << kRenders
                                 << " renders";
  EXPECT_EQ(env.render_arena().reserved(), arena_reserved);
  EXPECT_EQ(env.cache_stats().hits, hits + 2 * kRenders);  // parent and macros, every render
  EXPECT_EQ(out.view(), expected);
}

// The counter sees the engine's own allocations: compiling allocates (the template, its source).
TEST(AllocTest, CompilingIsCounted) {
  Environment env({}, std::make_unique<FileSystemLoader>(std::vector<std::string>{kComponentDir}));
  AllocCounter counter;
  TemplatePtr t = env.get_template("template.njk");
  counter.stop();
  EXPECT_GT(counter.count(), 2u);
  EXPECT_GT(counter.bytes(), t->source().size());
}

// The same through the cache lookup: a hit hands out the cached template without compiling.
TEST(AllocTest, CacheHitDoesNotRecompile) {
  Environment env({}, std::make_unique<FileSystemLoader>(std::vector<std::string>{kComponentDir}));
  TemplatePtr first = env.get_template("template.njk");
  TemplatePtr again = env.get_template("template.njk");
  EXPECT_EQ(first, again);
  mem::CacheStats s = env.cache_stats();
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.bytes, first->memory_bytes());
}

}  // namespace
}  // namespace unjucks::tpl
