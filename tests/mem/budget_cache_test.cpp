#include "mem/budget_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "mem/frequency_sketch.h"
#include "mem/zipf_trace.h"

namespace unjucks::mem {
namespace {

using Cache = BudgetCache<std::string>;

std::shared_ptr<const std::string> value(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

// (operator+ on a literal and std::to_string trips a GCC 12 -Wrestrict false positive at -O3.)
std::string name_of(std::string_view prefix, long i) {
  std::string s(prefix);
  s.append(std::to_string(i));
  return s;
}

CacheOptions options(EvictionPolicy policy, size_t budget) {
  CacheOptions o;
  o.policy = policy;
  o.budget_bytes = budget;
  return o;
}

class BothPolicies : public ::testing::TestWithParam<EvictionPolicy> {};

TEST_P(BothPolicies, GetAfterPutHitsAndCountsStatistics) {
  Cache cache(options(GetParam(), 1000));
  EXPECT_EQ(cache.get("a"), nullptr);
  EXPECT_TRUE(cache.put("a", value("A"), 100));
  auto got = cache.get("a");
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(*got, "A");
  CacheStats s = cache.stats();
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.bytes, 100u);
  EXPECT_EQ(s.budget, 1000u);
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 1u);
  EXPECT_DOUBLE_EQ(s.hit_rate(), 0.5);
  EXPECT_EQ(s.evictions, 0u);
}

TEST_P(BothPolicies, NeverExceedsTheBudget) {
  Cache cache(options(GetParam(), 1000));
  for (int i = 0; i < 200; ++i) {
    std::string key = name_of("k", i % 37);
    if (cache.get(key) == nullptr) cache.put(key, value(key), 50 + static_cast<size_t>(i % 7) * 30);
    ASSERT_LE(cache.stats().bytes, 1000u);
  }
  CacheStats s = cache.stats();
  EXPECT_GT(s.evictions, 0u);
  EXPECT_GT(s.evicted_bytes, 0u);
}

TEST_P(BothPolicies, RefusesAnEntryLargerThanTheBudget) {
  Cache cache(options(GetParam(), 1000));
  cache.put("small", value("s"), 10);
  EXPECT_FALSE(cache.put("huge", value("h"), 1001));
  EXPECT_FALSE(cache.contains("huge"));
  EXPECT_TRUE(cache.contains("small"));
  EXPECT_EQ(cache.stats().rejections, 1u);
}

TEST_P(BothPolicies, ReplacingAnEntryRechargesIt) {
  Cache cache(options(GetParam(), 1000));
  cache.put("a", value("v1"), 100);
  cache.put("a", value("v2"), 300);
  CacheStats s = cache.stats();
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.bytes, 300u);
  EXPECT_EQ(*cache.peek("a"), "v2");
}

TEST_P(BothPolicies, EvictedValueStaysAliveWhileHeld) {
  Cache cache(options(GetParam(), 100));
  cache.put("a", value("A"), 100);
  auto held = cache.get("a");
  cache.shrink_to(0);
  EXPECT_FALSE(cache.contains("a"));
  EXPECT_EQ(*held, "A");
}

TEST_P(BothPolicies, ShrinkToReleasesDownToTheFloor) {
  Cache cache(options(GetParam(), 10000));
  for (int i = 0; i < 10; ++i) cache.put(name_of("k", i), value("v"), 500);
  EXPECT_EQ(cache.stats().bytes, 5000u);
  EXPECT_EQ(cache.shrink_to(2000), 3000u);
  CacheStats s = cache.stats();
  EXPECT_EQ(s.bytes, 2000u);
  EXPECT_EQ(s.entries, 4u);
  EXPECT_EQ(s.evictions, 6u);
  EXPECT_EQ(cache.shrink_to(5000), 0u);
}

TEST_P(BothPolicies, SetBudgetEvictsWhenItShrinks) {
  Cache cache(options(GetParam(), 10000));
  for (int i = 0; i < 10; ++i) cache.put(name_of("k", i), value("v"), 500);
  cache.set_budget(1200);
  EXPECT_LE(cache.stats().bytes, 1200u);
  EXPECT_EQ(cache.stats().budget, 1200u);
}

