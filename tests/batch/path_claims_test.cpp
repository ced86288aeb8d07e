#include "batch/path_claims.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "batch/resume_state.h"
#include "batch/shard.h"

namespace unjucks::batch {
namespace {

bool claim_ok(PathClaims& c, const std::vector<std::string>& paths, uint64_t record,
              uint64_t* other, std::string* path) {
  ClaimResult r = c.claim(paths, record, other, path);
  EXPECT_NE(r, ClaimResult::kError) << *path;
  return r == ClaimResult::kClaimed;
}

TEST(PathClaims, SecondRecordWritingAPathIsRefusedAndNamesTheFirst) {
  PathClaims c;
  uint64_t other = 0;
  std::string path;
  EXPECT_TRUE(claim_ok(c, {"/d/a.ts", "/d/b.ts"}, 3, &other, &path));
  EXPECT_TRUE(claim_ok(c, {"/d/a.ts"}, 3, &other, &path));  // its own path again
  EXPECT_FALSE(claim_ok(c, {"/d/c.ts", "/d/b.ts"}, 9, &other, &path));
  EXPECT_EQ(other, 3u);
  EXPECT_EQ(path, "/d/b.ts");
  // All or nothing: /d/c.ts was not claimed by the refused record.
  EXPECT_TRUE(claim_ok(c, {"/d/c.ts"}, 10, &other, &path));
  EXPECT_EQ(c.size(), 3u);
}

// A small front (1,024 slots) so that most paths go to the spill table, which starts small
// (16,384 slots) and grows.
TEST(PathClaims, GrowsAndKeepsEveryClaim) {
  PathClaims c(1024, 1 << 14);
  uint64_t other = 0;
  std::string path;
  for (uint64_t i = 1; i <= 100000; ++i) {
    ASSERT_TRUE(claim_ok(c, {"/out/Component" + std::to_string(i) + ".tsx"}, i, &other, &path));
  }
  EXPECT_EQ(c.size(), 100000u);
  EXPECT_EQ(c.memory_bytes(), 4096u + 1024u * 16) << "the spill table is in its file";
  for (uint64_t i = 1; i <= 100000; i += 997) {
    ASSERT_FALSE(
        claim_ok(c, {"/out/Component" + std::to_string(i) + ".tsx"}, 200000, &other, &path));
    ASSERT_EQ(other, i);
  }
  // A record claiming several paths across both tiers, some its own already.
  ASSERT_TRUE(claim_ok(c, {"/n/a", "/n/b", "/n/a", "/n/c", "/n/d", "/n/e"}, 300000, &other, &path));
  ASSERT_TRUE(claim_ok(c, {"/n/e", "/n/f"}, 300000, &other, &path));
  ASSERT_FALSE(claim_ok(c, {"/n/g", "/n/f"}, 300001, &other, &path));
  EXPECT_EQ(other, 300000u);
  EXPECT_EQ(c.size(), 100006u);
}

// The default front holds the claims of a batch of tens of thousands of files in memory of a
// fixed size: the same for ten thousand paths as for a hundred thousand.
TEST(PathClaims, TheFrontHasAFixedSize) {
  PathClaims small, large;
  uint64_t other = 0;
  std::string path;
  for (uint64_t i = 1; i <= 100000; ++i) {
    if (i <= 10000) {
      ASSERT_TRUE(claim_ok(small, {"/s/" + std::to_string(i)}, i, &other, &path));
    }
    ASSERT_TRUE(claim_ok(large, {"/l/" + std::to_string(i)}, i, &other, &path));
  }
  EXPECT_EQ(small.memory_bytes(), large.memory_bytes());
  EXPECT_EQ(large.memory_bytes(), 4096u + PathClaims::kDefaultFrontSlots * 16);
  ASSERT_FALSE(claim_ok(large, {"/l/99999"}, 1, &other, &path));
  EXPECT_EQ(other, 99999u);
}

// A lower record takes over the paths of a higher one when allowed (all or nothing, as a
// claim), and a record that lost one of its paths gives the others up, in both tiers.
TEST(PathClaims, TakesOverWhenAllowedAndReleases) {
  for (size_t front : {size_t{1024}, PathClaims::kDefaultFrontSlots}) {
    PathClaims c(front, 1 << 14);
    uint64_t other = 0;
    std::string path;
    // Fill the small front so that what follows lands in the spill table there.
    for (uint64_t i = 1; i <= 1000; ++i) {
      ASSERT_TRUE(claim_ok(c, {"/fill/" + std::to_string(i)}, 100000 + i, &other, &path));
    }
    ASSERT_TRUE(claim_ok(c, {"/d/a", "/d/b", "/d/c"}, 9, &other, &path));
    std::vector<PathClaims::Taken> taken;
    auto higher = [](uint64_t owner) { return owner > 5; };
    // Not allowed: a conflict, as before.
    EXPECT_EQ(c.claim({"/d/a"}, 5, &other, &path), ClaimResult::kConflict);
    // A conflict with a record it may not take from: nothing taken, nothing claimed.
    ASSERT_TRUE(claim_ok(c, {"/d/x"}, 2, &other, &path));
    EXPECT_EQ(c.claim({"/d/a", "/d/new", "/d/x"}, 5, &other, &path, higher, &taken),
              ClaimResult::kConflict);
    EXPECT_EQ(other, 2u);
    EXPECT_TRUE(taken.empty());
    EXPECT_EQ(c.claim({"/d/new"}, 7, &other, &path), ClaimResult::kClaimed);
    // Allowed: taken over, and reported.
    ASSERT_EQ(c.claim({"/d/a", "/d/a", "/d/z"}, 5, &other, &path, higher, &taken),
              ClaimResult::kClaimed);
    ASSERT_EQ(taken.size(), 1u);
    EXPECT_EQ(taken[0].owner, 9u);
    EXPECT_EQ(taken[0].path, "/d/a");
    EXPECT_EQ(c.claim({"/d/a"}, 9, &other, &path), ClaimResult::kConflict);
    EXPECT_EQ(other, 5u);
    // Record 9 gives up what it still holds (not /d/a, record 5's now).
    ASSERT_TRUE(c.release({"/d/a", "/d/b", "/d/c"}, 9));
    EXPECT_EQ(c.claim({"/d/a"}, 11, &other, &path), ClaimResult::kConflict);
    EXPECT_EQ(other, 5u);
    EXPECT_TRUE(claim_ok(c, {"/d/b", "/d/c"}, 12, &other, &path)) << "released paths are free";
    EXPECT_EQ(c.claim({"/d/b"}, 13, &other, &path), ClaimResult::kConflict);
    EXPECT_EQ(other, 12u);
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
        won[static_cast<size_t>(t)] = claim_ok(c, {"/x/shared.ts", "/x/own" + std::to_string(t)},
                                               static_cast<uint64_t>(t) + 1, &other, &path);
      });
    }
    for (auto& th : threads) th.join();
    int winners = 0;
    for (int w : won) winners += w;
    ASSERT_EQ(winners, 1);
  }
}

