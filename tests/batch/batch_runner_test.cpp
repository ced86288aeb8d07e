#include "batch/batch_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "gen/memory_disk.h"
#include "template/loader.h"

namespace fs = std::filesystem;

namespace unjucks::batch {
namespace {

constexpr size_t KiB = size_t{1} << 10;

std::map<std::string, std::string> read_tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out[fs::relative(e.path(), root).string()] = ss.str();
  }
  return out;
}

class BatchRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) /
            ("unjucks-batch-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    tdisk_.add_dir("/t");
    tdisk_.add_file("/t/comp/new/file.njk",
                    "---\nto: out/{{ name }}.txt\n---\n{{ name | upper }} {{ n }}\n"
                    "{% for i in range(n) %}{{ i }},{% endfor %}\n");
    tdisk_.add_file("/t/comp/new/list.njk",
                    "---\nto: index.txt\ninject: true\nappend: true\n---\n{{ name }}\n");
    info_.generator = "comp";
    info_.name = "new";
    info_.dir = "/t/comp/new";
    info_.templates = {"file.njk", "list.njk"};
  }
  void TearDown() override { fs::remove_all(root_); }

  // A data set of `n` records: rec<i> with n = i % 7.
  std::string data(int n, int bad = -1) {
    std::string out;
    for (int i = 1; i <= n; ++i) {
      if (i == bad) {
        out += "{\"name\": \n";
      } else {
        out += "{\"name\":\"rec" + std::to_string(i) + "\",\"n\":" + std::to_string(i % 7) + "}\n";
      }
    }
    return out;
  }

  BatchConfig config(const fs::path& dest, size_t workers) {
    fs::create_directories(dest);
    std::ofstream(dest / "index.txt") << "# index\n";
    BatchConfig c;
    c.make_engine = [this](WorkerEngine* out, std::string* err) {
      out->env =
          std::make_unique<tpl::Environment>(tpl::Options{}, std::make_unique<tpl::MapLoader>());
      return gen::compile_action(*out->env, tdisk_, info_, "", &out->action, err);
    };
    c.template_disk = &tdisk_;
    c.out_disk = &disk_;
    c.run.dest = dest.string();
    c.run.templates_root = "/t";
    c.workers = workers;
    c.template_bytes = 200;
    return c;
  }

  fs::path root_;
  gen::MemoryDisk tdisk_;
  gen::RealDisk disk_;
  gen::ActionInfo info_;
};

TEST_F(BatchRunnerTest, OutputIsTheSameWhateverTheNumberOfWorkers) {
  std::map<std::string, std::string> trees[3];
  size_t counts[3] = {1, 2, 4};
  for (int k = 0; k < 3; ++k) {
    fs::path dest = root_ / ("j" + std::to_string(counts[k]));
    BatchConfig c = config(dest, counts[k]);
    std::vector<std::string> errors;
    c.on_outcome = [&](const RecordOutcome& o) {
      if (o.status != 0) errors.push_back(std::to_string(o.number) + ": " + o.error);
    };
    BatchRunner runner(std::move(c));
    auto reader = records_from_string(data(300), DataFormat::kJsonLines);
    BatchTotals t = runner.run(*reader);
    for (const std::string& e : errors) ADD_FAILURE() << "-j" << counts[k] << ": record " << e;
    EXPECT_EQ(t.succeeded, 300u);
    EXPECT_EQ(t.failed, 0u);
    EXPECT_EQ(t.files_written, 300u);
    EXPECT_EQ(t.files_injected, 300u);
    trees[k] = read_tree(dest);
  }
  EXPECT_EQ(trees[0].size(), 301u);
  EXPECT_EQ(trees[0]["out/rec13.txt"], "REC13 6\n0,1,2,3,4,5,\n");
  // The index gets every record's line; its order follows completion, so compare as sets.
  for (int k = 1; k < 3; ++k) {
    auto a = trees[0], b = trees[k];
    std::multiset<std::string> la, lb;
    std::istringstream sa(a["index.txt"]), sb(b["index.txt"]);
    for (std::string l; std::getline(sa, l);) la.insert(l);
    for (std::string l; std::getline(sb, l);) lb.insert(l);
    EXPECT_EQ(la, lb) << "-j" << counts[k] << ": an injection was lost";
    EXPECT_EQ(la.size(), 301u);
    a.erase("index.txt");
    b.erase("index.txt");
    EXPECT_EQ(a, b) << "-j" << counts[k];
  }
}