TEST_P(BothPolicies, InvalidateDropsDependentsTransitively) {
  Cache cache(options(GetParam(), 10000));
  // page extends layout, layout includes header; sidebar includes header; other is unrelated.
  cache.put("header", value("h"), 10);
  cache.put("layout", value("l"), 10, std::vector<std::string>{"header"});
  cache.put("page", value("p"), 10, std::vector<std::string>{"layout"});
  cache.put("sidebar", value("s"), 10, std::vector<std::string>{"header"});
  cache.put("other", value("o"), 10);
  EXPECT_EQ(cache.dependents_of("header"), (std::vector<std::string>{"layout", "sidebar"}));
  std::vector<std::string> dropped = cache.invalidate("header");
  std::sort(dropped.begin(), dropped.end());
  EXPECT_EQ(dropped, (std::vector<std::string>{"header", "layout", "page", "sidebar"}));
  EXPECT_TRUE(cache.contains("other"));
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().invalidations, 4u);
  EXPECT_TRUE(cache.dependents_of("header").empty());
}

TEST_P(BothPolicies, InvalidateFollowsEdgesThroughKeysThatAreNotCached) {
  Cache cache(options(GetParam(), 10000));
  cache.put("page", value("p"), 10, std::vector<std::string>{"layout"});
  cache.put("layout", value("l"), 10, std::vector<std::string>{"base"});
  cache.erase("layout");  // evicted, but page still depends on it
  cache.put("base", value("b"), 10);
  std::vector<std::string> dropped = cache.invalidate("base");
  std::sort(dropped.begin(), dropped.end());
  // layout is no longer cached, so its edge to base went with it: page stays.
  EXPECT_EQ(dropped, (std::vector<std::string>{"base"}));
  EXPECT_EQ(cache.invalidate("layout"), (std::vector<std::string>{"page"}));
}

TEST_P(BothPolicies, InvalidateSurvivesCycles) {
  Cache cache(options(GetParam(), 10000));
  cache.put("a", value("a"), 10, std::vector<std::string>{"b"});
  cache.put("b", value("b"), 10, std::vector<std::string>{"a"});
  EXPECT_EQ(cache.invalidate("a").size(), 2u);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST_P(BothPolicies, StaleStampInvalidatesTheEntryAndItsDependents) {
  Cache cache(options(GetParam(), 10000));
  cache.put("layout", value("l"), 10, {}, /*stamp=*/1);
  cache.put("page", value("p"), 10, std::vector<std::string>{"layout"}, 7);
  EXPECT_NE(cache.get_fresh("layout", 1), nullptr);
  EXPECT_EQ(cache.get_fresh("layout", 2), nullptr);  // the file changed
  EXPECT_FALSE(cache.contains("page"));
  CacheStats s = cache.stats();
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.invalidations, 2u);
}

TEST_P(BothPolicies, ClearEmptiesButKeepsCounters) {
  Cache cache(options(GetParam(), 10000));
  cache.put("a", value("a"), 10);
  cache.get("a");
  cache.clear();
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
  EXPECT_EQ(cache.stats().hits, 1u);
}

INSTANTIATE_TEST_SUITE_P(Policies, BothPolicies,
                         ::testing::Values(EvictionPolicy::kLru, EvictionPolicy::kWTinyLfu),
                         [](const auto& p) {
                           return p.param == EvictionPolicy::kLru ? "Lru" : "WTinyLfu";
                         });

TEST_P(BothPolicies, ConcurrentWorkersKeepTheBudgetAndTheCounts) {
  Cache cache(options(GetParam(), 20000));
  constexpr int kWorkers = 4;
  constexpr int kLookups = 2000;
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&cache, w] {
      for (int i = 0; i < kLookups; ++i) {
        std::string key = name_of("t", (i * 7 + w) % 64);
        if (auto v = cache.get(key)) {
          EXPECT_EQ(*v, key);
        } else {
          cache.put(key, value(key), 500, std::vector<std::string>{name_of("t", i % 8)});
        }
        if (i % 97 == 0) cache.invalidate(name_of("t", i % 8));
        if (i % 211 == 0) cache.shrink_to(10000);
      }
    });
  }
  for (std::thread& t : workers) t.join();
  CacheStats s = cache.stats();
  EXPECT_EQ(s.hits + s.misses, static_cast<uint64_t>(kWorkers * kLookups));
  EXPECT_LE(s.bytes, 20000u);
  EXPECT_EQ(s.bytes, s.entries * 500);
}

TEST(LruPolicy, EvictsTheLeastRecentlyUsed) {
  Cache cache(options(EvictionPolicy::kLru, 300));
  cache.put("a", value("a"), 100);
  cache.put("b", value("b"), 100);
  cache.put("c", value("c"), 100);
  cache.get("a");  // b is now the least recently used
  cache.put("d", value("d"), 100);
  EXPECT_TRUE(cache.contains("a"));
  EXPECT_FALSE(cache.contains("b"));
  EXPECT_TRUE(cache.contains("c"));
  EXPECT_TRUE(cache.contains("d"));
}

