#include "mem/memory_report.h"

#include <cmath>
#include <cstdio>
#include <numeric>

namespace unjucks::mem {

std::string_view component_name(Component c) {
  switch (c) {
    case Component::kCoreEngine:
      return "core engine";
    case Component::kTemplateCache:
      return "template cache";
    case Component::kVariableResolution:
      return "variable resolution";
    case Component::kFileOperations:
      return "file operations";
    case Component::kWorkerCoordination:
      return "worker coordination";
  }
  return "?";
}

std::string_view component_key(Component c) {
  switch (c) {
    case Component::kCoreEngine:
      return "core_engine";
    case Component::kTemplateCache:
      return "template_cache";
    case Component::kVariableResolution:
      return "variable_resolution";
    case Component::kFileOperations:
      return "file_operations";
    case Component::kWorkerCoordination:
      return "worker_coordination";
  }
  return "?";
}

std::string_view phase_name(Phase p) {
  switch (p) {
    case Phase::kTemplateDiscovery:
      return "template discovery";
    case Phase::kRendering:
      return "rendering";
    case Phase::kFileGeneration:
      return "file generation";
  }
  return "?";
}

std::string_view phase_key(Phase p) {
  switch (p) {
    case Phase::kTemplateDiscovery:
      return "template_discovery";
    case Phase::kRendering:
      return "rendering";
    case Phase::kFileGeneration:
      return "file_generation";
  }
  return "?";
}

std::string_view level_name(AlertLevel l) {
  switch (l) {
    case AlertLevel::kWarning:
      return "warning";
    case AlertLevel::kCritical:
      return "critical";
    case AlertLevel::kEmergency:
      return "emergency";
  }
  return "?";
}

std::string_view metric_name(Metric m) { return m == Metric::kRss ? "rss" : "heap"; }

Thresholds Thresholds::from_limit(size_t limit_bytes, double warning_ratio, double critical_ratio,
                                  double emergency_ratio) {
  auto part = [limit_bytes](double r) {
    return static_cast<size_t>(std::llround(static_cast<double>(limit_bytes) * r));
  };
  return {part(warning_ratio), part(critical_ratio), part(emergency_ratio)};
}

size_t Thresholds::at(AlertLevel level) const {
  switch (level) {
    case AlertLevel::kWarning:
      return warning;
    case AlertLevel::kCritical:
      return critical;
    case AlertLevel::kEmergency:
      return emergency;
  }
  return emergency;
}

std::string Alert::name() const {
  switch (kind) {
    case AlertKind::kThresholdCrossed:
      return std::string(level_name(level));
    case AlertKind::kThresholdCleared:
      return std::string(level_name(level)) + "-cleared";
    case AlertKind::kLeakSuspected:
      return "leak-suspected";
  }
  return "?";
}

size_t EmergencyReport::reported_bytes() const {
  return std::accumulate(handlers.begin(), handlers.end(), size_t{0},
                         [](size_t sum, const CleanupResult& r) { return sum + r.reported_bytes; });
}

std::string format_bytes(size_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%zu B", bytes);
  } else if (bytes < kMiB) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / kMiB);
  }
  return buf;
}

namespace {

std::string format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

std::string bytes_cell(double bytes) { return format_bytes(static_cast<size_t>(bytes)); }

std::string_view state_name(PhaseReport::State s) {
  switch (s) {
    case PhaseReport::State::kNotRun:
      return "not-run";
    case PhaseReport::State::kActive:
      return "active";
    case PhaseReport::State::kDone:
      return "done";
  }
  return "?";
}

// --- JSON -----------------------------------------------------------------------------------

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20)
          out += format("\\u%04x", static_cast<unsigned>(c));
        else
          out += ch;
    }
  }
  out += '"';
}

void json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
  } else if (v == std::floor(v) && std::fabs(v) < 9e15) {
    out += format("%.0f", v);
  } else {
    out += format("%.6g", v);
  }
}

// A minimal writer: objects and arrays with automatic commas.
class Json {
 public:
  std::string take() { return std::move(out_); }
  Json& open(char c) {
    comma();
    out_ += c;
    first_ = true;
    return *this;
  }
  Json& close(char c) {
    out_ += c;
    first_ = false;
    return *this;
  }
  Json& key(std::string_view k) {
    comma();
    json_string(out_, k);
    out_ += ':';
    first_ = true;
    return *this;
  }
  Json& str(std::string_view s) {
    comma();
    json_string(out_, s);
    return *this;
  }
  Json& num(double v) {
    comma();
    json_number(out_, v);
    return *this;
  }
  Json& boolean(bool b) {
    comma();
    out_ += b ? "true" : "false";
    return *this;
  }
  Json& null() {
    comma();
    out_ += "null";
    return *this;
  }
  Json& field(std::string_view k, double v) { return key(k).num(v); }
  Json& field(std::string_view k, std::string_view v) { return key(k).str(v); }

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

}  // namespace

