// The memory options of the CLI: the size parser, taking the options out of the arguments, and
// whole runs (in a forked child, in a fresh directory) checking the report, its phases and
// components, that it comes out when the command fails, and that exit codes are unchanged.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/memory_options.h"
#include "cli_child.h"
#include "template/environment.h"

namespace fs = std::filesystem;
using unjucks::cli::extract_memory_options;
using unjucks::cli::MemoryOptions;
using unjucks::cli::MemoryReportFormat;
using unjucks::cli::parse_size;

namespace {

// Whether the engine has the budgeted cache (a dependent requires-expression: false, not an
// error, on an engine without it).
template <typename Env>
constexpr bool kHasCacheStats = requires(const Env& e) {
  e.cache_stats();
};

size_t size_of(const std::string& text) {
  size_t v = 0;
  std::string err;
  EXPECT_TRUE(parse_size(text, &v, &err)) << text << ": " << err;
  return v;
}

bool size_fails(const std::string& text) {
  size_t v = 12345;
  std::string err;
  bool ok = parse_size(text, &v, &err);
  return !ok && !err.empty() && v == 12345;
}

TEST(ParseSize, PlainBytesAndUnits) {
  EXPECT_EQ(size_of("4096"), 4096u);
  EXPECT_EQ(size_of("0"), 0u);
  EXPECT_EQ(size_of("17B"), 17u);
  EXPECT_EQ(size_of("512KiB"), 512u * 1024);
  EXPECT_EQ(size_of("512k"), 512u * 1024);
  EXPECT_EQ(size_of("12MiB"), 12u << 20);
  EXPECT_EQ(size_of("12mib"), 12u << 20);
  EXPECT_EQ(size_of("12M"), 12u << 20);
  EXPECT_EQ(size_of("2GiB"), size_t{2} << 30);
  EXPECT_EQ(size_of("2KB"), 2000u);
  EXPECT_EQ(size_of("3MB"), 3000000u);
  EXPECT_EQ(size_of(" 64 KiB "), 64u * 1024);
}

TEST(ParseSize, Fractions) {
  EXPECT_EQ(size_of("1.5MiB"), 3u << 19);
  EXPECT_EQ(size_of("0.25GiB"), size_t{1} << 28);
  EXPECT_EQ(size_of(".5K"), 512u);
  EXPECT_EQ(size_of("1.5"), 1u);  // bytes: the fraction is dropped
}

TEST(ParseSize, Refusals) {
  EXPECT_TRUE(size_fails(""));
  EXPECT_TRUE(size_fails("MiB"));
  EXPECT_TRUE(size_fails("12XB"));
  EXPECT_TRUE(size_fails("-1"));
  EXPECT_TRUE(size_fails("1.2.3"));
  EXPECT_TRUE(size_fails("12 MiB extra"));
  EXPECT_TRUE(size_fails("99999999999999999999999"));
  EXPECT_TRUE(size_fails("18446744073709551615GiB"));
}

std::vector<std::string> extract(std::vector<std::string> args, MemoryOptions* mo,
                                 bool expect_ok = true) {
  std::string err;
  EXPECT_EQ(extract_memory_options(&args, mo, &err), expect_ok) << err;
  return args;
}

TEST(ExtractMemoryOptions, TakesThemFromAnywhere) {
  MemoryOptions mo;
  auto rest = extract({"unjucks", "--memory-report", "generate", "command", "citty", "hello",
                       "--cache-budget", "512KiB", "--force", "--memory-limit=64MiB"},
                      &mo);
  EXPECT_EQ(rest, (std::vector<std::string>{"unjucks", "generate", "command", "citty", "hello",
                                            "--force"}));
  EXPECT_EQ(mo.report, MemoryReportFormat::kText);
  EXPECT_EQ(mo.cache_budget, 512u * 1024);
  EXPECT_EQ(mo.memory_limit, 64u << 20);
  EXPECT_TRUE(mo.report_file.empty());
  EXPECT_TRUE(mo.monitored());
}

TEST(ExtractMemoryOptions, JsonAndFile) {
  MemoryOptions mo;
  auto rest = extract({"list", "--memory-report=json", "--memory-report-file", "m.json"}, &mo);
  EXPECT_EQ(rest, std::vector<std::string>{"list"});
  EXPECT_EQ(mo.report, MemoryReportFormat::kJson);
  EXPECT_EQ(mo.report_file, "m.json");

  MemoryOptions alone;  // a file alone means JSON
  extract({"--memory-report-file=r.json"}, &alone);
  EXPECT_EQ(alone.report, MemoryReportFormat::kJson);
  EXPECT_EQ(alone.report_file, "r.json");

  MemoryOptions text_file;
  extract({"--memory-report", "--memory-report-file", "r.txt"}, &text_file);
  EXPECT_EQ(text_file.report, MemoryReportFormat::kText);
}

TEST(ExtractMemoryOptions, NothingAskedMeansNoMonitor) {
  MemoryOptions mo;
  auto rest = extract({"generate", "a", "b", "--cache-budget", "1MiB"}, &mo);
  EXPECT_EQ(rest.size(), 3u);
  EXPECT_EQ(mo.cache_budget, 1u << 20);
  EXPECT_FALSE(mo.monitored());  // a budget alone needs no monitor
}

TEST(ExtractMemoryOptions, StopsAtDoubleDash) {
  MemoryOptions mo;
  auto rest = extract({"generate", "a", "b", "--", "--memory-report"}, &mo);
  EXPECT_EQ(rest, (std::vector<std::string>{"generate", "a", "b", "--", "--memory-report"}));
  EXPECT_EQ(mo.report, MemoryReportFormat::kNone);
}

TEST(ExtractMemoryOptions, Errors) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--memory-report=xml"},
           {"--cache-budget"},
           {"--cache-budget", "lots"},
           {"--cache-budget=0"},
           {"--memory-limit", "-5"},
           {"--memory-report-file"},
           {"--memory-report-file="},
       }) {
    MemoryOptions mo;
    std::vector<std::string> a = args;
    std::string err;
    EXPECT_FALSE(extract_memory_options(&a, &mo, &err)) << args[0];
    EXPECT_FALSE(err.empty());
  }
}