TEST_F(BatchRunnerTest, FailFastStopsAndResumeFinishes) {
  fs::path dest = root_ / "out";
  BatchConfig c = config(dest, 2);
  c.fail_fast = true;
  c.state_path = (dest / ".state").string();
  c.identity = {"comp", "new", "/data", 1, 2, ""};
  std::vector<uint64_t> failed;
  c.on_outcome = [&](const RecordOutcome& o) {
    if (o.status != 0) failed.push_back(o.number);
  };
  BatchTotals t;
  {
    BatchRunner runner(std::move(c));
    auto reader = records_from_string(data(200, 50), DataFormat::kJsonLines);
    t = runner.run(*reader);
  }
  EXPECT_TRUE(t.stopped_on_failure);
  EXPECT_EQ(failed, std::vector<uint64_t>{50});
  EXPECT_LT(t.succeeded, 199u);
  ASSERT_TRUE(fs::exists(dest / ".state"));

  DoneSet done;
  BatchConfig c2 = config(root_ / "unused", 2);
  c2.run.dest = dest.string();
  c2.state_path = (dest / ".state").string();
  c2.identity = {"comp", "new", "/data", 1, 2, ""};
  c2.resume_done = &done;
  BatchRunner resumed(std::move(c2));
  std::string err;
  ASSERT_TRUE(load_state(dest / ".state", {"comp", "new", "/data", 1, 2, ""}, &done, &err)) << err;
  auto reader = records_from_string(data(200, 50), DataFormat::kJsonLines);
  BatchTotals t2 = resumed.run(*reader);
  EXPECT_EQ(t2.failed, 0u);  // record 50 was processed (and reported) before
  EXPECT_EQ(t.succeeded + t2.succeeded, 199u);
  EXPECT_EQ(t2.resumed + t2.succeeded, 200u);
  EXPECT_FALSE(fs::exists(dest / ".state")) << "a completed batch removes its state";
  EXPECT_FALSE(fs::exists(dest / ".state.claims"));
  auto tree = read_tree(dest);
  EXPECT_EQ(tree.size(), 200u);  // 199 files + the index
  EXPECT_FALSE(tree.count("out/rec50.txt"));
}

TEST_F(BatchRunnerTest, StopFinishesWhatIsInFlightAndLeavesNoPartialFile) {
  fs::path dest = root_ / "out";
  BatchConfig c = config(dest, 2);
  std::atomic<bool> stop{false};
  c.stop = &stop;
  c.state_path = (dest / ".state").string();
  c.identity = {"comp", "new", "/data", 1, 2, ""};
  int seen = 0;
  c.on_outcome = [&](const RecordOutcome&) {
    if (++seen == 40) stop = true;
  };
  BatchRunner runner(std::move(c));
  auto reader = records_from_string(data(5000), DataFormat::kJsonLines);
  BatchTotals t = runner.run(*reader);
  EXPECT_TRUE(t.interrupted);
  EXPECT_GE(t.succeeded, 40u);
  EXPECT_LT(t.succeeded, 5000u);
  auto tree = read_tree(dest);
  for (const auto& [path, content] : tree) {
    EXPECT_EQ(path.find(".unjucks-"), std::string::npos) << "stray temporary file " << path;
    if (path.starts_with("out/rec")) {
      EXPECT_EQ(content.back(), '\n') << path;
    }
  }
  EXPECT_EQ(tree.size(), t.succeeded + 3);  // the files, the index, the state and its claims
  EXPECT_TRUE(tree.count(".state"));
  EXPECT_TRUE(tree.count(".state.claims"));
}

