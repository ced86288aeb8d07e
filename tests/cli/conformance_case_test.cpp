#include "cli/conformance_case.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace unjucks::cli {
namespace {

using Json = nlohmann::ordered_json;
using Status = CaseOutcome::Status;

Json make_case(const std::string& tmpl, Json extra = Json::object()) {
  Json j = {{"id", "t-1"},
            {"suite", "t"},
            {"name", "a case"},
            {"template", tmpl},
            {"context", Json::object()},
            {"options",
             {{"autoescape", true},
              {"throwOnUndefined", false},
              {"trimBlocks", false},
              {"lstripBlocks", false}}},
            {"expected", ""}};
  for (auto& [k, v] : extra.items()) {
    if (v.is_null()) {
      j.erase(k);
    } else {
      j[k] = v;
    }
  }
  return j;
}

std::vector<CaseOutcome> run_all(const std::vector<ConformanceCase>& cases,
                                 const RunSettings& settings) {
  std::vector<CaseOutcome> out(cases.size());
  std::vector<bool> seen(cases.size());
  run_cases(cases, settings, [&](size_t i, const CaseOutcome& o) {
    EXPECT_FALSE(seen[i]) << "outcome " << i << " reported twice";
    seen[i] = true;
    out[i] = o;
  });
  for (size_t i = 0; i < cases.size(); ++i) EXPECT_TRUE(seen[i]) << "no outcome for " << i;
  return out;
}

TEST(ConformanceCaseTest, ReadsEveryField) {
  Json j = make_case("{{ a }}", {{"context", {{"z", 1}, {"a", {{"b", 2.5}}}}},
                                 {"path", "dir/page.njk"},
                                 {"templates", {{"dir/x.njk", "X"}}},
                                 {"expected", "out"}});
  j["options"]["trimBlocks"] = true;
  j["options"]["jinjaCompat"] = true;
  j["options"]["tags"] = {{"variableStart", "<$"}, {"variableEnd", "$>"}};
  ConformanceCase c = read_case(j, 0);
  EXPECT_EQ(c.invalid, "");
  EXPECT_EQ(c.id, "t-1");
  EXPECT_EQ(c.name, "a case");
  EXPECT_EQ(c.source, "{{ a }}");
  EXPECT_EQ(c.context_json, R"({"z":1,"a":{"b":2.5}})");  // file order kept
  EXPECT_EQ(c.path, "dir/page.njk");
  EXPECT_EQ(c.templates.at("dir/x.njk"), "X");
  EXPECT_FALSE(c.expect_error);
  EXPECT_EQ(c.expected, "out");
  EXPECT_TRUE(c.options.autoescape);
  EXPECT_TRUE(c.options.trim_blocks);
  EXPECT_FALSE(c.options.lstrip_blocks);
  EXPECT_TRUE(c.options.jinja_compat);
  EXPECT_EQ(c.options.tags.variable_start, "<$");
  EXPECT_EQ(c.options.tags.block_start, "{%");
}

TEST(ConformanceCaseTest, ProblemsMakeTheCaseInvalid) {
  Json j = make_case("x");
  j["options"]["dev"] = true;
  EXPECT_EQ(read_case(j, 0).invalid, "unsupported option 'dev'");
  j = make_case("x");
  j["options"]["tags"] = {{"weird", "x"}};
  EXPECT_EQ(read_case(j, 0).invalid, "unsupported tag option 'weird'");
  EXPECT_NE(read_case(make_case("x", {{"expected_error", true}}), 0).invalid, "");
  EXPECT_NE(read_case(make_case("x", {{"expected", nullptr}}), 0).invalid, "");
  EXPECT_NE(read_case(make_case("x", {{"context", Json::array()}}), 0).invalid, "");
  ConformanceCase c = read_case(Json::array(), 7);
  EXPECT_EQ(c.id, "#7");
  EXPECT_NE(c.invalid, "");
  // An invalid case never passes, even when it "expects" an error.
  Json e = make_case("{% if %}", {{"expected", nullptr}, {"expected_error", true}});
  e["options"]["dev"] = true;
  ConformanceCase bad = read_case(e, 0);
  RunSettings here;
  here.isolate = false;
  std::vector<CaseOutcome> o = run_all({bad}, here);
  EXPECT_EQ(o[0].status, Status::Broken);
  EXPECT_FALSE(outcome_passes(bad, o[0]));
}

TEST(ConformanceCaseTest, ComparesOutputsAndErrors) {
  std::vector<ConformanceCase> cases = {
      read_case(make_case("{{ a }}!", {{"context", {{"a", "<x>"}}}, {"expected", "&lt;x&gt;!"}}),
                0),
      read_case(make_case("{{ a }}", {{"context", {{"a", 1}}}, {"expected", "2"}}), 1),
      read_case(make_case("{% if %}", {{"expected", nullptr}, {"expected_error", true}}), 2),
      read_case(
          make_case("{% include './b.njk' %}",
                    {{"path", "d/a.njk"}, {"templates", {{"d/b.njk", "B"}}}, {"expected", "B"}}),
          3),
  };
  for (bool isolate : {false, true}) {
    RunSettings settings;
    settings.isolate = isolate;
    std::vector<CaseOutcome> o = run_all(cases, settings);
    EXPECT_TRUE(outcome_passes(cases[0], o[0])) << o[0].text;
    EXPECT_EQ(o[1].status, Status::Rendered);
    EXPECT_EQ(o[1].text, "1");
    EXPECT_FALSE(outcome_passes(cases[1], o[1]));
    EXPECT_EQ(o[2].status, Status::Failed);
    EXPECT_TRUE(outcome_passes(cases[2], o[2]));
    EXPECT_TRUE(outcome_passes(cases[3], o[3])) << o[3].text;
  }
}

TEST(ConformanceCaseTest, OutputAndLoopFuelStopRunawayTemplates) {
  RunSettings settings;
  settings.isolate = false;
  settings.max_output_bytes = 1000;
  settings.max_loop_iterations = 1000;
  std::vector<ConformanceCase> cases = {
      read_case(make_case("{% for i in range(100) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}"),
                0),
      read_case(make_case("{% for i in range(5000) %}{% endfor %}"), 1),
  };
  std::vector<CaseOutcome> o = run_all(cases, settings);
  EXPECT_EQ(o[0].status, Status::Failed);
  EXPECT_NE(o[0].text.find("limit"), std::string::npos) << o[0].text;
  EXPECT_EQ(o[1].status, Status::Failed);
  EXPECT_NE(o[1].text.find("limit"), std::string::npos) << o[1].text;
}

TEST(ConformanceCaseTest, ATimeoutFailsOneCaseAndTheNextWorkerGoesOn) {
  RunSettings settings;
  settings.timeout_s = 0.05;
  settings.max_loop_iterations = uint64_t{1} << 62;
  std::vector<ConformanceCase> cases = {
      read_case(make_case("a", {{"expected", "a"}}), 0),
      read_case(make_case("{% for i in range(4000000000) %}{% endfor %}"), 1),
      read_case(make_case("c", {{"expected", "c"}}), 2),
  };
  std::vector<CaseOutcome> o = run_all(cases, settings);
  EXPECT_TRUE(outcome_passes(cases[0], o[0]));
  EXPECT_EQ(o[1].status, Status::Broken);
  EXPECT_NE(o[1].text.find("timed out"), std::string::npos) << o[1].text;
  EXPECT_TRUE(outcome_passes(cases[2], o[2])) << o[2].text;
}

}  // namespace
}  // namespace unjucks::cli
