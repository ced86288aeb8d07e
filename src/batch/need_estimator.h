// How much memory one task (one record through one action) needs, estimated before it runs and
// refined as tasks finish. The model: need = base + factor * record bytes, where the record term
// covers the record's variables held in the render context (JSON text becomes arena values,
// about 4-8 times its size) and `base` covers the render arena, the write buffer and what the
// templates produce per render. Before any task finished, `base` comes from the templates'
// source size; after, it is the largest base actually measured (what a worker's arena and
// context held after a task, less the record term), with a 25% margin, so a task whose output
// is much larger than its record shows up in the next estimates.
#pragma once

#include <cstddef>
#include <cstdint>

namespace unjucks::batch {

class NeedEstimator {
 public:
  static constexpr size_t kRecordFactor = 8;
  static constexpr size_t kFixedOverhead = size_t{192} << 10;  // arena chunk + buffer + context

  explicit NeedEstimator(size_t template_bytes);
  size_t estimate(size_t record_bytes) const;
  // A task with a `record_bytes` record was measured at `actual_bytes`.
  void observe(size_t record_bytes, size_t actual_bytes);
  uint64_t observations() const { return observations_; }
  size_t base() const { return base_; }

 private:
  size_t base_;
  size_t measured_base_ = 0;
  uint64_t observations_ = 0;
};

}  // namespace unjucks::batch
