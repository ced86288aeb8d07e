// Which record of a batch writes which output path, to refuse a second record writing a path
// that an earlier one writes ("conflicting outputs"), before anything of the second one is
// written. Memory per path: 12 bytes (a 64-bit fingerprint of the absolute path and the number of
// the record that claimed it) in an open-addressing table, so a million outputs cost about
// 16 MiB and a hundred thousand about 1.5 MiB; paths themselves are not kept. Two different
// paths with the same 64-bit fingerprint (odds about n^2 / 2^65: 3e-8 for a million paths)
// would be reported as a conflict.
//
// Thread-safe (one mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::batch {

class PathClaims {
 public:
  PathClaims() = default;

  // Claims every path for record number `record`. If one of them was claimed by another record,
  // claims nothing and returns false with that record's number in `*other_record` and the path
  // in `*path`. A record may claim its own paths again.
  bool claim(const std::vector<std::string>& paths, uint64_t record, uint64_t* other_record,
             std::string* path);
  size_t size() const;
  size_t memory_bytes() const;

  // For --resume: the table as bytes, and back.
  std::string serialize() const;
  bool deserialize(std::string_view bytes);

 private:
  static uint64_t fingerprint(std::string_view path);  // never 0 (0 marks an empty slot)
  void grow();

  mutable std::mutex mutex_;
  // Two arrays (fingerprints, record numbers) rather than one of padded 16-byte slots: 12 bytes
  // each.
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> records_;
  size_t count_ = 0;
};

}  // namespace unjucks::batch
