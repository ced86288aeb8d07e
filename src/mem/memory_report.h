// The memory report's data model and its two renderings: a human table (`--memory-report`) and
// JSON (`--memory-report=json`, for tools and CI). MemoryMonitor::report() fills a MemoryReport;
// format_text()/format_json() only format, so they can be tested on hand-made reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::mem {

inline constexpr size_t kMiB = size_t{1} << 20;

// The parts of the program memory is attributed to.
enum class Component : uint8_t {
  kCoreEngine,
  kTemplateCache,
  kVariableResolution,
  kFileOperations,
  kWorkerCoordination,
};
inline constexpr size_t kComponentCount = 5;
std::string_view component_name(Component c);  // "template cache"
std::string_view component_key(Component c);   // "template_cache" (JSON)

// The phases of a run.
enum class Phase : uint8_t { kTemplateDiscovery, kRendering, kFileGeneration };
inline constexpr size_t kPhaseCount = 3;
std::string_view phase_name(Phase p);  // "template discovery"
std::string_view phase_key(Phase p);   // "template_discovery"

enum class AlertLevel : uint8_t { kWarning, kCritical, kEmergency };
inline constexpr size_t kAlertLevelCount = 3;
std::string_view level_name(AlertLevel l);  // "warning"

// Which figure the thresholds (or the leak trend) watch.
enum class Metric : uint8_t { kRss, kHeap };
std::string_view metric_name(Metric m);  // "rss", "heap"

struct Thresholds {
  size_t warning = 64 * kMiB;
  size_t critical = 96 * kMiB;
  size_t emergency = 128 * kMiB;

  // Thresholds relative to a memory limit (`--memory-limit`): by default 50%, 75% and 100%.
  static Thresholds from_limit(size_t limit_bytes, double warning_ratio = 0.50,
                               double critical_ratio = 0.75, double emergency_ratio = 1.00);
  size_t at(AlertLevel level) const;
  bool valid() const { return warning <= critical && critical <= emergency; }
};

enum class AlertKind : uint8_t { kThresholdCrossed, kThresholdCleared, kLeakSuspected };

struct Alert {
  AlertKind kind = AlertKind::kThresholdCrossed;
  AlertLevel level = AlertLevel::kWarning;  // thresholds only
  uint64_t sample = 0;                      // the sample that raised it
  size_t value_bytes = 0;                   // the watched figure
  size_t threshold_bytes = 0;               // thresholds: the limit crossed
  int64_t growth_bytes = 0;                 // leaks: the trend over the window
  std::vector<std::string> components;      // leaks: the components that grew
  std::optional<size_t> freed_bytes;        // emergency: what the clean-up freed
  std::string message;                      // one line, for logs
  // "warning", "critical", "emergency", "warning-cleared", ..., "leak-suspected".
  std::string name() const;
};

struct CleanupResult {
  std::string name;
  size_t reported_bytes = 0;  // what the handler says it released
};

struct EmergencyReport {
  std::vector<CleanupResult> handlers;
  bool allocator_trimmed = false;
  size_t rss_before = 0, rss_after = 0;
  size_t heap_before = 0, heap_after = 0;
  size_t rss_freed() const { return rss_before > rss_after ? rss_before - rss_after : 0; }
  size_t heap_freed() const { return heap_before > heap_after ? heap_before - heap_after : 0; }
  size_t reported_bytes() const;
};

struct ComponentReport {
  std::string name;
  std::string key;
  size_t probes = 0;  // callbacks registered
  size_t baseline_bytes = 0;
  size_t used_bytes = 0;  // at the last sample
  size_t peak_bytes = 0;
  double average_bytes = 0;
  size_t reserved_bytes = 0;  // at the last sample
  size_t peak_reserved_bytes = 0;
  double average_reserved_bytes = 0;
  // average in use / average reserved; empty when nothing was reserved.
  std::optional<double> efficiency;
};

struct PhaseReport {
  std::string name;
  std::string key;
  enum class State : uint8_t { kNotRun, kActive, kDone } state = State::kNotRun;
  size_t rss_start = 0, rss_peak = 0, rss_end = 0;
  size_t heap_start = 0, heap_peak = 0, heap_end = 0;
  uint64_t arena_resets = 0;
  uint64_t trims = 0;
  uint64_t samples = 0;
  uint64_t runs = 0;  // a phase may be entered several times; figures span all runs
};

struct ReportCounter {
  std::string group;  // "template cache"
  std::string name;   // "hit_rate"
  double value = 0;
};

struct MemoryReport {
  uint64_t samples = 0;
  size_t rss_bytes = 0, peak_rss_bytes = 0;
  size_t heap_bytes = 0, peak_heap_bytes = 0;
  Thresholds thresholds;
  Metric threshold_metric = Metric::kRss;
  std::optional<AlertLevel> level;  // the highest threshold currently crossed
  std::vector<ComponentReport> components;
  std::vector<PhaseReport> phases;
  std::vector<ReportCounter> counters;
  uint64_t emergencies = 0;
  std::optional<EmergencyReport> last_emergency;
  int64_t leak_trend_bytes = 0;
  bool leak_suspected = false;
  std::vector<Alert> alerts;  // the most recent ones, oldest first
  uint64_t alerts_dropped = 0;
};

std::string format_bytes(size_t bytes);  // "512 B", "12.0 KiB", "5.3 MiB"
std::string format_text(const MemoryReport& report);
std::string format_json(const MemoryReport& report);

}  // namespace unjucks::mem
