// A count-min sketch of access frequencies with periodic aging: the admission filter of the
// W-TinyLFU template cache. It answers "roughly how often was this key seen lately?" in a fixed
// amount of memory whatever the number of distinct keys.
//
// Four rows of 4-bit saturating counters (stored one per byte for simplicity; 16 bytes per
// expected entry). Every `sample_size` increments all counters are halved, so old popularity
// fades and a key that was hot yesterday does not keep today's hot keys out.
//
// Not thread-safe: the owner (BudgetCache) serializes access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace unjucks::mem {

class FrequencySketch {
 public:
  static constexpr uint32_t kMaxCount = 15;
  static constexpr int kDepth = 4;

  explicit FrequencySketch(size_t expected_entries = 1024);

  // Grows the table for at least `expected_entries` distinct hot keys. Growing clears the counts
  // (the table is re-indexed); a smaller value is ignored.
  void ensure_capacity(size_t expected_entries);

  // Records one access of the key whose hash is given.
  void increment(uint64_t hash);
  // Estimated recent access count, 0..kMaxCount (an over-estimate, never an under-estimate,
  // except for the halving done by aging).
  uint32_t frequency(uint64_t hash) const;

  void clear();

  size_t width() const { return width_; }
  uint64_t sample_size() const { return sample_size_; }
  uint64_t agings() const { return agings_; }  // how many times the counters were halved
  size_t memory_bytes() const { return table_.capacity(); }

 private:
  size_t index_of(uint64_t hash, int row) const;
  void age();

  std::vector<uint8_t> table_;  // kDepth rows of width_ counters
  size_t width_ = 0;            // a power of two
  uint64_t additions_ = 0;
  uint64_t sample_size_ = 0;
  uint64_t agings_ = 0;
};

// A 64-bit finalizer (splitmix64) used to derive the per-row indexes and to spread std::hash.
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace unjucks::mem
