// Which of two records writing one file wins in a batch: the lower record number, whatever the
// number of workers and the order they get there in, as with one worker.
//
// A record claims the paths it writes (PathClaims) once its plan is ready, and writes only once
// every lower record handed to a worker has settled: its claims final, committing or failed.
// Until then a lower record takes over the paths of a higher one that has not settled (nothing
// of it is written yet); the higher one claims again when its turn comes, and fails naming the
// owner, or succeeds if the path was freed meanwhile (its taker lost a path to a still lower
// record and gave all of its paths up). So chains of conflicts end as with one worker.
//
// A record waits only for the records before it that are still being planned: at most one per
// other worker, since records are handed out in order (every queued record is higher than every
// running one), and the lowest running record never waits. A plan that holds file locks (it
// injects into or overwrites existing files) must not wait with them, since a lower record may
// need the same file: its claim says kRetry, and the record waits for its turn with the plan
// rolled back (wait_for_turn), then plans again.
//
// Thread-safe (one mutex; `finished_before` and PathClaims are called without it held).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "batch/path_claims.h"

namespace unjucks::batch {

class CommitOrder {
 public:
  enum class Claim : uint8_t {
    kCommit,    // the paths are the record's: write
    kConflict,  // another record writes one of them (`other`, `path`): write nothing
    kError,     // the claims table failed (`path` is the reason)
    kRetry,     // not its turn, and the plan holds locks: roll back, wait_for_turn(), again
  };

  // `finished`: whether a record finished in this run or before it (--resume); such a
  // record's paths are never taken over. Called without this object's lock held.
  CommitOrder(PathClaims& claims, std::function<bool(uint64_t record)> finished);

  // `record` was handed to a worker (in increasing order).
  void handed_out(uint64_t record);
  // `record`'s task is over (call once `finished(record)` says so).
  void finished(uint64_t record);

  // Claims `targets` for `record` in turn (above).
  Claim claim(uint64_t record, const std::vector<std::string>& targets, bool holds_locks,
              uint64_t* other, std::string* path);
  // Returns once no record before `record` is unsettled.
  void wait_for_turn(uint64_t record);

 private:
  bool turn_locked(uint64_t record) const;
  void note_taken_locked(const std::vector<PathClaims::Taken>& taken);
  void settle_locked(uint64_t record, bool commits);

  PathClaims& claims_;
  std::function<bool(uint64_t)> finished_before_;
  std::mutex mutex_;
  std::condition_variable settled_;  // a record settled (or finished)
  std::set<uint64_t> unsettled_;     // handed to a worker, claims not final yet
  std::set<uint64_t> committing_;    // settled with its claims, not finished
  std::set<uint64_t> revoked_;       // unsettled, a lower record took one of its paths
};

}  // namespace unjucks::batch