// The destination moved away mid-batch: the next checkpoint stops it (still_valid), the
// records in flight finish, none replaced a file, and nothing is left half-written.
TEST_F(BatchRunnerTest, ADestinationMovedAwayStopsTheBatchAtTheNextCheckpoint) {
  fs::path dest = root_ / "out", moved = root_ / "moved";
  BatchConfig c = config(dest, 2);
  std::string err;
  ASSERT_TRUE(disk_.anchor(dest.string(), &err)) << err;
  c.checkpoint_every = std::chrono::milliseconds(0);
  c.still_valid = [this](std::string* e) { return disk_.anchor_intact(e); };
  int seen = 0;
  c.on_outcome = [&](const RecordOutcome&) {
    if (++seen == 40) fs::rename(dest, moved);
  };
  BatchRunner runner(std::move(c));
  auto reader = records_from_string(data(5000), DataFormat::kJsonLines);
  BatchTotals t = runner.run(*reader);
  EXPECT_NE(t.fatal.find("was moved, removed or replaced"), std::string::npos) << t.fatal;
  EXPECT_LT(t.succeeded + t.failed, 5000u);
  auto tree = read_tree(moved);
  for (const auto& [path, content] : tree) {
    EXPECT_EQ(path.find(".unjucks-"), std::string::npos) << "stray temporary file " << path;
    if (path.starts_with("out/rec")) {
      EXPECT_FALSE(content.empty()) << path;
      EXPECT_EQ(content.back(), '\n') << path;
    }
  }
  EXPECT_GE(tree.size(), 40u);
}

// A batch shorter than a checkpoint interval is checked at its end: moved meanwhile, it ends
// with the error (a user error) and writes no resume state into the folder now at the path.
TEST_F(BatchRunnerTest, ADestinationMovedDuringAShortBatchIsReportedAtTheEnd) {
  fs::path dest = root_ / "out", moved = root_ / "moved";
  BatchConfig c = config(dest, 2);
  std::string err;
  ASSERT_TRUE(disk_.anchor(dest.string(), &err)) << err;
  c.checkpoint_every = std::chrono::hours(1);
  c.still_valid = [this](std::string* e) { return disk_.anchor_intact(e); };
  c.state_path = (dest / ".state").string();
  c.identity = {"comp", "new", "/data", 1, 2, ""};
  int seen = 0;
  c.on_outcome = [&](const RecordOutcome&) {
    if (++seen == 5) {
      fs::rename(dest, moved);
      fs::create_directories(dest);  // something else at the path now
    }
  };
  BatchRunner runner(std::move(c));
  auto reader = records_from_string(data(20), DataFormat::kJsonLines);
  BatchTotals t = runner.run(*reader);
  EXPECT_NE(t.fatal.find("was moved, removed or replaced"), std::string::npos) << t.fatal;
  EXPECT_EQ(t.fatal_status, 1);
  EXPECT_NE(t.state_error.find("no resume state was written"), std::string::npos) << t.state_error;
  EXPECT_FALSE(fs::exists(dest / ".state"));
}

TEST_F(BatchRunnerTest, ATightMemoryLimitStillFinishesWithinTheLimit) {
  fs::path dest = root_ / "out";
  BatchConfig c = config(dest, 4);
  // Each task is estimated at about 200 KiB + 4 x 200 B: more than a worker's 128 KiB, so
  // tasks borrow from idle workers or run alone; the whole budget holds about two at once.
  c.limits.global = 448 * KiB;
  c.limits.per_worker = 128 * KiB;
  BatchRunner runner(std::move(c));
  auto reader = records_from_string(data(300), DataFormat::kJsonLines);
  BatchTotals t = runner.run(*reader);
  EXPECT_EQ(t.succeeded, 300u);
  MemoryManagerStats m = runner.memory_stats();
  EXPECT_LE(m.peak_reserved, 448 * KiB);
  EXPECT_GT(m.loans + m.exclusive, 0u);
}

TEST_F(BatchRunnerTest, ARecordLargerThanTheWholeBudgetFailsClearly) {
  fs::path dest = root_ / "out";
  BatchConfig c = config(dest, 2);
  c.limits.global = 64 * KiB;
  c.limits.per_worker = 32 * KiB;
  std::vector<std::string> errors;
  c.on_outcome = [&](const RecordOutcome& o) { errors.push_back(o.error); };
  BatchRunner runner(std::move(c));
  auto reader = records_from_string(data(3), DataFormat::kJsonLines);
  BatchTotals t = runner.run(*reader);
  EXPECT_EQ(t.failed, 3u);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_NE(errors[0].find("more than the whole memory limit"), std::string::npos) << errors[0];
}

