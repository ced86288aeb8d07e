// The commit order of a batch's records, one claim at a time (a plan holding locks gets kRetry
// instead of waiting, which makes the interleavings explicit), and with a real wait.
#include "batch/commit_order.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace unjucks::batch {
namespace {

using Claim = CommitOrder::Claim;

class CommitOrderTest : public ::testing::Test {
 protected:
  Claim claim(uint64_t record, const std::vector<std::string>& targets, bool holds_locks = true) {
    other_ = 0;
    path_.clear();
    return order_.claim(record, targets, holds_locks, &other_, &path_);
  }
  void finish(uint64_t record) {
    done_.insert(record);
    order_.finished(record);
  }

  PathClaims claims_;
  std::set<uint64_t> done_;
  CommitOrder order_{claims_, [this](uint64_t r) { return done_.count(r) != 0; }};
  uint64_t other_ = 0;
  std::string path_;
};

TEST_F(CommitOrderTest, TheLowerRecordTakesThePathAndTheHigherOneFailsInItsTurn) {
  order_.handed_out(1);
  order_.handed_out(2);
  EXPECT_EQ(claim(2, {"/p", "/own2"}), Claim::kRetry);  // record 1 is still planning
  EXPECT_EQ(claim(1, {"/p"}), Claim::kCommit);          // the lowest never waits
  EXPECT_EQ(claim(2, {"/p", "/own2"}), Claim::kConflict);
  EXPECT_EQ(other_, 1u);
  EXPECT_EQ(path_, "/p");
  finish(1);
  finish(2);
  // Record 2 wrote nothing, so what it had claimed is free.
  order_.handed_out(3);
  EXPECT_EQ(claim(3, {"/own2"}), Claim::kCommit);
}

// L (1) writes q; M (2) writes p and q; H (3) writes p. With one worker: L, then M conflicts
// with L, then H writes p. Here H and M plan first.
TEST_F(CommitOrderTest, AChainEndsAsWithOneWorker) {
  for (uint64_t r : {1, 2, 3}) order_.handed_out(r);
  EXPECT_EQ(claim(3, {"/p"}), Claim::kRetry);
  EXPECT_EQ(claim(2, {"/p", "/q"}), Claim::kRetry);  // takes /p from 3
  EXPECT_EQ(claim(1, {"/q"}), Claim::kCommit);       // takes /q from 2
  EXPECT_EQ(claim(2, {"/p", "/q"}), Claim::kConflict);
  EXPECT_EQ(other_, 1u);
  EXPECT_EQ(path_, "/q");
  EXPECT_EQ(claim(3, {"/p"}), Claim::kCommit) << "record 2 gave /p up";
}

TEST_F(CommitOrderTest, APathOfACommittingOrFinishedRecordIsNeverTaken) {
  order_.handed_out(5);
  EXPECT_EQ(claim(5, {"/x"}), Claim::kCommit);
  // Record 9, from before --resume and not done: claimed /z then, has not run since.
  uint64_t other = 0;
  std::string path;
  ASSERT_EQ(claims_.claim({"/z"}, 9, &other, &path), ClaimResult::kClaimed);
  ASSERT_EQ(claims_.claim({"/y"}, 7, &other, &path), ClaimResult::kClaimed);
  done_.insert(7);  // done before --resume
  order_.handed_out(6);
  EXPECT_EQ(claim(6, {"/x"}), Claim::kConflict);  // 5 is lower anyway
  order_.handed_out(8);
  finish(5);
  finish(6);
  EXPECT_EQ(claim(8, {"/z"}), Claim::kCommit) << "record 9 has not written: taken";
  order_.handed_out(10);
  order_.handed_out(11);
  EXPECT_EQ(claim(11, {"/w"}), Claim::kRetry);
  finish(8);
  EXPECT_EQ(claim(10, {"/y"}), Claim::kConflict) << "record 7 was done before";
  EXPECT_EQ(other_, 7u);
  EXPECT_EQ(claim(11, {"/w"}), Claim::kCommit);
}

// Without locks a record waits in its claim for the lower ones to settle.
TEST_F(CommitOrderTest, APlanWithoutLocksWaitsForItsTurn) {
  order_.handed_out(1);
  order_.handed_out(2);
  Claim second = Claim::kError;
  uint64_t second_other = 0;
  std::thread t([&] {
    std::string path;
    second = order_.claim(2, {"/p"}, false, &second_other, &path);
  });
  EXPECT_EQ(claim(1, {"/p"}, false), Claim::kCommit);
  t.join();
  EXPECT_EQ(second, Claim::kConflict);
  EXPECT_EQ(second_other, 1u);
  // A record that finishes without claiming (a render error) lets the next one go on.
  order_.handed_out(3);
  order_.handed_out(4);
  std::thread u([&] {
    std::string path;
    second = order_.claim(4, {"/q"}, false, &second_other, &path);
  });
  finish(3);
  u.join();
  EXPECT_EQ(second, Claim::kCommit);
}

}  // namespace
}  // namespace unjucks::batch
