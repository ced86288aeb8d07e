// A byte-budgeted cache of immutable values keyed by name (the compiled-template cache).
//
// - Values are `std::shared_ptr<const T>`: an entry evicted while a render still uses it stays
//   alive until that render drops its pointer; the budget counts what the cache itself holds.
// - The caller states each entry's exact charge in bytes (the engine passes
//   Template::memory_bytes(): arena bytes plus owned strings). The sum of charges never exceeds
//   the budget (default 12 MiB) after a call returns; an entry larger than the budget is refused.
// - Dependency edges: an entry may depend on other keys (what a template extends, includes or
//   imports). invalidate(k) drops k and, transitively, every entry that depends on it.
// - An optional stamp (for example mtime and size mixed) lets get_fresh() detect a changed file.
// - Policies: kWTinyLfu (default) is W-TinyLFU: a small LRU window (1% of the budget) admits new
//   entries; entries leaving it must beat the main space's least valuable entry in a duel of
//   estimated frequency (a count-min sketch with aging) to stay; the main space is a segmented
//   LRU (probation 20%, protected 80%). Duels are fought one victim at a time, so a large entry
//   must out-score every smaller entry it would displace (size-aware admission). kLru is plain
//   LRU, kept for comparison (bench/cache_bench.cpp).
//
// Thread safety: every member function of BudgetCache is safe to call from several threads (one
// mutex per cache). Returned shared_ptrs remain valid independently of the cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::mem {

inline constexpr size_t kDefaultCacheBudget = size_t{12} << 20;

enum class EvictionPolicy { kLru, kWTinyLfu };
std::string_view policy_name(EvictionPolicy policy);

struct CacheOptions {
  size_t budget_bytes = kDefaultCacheBudget;
  EvictionPolicy policy = EvictionPolicy::kWTinyLfu;
  double window_fraction = 0.01;         // W-TinyLFU: share of the budget for the admission window
  double protected_fraction = 0.80;      // W-TinyLFU: share of the main space that is protected
  size_t typical_entry_bytes = 8 << 10;  // sizes the frequency sketch (budget / this entries)
};

struct CacheStats {
  size_t entries = 0;
  size_t bytes = 0;  // sum of the charges of the resident entries
  size_t budget = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;  // entries dropped to respect the budget (including shrink_to)
  uint64_t evicted_bytes = 0;
  uint64_t invalidations = 0;  // entries dropped by invalidate()/stale stamps
  uint64_t rejections = 0;     // put() of an entry larger than the whole budget
  size_t overhead_bytes = 0;   // the policy's own memory (the frequency sketch)
  double hit_rate() const {
    uint64_t total = hits + misses;
    return total == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(total);
  }
};

// The type-erased implementation; use BudgetCache<T>.
class BudgetCacheCore {
 public:
  explicit BudgetCacheCore(CacheOptions options);
  ~BudgetCacheCore();
  BudgetCacheCore(const BudgetCacheCore&) = delete;
  BudgetCacheCore& operator=(const BudgetCacheCore&) = delete;

  std::shared_ptr<const void> get(std::string_view key);
  std::shared_ptr<const void> get_fresh(std::string_view key, uint64_t stamp);
  std::shared_ptr<const void> peek(std::string_view key) const;
  bool put(std::string_view key, std::shared_ptr<const void> value, size_t bytes,
           std::span<const std::string> depends_on, uint64_t stamp);
  bool contains(std::string_view key) const;
  bool erase(std::string_view key);
  std::vector<std::string> invalidate(std::string_view key);
  size_t shrink_to(size_t bytes);
  void set_budget(size_t bytes);
  void clear();
  CacheStats stats() const;
  EvictionPolicy policy() const { return options_.policy; }
  std::vector<std::string> dependents_of(std::string_view key) const;

 private:
  struct Impl;
  mutable std::mutex mutex_;
  CacheOptions options_;
  std::unique_ptr<Impl> impl_;
};

template <typename T>
class BudgetCache {
 public:
  explicit BudgetCache(CacheOptions options = {}) : core_(options) {}

  // Looks the key up, counting a hit or a miss and recording the access for the policy.
  std::shared_ptr<const T> get(std::string_view key) { return cast(core_.get(key)); }
  // Like get(), but an entry stored with a different stamp is stale: it is invalidated (with its
  // dependents) and the lookup counts as a miss. Check and lookup are two locked steps, not
  // one: with a concurrent put() of the same key, the newer entry wins.
  std::shared_ptr<const T> get_fresh(std::string_view key, uint64_t stamp) {
    return cast(core_.get_fresh(key, stamp));
  }
  // Looks the key up without touching statistics or recency.
  std::shared_ptr<const T> peek(std::string_view key) const { return cast(core_.peek(key)); }

  // Inserts or replaces an entry charged `bytes`, evicting as needed. Returns whether the entry
  // is resident afterwards: false if it is larger than the budget or the admission policy
  // preferred the entries already cached.
  bool put(std::string_view key, std::shared_ptr<const T> value, size_t bytes,
           std::span<const std::string> depends_on = {}, uint64_t stamp = 0) {
    return core_.put(key, std::move(value), bytes, depends_on, stamp);
  }

  bool contains(std::string_view key) const { return core_.contains(key); }
  // Drops one entry (not its dependents). Returns whether it was resident.
  bool erase(std::string_view key) { return core_.erase(key); }
  // Drops the key and everything depending on it, transitively (also through keys that are not
  // resident). Returns the keys dropped that were resident.
  std::vector<std::string> invalidate(std::string_view key) { return core_.invalidate(key); }
  // Evicts, least valuable first, until at most `bytes` are charged. Returns the bytes released
  // (charges dropped; memory is freed once no render holds the values any more).
  size_t shrink_to(size_t bytes) { return core_.shrink_to(bytes); }
  // Changes the budget, evicting if it shrank.
  void set_budget(size_t bytes) { core_.set_budget(bytes); }
  void clear() { core_.clear(); }
  CacheStats stats() const { return core_.stats(); }
  EvictionPolicy policy() const { return core_.policy(); }
  // The resident or known keys that directly depend on `key`.
  std::vector<std::string> dependents_of(std::string_view key) const {
    return core_.dependents_of(key);
  }

 private:
  static std::shared_ptr<const T> cast(std::shared_ptr<const void> p) {
    return std::static_pointer_cast<const T>(std::move(p));
  }
  BudgetCacheCore core_;
};

}  // namespace unjucks::mem
