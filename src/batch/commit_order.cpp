#include "batch/commit_order.h"

#include <utility>

namespace unjucks::batch {

CommitOrder::CommitOrder(PathClaims& claims, std::function<bool(uint64_t record)> finished)
    : claims_(claims), finished_before_(std::move(finished)) {}

void CommitOrder::handed_out(uint64_t record) {
  std::lock_guard<std::mutex> lock(mutex_);
  unsettled_.insert(record);
}

void CommitOrder::finished(uint64_t record) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (unsettled_.erase(record) != 0) settled_.notify_all();
  committing_.erase(record);
  revoked_.erase(record);
}

bool CommitOrder::turn_locked(uint64_t record) const {
  auto lowest = unsettled_.begin();
  return lowest == unsettled_.end() || *lowest >= record;
}

void CommitOrder::wait_for_turn(uint64_t record) {
  std::unique_lock<std::mutex> lock(mutex_);
  settled_.wait(lock, [&] { return turn_locked(record); });
}

// The records whose paths were taken are to claim again (if they have not settled: a record
// from before --resume that is not done has not claimed in this run yet).
void CommitOrder::note_taken_locked(const std::vector<PathClaims::Taken>& taken) {
  for (const PathClaims::Taken& t : taken) {
    if (unsettled_.count(t.owner) != 0) revoked_.insert(t.owner);
  }
}

void CommitOrder::settle_locked(uint64_t record, bool commits) {
  if (commits) committing_.insert(record);
  if (unsettled_.erase(record) != 0) settled_.notify_all();
}

CommitOrder::Claim CommitOrder::claim(uint64_t record, const std::vector<std::string>& targets,
                                      bool holds_locks, uint64_t* other, std::string* path) {
  // A higher record's path may be taken until it settles (then it may be writing).
  auto may_take = [&](uint64_t owner) {
    if (owner < record || finished_before_(owner)) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    return committing_.count(owner) == 0;
  };
  std::vector<PathClaims::Taken> taken;
  ClaimResult r = claims_.claim(targets, record, other, path, may_take, &taken);
  if (r != ClaimResult::kError) {
    std::unique_lock<std::mutex> lock(mutex_);
    note_taken_locked(taken);
    if (!turn_locked(record)) {
      // Unsettled still: what it claimed may be taken meanwhile.
      if (holds_locks) return Claim::kRetry;
      settled_.wait(lock, [&] { return turn_locked(record); });
    }
    // Not taken over: the claims hold. (Its own earlier claims, when planned again, too.)
    if (r == ClaimResult::kClaimed && revoked_.erase(record) == 0) {
      settle_locked(record, true);
      return Claim::kCommit;
    }
    // Taken over, or a conflict with a lower record that may have lost the path since (to a
    // still lower one): every lower record has settled, so the claim made again is final.
    lock.unlock();
    taken.clear();
    r = claims_.claim(targets, record, other, path, may_take, &taken);
    if (r == ClaimResult::kClaimed) {
      lock.lock();
      note_taken_locked(taken);
      revoked_.erase(record);
      settle_locked(record, true);
      return Claim::kCommit;
    }
    claims_.release(targets, record);  // what it still holds: it writes none of them
  }
  std::lock_guard<std::mutex> lock(mutex_);
  settle_locked(record, false);
  return r == ClaimResult::kError ? Claim::kError : Claim::kConflict;
}

}  // namespace unjucks::batch
