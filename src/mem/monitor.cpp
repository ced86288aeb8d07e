#include "mem/monitor.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace unjucks::mem {

namespace {

constexpr std::array<AlertLevel, kAlertLevelCount> kLevels = {
    AlertLevel::kWarning, AlertLevel::kCritical, AlertLevel::kEmergency};

std::string_view metric_label(Metric m) { return m == Metric::kRss ? "resident" : "heap"; }

Alert threshold_alert(AlertKind kind, AlertLevel level, uint64_t sample, size_t value,
                      size_t threshold) {
  Alert a;
  a.kind = kind;
  a.level = level;
  a.sample = sample;
  a.value_bytes = value;
  a.threshold_bytes = threshold;
  return a;
}

void log_to_stderr(const Alert& a) {
  std::fprintf(stderr, "unjucks: memory %s\n", a.message.c_str());
}

}  // namespace

MemoryMonitor::MemoryMonitor(std::shared_ptr<MemorySource> source, MonitorOptions options)
    : source_(source ? std::move(source) : std::make_shared<ProcessMemorySource>()),
      options_(std::move(options)),
      logger_(log_to_stderr),
      leak_(options_.leak, [] {
        std::vector<std::string> names;
        for (size_t c = 0; c < kComponentCount; ++c)
          names.emplace_back(component_name(static_cast<Component>(c)));
        return names;
      }()) {
  for (size_t c = 0; c < kComponentCount; ++c) {
    auto comp = static_cast<Component>(c);
    components_[c].stats.name = component_name(comp);
    components_[c].stats.key = component_key(comp);
  }
  for (size_t p = 0; p < kPhaseCount; ++p) {
    auto ph = static_cast<Phase>(p);
    phases_[p].stats.name = phase_name(ph);
    phases_[p].stats.key = phase_key(ph);
  }
}

MemoryMonitor::~MemoryMonitor() { stop_sampling(); }

void MemoryMonitor::set_thresholds(const Thresholds& thresholds) {
  std::lock_guard lock(mutex_);
  options_.thresholds = thresholds;
  crossed_.fill(false);
}

Thresholds MemoryMonitor::thresholds() const {
  std::lock_guard lock(mutex_);
  return options_.thresholds;
}

MemoryMonitor::ProbeId MemoryMonitor::add_probe(Component component, ComponentProbe probe) {
  std::lock_guard lock(mutex_);
  ProbeId id = next_probe_++;
  probes_.push_back({id, component, std::move(probe)});
  ++components_[static_cast<size_t>(component)].probes;
  return id;
}

void MemoryMonitor::remove_probe(ProbeId id) {
  std::lock_guard lock(mutex_);
  auto it =
      std::find_if(probes_.begin(), probes_.end(), [id](const Probe& p) { return p.id == id; });
  if (it == probes_.end()) return;
  --components_[static_cast<size_t>(it->component)].probes;
  probes_.erase(it);
}

void MemoryMonitor::add_counter_probe(std::string group, CounterProbe probe) {
  std::lock_guard lock(mutex_);
  counter_probes_.emplace_back(std::move(group), std::move(probe));
}

void MemoryMonitor::add_alert_handler(AlertHandler handler) {
  std::lock_guard lock(mutex_);
  handlers_.push_back(std::move(handler));
}

void MemoryMonitor::set_logger(AlertHandler logger) {
  std::lock_guard lock(mutex_);
  logger_ = std::move(logger);
}

void MemoryMonitor::add_cleanup_handler(std::string name, CleanupHandler handler) {
  std::lock_guard lock(mutex_);
  cleanups_.emplace_back(std::move(name), std::move(handler));
}

size_t MemoryMonitor::metric_of(const MemorySample& s, Metric m) const {
  return m == Metric::kRss ? s.rss_bytes : s.heap_bytes;
}

MonitorSample MemoryMonitor::collect() {
  MonitorSample s;
  s.process = source_->sample();
  std::vector<Probe> probes;
  {
    std::lock_guard lock(mutex_);
    probes = probes_;
  }
  for (const Probe& p : probes) {
    ComponentUsage u = p.fn();
    ComponentUsage& total = s.components[static_cast<size_t>(p.component)];
    total.used_bytes += u.used_bytes;
    total.reserved_bytes += u.reserved_bytes;
  }
  return s;
}