std::string format_text(const MemoryReport& r) {
  std::string out;
  out += format("Memory report (%llu samples)\n", static_cast<unsigned long long>(r.samples));
  out += "  resident " + format_bytes(r.rss_bytes) + " (peak " + format_bytes(r.peak_rss_bytes) +
         "), heap " + format_bytes(r.heap_bytes) + " (peak " + format_bytes(r.peak_heap_bytes) +
         ")\n";
  out += "  thresholds (" + std::string(metric_name(r.threshold_metric)) + "): warning " +
         format_bytes(r.thresholds.warning) + ", critical " + format_bytes(r.thresholds.critical) +
         ", emergency " + format_bytes(r.thresholds.emergency) + "; level " +
         std::string(r.level ? level_name(*r.level) : "normal") + "\n";
  out += "  leak trend " + std::string(r.leak_trend_bytes < 0 ? "-" : "+") +
         format_bytes(static_cast<size_t>(std::llabs(r.leak_trend_bytes))) +
         (r.leak_suspected ? " (leak suspected)" : "") + "\n\n";

  out += format("%-22s %11s %11s %11s %11s %11s %11s\n", "Component", "baseline", "peak", "average",
                "in use", "reserved", "efficiency");
  for (const ComponentReport& c : r.components) {
    std::string eff = c.efficiency ? format("%.1f%%", *c.efficiency * 100.0) : "-";
    out += format("%-22s %11s %11s %11s %11s %11s %11s\n", c.name.c_str(),
                  format_bytes(c.baseline_bytes).c_str(), format_bytes(c.peak_bytes).c_str(),
                  bytes_cell(c.average_bytes).c_str(), format_bytes(c.used_bytes).c_str(),
                  format_bytes(c.reserved_bytes).c_str(), eff.c_str());
  }
  out += '\n';
  out += format("%-22s %11s %11s %11s %13s %7s\n", "Phase", "start", "peak", "end", "arena resets",
                "trims");
  for (const PhaseReport& p : r.phases) {
    if (p.state == PhaseReport::State::kNotRun) {
      out += format("%-22s %11s %11s %11s %13s %7s\n", p.name.c_str(), "-", "-", "-", "-", "-");
      continue;
    }
    std::string end = p.state == PhaseReport::State::kActive ? "(active)" : format_bytes(p.rss_end);
    out += format("%-22s %11s %11s %11s %13llu %7llu\n", p.name.c_str(),
                  format_bytes(p.rss_start).c_str(), format_bytes(p.rss_peak).c_str(), end.c_str(),
                  static_cast<unsigned long long>(p.arena_resets),
                  static_cast<unsigned long long>(p.trims));
  }
  if (!r.counters.empty()) {
    out += "\nCounters\n";
    std::string group;
    for (const ReportCounter& c : r.counters) {
      if (c.group != group) {
        if (!group.empty()) out += '\n';
        group = c.group;
        out += "  " + group + ":";
      }
      bool integral = c.value == std::floor(c.value) && std::fabs(c.value) < 1e15;
      out += " " + c.name + " " + (integral ? format("%.0f", c.value) : format("%.4f", c.value));
    }
    out += '\n';
  }
  if (r.last_emergency) {
    const EmergencyReport& e = *r.last_emergency;
    out += format("\nEmergency clean-ups: %llu; last freed %s resident, %s heap",
                  static_cast<unsigned long long>(r.emergencies),
                  format_bytes(e.rss_freed()).c_str(), format_bytes(e.heap_freed()).c_str());
    for (const CleanupResult& h : e.handlers)
      out += "; " + h.name + " " + format_bytes(h.reported_bytes);
    out += '\n';
  }
  if (!r.alerts.empty()) {
    out += "\nAlerts\n";
    if (r.alerts_dropped != 0)
      out += format("  (%llu older alerts not kept)\n",
                    static_cast<unsigned long long>(r.alerts_dropped));
    for (const Alert& a : r.alerts)
      out += format("  #%llu ", static_cast<unsigned long long>(a.sample)) + a.message + "\n";
  }
  return out;
}

