#include "gen/report.h"

#include <fmt/format.h>

#include <cstdlib>

namespace unjucks::gen {
namespace {

const char* color_of(EntryKind kind) {
  switch (kind) {
    case EntryKind::Added:
      return "\x1b[32m";  // green
    case EntryKind::Forced:
      return "\x1b[31m";  // red
    case EntryKind::Injected:
      return "\x1b[35m";  // magenta
    case EntryKind::Skipped:
      return "\x1b[33m";  // yellow
    case EntryKind::Shell:
      return "\x1b[36m";  // cyan
    case EntryKind::Error:
      return "\x1b[1;31m";
  }
  return "";
}

}  // namespace

std::string_view entry_label(EntryKind kind) {
  switch (kind) {
    case EntryKind::Added:
      return "added";
    case EntryKind::Forced:
      return "forced";
    case EntryKind::Injected:
      return "inject";
    case EntryKind::Skipped:
      return "skipped";
    case EntryKind::Shell:
      return "shell";
    case EntryKind::Error:
      return "error";
  }
  return "?";
}

bool want_color(bool stream_is_tty) {
  const char* no = std::getenv("NO_COLOR");
  return stream_is_tty && (no == nullptr || *no == '\0');
}

std::string format_entry(const ReportEntry& e, bool color, bool dry) {
  (void)dry;
  std::string label = fmt::format("{:>9}", std::string(entry_label(e.kind)) + ":");
  std::string line = color ? fmt::format("{}{}\x1b[0m {}", color_of(e.kind), label, e.path)
                           : fmt::format("{} {}", label, e.path);
  if (!e.detail.empty()) line += " (" + e.detail + ")";
  line += '\n';
  if (!e.diff.empty()) {
    size_t i = 0;
    while (i < e.diff.size()) {
      size_t j = e.diff.find('\n', i);
      if (j == std::string::npos) j = e.diff.size();
      std::string_view l(e.diff.data() + i, j - i);
      const char* c = !color               ? ""
                      : l.starts_with("+") ? "\x1b[32m"
                      : l.starts_with("@") ? "\x1b[36m"
                                           : "";
      line += fmt::format("          {}{}{}\n", c, l, *c ? "\x1b[0m" : "");
      i = j + 1;
    }
  }
  if (!e.message.empty()) line += e.message + (e.message.ends_with('\n') ? "" : "\n");
  return line;
}

std::string format_summary(const std::vector<ReportEntry>& entries, bool color, bool dry) {
  size_t counts[6] = {};
  for (const ReportEntry& e : entries) ++counts[static_cast<size_t>(e.kind)];
  std::string s;
  auto add = [&](size_t n, const char* what) {
    if (n == 0) return;
    s += (s.empty() ? "" : ", ") + fmt::format("{} {}", n, what);
  };
  add(counts[static_cast<size_t>(EntryKind::Added)], "added");
  add(counts[static_cast<size_t>(EntryKind::Forced)], "forced");
  add(counts[static_cast<size_t>(EntryKind::Injected)], "injected");
  add(counts[static_cast<size_t>(EntryKind::Skipped)], "skipped");
  add(counts[static_cast<size_t>(EntryKind::Shell)], "shell");
  add(counts[static_cast<size_t>(EntryKind::Error)],
      counts[static_cast<size_t>(EntryKind::Error)] == 1 ? "error" : "errors");
  if (s.empty()) s = "nothing to do";
  if (dry) s += " (dry run: nothing written)";
  return color ? "\x1b[1m" + s + "\x1b[0m\n" : s + "\n";
}

Json entries_to_json(const std::vector<ReportEntry>& entries, bool dry) {
  Json files = Json::array();
  Json summary = Json::object();
  for (const char* k : {"added", "forced", "inject", "skipped", "shell", "error"}) summary[k] = 0;
  for (const ReportEntry& e : entries) {
    Json j = Json::object();
    j["action"] = std::string(entry_label(e.kind));
    j["path"] = e.path;
    if (!e.template_name.empty()) j["template"] = e.template_name;
    if (!e.detail.empty()) j["detail"] = e.detail;
    if (!e.diff.empty()) j["diff"] = e.diff;
    if (!e.message.empty()) j["message"] = e.message;
    files.push_back(std::move(j));
    summary[std::string(entry_label(e.kind))] =
        summary[std::string(entry_label(e.kind))].get<int>() + 1;
  }
  Json out = Json::object();
  out["dry"] = dry;
  out["files"] = std::move(files);
  out["summary"] = std::move(summary);
  return out;
}

}  // namespace unjucks::gen