TEST(PathClaims, ANamedTableIsReopenedForResume) {
  std::string file = ::testing::TempDir() + "/unjucks-claims-test.claims";
  std::string err;
  uint64_t other;
  std::string path;
  for (size_t front : {size_t{4096}, PathClaims::kDefaultFrontSlots}) {
    {
      PathClaims a(front);
      ASSERT_TRUE(a.open(file, false, &err)) << err;
      for (uint64_t i = 1; i <= 30000; ++i) {
        ASSERT_TRUE(claim_ok(a, {"/p/" + std::to_string(i)}, i, &other, &path));
      }
      ASSERT_TRUE(a.sync(&err)) << err;
    }
    PathClaims b(front);
    ASSERT_TRUE(b.open(file, true, &err)) << err;
    EXPECT_EQ(b.size(), 30000u);
    for (uint64_t i : {1u, 1234u, 2000u, 29999u}) {  // in the front and in the spill table
      EXPECT_FALSE(claim_ok(b, {"/p/" + std::to_string(i)}, 50000, &other, &path));
      EXPECT_EQ(other, i);
    }
    // Another front size cannot read this file.
    PathClaims other_size(front / 2);
    EXPECT_FALSE(other_size.open(file, true, &err));
    b.remove();
  }
  // A table whose spill table grew after the last checkpoint still has its front.
  {
    PathClaims a(1024);
    ASSERT_TRUE(a.open(file, false, &err)) << err;
    ASSERT_TRUE(claim_ok(a, {"/q/first"}, 1, &other, &path));
    ASSERT_TRUE(a.sync(&err)) << err;
    for (uint64_t i = 2; i <= 40000; ++i) {
      ASSERT_TRUE(claim_ok(a, {"/q/" + std::to_string(i)}, i, &other, &path));
    }
  }
  {
    PathClaims b(1024);
    ASSERT_TRUE(b.open(file, true, &err)) << err;
    EXPECT_FALSE(claim_ok(b, {"/q/first"}, 99, &other, &path));
    EXPECT_EQ(other, 1u);
    b.remove();
  }
  PathClaims c;
  EXPECT_FALSE(c.open(file, true, &err));
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    std::fputs("not a table", f);
    std::fclose(f);
  }
  EXPECT_FALSE(c.open(file, true, &err));
  EXPECT_NE(err.find("not a claims file"), std::string::npos);
  std::remove(file.c_str());
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
  std::string err;
  ASSERT_TRUE(save_state(path, id, d, 4, c, &err)) << err;

  DoneSet d2;
  ASSERT_TRUE(load_state(path, id, &d2, &err)) << err;
  EXPECT_EQ(d2.watermark(), 3u);
  EXPECT_TRUE(d2.contains(5));

  BatchIdentity changed = id;
  changed.data_size = 124;
  EXPECT_FALSE(load_state(path, changed, &d2, &err));
  EXPECT_NE(err.find("the data changed"), std::string::npos);
  EXPECT_FALSE(load_state(path + ".missing", id, &d2, &err));
  EXPECT_NE(err.find("nothing to resume"), std::string::npos);
  EXPECT_EQ(state_file_name(id), ".unjucks-batch-component-new-1-of-2.state");
  // Names that differ only in characters a file name does not keep stay apart.
  BatchIdentity sub = id, other = id;
  sub.action = "new:html";
  other.action = "new_html";
  EXPECT_NE(state_file_name(sub), state_file_name(other));
  EXPECT_TRUE(state_file_name(sub).starts_with(".unjucks-batch-component-new_html-"))
      << state_file_name(sub);
  EXPECT_EQ(state_file_name(sub).find(':'), std::string::npos);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace unjucks::batch