std::string format_json(const MemoryReport& r) {
  Json j;
  j.open('{');
  j.field("samples", static_cast<double>(r.samples));
  j.key("process").open('{');
  j.field("rss_bytes", static_cast<double>(r.rss_bytes));
  j.field("peak_rss_bytes", static_cast<double>(r.peak_rss_bytes));
  j.field("heap_bytes", static_cast<double>(r.heap_bytes));
  j.field("peak_heap_bytes", static_cast<double>(r.peak_heap_bytes));
  j.close('}');
  j.key("thresholds").open('{');
  j.field("metric", metric_name(r.threshold_metric));
  j.field("warning_bytes", static_cast<double>(r.thresholds.warning));
  j.field("critical_bytes", static_cast<double>(r.thresholds.critical));
  j.field("emergency_bytes", static_cast<double>(r.thresholds.emergency));
  j.key("level");
  if (r.level)
    j.str(level_name(*r.level));
  else
    j.str("normal");
  j.close('}');
  j.key("components").open('[');
  for (const ComponentReport& c : r.components) {
    j.open('{');
    j.field("name", c.name).field("key", c.key).field("probes", static_cast<double>(c.probes));
    j.field("baseline_bytes", static_cast<double>(c.baseline_bytes));
    j.field("used_bytes", static_cast<double>(c.used_bytes));
    j.field("peak_bytes", static_cast<double>(c.peak_bytes));
    j.field("average_bytes", std::round(c.average_bytes));
    j.field("reserved_bytes", static_cast<double>(c.reserved_bytes));
    j.field("peak_reserved_bytes", static_cast<double>(c.peak_reserved_bytes));
    j.field("average_reserved_bytes", std::round(c.average_reserved_bytes));
    j.key("efficiency");
    if (c.efficiency)
      j.num(*c.efficiency);
    else
      j.null();
    j.close('}');
  }
  j.close(']');
  j.key("phases").open('[');
  for (const PhaseReport& p : r.phases) {
    j.open('{');
    j.field("name", p.name).field("key", p.key).field("state", state_name(p.state));
    j.field("runs", static_cast<double>(p.runs));
    j.key("rss_bytes").open('{');
    j.field("start", static_cast<double>(p.rss_start))
        .field("peak", static_cast<double>(p.rss_peak));
    j.field("end", static_cast<double>(p.rss_end)).close('}');
    j.key("heap_bytes").open('{');
    j.field("start", static_cast<double>(p.heap_start));
    j.field("peak", static_cast<double>(p.heap_peak));
    j.field("end", static_cast<double>(p.heap_end)).close('}');
    j.field("arena_resets", static_cast<double>(p.arena_resets));
    j.field("trims", static_cast<double>(p.trims));
    j.field("samples", static_cast<double>(p.samples));
    j.close('}');
  }
  j.close(']');
  j.key("counters").open('{');
  std::string group;
  bool open_group = false;
  for (const ReportCounter& c : r.counters) {
    if (!open_group || c.group != group) {
      if (open_group) j.close('}');
      group = c.group;
      j.key(group).open('{');
      open_group = true;
    }
    j.field(c.name, c.value);
  }
  if (open_group) j.close('}');
  j.close('}');
  j.key("leak").open('{');
  j.field("trend_bytes", static_cast<double>(r.leak_trend_bytes));
  j.key("suspected").boolean(r.leak_suspected);
  j.close('}');
  j.key("emergency").open('{');
  j.field("runs", static_cast<double>(r.emergencies));
  j.key("last");
  if (r.last_emergency) {
    const EmergencyReport& e = *r.last_emergency;
    j.open('{');
    j.field("rss_freed_bytes", static_cast<double>(e.rss_freed()));
    j.field("heap_freed_bytes", static_cast<double>(e.heap_freed()));
    j.field("reported_bytes", static_cast<double>(e.reported_bytes()));
    j.key("allocator_trimmed").boolean(e.allocator_trimmed);
    j.key("handlers").open('[');
    for (const CleanupResult& h : e.handlers) {
      j.open('{').field("name", h.name);
      j.field("bytes", static_cast<double>(h.reported_bytes)).close('}');
    }
    j.close(']').close('}');
  } else {
    j.null();
  }
  j.close('}');
  j.key("alerts").open('[');
  for (const Alert& a : r.alerts) {
    j.open('{').field("name", a.name()).field("sample", static_cast<double>(a.sample));
    j.field("value_bytes", static_cast<double>(a.value_bytes));
    if (a.kind == AlertKind::kLeakSuspected) {
      j.field("growth_bytes", static_cast<double>(a.growth_bytes));
      j.key("components").open('[');
      for (const std::string& c : a.components) j.str(c);
      j.close(']');
    } else {
      j.field("threshold_bytes", static_cast<double>(a.threshold_bytes));
    }
    if (a.freed_bytes) j.field("freed_bytes", static_cast<double>(*a.freed_bytes));
    j.field("message", a.message).close('}');
  }
  j.close(']');
  j.field("alerts_dropped", static_cast<double>(r.alerts_dropped));
  j.close('}');
  std::string out = j.take();
  out += '\n';
  return out;
}

}  // namespace unjucks::mem
