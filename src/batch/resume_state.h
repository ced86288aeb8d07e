// What `--resume` continues from: which records of an interrupted batch were processed. Kept in
// the destination as `.unjucks-batch-<generator>-<action>[-K-of-N].state`, beside the table of
// the output paths the records claimed (`<state>.claims`, PathClaims: so a conflict with a
// record processed before the interruption is still found),
// written atomically (temporary file + rename) every few seconds while the batch runs and when
// it stops early, removed when it completes. The file also records the batch's identity (the
// generator, action, data file with its size and modification time, shard); resuming a
// different batch, or after the data changed, is refused.
//
// Processed records are held as a watermark (every record up to it is done) plus the done
// records above it: records finish out of order by at most the number in flight, so the set
// stays small whatever the input's size.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "batch/path_claims.h"

namespace unjucks::batch {

struct BatchIdentity {
  std::string generator;
  std::string action;
  std::string data;  // absolute path
  uint64_t data_size = 0;
  int64_t data_mtime_ns = 0;
  std::string shard;  // "K/N" or ""
  bool operator==(const BatchIdentity&) const = default;
};

class DoneSet {
 public:
  void mark(uint64_t record);
  bool contains(uint64_t record) const { return record <= watermark_ || above_.count(record); }
  uint64_t count() const { return watermark_ + above_.size(); }
  uint64_t watermark() const { return watermark_; }
  const std::set<uint64_t>& above() const { return above_; }
  void restore(uint64_t watermark, std::set<uint64_t> above);

 private:
  uint64_t watermark_ = 0;  // records 1..watermark are done
  std::set<uint64_t> above_;
};

// The state file's name for a batch (inside the destination).
std::string state_file_name(const BatchIdentity& id);

// The claims table's file for a state file.
inline std::string claims_file_name(const std::string& state_path) {
  return state_path + ".claims";
}

// Flushes the claims table, then writes the state atomically. False with `err` on failure.
bool save_state(const std::string& path, const BatchIdentity& id, const DoneSet& done,
                uint64_t processed, PathClaims& claims, std::string* err);
// Reads a state file written by save_state for the same identity. False with `err` when it is
// missing, unreadable, damaged, or for another batch. (The claims table is opened separately:
// PathClaims::open(claims_file_name(path), true, ...).)
bool load_state(const std::string& path, const BatchIdentity& expected, DoneSet* done,
                std::string* err);

}  // namespace unjucks::batch
