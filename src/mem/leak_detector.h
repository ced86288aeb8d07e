// Leak detection for long runs: a sliding window of periodic snapshots (the process's live heap
// and each component's bytes in use), and a least-squares growth trend over it. When the trend
// over the window exceeds the threshold (default 5 MiB over the last 10 snapshots, after 5
// warm-up snapshots) a leak is suspected, once per crossing: it re-arms when the trend falls
// back below. The verdict names the components whose own trend grew.
//
// The trend is the fitted slope times the window length, so one spike or a single step (the
// cache filling up) moves it far less than a steady climb does.
//
// Not thread-safe: the monitor serializes access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace unjucks::mem {

struct LeakOptions {
  size_t window = 10;  // snapshots in the trend
  size_t warmup = 5;   // first snapshots ignored (start-up allocations are not leaks)
  size_t growth_threshold = size_t{5} << 20;              // trend over the window
  size_t component_growth_threshold = size_t{256} << 10;  // to name a component as grown
};

struct LeakSnapshot {
  size_t total_bytes = 0;
  std::vector<size_t> component_bytes;  // parallel to the detector's component names
};

struct LeakVerdict {
  bool suspected = false;
  int64_t growth_bytes = 0;  // trend of the total over the window
  std::vector<std::string> grown_components;
  std::vector<int64_t> grown_component_bytes;  // parallel to grown_components
};

class LeakDetector {
 public:
  LeakDetector(LeakOptions options, std::vector<std::string> component_names);

  // Records a snapshot. Returns the verdict when a leak becomes suspected (the rising edge).
  std::optional<LeakVerdict> add(const LeakSnapshot& snapshot);
  // The verdict on the current window (suspected only once warm-up and the window are full).
  LeakVerdict evaluate() const;

  bool suspected() const { return suspected_; }
  uint64_t snapshots() const { return count_; }
  uint64_t alerts() const { return alerts_; }
  const LeakOptions& options() const { return options_; }

  // The least-squares slope of `ys` (one point per snapshot) times (n - 1).
  static int64_t trend(const std::vector<double>& ys);

 private:
  LeakOptions options_;
  std::vector<std::string> names_;
  std::deque<LeakSnapshot> window_;
  uint64_t count_ = 0;
  uint64_t alerts_ = 0;
  bool suspected_ = false;
};

}  // namespace unjucks::mem
