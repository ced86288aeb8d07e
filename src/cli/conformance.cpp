// unjucks-conformance: renders the cases of a cases.json corpus and compares them byte for byte
// (contract: shared/conformance/README.md). The cases run in a forked worker process with a time
// limit per case and loop/output fuel, so a crash or a hang fails that case only.
#include "cli/conformance.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/conformance_case.h"
#include "cli/text_diff.h"

namespace unjucks::cli {

namespace {

// Outputs longer than this (or with more lines) are shown as a line diff rather than whole.
constexpr size_t kShowWholeUpTo = 160;

struct KnownFailures {
  std::map<std::string, std::string, std::less<>> reasons;  // id -> reason
  bool given = false;
};

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

// One "id  reason" per line; '#' starts a comment.
bool load_known_failures(const std::string& path, KnownFailures& known, std::string& error) {
  std::string text;
  if (!read_file(path, text, error)) return false;
  known.given = true;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    size_t e = line.find_first_of(" \t\r", b);
    std::string id = line.substr(b, e == std::string::npos ? std::string::npos : e - b);
    std::string reason;
    if (e != std::string::npos) {
      size_t rb = line.find_first_not_of(" \t\r", e);
      size_t re = line.find_last_not_of(" \t\r");
      if (rb != std::string::npos) reason = line.substr(rb, re - rb + 1);
    }
    known.reasons[id] = reason;
  }
  return true;
}

void print_block(const char* label, const std::string& text) {
  // Multi-line messages are indented under their label.
  std::string body;
  std::string_view t = text;
  while (!t.empty() && t.back() == '\n') t.remove_suffix(1);
  for (char ch : t) {
    body += ch;
    if (ch == '\n') body += "            ";
  }
  std::printf("  %-9s %s\n", label, body.c_str());
}

void print_failure(const ConformanceCase& c, const CaseOutcome& o, const KnownFailures& known,
                   bool brief) {
  auto k = known.reasons.find(c.id);
  std::string tag = k == known.reasons.end() ? "FAIL" : "FAIL (known: " + k->second + ")";
  std::printf("%s %s: %s\n", tag.c_str(), c.id.c_str(), c.name.c_str());
  if (brief) return;
  if (!c.invalid.empty()) {
    print_block("problem:", "invalid case: " + c.invalid);
    std::printf("\n");
    return;
  }
  print_block("template:", json_quoted_window(c.source, 0, 2000));
  if (!c.path.empty()) print_block("path:", c.path);
  print_block("expected:", c.expect_error ? "an error" : json_quoted_window(c.expected, 0, 2000));
  switch (o.status) {
    case CaseOutcome::Status::Rendered: {
      bool long_text = c.expected.size() > kShowWholeUpTo || o.text.size() > kShowWholeUpTo;
      if (!c.expect_error && long_text) {
        print_block("diff:", line_diff(c.expected, o.text));
      } else {
        print_block("actual:", json_quoted_window(o.text, 0, 2000));
      }
      break;
    }
    case CaseOutcome::Status::Failed:
      print_block("error:", o.text);
      break;
    case CaseOutcome::Status::Broken:
      print_block("broken:", o.text);
      break;
  }
  std::printf("\n");
}

bool selected(const ConformanceCase& c, const std::vector<std::string>& ids,
              const std::string& filter) {
  if (ids.empty() && filter.empty()) return true;
  for (const std::string& id : ids) {
    if (c.id == id) return true;
  }
  return !filter.empty() &&
         (c.id.find(filter) != std::string::npos || c.name.find(filter) != std::string::npos);
}

}  // namespace