TEST(MemorySession, OutermostIsCurrentAndUnmonitoredHasNoMonitor) {
  using unjucks::cli::current_memory_session;
  using unjucks::cli::MemorySession;
  EXPECT_EQ(current_memory_session(), nullptr);
  {
    MemoryOptions budget_only;
    budget_only.cache_budget = 1 << 20;
    MemorySession outer(budget_only);
    EXPECT_EQ(current_memory_session(), &outer);  // a budget alone still reaches the commands
    EXPECT_EQ(outer.monitor(), nullptr);
    {
      MemorySession inner{MemoryOptions{}};
      EXPECT_EQ(current_memory_session(), &outer);
      auto guard = inner.phase(unjucks::mem::Phase::kRendering);
      EXPECT_FALSE(inner.current_phase().has_value());  // no monitor: phases are no-ops
      EXPECT_TRUE(inner.write_report());
    }
    EXPECT_EQ(current_memory_session(), &outer);
  }
  EXPECT_EQ(current_memory_session(), nullptr);
}

// --- whole runs ---------------------------------------------------------------------------

using unjucks::cli::testing::CliRun;
using unjucks::cli::testing::read_file;

class MemoryReportRun : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/unjucks-memreport-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = fs::canonical(tmpl);
    work_ = root_ / "work";
    fs::create_directories(work_);
  }
  void TearDown() override { fs::remove_all(root_); }

  CliRun run(const std::vector<std::string>& args) {
    return unjucks::cli::testing::run_in_child(work_, root_, args);
  }

  static const nlohmann::json* find_key(const nlohmann::json& list, const std::string& key) {
    for (const auto& item : list) {
      if (item.value("key", "") == key) return &item;
    }
    return nullptr;
  }

  fs::path root_, work_;
};

