// Two (or many) unjucks processes injecting into the same file at once: every injection that
// reported success is in the file (no lost update), and one that did not says why.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "gen/disk.h"
#include "harness.h"

namespace unjucks::hardening {
namespace {

#ifndef UNJUCKS_INJECT_ROUNDS
#define UNJUCKS_INJECT_ROUNDS 25
#endif

TEST(ConcurrentInjectTest, ProcessesInjectingIntoOneFileLoseNothing) {
  Scratch s;
  s.write("_templates/hard/inject/line.t",
          "---\nto: target.ts\ninject: true\nafter: \"^// routes\"\n---\n  route{{ id }},\n");
  constexpr int kProcs = 8;
  int lost = 0, refused = 0, injected = 0;
  for (int round = 0; round < UNJUCKS_INJECT_ROUNDS; ++round) {
    s.write("target.ts", "const routes = [\n// routes\n];\n");
    std::vector<pid_t> pids;
    std::vector<std::string> ids;
    // Start them together: each process is started, then all are released at once is not
    // possible without a helper; starting them back to back overlaps their runs (a run takes
    // milliseconds and the read-modify-rename window is in the middle of it).
    std::vector<ChildResult> results(kProcs);
    std::vector<std::thread> threads;
    for (int p = 0; p < kProcs; ++p) {
      std::string id = std::to_string(round) + "_" + std::to_string(p);
      ids.push_back(id);
      threads.emplace_back([&, p, id] {
        ChildOptions co;
        co.cwd = s.path().string();
        results[p] = run_unjucks({"generate", "hard", "inject", "--id", id, "--dest", "."}, co);
      });
    }
    for (std::thread& t : threads) t.join();
    std::string after = s.read("target.ts");
    for (int p = 0; p < kProcs; ++p) {
      bool present = after.find("  route" + ids[p] + ",\n") != std::string::npos;
      if (results[p].status == 0) {
        ++injected;
        if (!present) {
          ++lost;
          ADD_FAILURE() << "lost update: route" << ids[p] << " reported injected but is missing:\n"
                        << after;
        }
      } else {
        ++refused;
        EXPECT_NE(results[p].err.find("cannot lock"), std::string::npos)
            << results[p].err << results[p].out;
      }
    }
    EXPECT_TRUE(after.starts_with("const routes = [\n// routes\n")) << after;
    EXPECT_TRUE(after.ends_with("];\n")) << after;
  }
  std::printf("concurrent injection: %d rounds of %d processes, %d injected, %d refused, %d lost\n",
              UNJUCKS_INJECT_ROUNDS, kProcs, injected, refused, lost);
  EXPECT_EQ(lost, 0);
  EXPECT_GT(injected, 0);
}

// Batch workers are threads of one process: the lock must exclude them too. Each thread adds
// one to a counter file, read-modify-rename, under lock_file; every increment must survive.
TEST(FileLockTest, ThreadsIncrementingOneFileUnderTheLockLoseNothing) {
  Scratch s;
  s.write("counter", "0");
  const std::string path = (s.path() / "counter").string();
  gen::RealDisk disk;
  constexpr int kThreads = 4, kEach = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        std::string err, text;
        std::unique_ptr<gen::FileLock> lock = disk.lock_file(path, 30'000, &err);
        if (!lock || !disk.read(path, &text, &err)) {
          ++failures;
          continue;
        }
        std::unique_ptr<gen::PendingFile> f = disk.create_temp(path, 0644, &err);
        if (!f) {
          ++failures;
          continue;
        }
        f->out().write(std::to_string(std::stoi(text) + 1));
        if (!f->commit(&err)) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(s.read("counter"), std::to_string(kThreads * kEach));
}

TEST(FileLockTest, ALockHeldElsewhereIsRefusedAfterTheTimeoutWithAClearMessage) {
  Scratch s;
  s.write("f.txt", "x");
  const std::string path = (s.path() / "f.txt").string();
  gen::RealDisk disk;
  std::string err;
  std::unique_ptr<gen::FileLock> held = disk.lock_file(path, 1000, &err);
  ASSERT_TRUE(held) << err;
  std::string err2;
  std::thread other([&] { EXPECT_FALSE(disk.lock_file(path, 50, &err2)); });
  other.join();
  EXPECT_EQ(err2, "cannot lock " + path + ": another process is changing it (waited 0.0 s)");
  held.reset();
  EXPECT_TRUE(disk.lock_file(path, 50, &err2)) << err2;
}

TEST(FileLockTest, AWaiterLocksTheFileThatReplacedTheOneItWaitedFor) {
  Scratch s;
  s.write("f.txt", "one");
  const std::string path = (s.path() / "f.txt").string();
  gen::RealDisk disk;
  std::string err;
  std::unique_ptr<gen::FileLock> first = disk.lock_file(path, 1000, &err);
  ASSERT_TRUE(first);
  std::atomic<bool> got{false};
  std::string seen;
  std::thread waiter([&] {
    std::string e;
    std::unique_ptr<gen::FileLock> l = disk.lock_file(path, 10'000, &e);
    got = l != nullptr;
    disk.read(path, &seen, &e);
    // Locked the new file: a third locker must wait for us.
    std::string e3;
    EXPECT_FALSE(disk.lock_file(path, 20, &e3));
  });
  // Replace the file under the lock, then release: the waiter's lock on the old file is useless.
  ::usleep(20'000);
  std::unique_ptr<gen::PendingFile> f = disk.create_temp(path, 0644, &err);
  f->out().write("two");
  ASSERT_TRUE(f->commit(&err)) << err;
  f->keep();  // the new file is locked until then (until the whole action is in place)
  first.reset();
  waiter.join();
  EXPECT_TRUE(got.load());
  EXPECT_EQ(seen, "two");
}

}  // namespace
}  // namespace unjucks::hardening
