// Issue 13 D1: a folder below --dest swapped with a symlink to a folder outside it
// (renameat2(RENAME_EXCHANGE) in a tight loop on a thread of the test) while files are written
// into it, by run_action in this process, by `unjucks generate` runs and by a batch. The path is
// checked and then used: every use must resolve it again from the destination without following
// a symlink, so that no file is ever created, replaced or read outside --dest. Each case runs a
// few seconds; with the path opened by name, hundreds of files landed outside.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "gen/action.h"
#include "gen/memory_disk.h"
#include "harness.h"
#include "template/loader.h"

namespace unjucks::hardening {
namespace {

using Clock = std::chrono::steady_clock;

// How the destination's paths are resolved: openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), or
// the component walk of kernels without it (UNJUCKS_NO_OPENAT2=1); and which temporaries.
struct RaceMode {
  const char* name;
  bool walk;
  bool named;
};

class SymlinkRaceTest : public ::testing::TestWithParam<RaceMode> {
 protected:
  void SetUp() override {
    if (GetParam().walk) ::setenv("UNJUCKS_NO_OPENAT2", "1", 1);
    if (GetParam().named) ::setenv("UNJUCKS_NAMED_TEMPORARIES", "1", 1);
    out_ = s_.path() / "out";
    outside_ = s_.path() / "outside";
    fs::create_directories(out_ / "sub");
    fs::create_directories(outside_);
    // What a read that escaped would see, and what a write that escaped would change.
    s_.write("outside/index.ts", "OUTSIDE\n// anchor\n");
    s_.write("out/sub/index.ts", "inside\n// anchor\n");
    fs::create_directory_symlink(outside_, out_ / "subx");
    s_.write("_templates/r/w/a.njk", "---\nto: sub/{{ name }}.txt\n---\nnew {{ name }}\n");
    s_.write("_templates/r/w/b.njk",
             "---\nto: sub/index.ts\ninject: true\nafter: \"^// anchor\"\n---\nline {{ name }}\n");
  }
  void TearDown() override {
    stop_swapping();
    ::unsetenv("UNJUCKS_NO_OPENAT2");
    ::unsetenv("UNJUCKS_NAMED_TEMPORARIES");
  }

  // Swaps out/sub (the folder) and out/subx (the symlink) until stop_swapping().
  void start_swapping() {
    stop_ = false;
    swaps_ = 0;
    swapper_ = std::thread([this] {
      const std::string a = (out_ / "sub").string(), b = (out_ / "subx").string();
      long n = 0;
      while (!stop_.load(std::memory_order_relaxed)) {
        if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) ++n;
      }
      if (n % 2 != 0) ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE);
      swaps_ = n;
    });
  }
  void stop_swapping() {
    if (!swapper_.joinable()) return;
    stop_ = true;
    swapper_.join();
    ASSERT_TRUE(fs::is_directory(out_ / "sub") && !fs::is_symlink(out_ / "sub"));
  }

  // Everything outside --dest must be as it was: the one file, unchanged.
  void expect_nothing_outside() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(outside_)) {
      names.push_back(e.path().filename().string());
    }
    EXPECT_EQ(names, std::vector<std::string>{"index.ts"}) << names.size() << " files outside";
    EXPECT_EQ(s_.read("outside/index.ts"), "OUTSIDE\n// anchor\n");
    EXPECT_GT(swaps_, 1000) << "the race did not run";
  }
  // The files written inside: new files, and the injections (none read the outside file).
  size_t files_inside() {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(out_ / "sub")) {
      if (e.path().filename() == "index.ts") {
        EXPECT_EQ(s_.read("out/sub/index.ts").find("OUTSIDE"), std::string::npos);
      } else {
        ++n;
      }
    }
    return n;
  }

  Scratch s_;
  fs::path out_, outside_;
  std::thread swapper_;
  std::atomic<bool> stop_{false};
  long swaps_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Resolution, SymlinkRaceTest,
                         ::testing::Values(RaceMode{"Openat2", false, false},
                                           RaceMode{"ComponentWalk", true, false},
                                           RaceMode{"Openat2Named", false, true}),
                         [](const auto& p) { return std::string(p.param.name); });

