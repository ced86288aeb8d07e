// One conformance case (the format of shared/conformance/README.md) and how to run it: in a fresh
// environment built from its options and its own map loader, optionally in a child process so
// that a crash or a hang costs only that case.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "template/options.h"

namespace unjucks::cli {

struct ConformanceCase {
  std::string id;
  std::string name;
  std::string source;        // the top-level template
  std::string context_json;  // the context object, re-serialised in file order
  std::string path;          // the top-level template's name ("" when absent)
  std::map<std::string, std::string, std::less<>> templates;
  bool expect_error = false;
  std::string expected;
  tpl::Options options;
  // Why the case cannot be run as written (malformed field, unsupported option); the case then
  // counts as failed with this reason.
  std::string invalid;
};

// Reads case number `index` of a cases.json array. Never throws: problems go to `invalid`.
ConformanceCase read_case(const nlohmann::ordered_json& j, size_t index);

struct CaseOutcome {
  enum class Status {
    Rendered,  // `text` is the output
    Failed,    // the engine raised a TemplateError; `text` is its formatted message
    Broken,    // crash, timeout, foreign exception or invalid case; `text` says what happened
  };
  Status status = Status::Broken;
  std::string text;
};

struct RunSettings {
  bool isolate = true;                        // run the cases in a forked worker process
  double timeout_s = 10.0;                    // per case, when isolated
  uint64_t max_loop_iterations = 10'000'000;  // fuel, for every case
  uint64_t max_output_bytes = uint64_t{64} << 20;
};

using OutcomeSink = std::function<void(size_t index, const CaseOutcome& outcome)>;

// Runs the cases in order and hands each outcome to `sink` as soon as it is known. With
// settings.isolate the cases run in a forked worker process; a case that crashes it or runs past
// the timeout is failed, and a new worker continues with the next case.
void run_cases(const std::vector<ConformanceCase>& cases, const RunSettings& settings,
               const OutcomeSink& sink);

// Whether the outcome is what the case expects.
bool outcome_passes(const ConformanceCase& c, const CaseOutcome& o);

}  // namespace unjucks::cli