void MemoryMonitor::update_phase_locked(PhaseState& p, const MonitorSample& s) {
  p.stats.rss_peak = std::max(p.stats.rss_peak, s.process.rss_bytes);
  p.stats.heap_peak = std::max(p.stats.heap_peak, s.process.heap_bytes);
  ++p.stats.samples;
}

void MemoryMonitor::record_locked(const MonitorSample& s, std::vector<Alert>& alerts,
                                  bool& emergency) {
  last_process_ = s.process;
  peak_rss_ = std::max({peak_rss_, s.process.rss_bytes, s.process.peak_rss_bytes});
  peak_heap_ = std::max(peak_heap_, s.process.heap_bytes);

  for (size_t c = 0; c < kComponentCount; ++c) {
    ComponentState& st = components_[c];
    const ComponentUsage& u = s.components[c];
    if (!st.seen) {
      if (st.probes == 0) continue;
      st.seen = true;
      st.stats.baseline_bytes = u.used_bytes;
    }
    ++st.count;
    st.stats.used_bytes = u.used_bytes;
    st.stats.reserved_bytes = u.reserved_bytes;
    st.stats.peak_bytes = std::max(st.stats.peak_bytes, u.used_bytes);
    st.stats.peak_reserved_bytes = std::max(st.stats.peak_reserved_bytes, u.reserved_bytes);
    st.used_sum += static_cast<double>(u.used_bytes);
    st.reserved_sum += static_cast<double>(u.reserved_bytes);
  }
  for (PhaseState& p : phases_)
    if (p.stats.state == PhaseReport::State::kActive) update_phase_locked(p, s);

  // Thresholds: clear from the top, then cross from the bottom, so a jump reports in order.
  size_t v = metric_of(s.process, options_.threshold_metric);
  std::string label(metric_label(options_.threshold_metric));
  for (auto it = kLevels.rbegin(); it != kLevels.rend(); ++it) {
    size_t l = static_cast<size_t>(*it);
    size_t t = options_.thresholds.at(*it);
    if (crossed_[l] && v < t) {
      crossed_[l] = false;
      Alert a = threshold_alert(AlertKind::kThresholdCleared, *it, s.index, v, t);
      a.message =
          a.name() + ": " + label + " " + format_bytes(v) + " is back below " + format_bytes(t);
      alerts.push_back(std::move(a));
    }
  }
  for (AlertLevel level : kLevels) {
    size_t l = static_cast<size_t>(level);
    size_t t = options_.thresholds.at(level);
    if (!crossed_[l] && v >= t) {
      crossed_[l] = true;
      if (level == AlertLevel::kEmergency) {
        emergency = true;  // alerted after the clean-up, with what it freed
        continue;
      }
      Alert a = threshold_alert(AlertKind::kThresholdCrossed, level, s.index, v, t);
      a.message = a.name() + ": " + label + " " + format_bytes(v) + " reached " + format_bytes(t);
      alerts.push_back(std::move(a));
    }
  }

  // Leak trend.
  LeakSnapshot snap;
  snap.total_bytes = metric_of(s.process, options_.leak_metric);
  for (const ComponentUsage& u : s.components) snap.component_bytes.push_back(u.used_bytes);
  if (std::optional<LeakVerdict> verdict = leak_.add(snap)) {
    Alert a;
    a.kind = AlertKind::kLeakSuspected;
    a.sample = s.index;
    a.value_bytes = snap.total_bytes;
    a.growth_bytes = verdict->growth_bytes;
    a.components = verdict->grown_components;
    a.message = "leak-suspected: " + std::string(metric_label(options_.leak_metric)) + " grew " +
                format_bytes(static_cast<size_t>(verdict->growth_bytes)) + " over the last " +
                std::to_string(options_.leak.window) + " samples";
    if (verdict->grown_components.empty()) {
      a.message += " (no registered component grew)";
    } else {
      a.message += " (";
      for (size_t i = 0; i < verdict->grown_components.size(); ++i) {
        if (i != 0) a.message += ", ";
        a.message += verdict->grown_components[i] + " +" +
                     format_bytes(static_cast<size_t>(verdict->grown_component_bytes[i]));
      }
      a.message += ")";
    }
    alerts.push_back(std::move(a));
  }
}