// run_action in this process, as `generate` runs it: thousands of attempts in two seconds.
TEST_P(SymlinkRaceTest, RunActionInProcessNeverWritesOrReadsOutside) {
  gen::MemoryDisk tdisk;
  tdisk.add_file("/t/r/w/a.njk", s_.read("_templates/r/w/a.njk"));
  tdisk.add_file("/t/r/w/b.njk", s_.read("_templates/r/w/b.njk"));
  gen::TemplateSet set{&tdisk, "/t", false};
  gen::ActionInfo info;
  std::string err;
  ASSERT_TRUE(gen::load_action(set, "r", "w", &info, &err)) << err;
  tpl::Environment env(tpl::Options{}, std::make_unique<tpl::MapLoader>());
  gen::CompiledAction compiled;
  ASSERT_TRUE(gen::compile_action(env, tdisk, info, "r/w", &compiled, &err)) << err;
  gen::RealDisk disk;
  ASSERT_TRUE(disk.anchor(out_.string(), &err)) << err;
  gen::RunOptions opts;
  opts.dest = out_.string();
  opts.templates_root = "/t";
  opts.dest_is_dir = true;

  start_swapping();
  int runs = 0, ok = 0;
  for (auto end = Clock::now() + std::chrono::seconds(2); Clock::now() < end; ++runs) {
    tpl::Context ctx;
    ctx.merge_json("{\"name\": \"f" + std::to_string(runs) + "\"}");
    ok += gen::run_action(env, compiled, ctx, tdisk, disk, opts).status == 0 ? 1 : 0;
  }
  stop_swapping();
  std::printf("in process: %d runs, %d ok, %ld swaps\n", runs, ok, swaps_);
  expect_nothing_outside();
  EXPECT_GT(files_inside(), 0u);
}

// `unjucks generate` runs, one after another, for two seconds.
TEST_P(SymlinkRaceTest, GenerateNeverWritesOutside) {
  ChildOptions co;
  co.cwd = s_.path().string();
  start_swapping();
  int runs = 0, ok = 0;
  for (auto end = Clock::now() + std::chrono::seconds(2); Clock::now() < end; ++runs) {
    ChildResult r =
        run_unjucks({"generate", "r", "w", "g" + std::to_string(runs), "--dest", "out"}, co);
    ASSERT_TRUE(r.status == 0 || r.status == 1) << r.status << r.err;
    ok += r.status == 0 ? 1 : 0;
  }
  stop_swapping();
  std::printf("generate: %d runs, %d ok, %ld swaps\n", runs, ok, swaps_);
  expect_nothing_outside();
  EXPECT_GT(files_inside(), 0u);
}

// Batches of 5,000 records (new files only: a batch refuses two records injecting into one
// file), on two workers, one after another for two seconds.
TEST_P(SymlinkRaceTest, BatchNeverWritesOutside) {
  fs::remove(s_.path() / "_templates/r/w/b.njk");
  ChildOptions co;
  co.cwd = s_.path().string();
  start_swapping();
  int runs = 0, ok = 0;
  for (auto end = Clock::now() + std::chrono::seconds(2); Clock::now() < end; ++runs) {
    {
      std::ofstream data(s_.path() / "records.jsonl", std::ios::trunc);
      for (int i = 0; i < 5000; ++i) data << "{\"name\": \"b" << runs << "_" << i << "\"}\n";
    }
    ChildResult r = run_unjucks(
        {"batch", "r", "w", "--data", "records.jsonl", "-j2", "--quiet", "--dest", "out"}, co);
    ASSERT_TRUE(r.status == 0 || r.status == 1) << r.status << r.err;
    ok += r.status == 0 ? 1 : 0;
  }
  stop_swapping();
  std::printf("batch: %d runs of 5,000 records, %d without a failed record, %ld swaps\n", runs, ok,
              swaps_);
  expect_nothing_outside();
  EXPECT_GT(files_inside(), 0u);
}

}  // namespace
}  // namespace unjucks::hardening
