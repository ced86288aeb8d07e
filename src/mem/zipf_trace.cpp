#include "mem/zipf_trace.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <random>

namespace unjucks::mem {

namespace {

// A uniform double in [0, 1) from the engine's raw bits (std::uniform_real_distribution is not
// specified bit-for-bit across standard libraries).
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace

size_t AccessTrace::total_bytes() const {
  return std::accumulate(bytes.begin(), bytes.end(), size_t{0});
}

AccessTrace make_zipf_trace(const ZipfTraceOptions& options) {
  std::mt19937_64 rng(options.seed);
  AccessTrace trace;
  size_t n = std::max<size_t>(options.keys, 1);
  trace.names.reserve(n);
  trace.bytes.reserve(n);
  double ratio = static_cast<double>(options.max_bytes) /
                 static_cast<double>(std::max<size_t>(options.min_bytes, 1));
  for (size_t i = 0; i < n; ++i) {
    trace.names.push_back("tpl/" + std::to_string(i) + ".njk");
    double size = static_cast<double>(options.min_bytes) * std::pow(ratio, unit(rng));
    trace.bytes.push_back(static_cast<size_t>(size));
  }
  // Cumulative distribution of the ranks, then inverse-transform sampling.
  std::vector<double> cdf(n);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    sum += 1.0 / std::pow(static_cast<double>(i + 1), options.skew);
    cdf[i] = sum;
  }
  trace.accesses.reserve(options.accesses);
  for (size_t i = 0; i < options.accesses; ++i) {
    double u = unit(rng) * sum;
    size_t rank = static_cast<size_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    trace.accesses.push_back(static_cast<uint32_t>(std::min(rank, n - 1)));
  }
  return trace;
}

ReplayResult replay(const AccessTrace& trace, const CacheOptions& options) {
  BudgetCache<int> cache(options);
  auto value = std::make_shared<const int>(0);
  for (uint32_t k : trace.accesses) {
    if (cache.get(trace.names[k]) == nullptr) cache.put(trace.names[k], value, trace.bytes[k]);
  }
  CacheStats s = cache.stats();
  return {s.hits, s.misses, s.evictions, s.hit_rate()};
}

}  // namespace unjucks::mem