int run_conformance(int argc, char** argv) {
  CLI::App app{"Renders the cases of a conformance corpus (cases.json) and compares the outputs",
               "unjucks-conformance"};
  std::string cases_path;
  std::string known_path;
  std::vector<std::string> ids;
  std::string filter;
  bool brief = false;
  RunSettings settings;
  bool no_fork = false;
  app.add_option("--cases", cases_path, "the cases.json file")->required();
  app.add_option("--known-failures", known_path,
                 "ids expected to fail, one 'id  reason' a line ('#' comments)");
  app.add_option("--id", ids, "run only this case (repeatable)");
  app.add_option("--filter", filter, "run only cases whose id or name contains TEXT");
  app.add_option("--timeout", settings.timeout_s, "seconds allowed per case (default 10)")
      ->check(CLI::PositiveNumber);
  app.add_option("--fuel", settings.max_loop_iterations,
                 "loop iterations allowed per case (default 10,000,000)");
  app.add_flag("--no-fork", no_fork,
               "run cases in this process (for debuggers; a crash or hang then stops the run)");
  app.add_flag("--brief", brief, "one line per failure instead of the details");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUserError;
  }
  settings.isolate = !no_fork;

  std::string error;
  KnownFailures known;
  if (!known_path.empty() && !load_known_failures(known_path, known, error)) {
    std::fprintf(stderr, "unjucks-conformance: %s\n", error.c_str());
    return kExitUserError;
  }
  std::string text;
  if (!read_file(cases_path, text, error)) {
    std::fprintf(stderr, "unjucks-conformance: %s\n", error.c_str());
    return kExitUserError;
  }
  nlohmann::ordered_json corpus;
  try {
    corpus = nlohmann::ordered_json::parse(text);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unjucks-conformance: %s: %s\n", cases_path.c_str(), e.what());
    return kExitUserError;
  }
  if (!corpus.is_array()) {
    std::fprintf(stderr, "unjucks-conformance: %s: not a JSON array of cases\n",
                 cases_path.c_str());
    return kExitUserError;
  }

  auto started = std::chrono::steady_clock::now();
  size_t passed = 0;
  size_t failed = 0;
  std::vector<std::string> unexpected;  // failures not listed as known
  std::vector<std::string> now_passing;
  std::set<std::string, std::less<>> seen;
  std::vector<ConformanceCase> cases;
  for (size_t i = 0; i < corpus.size(); ++i) {
    ConformanceCase c = read_case(corpus[i], i);
    if (!seen.insert(c.id).second && c.invalid.empty()) c.invalid = "duplicate id";
    if (selected(c, ids, filter)) cases.push_back(std::move(c));
  }
  corpus = nullptr;  // the worker process does not need a copy of the document
  run_cases(cases, settings, [&](size_t i, const CaseOutcome& o) {
    const ConformanceCase& c = cases[i];
    bool listed = known.reasons.count(c.id) != 0;
    if (outcome_passes(c, o)) {
      ++passed;
      if (listed) now_passing.push_back(c.id);
    } else {
      ++failed;
      if (!listed) unexpected.push_back(c.id);
      print_failure(c, o, known, brief);
    }
  });
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  int status = kExitOk;
  for (const std::string& id : ids) {
    if (seen.count(id) == 0) {
      std::printf("no case has the id %s\n", id.c_str());
      status = kExitUserError;
    }
  }
  if (!now_passing.empty()) {
    // The list only shrinks: a case that passes while listed fails the run until it is taken
    // off (else a fixed case could break again unnoticed).
    status = kExitUserError;
    std::printf("%zu known failure(s) now pass; remove them from %s:\n", now_passing.size(),
                known_path.c_str());
    for (const std::string& id : now_passing) std::printf("  %s\n", id.c_str());
  }
  if (known.given && ids.empty() && filter.empty()) {
    for (const auto& [id, reason] : known.reasons) {
      if (seen.count(id) == 0)
        std::printf("known-failures lists %s, which no case has\n", id.c_str());
    }
  }
  if (!unexpected.empty()) {
    status = kExitUserError;
    if (known.given) {
      std::printf("%zu failure(s) not in %s:", unexpected.size(), known_path.c_str());
      for (const std::string& id : unexpected) std::printf(" %s", id.c_str());
      std::printf("\n");
    }
  }
  std::printf("%s: %zu case(s) in %.2f s%s\n", cases_path.c_str(), passed + failed, seconds,
              settings.isolate ? "" : " (in process)");
  std::printf("%zu passed, %zu failed\n", passed, failed);
  std::fflush(stdout);
  return status;
}

}  // namespace unjucks::cli
