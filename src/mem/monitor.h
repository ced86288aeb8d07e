// The memory monitor: samples the process (resident set, allocator live bytes) and the
// registered components, keeps per-component and per-phase figures, raises threshold and leak
// alerts, runs the emergency clean-up, and renders the report.
//
// Wiring (see monitor_bindings.h for the cache and pools):
//   MemoryMonitor monitor;                       // reads /proc/self/statm and mallinfo2()
//   monitor.set_thresholds(Thresholds::from_limit(limit));   // --memory-limit
//   monitor.add_probe(Component::kCoreEngine, [&] { return ComponentUsage{used, reserved}; });
//   monitor.add_cleanup_handler("template cache", [&] { return cache.shrink_to(floor); });
//   { auto scope = monitor.phase(Phase::kRendering); ... monitor.sample(); ... }
//   monitor.count_arena_resets();                // after each render's arena reset
//   std::cerr << monitor.format_text();          // --memory-report
//
// Thresholds: each level (warning, critical, emergency) fires once when the watched figure
// (resident set by default) reaches it, and re-arms when the figure falls back below it (a
// "<level>-cleared" alert is then logged). Reaching emergency first runs the clean-up handlers,
// then the allocator trim, and the alert reports the bytes freed.
//
// Leak detection: every sample is a snapshot; the live heap's trend over the last 10 (after 5
// warm-up samples) is checked against 5 MiB (LeakOptions). Call sample() periodically (after
// each file, or start_sampling(interval) for a background thread).
//
// Thread safety: every member function may be called from any thread. sample(), begin_phase(),
// end_phase() and run_emergency_cleanup() are serialized; component probes, clean-up handlers,
// alert handlers and the logger run on the sampling thread without the monitor's state lock, so
// they may read the monitor (report(), alerts(), level()) but must not call any of those four
// (they would deadlock). Counter probes run inside report(), on its caller's thread.
// count_arena_resets()/count_trims() are lock-free and allocation-free.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "mem/leak_detector.h"
#include "mem/memory_report.h"
#include "mem/memory_source.h"

namespace unjucks::mem {

struct ComponentUsage {
  size_t used_bytes = 0;
  size_t reserved_bytes = 0;
};
using ComponentProbe = std::function<ComponentUsage()>;
using CounterProbe = std::function<std::vector<std::pair<std::string, double>>()>;
using AlertHandler = std::function<void(const Alert&)>;
using CleanupHandler = std::function<size_t()>;  // returns the bytes it released

struct MonitorOptions {
  Thresholds thresholds;
  Metric threshold_metric = Metric::kRss;
  LeakOptions leak;
  Metric leak_metric = Metric::kHeap;  // live heap: RSS rarely shrinks, so it hides the trend
  size_t alert_log_limit = 64;         // alerts kept for the report
};

// One observation: the process figures plus each component's usage.
struct MonitorSample {
  uint64_t index = 0;
  MemorySample process;
  std::array<ComponentUsage, kComponentCount> components{};
};

class MemoryMonitor {
 public:
  using ProbeId = uint64_t;

  explicit MemoryMonitor(std::shared_ptr<MemorySource> source = nullptr,
                         MonitorOptions options = {});
  ~MemoryMonitor();
  MemoryMonitor(const MemoryMonitor&) = delete;
  MemoryMonitor& operator=(const MemoryMonitor&) = delete;

  // --- configuration ---
  void set_thresholds(const Thresholds& thresholds);  // re-arms every level
  Thresholds thresholds() const;
  // A component's usage callback; several per component are summed. Called on every sample.
  ProbeId add_probe(Component component, ComponentProbe probe);
  void remove_probe(ProbeId id);
  // Extra figures for the report's counters table (cache hit rate, pool reuses...).
  void add_counter_probe(std::string group, CounterProbe probe);
  // Called for every alert, after it is logged.
  void add_alert_handler(AlertHandler handler);
  // Where alerts are logged. The default writes one line to stderr; nullptr silences.
  void set_logger(AlertHandler logger);
  // Run, in registration order, by the emergency clean-up.
  void add_cleanup_handler(std::string name, CleanupHandler handler);

