// Hit rate of the template cache's eviction policies on a skewed workload: Zipf-distributed
// accesses (s = 0.9, 1.0, 1.1; 100k accesses over 5k templates of 1-64 KiB, about 72 MiB in
// all) replayed against W-TinyLFU and plain LRU at several byte budgets.
//
// Run: build/release/bench/cache_bench [--benchmark_filter=WTinyLfu]
// Counters: hit_rate (this policy), lru_hit_rate and gain_pts (W-TinyLFU rows: the LRU figure
// on the same trace and budget, and the difference in percentage points). The time is the cost
// of one replay (100k lookups plus the inserts of the misses). Hit rates are deterministic
// (seeded trace); they are not timed assertions: tests/mem/budget_cache_test.cpp asserts them.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>

#include "mem/budget_cache.h"
#include "mem/zipf_trace.h"

namespace {

using unjucks::mem::AccessTrace;
using unjucks::mem::CacheOptions;
using unjucks::mem::EvictionPolicy;
using unjucks::mem::ReplayResult;
using unjucks::mem::ZipfTraceOptions;

constexpr uint64_t kSeed = 20261125;

const AccessTrace& trace_for(int64_t skew_percent) {
  static std::map<int64_t, AccessTrace> traces;
  auto it = traces.find(skew_percent);
  if (it == traces.end()) {
    ZipfTraceOptions o;
    o.skew = static_cast<double>(skew_percent) / 100.0;
    o.seed = kSeed;
    it = traces.emplace(skew_percent, unjucks::mem::make_zipf_trace(o)).first;
  }
  return it->second;
}

// Args: policy (0 LRU, 1 W-TinyLFU), skew x100, budget in MiB.
void BM_CacheReplay(benchmark::State& state) {
  EvictionPolicy policy = state.range(0) != 0 ? EvictionPolicy::kWTinyLfu : EvictionPolicy::kLru;
  const AccessTrace& trace = trace_for(state.range(1));
  CacheOptions options;
  options.policy = policy;
  options.budget_bytes = static_cast<size_t>(state.range(2)) << 20;

  ReplayResult result;
  for (auto _ : state) {
    result = unjucks::mem::replay(trace, options);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(trace.accesses.size()));
  state.SetLabel(std::string(unjucks::mem::policy_name(policy)));
  state.counters["hit_rate"] = result.hit_rate;
  state.counters["evictions"] = static_cast<double>(result.evictions);
  if (policy == EvictionPolicy::kWTinyLfu) {
    CacheOptions lru = options;
    lru.policy = EvictionPolicy::kLru;
    double lru_rate = unjucks::mem::replay(trace, lru).hit_rate;
    state.counters["lru_hit_rate"] = lru_rate;
    state.counters["gain_pts"] = (result.hit_rate - lru_rate) * 100.0;
  }
}

BENCHMARK(BM_CacheReplay)
    ->ArgNames({"wtinylfu", "skew_pct", "budget_mib"})
    ->ArgsProduct({{0, 1}, {90, 100, 110}, {1, 2, 4, 8, 12}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