TEST_F(BatchRunnerTest, ConflictsNameBothRecordsAndWriteNothingOfTheSecond) {
  fs::path dest = root_ / "out";
  BatchConfig c = config(dest, 4);
  std::vector<RecordOutcome> failures;
  c.on_outcome = [&](const RecordOutcome& o) {
    if (o.status != 0) failures.push_back(o);
  };
  BatchRunner runner(std::move(c));
  std::string d;
  for (int i = 1; i <= 100; ++i) d += "{\"name\":\"same\",\"n\":" + std::to_string(i) + "}\n";
  auto reader = records_from_string(d, DataFormat::kJsonLines);
  BatchTotals t = runner.run(*reader);
  EXPECT_EQ(t.succeeded, 1u);
  EXPECT_EQ(t.failed, 99u);
  ASSERT_FALSE(failures.empty());
  EXPECT_NE(failures[0].error.find("out/same.txt is also written by record"), std::string::npos)
      << failures[0].error;
  auto tree = read_tree(dest);
  std::istringstream index(tree["index.txt"]);
  int lines = 0;
  for (std::string l; std::getline(index, l);) ++lines;
  EXPECT_EQ(lines, 2) << "the refused records injected nothing";
}

// Two records writing one file: the lower record number wins and the higher one is the
// reported conflict, whatever the number of workers. The lower record of each pair renders far
// longer than the higher one, so that with several workers the higher one is ready first (before
// the commits were ordered, it won).
TEST_F(BatchRunnerTest, ConflictsKeepTheLowerRecordWhateverTheWorkers) {
  tdisk_.add_file("/t/pair/new/f.njk",
                  "---\nto: out/{{ key }}.txt\n---\n{{ id }}"
                  "{% for i in range(work) %}{% endfor %}\n");
  gen::ActionInfo pair;
  pair.generator = "pair";
  pair.name = "new";
  pair.dir = "/t/pair/new";
  pair.templates = {"f.njk"};
  std::string d;
  constexpr int kPairs = 200;
  for (int k = 0; k < kPairs; ++k) {
    d += "{\"key\":\"k" + std::to_string(k) + "\",\"id\":" + std::to_string(2 * k + 1) +
         ",\"work\":" + std::to_string(k % 8 == 0 ? 200000 : 20000) + "}\n";
    d += "{\"key\":\"k" + std::to_string(k) + "\",\"id\":" + std::to_string(2 * k + 2) +
         ",\"work\":0}\n";
  }
  // With --force over existing files, each plan holds a lock on its target (it overwrites
  // it): a plan ready before its turn is put aside rather than waiting with the lock.
  for (auto [workers, force] : {std::pair{size_t{1}, false}, std::pair{size_t{2}, false},
                                std::pair{size_t{4}, false}, std::pair{size_t{4}, true}}) {
    fs::path dest = root_ / ("j" + std::to_string(workers) + (force ? "f" : ""));
    BatchConfig c = config(dest, workers);
    if (force) {
      c.run.force = true;
      fs::create_directories(dest / "out");
      for (int k = 0; k < kPairs; ++k)
        std::ofstream(dest / "out" / ("k" + std::to_string(k) + ".txt")) << "old\n";
    }
    c.make_engine = [this, &pair](WorkerEngine* out, std::string* err) {
      out->env =
          std::make_unique<tpl::Environment>(tpl::Options{}, std::make_unique<tpl::MapLoader>());
      return gen::compile_action(*out->env, tdisk_, pair, "", &out->action, err);
    };
    std::map<uint64_t, std::string> failures;
    c.on_outcome = [&](const RecordOutcome& o) {
      if (o.status != 0) failures[o.number] = o.error;
    };
    BatchRunner runner(std::move(c));
    auto reader = records_from_string(d, DataFormat::kJsonLines);
    BatchTotals t = runner.run(*reader);
    EXPECT_EQ(t.succeeded, size_t{kPairs}) << "-j" << workers;
    EXPECT_EQ(t.failed, size_t{kPairs}) << "-j" << workers;
    auto tree = read_tree(dest / "out");
    ASSERT_EQ(tree.size(), size_t{kPairs}) << "-j" << workers;
    for (int k = 0; k < kPairs; ++k) {
      std::string lower = std::to_string(2 * k + 1);
      ASSERT_EQ(tree["k" + std::to_string(k) + ".txt"], lower + "\n")
          << "-j" << workers << ": the higher record " << 2 * k + 2 << " won";
      auto f = failures.find(static_cast<uint64_t>(2 * k + 2));
      ASSERT_NE(f, failures.end()) << "-j" << workers << ": record " << 2 * k + 2;
      ASSERT_NE(f->second.find("is also written by record " + lower + ":"), std::string::npos)
          << "-j" << workers << ": " << f->second;
    }
  }
}