  // --- phases and counters ---
  void begin_phase(Phase phase);  // samples, records the start
  void end_phase(Phase phase);    // samples, records the end
  class PhaseScope {
   public:
    PhaseScope(MemoryMonitor* monitor, Phase phase) : monitor_(monitor), phase_(phase) {
      monitor_->begin_phase(phase_);
    }
    ~PhaseScope() {
      if (monitor_ != nullptr) monitor_->end_phase(phase_);
    }
    PhaseScope(PhaseScope&& other) noexcept
        : monitor_(std::exchange(other.monitor_, nullptr)), phase_(other.phase_) {}
    PhaseScope(const PhaseScope&) = delete;
    PhaseScope& operator=(const PhaseScope&) = delete;
    PhaseScope& operator=(PhaseScope&&) = delete;

   private:
    MemoryMonitor* monitor_;
    Phase phase_;
  };
  [[nodiscard]] PhaseScope phase(Phase phase) { return PhaseScope(this, phase); }
  void count_arena_resets(uint64_t n = 1) { arena_resets_.fetch_add(n, std::memory_order_relaxed); }
  void count_trims(uint64_t n = 1) { trims_.fetch_add(n, std::memory_order_relaxed); }

  // --- sampling ---
  // Takes a snapshot, updates every figure, raises the alerts due, runs the emergency clean-up
  // when emergency is reached. Returns the snapshot.
  MonitorSample sample();
  // Runs the clean-up handlers and the allocator trim now; returns what they freed.
  EmergencyReport run_emergency_cleanup();
  // Samples every `interval` on a background thread until stop_sampling() or destruction.
  void start_sampling(std::chrono::milliseconds interval);
  void stop_sampling();

  // --- results ---
  MemoryReport report() const;
  std::string format_text() const { return mem::format_text(report()); }
  std::string format_json() const { return mem::format_json(report()); }
  std::vector<Alert> alerts() const;
  std::optional<AlertLevel> level() const;  // highest threshold crossed at the last sample
  uint64_t samples() const;

 private:
  struct ComponentState {
    size_t probes = 0;
    bool seen = false;
    uint64_t count = 0;  // samples since the first one with a probe
    ComponentReport stats;
    double used_sum = 0, reserved_sum = 0;
  };
  struct PhaseState {
    PhaseReport stats;
    uint64_t resets_at_begin = 0;
    uint64_t trims_at_begin = 0;
  };
  struct Probe {
    ProbeId id;
    Component component;
    ComponentProbe fn;
  };

  // Both require sample_mutex_ held.
  MonitorSample sample_locked(const std::function<void(const MonitorSample&)>& extra);
  EmergencyReport cleanup_locked();
  MonitorSample collect();
  void record_locked(const MonitorSample& s, std::vector<Alert>& alerts, bool& emergency);
  void dispatch(std::vector<Alert>& alerts);
  size_t metric_of(const MemorySample& s, Metric m) const;
  void update_phase_locked(PhaseState& p, const MonitorSample& s);

  std::shared_ptr<MemorySource> source_;
  MonitorOptions options_;

  std::mutex sample_mutex_;   // serializes sample(), begin/end_phase and the clean-up
  mutable std::mutex mutex_;  // guards everything below
  std::vector<Probe> probes_;
  ProbeId next_probe_ = 1;
  std::vector<std::pair<std::string, CounterProbe>> counter_probes_;
  std::vector<AlertHandler> handlers_;
  AlertHandler logger_;
  std::vector<std::pair<std::string, CleanupHandler>> cleanups_;

  uint64_t samples_ = 0;
  MemorySample last_process_;
  size_t peak_rss_ = 0, peak_heap_ = 0;
  std::array<ComponentState, kComponentCount> components_{};
  std::array<PhaseState, kPhaseCount> phases_{};
  std::array<bool, kAlertLevelCount> crossed_{};  // level reached and not yet re-armed
  LeakDetector leak_;
  std::vector<Alert> alert_log_;
  uint64_t alerts_dropped_ = 0;
  uint64_t emergencies_ = 0;
  std::optional<EmergencyReport> last_emergency_;

  std::atomic<uint64_t> arena_resets_{0};
  std::atomic<uint64_t> trims_{0};

  std::mutex sampler_mutex_;
  std::condition_variable sampler_cv_;
  bool sampler_stop_ = false;
  std::thread sampler_;
};

}  // namespace unjucks::mem
