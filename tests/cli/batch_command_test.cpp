// `unjucks batch` end to end, in a forked child running the CLI: interruption by a signal, then
// --resume; and the option errors.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/app.h"
#include "cli_child.h"

namespace fs = std::filesystem;

namespace {

class BatchCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) /
            ("unjucks-batch-cli-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "_templates/item/new");
    std::ofstream(root_ / "_templates/item/new/file.njk")
        << "---\nto: out/{{ name }}.txt\n---\n{% for i in range(200) %}{{ name }} {{ i }}\n"
           "{% endfor %}";
    std::ofstream data(root_ / "data.jsonl");
    for (int i = 0; i < records_; ++i) data << "{\"name\":\"r" << i << "\"}\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  // Runs `unjucks <args>` in a child in root_; with `interrupt_after` files present, sends it
  // `signal`. Returns the exit code (128 + the signal when killed).
  int run(std::vector<std::string> args, int interrupt_after = -1, int signal = SIGINT) {
    args.insert(args.begin(), "unjucks");
    pid_t pid = ::fork();
    if (pid == 0) {
      fs::current_path(root_);
      int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::_exit(unjucks::cli::run(static_cast<int>(args.size()), argv.data()));
    }
    if (interrupt_after >= 0) {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (count_files() < interrupt_after && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      ::kill(pid, signal);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  int count_files() {
    std::error_code ec;
    int n = 0;
    for (auto it = fs::directory_iterator(root_ / "out", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      ++n;
    }
    return n;
  }

  fs::path root_;
  const int records_ = 6000;
};

TEST_F(BatchCommandTest, InterruptedBatchLeavesWholeFilesAndResumes) {
  int rc = run({"batch", "item", "new", "--data", "data.jsonl", "-j", "2", "--quiet"}, 200);
  if (rc == 0) GTEST_FAIL() << "the batch finished before the signal: make it longer";
  EXPECT_EQ(rc, 130);
  const fs::path state = root_ / ".unjucks-batch-item-new.state";
  ASSERT_TRUE(fs::exists(state));
  int done = count_files();
  EXPECT_GE(done, 200);
  EXPECT_LT(done, records_);
  for (const auto& e : fs::directory_iterator(root_ / "out")) {
    std::string name = e.path().filename().string();
    ASSERT_EQ(name.find(".unjucks-"), std::string::npos) << "temporary file left: " << name;
    // "<name> <i>\n" for i in 0..199: the name, a space, the digits and the line end.
    size_t expected = 0;
    for (int i = 0; i < 200; ++i) expected += (name.size() - 4) + 1 + std::to_string(i).size() + 1;
    ASSERT_EQ(fs::file_size(e.path()), expected) << name << " is incomplete";
  }

  EXPECT_EQ(run({"batch", "item", "new", "--data", "data.jsonl", "-j", "2", "--quiet", "--resume"}),
            0);
  EXPECT_EQ(count_files(), records_);
  EXPECT_FALSE(fs::exists(state)) << "a completed batch removes its state";
  EXPECT_FALSE(fs::exists(root_ / ".unjucks-batch-item-new.state.claims"));
}

TEST_F(BatchCommandTest, ResumeRefusesChangedData) {
  EXPECT_NE(run({"batch", "item", "new", "--data", "data.jsonl", "--quiet"}, 100), 0);
  std::ofstream(root_ / "data.jsonl", std::ios::app) << "{\"name\":\"extra\"}\n";
  EXPECT_EQ(run({"batch", "item", "new", "--data", "data.jsonl", "--quiet", "--resume"}), 1);
}

std::map<std::string, std::string> read_tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out[fs::relative(e.path(), dir).string()] = ss.str();
  }
  return out;
}

TEST_F(BatchCommandTest, SameFilesAsGenerateOncePerRecord) {
  std::ofstream(root_ / "_templates/item/new/config.yml")
      << "variables:\n  - name: kind\n    default: plain\n";
  std::ofstream(root_ / "_templates/item/new/{{ name | pascalCase }}.ts.njk")
      << "export const {{ name | camelCase }} = \"{{ kind }}\"; // {{ size | default(0) }}\n";
  std::ofstream(root_ / "few.csv") << "name,kind,size\nuser-card,widget,2\norder_list,,\n"
                                      "Cart Item,page,7\n";
  ASSERT_EQ(
      run({"batch", "item", "new", "--data", "few.csv", "-j", "3", "--quiet", "--dest", "batch"}),
      0);
  ASSERT_EQ(run({"generate", "item", "new", "user-card", "--kind", "widget", "--size", "2",
                 "--dest", "gen"}),
            0);
  ASSERT_EQ(run({"generate", "item", "new", "order_list", "--dest", "gen"}), 0);
  ASSERT_EQ(run({"generate", "item", "new", "Cart Item", "--kind", "page", "--size", "7", "--dest",
                 "gen"}),
            0);
  auto batch = read_tree(root_ / "batch");
  EXPECT_EQ(batch.size(), 6u);
  EXPECT_EQ(batch, read_tree(root_ / "gen"));
  EXPECT_EQ(batch["OrderList.ts"], "export const orderList = \"plain\"; // 0\n");
}

TEST_F(BatchCommandTest, HygensCapitalNameIsMadePerRecordAsGenerateMakesIt) {
  fs::create_directories(root_ / "_templates/cap/new");
  std::ofstream(root_ / "_templates/cap/new/x.njk")
      << "---\nto: cap/{{ name }}.txt\n---\n{{ Name }}\n";
  std::ofstream(root_ / "cap.jsonl")
      << "{\"name\":\"userCard\"}\n{\"name\":\"order\",\"Name\":\"Mine\"}\n"
         "{\"name\":\"\u00dfig\"}\n";
  ASSERT_EQ(
      run({"batch", "cap", "new", "--data", "cap.jsonl", "-j", "2", "--quiet", "--dest", "batch"}),
      0);
  ASSERT_EQ(run({"generate", "cap", "new", "userCard", "--dest", "gen"}), 0);
  ASSERT_EQ(run({"generate", "cap", "new", "order", "--Name", "Mine", "--dest", "gen"}), 0);
  ASSERT_EQ(run({"generate", "cap", "new", "\u00dfig", "--dest", "gen"}), 0);
  auto batch = read_tree(root_ / "batch");
  EXPECT_EQ(batch, read_tree(root_ / "gen"));
  EXPECT_EQ(batch["cap/userCard.txt"], "UserCard\n");
  EXPECT_EQ(batch["cap/order.txt"], "Mine\n");
  EXPECT_EQ(batch["cap/\u00dfig.txt"], "SSig\n");
  // A template that reads only `Name`: a record giving `Name` and no name runs.
  std::ofstream(root_ / "_templates/cap/new/x.njk") << "---\nto: only/{{ Name }}.txt\n---\nx\n";
  std::ofstream(root_ / "only.jsonl") << "{\"Name\":\"Given\"}\n{\"name\":\"made\"}\n";
  ASSERT_EQ(run({"batch", "cap", "new", "--data", "only.jsonl", "--quiet", "--dest", "only"}), 0);
  EXPECT_TRUE(fs::exists(root_ / "only/only/Given.txt"));
  EXPECT_TRUE(fs::exists(root_ / "only/only/Made.txt"));
  EXPECT_EQ(run({"generate", "cap", "new", "--Name", "Flag", "--dest", "only"}), 0);
  EXPECT_TRUE(fs::exists(root_ / "only/only/Flag.txt"));
}

TEST_F(BatchCommandTest, BadOptionsAreUserErrors) {
  EXPECT_EQ(run({"batch", "item", "new"}), 1);  // no --data
  EXPECT_EQ(run({"batch", "item", "new", "--data", "missing.jsonl"}), 1);
  EXPECT_EQ(run({"batch", "item", "new", "--data", "data.jsonl", "-j", "0"}), 1);
  EXPECT_EQ(run({"batch", "item", "new", "--data", "data.jsonl", "--shard", "3/2"}), 1);
  EXPECT_EQ(run({"batch", "item", "new", "--data", "data.jsonl", "--format", "xml"}), 1);
  EXPECT_EQ(run({"batch", "item", "new", "--data", "-", "--resume"}), 1);
  EXPECT_EQ(run({"batch", "nothing", "new", "--data", "data.jsonl"}), 1);
  EXPECT_FALSE(fs::exists(root_ / "out"));
}

// kill -9 before the first checkpoint: the state written at start-up is there, and --resume
// runs the batch to the end (the records the killed run wrote are found in place and skipped,
// none is lost or reported as failed).
TEST_F(BatchCommandTest, KilledAtStartUpLeavesAStateThatResumes) {
  int rc = run({"batch", "item", "new", "--data", "data.jsonl", "-j", "2", "--quiet"}, 20, SIGKILL);
  if (rc == 0) GTEST_FAIL() << "the batch finished before the signal: make it longer";
  EXPECT_EQ(rc, 128 + SIGKILL);
  const fs::path state = root_ / ".unjucks-batch-item-new.state";
  ASSERT_TRUE(fs::exists(state)) << "no resume state after a kill at start-up";
  const fs::path scratch = root_ / "scratch";
  fs::create_directories(scratch);
  auto r = unjucks::cli::testing::run_in_child(
      root_, scratch,
      {"batch", "item", "new", "--data", "data.jsonl", "-j", "2", "--resume", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["records"]["failed"], 0);
  EXPECT_EQ(j["records"]["processed"].get<int>() + j["records"]["resumed"].get<int>(), records_);
  int files = 0;
  for (const auto& e : fs::directory_iterator(root_ / "out")) {
    std::string name = e.path().filename().string();
    if (name.starts_with(".")) continue;  // a temporary of the killed run
    ++files;
    size_t expected = 0;
    for (int i = 0; i < 200; ++i) expected += (name.size() - 4) + 1 + std::to_string(i).size() + 1;
    ASSERT_EQ(fs::file_size(e.path()), expected) << name << " is incomplete";
  }
  EXPECT_EQ(files, records_);
  EXPECT_FALSE(fs::exists(state)) << "a completed batch removes its state";
}

// --worker-memory is checked as --memory-limit is, and may not exceed the batch's budget.
TEST_F(BatchCommandTest, WorkerMemoryIsCheckedAsMemoryLimitIs) {
  const fs::path scratch = root_ / "scratch";
  fs::create_directories(scratch);
  const std::vector<std::vector<std::string>> bad = {
      {"--worker-memory", "0"},
      {"--worker-memory", "lots"},
      {"--worker-memory", "1GiB", "--memory-limit", "1MiB"},
      {"--worker-memory", "256MiB"},  // over the default budget of 128 MiB
  };
  for (const auto& extra : bad) {
    std::vector<std::string> args = {"batch", "item", "new", "--data", "data.jsonl"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = unjucks::cli::testing::run_in_child(root_, scratch, args);
    EXPECT_EQ(r.exit_code, 1) << extra[1] << ": " << r.err;
    EXPECT_NE(r.err.find("--worker-memory"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(root_ / "out")) << extra[1];
  }
  // A budget under the default worker limit: the workers get the budget as their limit.
  auto r = unjucks::cli::testing::run_in_child(
      root_, scratch,
      {"batch", "item", "new", "--data", "data.jsonl", "--memory-limit", "8MiB", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["memory"]["workerLimit"], 8u << 20);
}

// A render's working memory comes out of its worker's share of the budget: templates that
// build a string without bound fail with a message naming the limit and the flag to raise, the
// other records go on, and the process stays within the budget plus a fixed overhead (before,
// each render could take its own render-memory limit: here 128 MiB each).
TEST_F(BatchCommandTest, RenderMemoryStaysWithinTheBatchBudget) {
  fs::create_directories(root_ / "_templates/grow/new");
  std::ofstream(root_ / "unjucks.config.yml") << "limits:\n  render-memory: 128M\n";
  std::ofstream(root_ / "_templates/grow/new/f.njk")
      << "---\nto: grow/{{ name }}.txt\n---\n{% set s = \"\" %}{% for i in range(n) %}"
         "{% set s = s + \"0123456789abcdef0123456789abcdef\" %}{% endfor %}{{ s | length }}\n";
  {
    std::ofstream data(root_ / "grow.jsonl");
    for (int i = 0; i < 12; ++i) {
      data << "{\"name\":\"g" << i << "\",\"n\":" << (i % 3 == 2 ? 10 : 1000000) << "}\n";
    }
  }
  const fs::path scratch = root_ / "scratch";
  fs::create_directories(scratch);
  pid_t pid = ::fork();
  if (pid == 0) {
    fs::current_path(root_);
    int o = ::open((scratch / "out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open((scratch / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    std::vector<std::string> args = {
        "unjucks", "batch", "grow",           "new",   "--data",          "grow.jsonl",
        "-j",      "4",     "--memory-limit", "64MiB", "--worker-memory", "16MiB",
        "--json"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = unjucks::cli::run(static_cast<int>(args.size()), argv.data());
    std::fflush(stdout);
    std::fflush(stderr);
    ::_exit(rc);
  }
  int status = 0;
  struct rusage usage {};
  ASSERT_EQ(::wait4(pid, &status, 0, &usage), pid);
  ASSERT_TRUE(WIFEXITED(status));
  const std::string out = unjucks::cli::testing::read_file(scratch / "out.txt");
  const std::string err = unjucks::cli::testing::read_file(scratch / "err.txt");
  EXPECT_EQ(WEXITSTATUS(status), 1) << err;
  const size_t peak_rss = static_cast<size_t>(usage.ru_maxrss) * 1024;
  size_t overhead = size_t{40} << 20;  // the process itself, stacks, buffers
#if defined(__SANITIZE_ADDRESS__)
  overhead += size_t{256 + 16} << 20;  // AddressSanitizer: its quarantine of freed memory, shadow
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  overhead += size_t{256 + 16} << 20;
#endif
#endif
  EXPECT_LT(peak_rss, (size_t{64} << 20) + overhead) << "peak RSS " << (peak_rss >> 20) << " MiB";
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["records"]["succeeded"], 4);
  ASSERT_EQ(j["records"]["failed"], 8);
  for (const auto& f : j["failures"]) {
    std::string e = f["error"].get<std::string>();
    EXPECT_NE(e.find("--worker-memory"), std::string::npos) << e;
  }
  // The summary shows what the renders really took, within the budget.
  EXPECT_GT(j["memory"]["peakReserved"].get<size_t>(), size_t{8} << 20);
  EXPECT_LE(j["memory"]["peakReserved"].get<size_t>(), size_t{64} << 20);
}

}  // namespace
