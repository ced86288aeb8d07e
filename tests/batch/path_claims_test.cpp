#include "batch/path_claims.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "batch/resume_state.h"
#include "batch/shard.h"

namespace unjucks::batch {
namespace {

TEST(PathClaims, SecondRecordWritingAPathIsRefusedAndNamesTheFirst) {
  PathClaims c;
  uint64_t other = 0;
  std::string path;
  EXPECT_TRUE(c.claim({"/d/a.ts", "/d/b.ts"}, 3, &other, &path));
  EXPECT_TRUE(c.claim({"/d/a.ts"}, 3, &other, &path));  // its own path again
  EXPECT_FALSE(c.claim({"/d/c.ts", "/d/b.ts"}, 9, &other, &path));
  EXPECT_EQ(other, 3u);
  EXPECT_EQ(path, "/d/b.ts");
  // All or nothing: /d/c.ts was not claimed by the refused record.
  EXPECT_TRUE(c.claim({"/d/c.ts"}, 10, &other, &path));
  EXPECT_EQ(c.size(), 3u);
}

TEST(PathClaims, GrowsAndKeepsEveryClaim) {
  PathClaims c;
  uint64_t other = 0;
  std::string path;
  for (uint64_t i = 1; i <= 100000; ++i) {
    ASSERT_TRUE(c.claim({"/out/Component" + std::to_string(i) + ".tsx"}, i, &other, &path));
  }
  EXPECT_EQ(c.size(), 100000u);
  // 12 bytes a slot, load between 3/8 and 3/4.
  EXPECT_LE(c.memory_bytes(), 100000u * 12 * 8 / 3 + 1);
  for (uint64_t i = 1; i <= 100000; i += 997) {
    ASSERT_FALSE(c.claim({"/out/Component" + std::to_string(i) + ".tsx"}, 200000, &other, &path));
    ASSERT_EQ(other, i);
  }
}

TEST(PathClaims, ConcurrentClaimsOfOnePathHaveOneWinner) {
  for (int round = 0; round < 50; ++round) {
    PathClaims c;
    std::vector<int> won(8, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        uint64_t other;
        std::string path;
        won[static_cast<size_t>(t)] = c.claim({"/x/shared.ts", "/x/own" + std::to_string(t)},
                                              static_cast<uint64_t>(t) + 1, &other, &path);
      });
    }
    for (auto& th : threads) th.join();
    int winners = 0;
    for (int w : won) winners += w;
    ASSERT_EQ(winners, 1);
  }
}

TEST(PathClaims, SerializesForResume) {
  PathClaims a;
  uint64_t other;
  std::string path;
  for (uint64_t i = 1; i <= 3000; ++i) a.claim({"/p/" + std::to_string(i)}, i, &other, &path);
  PathClaims b;
  ASSERT_TRUE(b.deserialize(a.serialize()));
  EXPECT_EQ(b.size(), 3000u);
  EXPECT_FALSE(b.claim({"/p/1234"}, 5000, &other, &path));
  EXPECT_EQ(other, 1234u);
  EXPECT_FALSE(b.deserialize("12345"));
}

TEST(Shard, EveryRecordInExactlyOneShardInAboutEqualParts) {
  const uint32_t n = 7;
  std::vector<int> counts(n, 0);
  for (uint64_t r = 1; r <= 70000; ++r) {
    int in = 0;
    for (uint32_t k = 1; k <= n; ++k) {
      if (Shard{k, n}.contains(r)) {
        ++in;
        ++counts[k - 1];
      }
    }
    ASSERT_EQ(in, 1) << "record " << r;
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);
}

TEST(Shard, Parses) {
  Shard s;
  std::string err;
  ASSERT_TRUE(parse_shard("2/8", &s, &err));
  EXPECT_EQ(s.index, 2u);
  EXPECT_EQ(s.count, 8u);
  EXPECT_EQ(s.text(), "2/8");
  EXPECT_FALSE(parse_shard("0/8", &s, &err));
  EXPECT_FALSE(parse_shard("9/8", &s, &err));
  EXPECT_FALSE(parse_shard("2-8", &s, &err));
  EXPECT_FALSE(parse_shard("2/", &s, &err));
  EXPECT_NE(err.find("K/N"), std::string::npos);
}

TEST(ResumeState, DoneSetKeepsAWatermarkAndFewRecordsAbove) {
  DoneSet d;
  for (uint64_t r : {1, 2, 4, 5, 3, 7}) d.mark(r);
  EXPECT_EQ(d.watermark(), 5u);
  EXPECT_EQ(d.above().size(), 1u);
  EXPECT_TRUE(d.contains(7));
  EXPECT_FALSE(d.contains(6));
  EXPECT_EQ(d.count(), 6u);
}

TEST(ResumeState, SavesAndLoadsOnlyForTheSameBatch) {
  std::string path = ::testing::TempDir() + "/unjucks-state-test.state";
  BatchIdentity id{"component", "new", "/data/x.jsonl", 123, 456, "1/2"};
  DoneSet d;
  for (uint64_t r : {1, 2, 3, 5}) d.mark(r);
  PathClaims c;
  uint64_t other;
  std::string p;
  c.claim({"/out/a"}, 2, &other, &p);
  std::string err;
  ASSERT_TRUE(save_state(path, id, d, 4, c, &err)) << err;

  DoneSet d2;
  PathClaims c2;
  ASSERT_TRUE(load_state(path, id, &d2, &c2, &err)) << err;
  EXPECT_EQ(d2.watermark(), 3u);
  EXPECT_TRUE(d2.contains(5));
  EXPECT_FALSE(c2.claim({"/out/a"}, 9, &other, &p));

  BatchIdentity changed = id;
  changed.data_size = 124;
  EXPECT_FALSE(load_state(path, changed, &d2, &c2, &err));
  EXPECT_NE(err.find("the data changed"), std::string::npos);
  EXPECT_FALSE(load_state(path + ".missing", id, &d2, &c2, &err));
  EXPECT_NE(err.find("nothing to resume"), std::string::npos);
  EXPECT_EQ(state_file_name(id), ".unjucks-batch-component-new-1-of-2.state");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace unjucks::batch