TEST(WTinyLfuPolicy, FrequentEntriesResistAScan) {
  CacheOptions o = options(EvictionPolicy::kWTinyLfu, 1000);
  Cache cache(o);
  // Ten hot entries used many times.
  for (int round = 0; round < 20; ++round)
    for (int i = 0; i < 8; ++i) {
      std::string key = name_of("hot", i);
      if (cache.get(key) == nullptr) cache.put(key, value(key), 100);
    }
  // A scan of one-off entries would flush an LRU cache.
  for (int i = 0; i < 100; ++i) {
    std::string key = name_of("scan", i);
    if (cache.get(key) == nullptr) cache.put(key, value(key), 100);
  }
  int hot_left = 0;
  for (int i = 0; i < 8; ++i) hot_left += cache.contains(name_of("hot", i)) ? 1 : 0;
  EXPECT_EQ(hot_left, 8);
  EXPECT_LE(cache.stats().bytes, 1000u);
}

TEST(WTinyLfuPolicy, LargeNewcomerMustOutscoreEveryEntryItDisplaces) {
  Cache cache(options(EvictionPolicy::kWTinyLfu, 1000));
  for (int round = 0; round < 5; ++round)
    for (int i = 0; i < 10; ++i) {
      std::string key = name_of("small", i);
      if (cache.get(key) == nullptr) cache.put(key, value(key), 90);
    }
  cache.get("big");
  EXPECT_FALSE(cache.put("big", value("big"), 800));  // seen once: refused
  EXPECT_EQ(cache.stats().entries, 10u);
}

TEST(FrequencySketch, CountsAndAges) {
  FrequencySketch sketch(16);
  uint64_t a = mix64(1), b = mix64(2);
  for (int i = 0; i < 5; ++i) sketch.increment(a);
  sketch.increment(b);
  EXPECT_GE(sketch.frequency(a), 5u);
  EXPECT_GE(sketch.frequency(b), 1u);
  EXPECT_LT(sketch.frequency(b), 5u);
  for (int i = 0; i < 100; ++i) sketch.increment(a);
  EXPECT_EQ(sketch.frequency(a), FrequencySketch::kMaxCount);
  // Enough distinct additions trigger aging, halving every counter.
  uint64_t before = sketch.agings();
  for (uint64_t i = 0; i < sketch.sample_size() + 1; ++i) sketch.increment(mix64(1000 + i));
  EXPECT_GT(sketch.agings(), before);
  EXPECT_LT(sketch.frequency(a), FrequencySketch::kMaxCount);
}

// The headline claim: on a skewed (Zipf s=1.0) trace of 100k accesses over 5k templates of
// 1-64 KiB, W-TinyLFU gets more hits than LRU at the default budget and at a tight one.
TEST(CachePolicy, WTinyLfuBeatsLruOnASeededZipfTrace) {
  ZipfTraceOptions t;
  t.skew = 1.0;
  t.seed = 20261125;
  AccessTrace trace = make_zipf_trace(t);
  for (size_t budget : {size_t{2} << 20, kDefaultCacheBudget}) {
    CacheOptions o;
    o.budget_bytes = budget;
    o.policy = EvictionPolicy::kLru;
    ReplayResult lru = replay(trace, o);
    o.policy = EvictionPolicy::kWTinyLfu;
    ReplayResult tiny = replay(trace, o);
    SCOPED_TRACE("budget " + std::to_string(budget >> 20) + " MiB: lru " +
                 std::to_string(lru.hit_rate) + ", w-tinylfu " + std::to_string(tiny.hit_rate));
    EXPECT_GT(tiny.hits, lru.hits);
    EXPECT_GT(tiny.hit_rate, lru.hit_rate + 0.03);  // a margin, not noise
    EXPECT_EQ(tiny.hits + tiny.misses, t.accesses);
  }
}

TEST(ZipfTrace, IsDeterministicAndSkewed) {
  ZipfTraceOptions t;
  t.keys = 100;
  t.accesses = 10000;
  AccessTrace a = make_zipf_trace(t), b = make_zipf_trace(t);
  EXPECT_EQ(a.accesses, b.accesses);
  EXPECT_EQ(a.bytes, b.bytes);
  size_t rank0 = std::count(a.accesses.begin(), a.accesses.end(), 0u);
  size_t rank50 = std::count(a.accesses.begin(), a.accesses.end(), 50u);
  EXPECT_GT(rank0, 10 * rank50);
  for (size_t bytes : a.bytes) {
    EXPECT_GE(bytes, t.min_bytes);
    EXPECT_LE(bytes, t.max_bytes);
  }
}

}  // namespace
}  // namespace unjucks::mem