MonitorSample MemoryMonitor::sample_locked(const std::function<void(const MonitorSample&)>& extra) {
  MonitorSample s = collect();
  std::vector<Alert> alerts;
  bool emergency = false;
  {
    std::lock_guard lock(mutex_);
    s.index = ++samples_;
    record_locked(s, alerts, emergency);
    if (extra) extra(s);
  }
  if (emergency) {
    EmergencyReport report = cleanup_locked();
    Metric m;
    Thresholds t;
    {
      std::lock_guard lock(mutex_);
      m = options_.threshold_metric;
      t = options_.thresholds;
    }
    size_t v = metric_of(s.process, m);
    size_t freed = m == Metric::kRss ? report.rss_freed() : report.heap_freed();
    Alert a = threshold_alert(AlertKind::kThresholdCrossed, AlertLevel::kEmergency, s.index, v,
                              t.emergency);
    a.freed_bytes = freed;
    a.message = a.name() + ": " + std::string(metric_label(m)) + " " + format_bytes(v) +
                " reached " + format_bytes(t.emergency) + "; clean-up freed " +
                format_bytes(freed) + " (";
    for (const CleanupResult& h : report.handlers)
      a.message += h.name + " " + format_bytes(h.reported_bytes) + ", ";
    a.message += report.allocator_trimmed ? "allocator trim)" : "allocator trim: nothing)";
    alerts.push_back(std::move(a));
  }
  dispatch(alerts);
  return s;
}

MonitorSample MemoryMonitor::sample() {
  std::lock_guard sampling(sample_mutex_);
  return sample_locked(nullptr);
}

void MemoryMonitor::begin_phase(Phase phase) {
  std::lock_guard sampling(sample_mutex_);
  sample_locked([&](const MonitorSample& s) {
    PhaseState& p = phases_[static_cast<size_t>(phase)];
    if (p.stats.state == PhaseReport::State::kActive) return;  // already running
    if (p.stats.state == PhaseReport::State::kNotRun) {
      p.stats.rss_start = p.stats.rss_peak = s.process.rss_bytes;
      p.stats.heap_start = p.stats.heap_peak = s.process.heap_bytes;
    }
    p.stats.state = PhaseReport::State::kActive;
    ++p.stats.runs;
    update_phase_locked(p, s);
    p.resets_at_begin = arena_resets_.load(std::memory_order_relaxed);
    p.trims_at_begin = trims_.load(std::memory_order_relaxed);
  });
}

void MemoryMonitor::end_phase(Phase phase) {
  std::lock_guard sampling(sample_mutex_);
  sample_locked([&](const MonitorSample& s) {
    PhaseState& p = phases_[static_cast<size_t>(phase)];
    if (p.stats.state != PhaseReport::State::kActive) return;
    p.stats.state = PhaseReport::State::kDone;
    p.stats.rss_end = s.process.rss_bytes;
    p.stats.heap_end = s.process.heap_bytes;
    p.stats.arena_resets += arena_resets_.load(std::memory_order_relaxed) - p.resets_at_begin;
    p.stats.trims += trims_.load(std::memory_order_relaxed) - p.trims_at_begin;
  });
}

EmergencyReport MemoryMonitor::cleanup_locked() {
  std::vector<std::pair<std::string, CleanupHandler>> handlers;
  {
    std::lock_guard lock(mutex_);
    handlers = cleanups_;
  }
  EmergencyReport report;
  MemorySample before = source_->sample();
  report.rss_before = before.rss_bytes;
  report.heap_before = before.heap_bytes;
  for (auto& [name, fn] : handlers) {
    size_t bytes = 0;
    try {
      bytes = fn();
    } catch (...) {
      // A failing clean-up must not stop the others; it freed nothing we know of.
    }
    report.handlers.push_back({name, bytes});
  }
  report.allocator_trimmed = source_->release_to_os();
  MemorySample after = source_->sample();
  report.rss_after = after.rss_bytes;
  report.heap_after = after.heap_bytes;
  count_trims(handlers.size() + 1);
  std::lock_guard lock(mutex_);
  ++emergencies_;
  last_emergency_ = report;
  return report;
}

EmergencyReport MemoryMonitor::run_emergency_cleanup() {
  std::lock_guard sampling(sample_mutex_);
  return cleanup_locked();
}

