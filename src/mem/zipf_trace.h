// Deterministic synthetic access traces for measuring cache policies: keys drawn from a Zipf
// distribution (rank r is requested with probability proportional to 1/r^s), each key with a
// fixed size drawn log-uniformly, and a replay that reports the hit rate a cache policy reaches
// on the trace. Used by bench/cache_bench.cpp and by the policy test (same seed, same trace on
// every platform: only std::mt19937_64, whose output the standard fixes, is used).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mem/budget_cache.h"

namespace unjucks::mem {

struct ZipfTraceOptions {
  size_t keys = 5000;
  size_t accesses = 100000;
  double skew = 1.0;  // the Zipf exponent s
  uint64_t seed = 42;
  size_t min_bytes = 1 << 10;
  size_t max_bytes = 64 << 10;
};

struct AccessTrace {
  std::vector<std::string> names;  // one per key ("tpl/<rank>.njk")
  std::vector<size_t> bytes;       // the charge of each key
  std::vector<uint32_t> accesses;  // key indexes, in request order
  size_t total_bytes() const;      // sum of the charges of all keys
};

AccessTrace make_zipf_trace(const ZipfTraceOptions& options);

struct ReplayResult {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  double hit_rate = 0;
};

// Replays the trace against a fresh cache: every access is a get(); a miss puts the key with its
// charge, as the engine does after compiling a template.
ReplayResult replay(const AccessTrace& trace, const CacheOptions& options);

}  // namespace unjucks::mem
