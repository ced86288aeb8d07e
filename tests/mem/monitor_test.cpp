#include "mem/monitor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "mem/monitor_bindings.h"

namespace unjucks::mem {
namespace {

constexpr size_t MiB(size_t n) { return n * kMiB; }

std::vector<std::string> names(const std::vector<Alert>& alerts) {
  std::vector<std::string> out;
  for (const Alert& a : alerts) out.push_back(a.name());
  return out;
}

// A monitor on a fake source whose alerts are captured instead of logged.
struct Fixture {
  std::shared_ptr<FakeMemorySource> source = std::make_shared<FakeMemorySource>();
  MemoryMonitor monitor;
  std::vector<Alert> logged;
  std::vector<Alert> handled;

  explicit Fixture(MonitorOptions options = {}) : monitor(source, options) {
    monitor.set_logger([this](const Alert& a) { logged.push_back(a); });
    monitor.add_alert_handler([this](const Alert& a) { handled.push_back(a); });
  }
  // Sets the resident set and samples; returns the names of the alerts that sample raised.
  std::vector<std::string> at_rss(size_t rss) {
    size_t before = logged.size();
    source->set_rss(rss);
    monitor.sample();
    return names({logged.begin() + static_cast<ptrdiff_t>(before), logged.end()});
  }
};

using Names = std::vector<std::string>;

TEST(MonitorThresholds, EveryTransitionUpRearmAndDown) {
  Fixture f;
  int cache_cleanups = 0;
  f.monitor.add_cleanup_handler("template cache", [&] {
    ++cache_cleanups;
    return MiB(10);
  });
  f.source->set_release_effect(MiB(20), MiB(5));

  EXPECT_EQ(f.at_rss(MiB(10)), Names{});
  EXPECT_FALSE(f.monitor.level());
  EXPECT_EQ(f.at_rss(MiB(70)), Names{"warning"});
  EXPECT_EQ(f.monitor.level(), AlertLevel::kWarning);
  EXPECT_EQ(f.at_rss(MiB(80)), Names{});  // once per crossing
  EXPECT_EQ(f.at_rss(MiB(100)), Names{"critical"});
  EXPECT_EQ(f.at_rss(MiB(90)), Names{"critical-cleared"});
  EXPECT_EQ(f.monitor.level(), AlertLevel::kWarning);
  EXPECT_EQ(f.at_rss(MiB(97)), Names{"critical"});  // re-armed
  EXPECT_EQ(f.at_rss(MiB(20)), (Names{"critical-cleared", "warning-cleared"}));
  EXPECT_FALSE(f.monitor.level());
  EXPECT_EQ(cache_cleanups, 0);

  // A jump straight past every threshold reports them in order; emergency runs the clean-up.
  EXPECT_EQ(f.at_rss(MiB(130)), (Names{"warning", "critical", "emergency"}));
  EXPECT_EQ(cache_cleanups, 1);
  EXPECT_EQ(f.source->release_calls(), 1u);
  const Alert& emergency = f.logged.back();
  ASSERT_TRUE(emergency.freed_bytes.has_value());
  EXPECT_EQ(*emergency.freed_bytes, MiB(20));  // measured on the resident set
  EXPECT_EQ(emergency.value_bytes, MiB(130));
  EXPECT_EQ(emergency.threshold_bytes, MiB(128));
  EXPECT_NE(emergency.message.find("freed 20.0 MiB"), std::string::npos) << emergency.message;
  EXPECT_NE(emergency.message.find("template cache 10.0 MiB"), std::string::npos);

  MemoryReport r = f.monitor.report();
  EXPECT_EQ(r.emergencies, 1u);
  ASSERT_TRUE(r.last_emergency);
  EXPECT_EQ(r.last_emergency->rss_before, MiB(130));
  EXPECT_EQ(r.last_emergency->rss_after, MiB(110));
  EXPECT_EQ(r.last_emergency->heap_freed(), 0u);  // the fake heap was 0
  EXPECT_EQ(r.last_emergency->reported_bytes(), MiB(10));
  EXPECT_TRUE(r.last_emergency->allocator_trimmed);

  // Still above emergency: no second clean-up until it falls below and crosses again.
  EXPECT_EQ(f.at_rss(MiB(129)), Names{});
  EXPECT_EQ(cache_cleanups, 1);
  EXPECT_EQ(f.at_rss(MiB(110)), Names{"emergency-cleared"});
  EXPECT_EQ(f.monitor.level(), AlertLevel::kCritical);
  EXPECT_EQ(f.at_rss(MiB(128)), Names{"emergency"});  // reaching the threshold counts
  EXPECT_EQ(cache_cleanups, 2);
  EXPECT_EQ(f.monitor.report().emergencies, 2u);

  // Every logged alert also went to the handlers.
  EXPECT_EQ(names(f.handled), names(f.logged));
  EXPECT_EQ(names(f.monitor.alerts()), names(f.logged));
}

TEST(MonitorThresholds, FromLimitAndReconfiguration) {
  Thresholds t = Thresholds::from_limit(MiB(200));
  EXPECT_EQ(t.warning, MiB(100));
  EXPECT_EQ(t.critical, MiB(150));
  EXPECT_EQ(t.emergency, MiB(200));
  EXPECT_TRUE(t.valid());
  Thresholds d;
  EXPECT_EQ(d.warning, MiB(64));
  EXPECT_EQ(d.critical, MiB(96));
  EXPECT_EQ(d.emergency, MiB(128));

  Fixture f;
  f.monitor.set_thresholds(Thresholds::from_limit(MiB(20), 0.5, 0.8, 0.95));
  EXPECT_EQ(f.at_rss(MiB(11)), Names{"warning"});
  EXPECT_EQ(f.at_rss(MiB(17)), Names{"critical"});
}

TEST(MonitorThresholds, CanWatchTheHeapInstead) {
  MonitorOptions o;
  o.threshold_metric = Metric::kHeap;
  o.thresholds = {MiB(1), MiB(2), MiB(3)};
  Fixture f(o);
  f.source->set(MiB(500), MiB(1));  // a huge resident set does not matter
  f.monitor.sample();
  EXPECT_EQ(names(f.logged), Names{"warning"});
}

TEST(MonitorThresholds, FailingCleanupDoesNotStopTheOthers) {
  MonitorOptions o;
  o.thresholds = {MiB(1), MiB(2), MiB(3)};
  Fixture f(o);
  bool second_ran = false;
  f.monitor.add_cleanup_handler("broken", []() -> size_t { throw std::runtime_error("x"); });
  f.monitor.add_cleanup_handler("second", [&] {
    second_ran = true;
    return size_t{1};
  });
  EmergencyReport r = f.monitor.run_emergency_cleanup();
  EXPECT_TRUE(second_ran);
  ASSERT_EQ(r.handlers.size(), 2u);
  EXPECT_EQ(r.handlers[0].reported_bytes, 0u);
}

// A component that leaks 1 MiB per sample, next to one that stays flat.
TEST(MonitorLeaks, LeakingComponentRaisesOneAlertNamingIt) {
  Fixture f;
  size_t leaked = 0;
  f.monitor.add_probe(Component::kVariableResolution, [&] {
    return ComponentUsage{leaked, leaked};
  });
  f.monitor.add_probe(Component::kTemplateCache, [] { return ComponentUsage{MiB(3), MiB(4)}; });
  std::vector<uint64_t> alert_samples;
  for (int i = 0; i < 30; ++i) {
    leaked += MiB(1);
    f.source->set(MiB(20) + leaked, MiB(8) + leaked);
    size_t before = f.logged.size();
    f.monitor.sample();
    for (size_t k = before; k < f.logged.size(); ++k) alert_samples.push_back(f.logged[k].sample);
  }
  ASSERT_EQ(names(f.logged), Names{"leak-suspected"});  // once, not every sample
  const Alert& a = f.logged[0];
  // 5 warm-up samples, then a full window of 10: the trend (9 MiB) exceeds 5 MiB at sample 15.
  EXPECT_EQ(a.sample, 15u);
  EXPECT_EQ(a.growth_bytes, static_cast<int64_t>(MiB(9)));
  EXPECT_EQ(a.components, std::vector<std::string>{"variable resolution"});
  EXPECT_NE(a.message.find("variable resolution +9.0 MiB"), std::string::npos) << a.message;
  EXPECT_TRUE(f.monitor.report().leak_suspected);
}

TEST(MonitorLeaks, SteadyWorkloadStaysQuiet) {
  Fixture f;
  size_t used = MiB(4);
  f.monitor.add_probe(Component::kCoreEngine, [&] { return ComponentUsage{used, MiB(8)}; });
  // Start-up growth (inside warm-up), then a sawtooth of +-3 MiB around a plateau: arenas
  // filling and resetting, the cache churning at its budget.
  for (int i = 0; i < 200; ++i) {
    size_t wobble = static_cast<size_t>((i * 7) % 4) * MiB(1);
    used = i < 5 ? MiB(static_cast<size_t>(i)) : MiB(4) + wobble / 2;
    f.source->set(MiB(30) + wobble, i < 5 ? MiB(static_cast<size_t>(i) * 10) : MiB(48) + wobble);
    f.monitor.sample();
  }
  EXPECT_EQ(names(f.logged), Names{});
  MemoryReport r = f.monitor.report();
  EXPECT_FALSE(r.leak_suspected);
  EXPECT_LT(std::llabs(r.leak_trend_bytes), static_cast<long long>(MiB(5)));
}

TEST(MonitorLeaks, ReArmsAfterTheTrendFlattens) {
  MonitorOptions o;
  o.leak.warmup = 0;
  o.leak.window = 4;
  o.leak.growth_threshold = MiB(2);
  Fixture f(o);
  size_t heap = MiB(10);
  auto step = [&](size_t grow) {
    heap += grow;
    f.source->set(MiB(20), heap);
    f.monitor.sample();
  };
  for (int i = 0; i < 6; ++i) step(MiB(1));  // trend 3 MiB > 2: fires once
  for (int i = 0; i < 6; ++i) step(0);       // flat: re-arms
  for (int i = 0; i < 6; ++i) step(MiB(1));  // grows again: fires again
  EXPECT_EQ(names(f.logged), (Names{"leak-suspected", "leak-suspected"}));
  EXPECT_EQ(f.logged[0].components, std::vector<std::string>{});
  EXPECT_NE(f.logged[0].message.find("no registered component grew"), std::string::npos);
}

TEST(LeakDetector, TrendIsTheFittedGrowthOverTheWindow) {
  EXPECT_EQ(LeakDetector::trend({0, 1, 2, 3, 4}), 4);
  EXPECT_EQ(LeakDetector::trend({5, 5, 5, 5}), 0);
  EXPECT_EQ(LeakDetector::trend({4, 3, 2, 1}), -3);
  // One spike in a flat series barely moves it.
  EXPECT_LT(LeakDetector::trend({0, 0, 0, 0, 100, 0, 0, 0, 0}), 10);
}

TEST(MonitorComponents, BaselinePeakAverageEfficiency) {
  Fixture f;
  size_t used = MiB(2);
  size_t reserved = MiB(4);
  f.monitor.add_probe(Component::kFileOperations, [&] { return ComponentUsage{used, reserved}; });
  // Two probes for one component are summed.
  f.monitor.add_probe(Component::kFileOperations, [] { return ComponentUsage{MiB(1), MiB(1)}; });
  f.monitor.sample();  // 3 of 5
  used = MiB(6);
  reserved = MiB(8);
  f.monitor.sample();  // 7 of 9
  used = MiB(1);
  f.monitor.sample();  // 2 of 9
  MemoryReport r = f.monitor.report();
  const ComponentReport& c = r.components[static_cast<size_t>(Component::kFileOperations)];
  EXPECT_EQ(c.name, "file operations");
  EXPECT_EQ(c.probes, 2u);
  EXPECT_EQ(c.baseline_bytes, MiB(3));
  EXPECT_EQ(c.peak_bytes, MiB(7));
  EXPECT_EQ(c.used_bytes, MiB(2));
  EXPECT_EQ(c.reserved_bytes, MiB(9));
  EXPECT_EQ(c.peak_reserved_bytes, MiB(9));
  EXPECT_DOUBLE_EQ(c.average_bytes, static_cast<double>(MiB(4)));
  ASSERT_TRUE(c.efficiency);
  EXPECT_DOUBLE_EQ(*c.efficiency, 12.0 / 23.0);
  // A component without probes has no figures.
  const ComponentReport& none = r.components[static_cast<size_t>(Component::kWorkerCoordination)];
  EXPECT_EQ(none.probes, 0u);
  EXPECT_FALSE(none.efficiency);
}

TEST(MonitorComponents, RemovedProbeStopsReporting) {
  Fixture f;
  auto id = f.monitor.add_probe(Component::kCoreEngine, [] { return ComponentUsage{5, 10}; });
  f.monitor.sample();
  f.monitor.remove_probe(id);
  f.monitor.sample();
  MemoryReport r = f.monitor.report();
  const ComponentReport& c = r.components[0];
  EXPECT_EQ(c.probes, 0u);
  EXPECT_EQ(c.used_bytes, 0u);
  EXPECT_EQ(c.peak_bytes, 5u);
}

TEST(MonitorPhases, StartPeakEndResetsAndTrims) {
  Fixture f;
  f.source->set(MiB(4), MiB(1));
  {
    auto discovery = f.monitor.phase(Phase::kTemplateDiscovery);
    f.source->set(MiB(5), MiB(2));
    f.monitor.sample();
    f.source->set(MiB(4) + MiB(1) / 2, MiB(2));
  }
  f.source->set(MiB(6), MiB(2));
  f.monitor.begin_phase(Phase::kRendering);
  for (int i = 0; i < 10; ++i) f.monitor.count_arena_resets();
  f.source->set(MiB(9), MiB(5));
  f.monitor.sample();
  MemoryReport mid = f.monitor.report();
  const PhaseReport& active = mid.phases[static_cast<size_t>(Phase::kRendering)];
  EXPECT_EQ(active.state, PhaseReport::State::kActive);
  EXPECT_EQ(active.arena_resets, 10u);
  f.monitor.count_trims(2);
  f.source->set(MiB(7), MiB(3));
  f.monitor.end_phase(Phase::kRendering);
  f.monitor.count_arena_resets(5);  // outside any phase: not attributed

  MemoryReport r = f.monitor.report();
  const PhaseReport& d = r.phases[static_cast<size_t>(Phase::kTemplateDiscovery)];
  EXPECT_EQ(d.state, PhaseReport::State::kDone);
  EXPECT_EQ(d.rss_start, MiB(4));
  EXPECT_EQ(d.rss_peak, MiB(5));
  EXPECT_EQ(d.rss_end, MiB(4) + MiB(1) / 2);
  EXPECT_EQ(d.arena_resets, 0u);
  const PhaseReport& p = r.phases[static_cast<size_t>(Phase::kRendering)];
  EXPECT_EQ(p.rss_start, MiB(6));
  EXPECT_EQ(p.rss_peak, MiB(9));
  EXPECT_EQ(p.rss_end, MiB(7));
  EXPECT_EQ(p.heap_peak, MiB(5));
  EXPECT_EQ(p.arena_resets, 10u);
  EXPECT_EQ(p.trims, 2u);
  EXPECT_EQ(p.runs, 1u);
  EXPECT_EQ(r.phases[static_cast<size_t>(Phase::kFileGeneration)].state,
            PhaseReport::State::kNotRun);
  EXPECT_EQ(r.peak_rss_bytes, MiB(9));
}

TEST(MonitorReport, TextAndJson) {
  Fixture f;
  f.monitor.add_probe(Component::kTemplateCache, [] { return ComponentUsage{MiB(3), MiB(4)}; });
  f.monitor.add_counter_probe("template cache", [] {
    return std::vector<std::pair<std::string, double>>{{"hits", 9}, {"hit_rate", 0.9}};
  });
  f.source->set(MiB(70), MiB(10));
  { auto scope = f.monitor.phase(Phase::kRendering); }

  std::string text = f.monitor.format_text();
  EXPECT_NE(text.find("Component"), std::string::npos) << text;
  EXPECT_NE(text.find("template cache"), std::string::npos);
  EXPECT_NE(text.find("75.0%"), std::string::npos);
  EXPECT_NE(text.find("Phase"), std::string::npos);
  EXPECT_NE(text.find("rendering"), std::string::npos);
  EXPECT_NE(text.find("warning: resident 70.0 MiB reached 64.0 MiB"), std::string::npos);
  EXPECT_NE(text.find("hit_rate 0.9"), std::string::npos);

  nlohmann::json j = nlohmann::json::parse(f.monitor.format_json());
  EXPECT_EQ(j["samples"], 2);
  EXPECT_EQ(j["process"]["rss_bytes"], MiB(70));
  EXPECT_EQ(j["thresholds"]["level"], "warning");
  EXPECT_EQ(j["thresholds"]["warning_bytes"], MiB(64));
  ASSERT_EQ(j["components"].size(), kComponentCount);
  EXPECT_EQ(j["components"][1]["key"], "template_cache");
  EXPECT_EQ(j["components"][1]["used_bytes"], MiB(3));
  EXPECT_DOUBLE_EQ(j["components"][1]["efficiency"].get<double>(), 0.75);
  EXPECT_TRUE(j["components"][0]["efficiency"].is_null());
  ASSERT_EQ(j["phases"].size(), kPhaseCount);
  EXPECT_EQ(j["phases"][1]["state"], "done");
  EXPECT_EQ(j["phases"][1]["rss_bytes"]["peak"], MiB(70));
  EXPECT_EQ(j["phases"][0]["state"], "not-run");
  EXPECT_DOUBLE_EQ(j["counters"]["template cache"]["hit_rate"].get<double>(), 0.9);
  ASSERT_EQ(j["alerts"].size(), 1u);
  EXPECT_EQ(j["alerts"][0]["name"], "warning");
  EXPECT_TRUE(j["emergency"]["last"].is_null());
  EXPECT_FALSE(j["leak"]["suspected"].get<bool>());
}

TEST(MonitorReport, JsonEscapesAndBoundsTheAlertLog) {
  MonitorOptions o;
  o.alert_log_limit = 3;
  o.thresholds = {10, 20, 30};
  Fixture f(o);
  f.monitor.add_counter_probe("odd \"group\"\n", [] {
    return std::vector<std::pair<std::string, double>>{{"x\\y", 1}};
  });
  for (int i = 0; i < 5; ++i) {
    f.source->set(15, 0);
    f.monitor.sample();
    f.source->set(5, 0);
    f.monitor.sample();
  }
  MemoryReport r = f.monitor.report();
  EXPECT_EQ(r.alerts.size(), 3u);
  EXPECT_EQ(r.alerts_dropped, 7u);
  nlohmann::json j = nlohmann::json::parse(format_json(r));
  EXPECT_EQ(j["counters"]["odd \"group\"\n"]["x\\y"], 1);
  EXPECT_EQ(j["alerts_dropped"], 7);
}

TEST(MonitorBindings, CacheAndPoolsReportAndCleanUp) {
  BudgetCache<std::string> cache;
  BufferPool buffers({.buffer_size = 1024, .max_buffers = 4});
  struct Ctx {
    int depth = 0;
    void reset() { depth = 0; }
  };
  ObjectPool<Ctx> contexts(4);
  MonitorOptions o;
  o.thresholds = {MiB(1), MiB(2), MiB(3)};
  Fixture f(o);
  watch_cache(f.monitor, cache, /*floor_bytes=*/MiB(1));
  watch_buffer_pool(f.monitor, buffers);
  watch_object_pool(f.monitor, contexts);

  for (int i = 0; i < 4; ++i)
    cache.put(std::to_string(i), std::make_shared<const std::string>("t"), MiB(1));
  cache.get("0");
  buffers.reserve(3);
  { auto held = buffers.acquire(); }
  { auto c = contexts.acquire(); }

  f.source->set(MiB(2), MiB(1));
  f.monitor.sample();
  MemoryReport r = f.monitor.report();
  EXPECT_EQ(r.components[static_cast<size_t>(Component::kTemplateCache)].used_bytes, MiB(4));
  EXPECT_EQ(r.components[static_cast<size_t>(Component::kFileOperations)].reserved_bytes, 3072u);
  EXPECT_EQ(r.components[static_cast<size_t>(Component::kVariableResolution)].reserved_bytes,
            sizeof(Ctx));

  f.source->set(MiB(4), MiB(1));
  f.monitor.sample();  // emergency
  EXPECT_EQ(cache.stats().bytes, MiB(1));
  EXPECT_EQ(buffers.stats().idle, 0u);
  EXPECT_EQ(contexts.stats().idle, 0u);
  MemoryReport after = f.monitor.report();
  ASSERT_TRUE(after.last_emergency);
  const EmergencyReport& e = *after.last_emergency;
  ASSERT_EQ(e.handlers.size(), 3u);
  EXPECT_EQ(e.handlers[0].name, "template cache");
  EXPECT_EQ(e.handlers[0].reported_bytes, MiB(3));
  EXPECT_EQ(e.handlers[1].reported_bytes, 3072u);
  EXPECT_EQ(e.handlers[2].reported_bytes, sizeof(Ctx));

  std::string text = f.monitor.format_text();
  EXPECT_NE(text.find("hit_rate 1"), std::string::npos) << text;
}

TEST(ProcessMemorySource, ReadsThisProcess) {
  ProcessMemorySource source;
  MemorySample s = source.sample();
  EXPECT_GT(s.rss_bytes, 0u);
  EXPECT_GE(s.peak_rss_bytes, s.rss_bytes);
  // gtest itself has allocated; but sanitizers and valgrind replace malloc, and glibc's
  // statistics then see nothing.
  const char* preload = std::getenv("LD_PRELOAD");
  bool malloc_replaced = preload != nullptr && std::strstr(preload, "vgpreload") != nullptr;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  malloc_replaced = true;
#endif
#if defined(__has_feature)  // clang says it this way
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  malloc_replaced = true;
#endif
#endif
  if (!malloc_replaced) {
    EXPECT_GT(s.heap_bytes, 0u);
  }
  source.release_to_os();  // must not crash; the result depends on the heap
}

TEST(MonitorSampler, WorkersCountWhileTheSamplerRuns) {
  Fixture f;
  std::atomic<size_t> used{0};
  f.monitor.add_probe(Component::kWorkerCoordination, [&] {
    return ComponentUsage{used.load(), MiB(1)};
  });
  auto scope = f.monitor.phase(Phase::kRendering);
  f.monitor.start_sampling(std::chrono::milliseconds(1));
  std::vector<std::thread> workers;
  for (int w = 0; w < 3; ++w) {
    workers.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        f.monitor.count_arena_resets();
        used.fetch_add(1);
        if (i % 100 == 0) (void)f.monitor.report();
      }
    });
  }
  for (std::thread& t : workers) t.join();
  f.monitor.stop_sampling();
  MemoryReport r = f.monitor.report();
  EXPECT_EQ(r.phases[static_cast<size_t>(Phase::kRendering)].arena_resets, 3000u);
}

TEST(MonitorSampler, BackgroundSamplingStops) {
  Fixture f;
  f.monitor.start_sampling(std::chrono::milliseconds(1));
  while (f.monitor.samples() < 3) std::this_thread::yield();
  f.monitor.stop_sampling();
  uint64_t n = f.monitor.samples();
  f.monitor.stop_sampling();  // idempotent
  EXPECT_EQ(f.monitor.samples(), n);
}

}  // namespace
}  // namespace unjucks::mem
