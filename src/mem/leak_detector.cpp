#include "mem/leak_detector.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace unjucks::mem {

LeakDetector::LeakDetector(LeakOptions options, std::vector<std::string> component_names)
    : options_(options), names_(std::move(component_names)) {
  options_.window = std::max<size_t>(options_.window, 2);
}

int64_t LeakDetector::trend(const std::vector<double>& ys) {
  size_t n = ys.size();
  if (n < 2) return 0;
  double mean_x = static_cast<double>(n - 1) / 2.0;
  double mean_y = 0;
  for (double y : ys) mean_y += y;
  mean_y /= static_cast<double>(n);
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < n; ++i) {
    double dx = static_cast<double>(i) - mean_x;
    sxy += dx * (ys[i] - mean_y);
    sxx += dx * dx;
  }
  return static_cast<int64_t>(std::llround(sxy / sxx * static_cast<double>(n - 1)));
}

std::optional<LeakVerdict> LeakDetector::add(const LeakSnapshot& snapshot) {
  ++count_;
  if (count_ <= options_.warmup) return std::nullopt;
  window_.push_back(snapshot);
  while (window_.size() > options_.window) window_.pop_front();
  LeakVerdict verdict = evaluate();
  if (verdict.suspected && !suspected_) {
    suspected_ = true;
    ++alerts_;
    return verdict;
  }
  if (!verdict.suspected) suspected_ = false;  // re-arm
  return std::nullopt;
}

LeakVerdict LeakDetector::evaluate() const {
  LeakVerdict v;
  if (window_.size() < options_.window) return v;
  std::vector<double> ys;
  ys.reserve(window_.size());
  for (const LeakSnapshot& s : window_) ys.push_back(static_cast<double>(s.total_bytes));
  v.growth_bytes = trend(ys);
  v.suspected = v.growth_bytes > static_cast<int64_t>(options_.growth_threshold);
  for (size_t c = 0; c < names_.size(); ++c) {
    ys.clear();
    for (const LeakSnapshot& s : window_)
      ys.push_back(c < s.component_bytes.size() ? static_cast<double>(s.component_bytes[c]) : 0.0);
    int64_t grown = trend(ys);
    if (grown > static_cast<int64_t>(options_.component_growth_threshold)) {
      v.grown_components.push_back(names_[c]);
      v.grown_component_bytes.push_back(grown);
    }
  }
  return v;
}

}  // namespace unjucks::mem