void MemoryMonitor::dispatch(std::vector<Alert>& alerts) {
  if (alerts.empty()) return;
  AlertHandler logger;
  std::vector<AlertHandler> handlers;
  {
    std::lock_guard lock(mutex_);
    logger = logger_;
    handlers = handlers_;
    for (const Alert& a : alerts) alert_log_.push_back(a);
    size_t limit = std::max<size_t>(options_.alert_log_limit, 1);
    if (alert_log_.size() > limit) {
      size_t drop = alert_log_.size() - limit;
      alert_log_.erase(alert_log_.begin(), alert_log_.begin() + static_cast<ptrdiff_t>(drop));
      alerts_dropped_ += drop;
    }
  }
  for (const Alert& a : alerts) {
    if (logger) logger(a);
    for (const AlertHandler& h : handlers) h(a);
  }
}

void MemoryMonitor::start_sampling(std::chrono::milliseconds interval) {
  stop_sampling();
  {
    std::lock_guard lock(sampler_mutex_);
    sampler_stop_ = false;
  }
  sampler_ = std::thread([this, interval] {
    std::unique_lock lock(sampler_mutex_);
    while (!sampler_cv_.wait_for(lock, interval, [this] { return sampler_stop_; })) {
      lock.unlock();
      sample();
      lock.lock();
    }
  });
}

void MemoryMonitor::stop_sampling() {
  {
    std::lock_guard lock(sampler_mutex_);
    sampler_stop_ = true;
  }
  sampler_cv_.notify_all();
  if (sampler_.joinable()) sampler_.join();
}

MemoryReport MemoryMonitor::report() const {
  MemoryReport r;
  std::vector<std::pair<std::string, CounterProbe>> counters;
  {
    std::lock_guard lock(mutex_);
    r.samples = samples_;
    r.rss_bytes = last_process_.rss_bytes;
    r.heap_bytes = last_process_.heap_bytes;
    r.peak_rss_bytes = peak_rss_;
    r.peak_heap_bytes = peak_heap_;
    r.thresholds = options_.thresholds;
    r.threshold_metric = options_.threshold_metric;
    for (size_t l = kAlertLevelCount; l-- > 0;) {
      if (crossed_[l]) {
        r.level = static_cast<AlertLevel>(l);
        break;
      }
    }
    for (const ComponentState& st : components_) {
      ComponentReport c = st.stats;
      c.probes = st.probes;
      if (st.count != 0) {
        c.average_bytes = st.used_sum / static_cast<double>(st.count);
        c.average_reserved_bytes = st.reserved_sum / static_cast<double>(st.count);
      }
      if (st.reserved_sum > 0) c.efficiency = st.used_sum / st.reserved_sum;
      r.components.push_back(std::move(c));
    }
    for (size_t p = 0; p < kPhaseCount; ++p) {
      PhaseReport ph = phases_[p].stats;
      if (ph.state == PhaseReport::State::kActive) {
        ph.arena_resets +=
            arena_resets_.load(std::memory_order_relaxed) - phases_[p].resets_at_begin;
        ph.trims += trims_.load(std::memory_order_relaxed) - phases_[p].trims_at_begin;
      }
      r.phases.push_back(std::move(ph));
    }
    r.emergencies = emergencies_;
    r.last_emergency = last_emergency_;
    LeakVerdict v = leak_.evaluate();
    r.leak_trend_bytes = v.growth_bytes;
    r.leak_suspected = leak_.suspected();
    r.alerts = alert_log_;
    r.alerts_dropped = alerts_dropped_;
    counters = counter_probes_;
  }
  for (auto& [group, fn] : counters)
    for (auto& [name, value] : fn()) r.counters.push_back({group, name, value});
  return r;
}

std::vector<Alert> MemoryMonitor::alerts() const {
  std::lock_guard lock(mutex_);
  return alert_log_;
}

std::optional<AlertLevel> MemoryMonitor::level() const {
  std::lock_guard lock(mutex_);
  for (size_t l = kAlertLevelCount; l-- > 0;)
    if (crossed_[l]) return static_cast<AlertLevel>(l);
  return std::nullopt;
}

uint64_t MemoryMonitor::samples() const {
  std::lock_guard lock(mutex_);
  return samples_;
}

}  // namespace unjucks::mem
