// `--shard K/N`: this process takes only the records of shard K of N (K from 1 to N), chosen by
// a stable hash of the record's number, so N processes (on one machine or many: Kubernetes
// indexed Jobs, Slurm arrays, GNU parallel) given the same data split it between them with
// no coordination, each record going to exactly one shard, in about equal parts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace unjucks::batch {

struct Shard {
  uint32_t index = 1;  // K, 1-based
  uint32_t count = 1;  // N
  bool contains(uint64_t record_number) const;
  std::string text() const;  // "K/N"
};

// "K/N" with 1 <= K <= N. False with `err` otherwise.
bool parse_shard(std::string_view text, Shard* out, std::string* err);

}  // namespace unjucks::batch