TEST_F(MemoryReportRun, NoOptionsNoReport) {
  CliRun r = run({"generate", "command", "citty", "hello"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(work_ / "Hello.ts"));
  EXPECT_EQ(r.err.find("Memory report"), std::string::npos) << r.err;
}

TEST_F(MemoryReportRun, TextTablesAfterGenerate) {
  CliRun r = run({"generate", "command", "citty", "hello", "--memory-report"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(work_ / "Hello.ts"));
  EXPECT_NE(r.out.find("Hello.ts"), std::string::npos) << r.out;  // the usual output stays
  EXPECT_EQ(r.out.find("Memory report"), std::string::npos);      // the report is on stderr
  for (const char* s :
       {"Memory report", "core engine", "template cache", "variable resolution", "file operations",
        "worker coordination", "template discovery", "rendering", "file generation"}) {
    EXPECT_NE(r.err.find(s), std::string::npos) << s << "\n" << r.err;
  }
  EXPECT_EQ(r.err.find("(active)"), std::string::npos) << r.err;  // every phase ended
}

TEST_F(MemoryReportRun, JsonToFileHasPhasesAndComponents) {
  CliRun r = run({"--memory-report=json", "--memory-report-file", (root_ / "m.json").string(),
                  "command", "citty", "hello"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("\"phases\""), std::string::npos) << "JSON went to stderr";
  nlohmann::json j = nlohmann::json::parse(read_file(root_ / "m.json"));
  ASSERT_TRUE(j.contains("phases")) << j.dump(2);
  for (const char* key : {"template_discovery", "rendering", "file_generation"}) {
    const nlohmann::json* p = find_key(j["phases"], key);
    ASSERT_NE(p, nullptr) << key << "\n" << j.dump(2);
    EXPECT_EQ(p->value("state", ""), "done") << key << "\n" << p->dump(2);
    EXPECT_GT((*p)["rss_bytes"].value("peak", size_t{0}), 0u) << key << "\n" << p->dump(2);
  }
  // Three templates rendered per file (header, name, body) and two files: resets counted.
  EXPECT_GE(find_key(j["phases"], "rendering")->value("arena_resets", uint64_t{0}), 2u);
  const nlohmann::json* engine = find_key(j["components"], "core_engine");
  ASSERT_NE(engine, nullptr) << j.dump(2);
  EXPECT_GT(engine->value("peak_reserved_bytes", size_t{0}), 0u) << engine->dump(2);
  const nlohmann::json* vars = find_key(j["components"], "variable_resolution");
  ASSERT_NE(vars, nullptr);
  EXPECT_GT(vars->value("peak_bytes", size_t{0}), 0u) << vars->dump(2);  // the context's variables
  const nlohmann::json* files = find_key(j["components"], "file_operations");
  ASSERT_NE(files, nullptr);
  EXPECT_GT(files->value("peak_bytes", size_t{0}), 0u)
      << files->dump(2);  // a write buffer was open
  EXPECT_EQ(files->value("used_bytes", size_t{1}), 0u) << files->dump(2);  // and is closed now
  ASSERT_NE(find_key(j["components"], "worker_coordination"), nullptr);
  const nlohmann::json& counters = j["counters"];
  // generate compiles its templates through the template cache: the test file's frontmatter,
  // body and file name, the command file's body and file name; all misses in a fresh process.
  EXPECT_GT(counters["template cache"].value("budget", 0.0), 0.0) << counters.dump(2);
  EXPECT_EQ(counters["template cache"].value("entries", 0.0), 5.0) << counters.dump(2);
  EXPECT_EQ(counters["template cache"].value("misses", 0.0), 5.0) << counters.dump(2);
  const nlohmann::json* cache = find_key(j["components"], "template_cache");
  ASSERT_NE(cache, nullptr);
  EXPECT_GT(cache->value("peak_bytes", size_t{0}), 1000u) << cache->dump(2);
  EXPECT_EQ(counters["output files"].value("written", 0.0), 2.0) << counters.dump(2);
  EXPECT_GT(counters["output files"].value("bytes", 0.0), 500.0) << counters.dump(2);
}

// render has the same tables as generate: its phases run, its components are measured.
TEST_F(MemoryReportRun, RenderToAFileHasPhasesAndComponents) {
  std::ofstream(work_ / "part.njk") << "<li>{{ item }}</li>\n";
  std::ofstream(work_ / "page.njk")
      << "{% for item in items %}{% include \"part.njk\" %}{% endfor %}{{ title }}\n";
  std::ofstream(work_ / "data.json") << R"({"items": ["a", "b", "c"], "title": "T"})";
  CliRun r =
      run({"render", "page.njk", "--data", "data.json", "-o", "out.html", "--memory-report=json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(work_ / "out.html"), "<li>a</li>\n<li>b</li>\n<li>c</li>\nT\n");
  size_t brace = r.err.find("{\"samples\"");
  ASSERT_NE(brace, std::string::npos) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.err.substr(brace));
  for (const char* key : {"template_discovery", "rendering", "file_generation"}) {
    const nlohmann::json* p = find_key(j["phases"], key);
    ASSERT_NE(p, nullptr) << key << "\n" << j.dump(2);
    EXPECT_EQ(p->value("state", ""), "done") << key << "\n" << p->dump(2);
  }
  EXPECT_EQ(find_key(j["phases"], "rendering")->value("arena_resets", uint64_t{0}), 1u);
  for (const char* key : {"core_engine", "template_cache", "variable_resolution"}) {
    const nlohmann::json* c = find_key(j["components"], key);
    ASSERT_NE(c, nullptr) << key;
    EXPECT_GT(c->value("peak_bytes", size_t{0}), 0u) << key << "\n" << c->dump(2);
  }
  const nlohmann::json* files = find_key(j["components"], "file_operations");
  ASSERT_NE(files, nullptr);
  EXPECT_EQ(files->value("peak_bytes", size_t{0}), 64u * 1024) << files->dump(2);  // its buffer
  EXPECT_EQ(files->value("used_bytes", size_t{1}), 0u) << files->dump(2);          // given back
  const nlohmann::json& counters = j["counters"];
  // The page (through the pool) and the included part (through the loader).
  EXPECT_EQ(counters["template cache"].value("entries", 0.0), 2.0) << counters.dump(2);
  EXPECT_EQ(counters["output files"].value("written", 0.0), 1.0) << counters.dump(2);
  EXPECT_EQ(counters["output files"].value("bytes", 0.0), 35.0) << counters.dump(2);
  EXPECT_EQ(counters["buffer pool"].value("acquisitions", 0.0), 1.0) << counters.dump(2);
}

TEST_F(MemoryReportRun, RenderToStdoutHasTheTextTables) {
  std::ofstream(work_ / "page.njk") << "Hello {{ name }}\n";
  CliRun r = run({"--memory-report", "render", "page.njk", "--set", "name=World"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hello World\n");
  for (const char* s : {"Memory report", "core engine", "template cache", "variable resolution",
                        "file operations", "template discovery", "rendering"}) {
    EXPECT_NE(r.err.find(s), std::string::npos) << s << "\n" << r.err;
  }
  EXPECT_EQ(r.err.find("(active)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("entries 1 "), std::string::npos) << r.err;  // the page, in the cache
}

TEST_F(MemoryReportRun, ReportWhenTheGeneratorIsMissing) {
  CliRun r = run({"generate", "nosuch", "thing", "--memory-report"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unknown generator \"nosuch\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Memory report"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("template discovery"), std::string::npos) << r.err;
}

TEST_F(MemoryReportRun, ReportWhenATemplateFails) {
  fs::create_directories(work_ / "_templates" / "bad" / "new");
  std::ofstream(work_ / "_templates" / "bad" / "new" / "x.t")
      << "---\nto: out.txt\n---\n{{ 1 | nosuchfilter }}\n";
  CliRun r = run({"bad", "new", "--memory-report=json"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(fs::exists(work_ / "out.txt"));
  size_t brace = r.err.find("{\"samples\"");
  ASSERT_NE(brace, std::string::npos) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.err.substr(brace));
  EXPECT_EQ(find_key(j["phases"], "rendering")->value("state", ""), "done") << j.dump(2);
  EXPECT_EQ(find_key(j["phases"], "file_generation")->value("state", ""), "not-run") << j.dump(2);
}

TEST_F(MemoryReportRun, EveryCommandTakesTheOptions) {
  CliRun list = run({"list", "--memory-report"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("command"), std::string::npos);
  EXPECT_NE(list.err.find("Memory report"), std::string::npos) << list.err;
  CliRun help = run({"--memory-report", "help", "command", "citty"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.err.find("Memory report"), std::string::npos) << help.err;
}

TEST_F(MemoryReportRun, CacheBudgetReachesTheEngine) {
  if (!kHasCacheStats<unjucks::tpl::Environment>) {
    GTEST_SKIP() << "this engine has no budgeted cache yet";
  }
  CliRun r = run({"command", "citty", "hello", "--cache-budget", "512KiB", "--memory-report=json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.err.substr(r.err.find("{\"samples\"")));
  EXPECT_EQ(j["counters"]["template cache"].value("budget", 0.0), 512.0 * 1024)
      << j["counters"].dump(2);
}

TEST_F(MemoryReportRun, MemoryLimitSetsThresholdsAndAlerts) {
  // 1 MiB is below any process: every level is crossed, once each, and the exit code stays 0.
  CliRun r = run({"command", "citty", "hello", "--memory-limit", "1MiB", "--memory-report=json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(work_ / "Hello.ts"));
  size_t brace = r.err.find("{\"samples\"");
  ASSERT_NE(brace, std::string::npos) << r.err;
  std::string alerts_log = r.err.substr(0, brace);
  EXPECT_NE(alerts_log.find("emergency"), std::string::npos) << alerts_log;
  nlohmann::json j = nlohmann::json::parse(r.err.substr(brace));
  EXPECT_EQ(j["thresholds"].value("warning_bytes", size_t{0}), 512u * 1024) << j["thresholds"];
  EXPECT_EQ(j["thresholds"].value("emergency_bytes", size_t{0}), 1u << 20) << j["thresholds"];
  EXPECT_GE(j["emergency"].value("runs", 0), 1) << j.dump(2);
}

TEST_F(MemoryReportRun, BadOptionsAreUserErrors) {
  CliRun bad_size = run({"generate", "command", "citty", "hello", "--cache-budget", "huge"});
  EXPECT_EQ(bad_size.exit_code, 1);
  EXPECT_NE(bad_size.err.find("--cache-budget"), std::string::npos) << bad_size.err;
  EXPECT_FALSE(fs::exists(work_ / "Hello.ts"));
  CliRun bad_file = run({"command", "citty", "hello", "--memory-report-file",
                         (root_ / "no" / "such" / "dir" / "m.json").string()});
  EXPECT_EQ(bad_file.exit_code, 1);
  EXPECT_NE(bad_file.err.find("--memory-report-file"), std::string::npos) << bad_file.err;
  EXPECT_FALSE(fs::exists(work_ / "Hello.ts"));  // refused before doing anything
}

}  // namespace
