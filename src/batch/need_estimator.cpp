#include "batch/need_estimator.h"

#include <algorithm>

namespace unjucks::batch {

NeedEstimator::NeedEstimator(size_t template_bytes) : base_(kFixedOverhead + 4 * template_bytes) {}

size_t NeedEstimator::estimate(size_t record_bytes) const {
  return base_ + kRecordFactor * record_bytes;
}

void NeedEstimator::observe(size_t record_bytes, size_t actual_bytes) {
  size_t record_term = kRecordFactor * record_bytes;
  size_t measured = actual_bytes > record_term ? actual_bytes - record_term : 0;
  measured_base_ = std::max(measured_base_, measured);
  ++observations_;
  // The measurement replaces the guess from the templates' size (up or down), with a margin.
  base_ = measured_base_ + measured_base_ / 4;
}

}  // namespace unjucks::batch
