#include "mem/frequency_sketch.h"

#include <algorithm>
#include <bit>

namespace unjucks::mem {

namespace {

constexpr size_t kCountersPerEntry = 4;  // per row: keeps collisions rare
constexpr uint64_t kSamplesPerEntry = 10;
constexpr size_t kMinWidth = 64;
constexpr size_t kMaxWidth = size_t{1} << 24;

}  // namespace

FrequencySketch::FrequencySketch(size_t expected_entries) { ensure_capacity(expected_entries); }

void FrequencySketch::ensure_capacity(size_t expected_entries) {
  size_t want = std::clamp(std::bit_ceil(std::max<size_t>(expected_entries, 1) * kCountersPerEntry),
                           kMinWidth, kMaxWidth);
  if (want <= width_) return;
  width_ = want;
  table_.assign(width_ * kDepth, 0);
  table_.shrink_to_fit();
  sample_size_ = kSamplesPerEntry * (width_ / kCountersPerEntry);
  additions_ = 0;
}

size_t FrequencySketch::index_of(uint64_t hash, int row) const {
  uint64_t h = mix64(hash + static_cast<uint64_t>(row) * 0xD6E8FEB86659FD93ULL);
  return static_cast<size_t>(row) * width_ + static_cast<size_t>(h & (width_ - 1));
}

void FrequencySketch::increment(uint64_t hash) {
  // Conservative update: only the counters equal to the current minimum are raised, which keeps
  // the over-estimate caused by collisions small.
  uint32_t min = frequency(hash);
  if (min >= kMaxCount) return;
  for (int row = 0; row < kDepth; ++row) {
    uint8_t& c = table_[index_of(hash, row)];
    if (c == min) ++c;
  }
  if (++additions_ >= sample_size_) age();
}

uint32_t FrequencySketch::frequency(uint64_t hash) const {
  uint32_t min = kMaxCount;
  for (int row = 0; row < kDepth; ++row) min = std::min<uint32_t>(min, table_[index_of(hash, row)]);
  return min;
}

void FrequencySketch::age() {
  for (uint8_t& c : table_) c = static_cast<uint8_t>(c >> 1);
  additions_ /= 2;
  ++agings_;
}

void FrequencySketch::clear() {
  std::fill(table_.begin(), table_.end(), uint8_t{0});
  additions_ = 0;
}

}  // namespace unjucks::mem