// A record that loses a path to a lower one writes none of its paths, and those are free for
// the records after it, as with one worker: of L (lowest, slowest: q), M (p and q) and H
// (fastest: p), L writes q, M fails naming L, H writes p, whatever the number of workers.
TEST_F(BatchRunnerTest, ARecordThatLosesAPathFreesItsOthersForTheRecordsAfterIt) {
  tdisk_.add_file("/t/tri/new/p.njk",
                  "---\nto: \"{{ p }}\"\n---\n{{ id }}{% for i in range(work) %}{% endfor %}\n");
  tdisk_.add_file("/t/tri/new/q.njk", "---\nto: \"{{ q }}\"\n---\n{{ id }}\n");
  gen::ActionInfo tri;
  tri.generator = "tri";
  tri.name = "new";
  tri.dir = "/t/tri/new";
  tri.templates = {"p.njk", "q.njk"};
  std::string d;
  constexpr int kTriples = 60;
  for (int k = 0; k < kTriples; ++k) {
    std::string p = "\"p\":\"out/p" + std::to_string(k) + ".txt\"";
    std::string q = "\"q\":\"out/q" + std::to_string(k) + ".txt\"";
    int id = 3 * k + 1;
    d += "{" + q + ",\"p\":\"\",\"id\":" + std::to_string(id) + ",\"work\":200000}\n";
    d += "{" + p + "," + q + ",\"id\":" + std::to_string(id + 1) + ",\"work\":20000}\n";
    d += "{" + p + ",\"q\":\"\",\"id\":" + std::to_string(id + 2) + ",\"work\":0}\n";
  }
  for (size_t workers : {size_t{1}, size_t{3}, size_t{4}}) {
    fs::path dest = root_ / ("j" + std::to_string(workers));
    BatchConfig c = config(dest, workers);
    c.make_engine = [this, &tri](WorkerEngine* out, std::string* err) {
      out->env =
          std::make_unique<tpl::Environment>(tpl::Options{}, std::make_unique<tpl::MapLoader>());
      return gen::compile_action(*out->env, tdisk_, tri, "", &out->action, err);
    };
    std::map<uint64_t, std::string> failures;
    c.on_outcome = [&](const RecordOutcome& o) {
      if (o.status != 0) failures[o.number] = o.error;
    };
    BatchRunner runner(std::move(c));
    auto reader = records_from_string(d, DataFormat::kJsonLines);
    BatchTotals t = runner.run(*reader);
    EXPECT_EQ(t.succeeded, size_t{2 * kTriples}) << "-j" << workers;
    auto tree = read_tree(dest / "out");
    ASSERT_EQ(tree.size(), size_t{2 * kTriples}) << "-j" << workers;
    for (int k = 0; k < kTriples; ++k) {
      int id = 3 * k + 1;
      ASSERT_EQ(tree["q" + std::to_string(k) + ".txt"], std::to_string(id) + "\n")
          << "-j" << workers;
      ASSERT_EQ(tree["p" + std::to_string(k) + ".txt"], std::to_string(id + 2) + "\n")
          << "-j" << workers;
      ASSERT_EQ(failures.size(), size_t{kTriples}) << "-j" << workers;
      auto f = failures.find(static_cast<uint64_t>(id + 1));
      ASSERT_NE(f, failures.end()) << "-j" << workers << ": record " << id + 1;
      ASSERT_NE(f->second.find("q" + std::to_string(k) + ".txt is also written by record " +
                               std::to_string(id) + ":"),
                std::string::npos)
          << "-j" << workers << ": " << f->second;
    }
  }
}

}  // namespace
}  // namespace unjucks::batch
