// Which record of a batch writes which output path, to refuse a second record writing a path
// that an earlier one writes ("conflicting outputs") before anything of the second one is
// written.
//
// Open-addressing hash tables of 16-byte slots (a 64-bit fingerprint of the absolute path, the
// number of the record that claimed it, 0 once released), in two tiers:
// - the front, in memory, of a fixed size (2 MiB: up to 81,920 paths): the claims of a batch
//   of up to tens of thousands of files cost no system call;
// - the spill table, in a file, read and written with pread/pwrite, for the paths past the
//   front's capacity: it sits in the page cache, so the process's resident memory stays the same
//   for a hundred thousand records or ten million (the batch's constant-memory promise). A claim
//   there costs one or two small reads and one write per path.
// The file is `open()`ed beside the batch's resume state so that --resume still sees what the
// records before the interruption wrote (sync() writes the front's image into it); without it
// the file is an anonymous one in $TMPDIR, gone on exit. Paths are not kept; two different
// paths with the same 64-bit fingerprint (odds about n^2 / 2^65: 3e-8 for a million paths)
// would be reported as a conflict.
//
// Thread-safe (one mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::batch {

enum class ClaimResult : uint8_t { kClaimed, kConflict, kError };

class PathClaims {
 public:
  static constexpr size_t kDefaultFrontSlots = size_t{1} << 17;
  // The spill table's first size: 262,144 slots (a sparse 4 MiB file; 131,072 paths before it
  // grows, and growing rewrites every slot through the file).
  static constexpr size_t kDefaultSpillSlots = size_t{1} << 18;
  // `front_slots`: the in-memory tier's size; `spill_slots`: the spill table's first size
  // (powers of two; tests make them small).
  explicit PathClaims(size_t front_slots = kDefaultFrontSlots,
                      size_t spill_slots = kDefaultSpillSlots);
  ~PathClaims();
  PathClaims(const PathClaims&) = delete;
  PathClaims& operator=(const PathClaims&) = delete;

  // Keeps the table in `path`: a new one, or with `resume` the one an earlier run left there.
  // False with `err` when it cannot be created, or (resume) is missing or damaged.
  bool open(const std::string& path, bool resume, std::string* err);

  // Whether a path claimed by record `owner` may be taken over (see claim()).
  using MayTake = std::function<bool(uint64_t owner)>;
  // A path taken over from another record.
  struct Taken {
    uint64_t owner;
    std::string path;
  };

  // Claims every path for record number `record`. kConflict when one of them was claimed by
  // another record (nothing is claimed then): its number in `*other_record`, the path in
  // `*path`. kError (with `*path` the reason) when the table's file cannot be used. A record may
  // claim its own paths again, and the paths released by others. With `may_take`, a path
  // claimed by a record for which it says yes is taken over instead (batch: a lower record
  // number wins, when the higher one has not written yet); on success those are appended to
  // `*taken`. `may_take` is called under the table's lock.
  ClaimResult claim(const std::vector<std::string>& paths, uint64_t record, uint64_t* other_record,
                    std::string* path, const MayTake& may_take = {},
                    std::vector<Taken>* taken = nullptr);
  // Gives up the paths among `paths` that `record` holds (a record that lost one of its paths
  // to a lower one writes none of them): anyone may claim them again. False on an I/O error.
  bool release(const std::vector<std::string>& paths, uint64_t record);
  // Writes the header (entry counts) and the front's image, for a resume checkpoint. No fsync:
  // the checkpoint is there for a process that is interrupted or killed (the page cache
  // outlives it); an fsync every few seconds would stall the batch behind the writeback of
  // every file it wrote.
  bool sync(std::string* err);
  // Deletes the named file (the batch completed).
  void remove();

  size_t size() const;
  // Bytes of memory the tables hold (the front once used, a probe buffer; the spill table is
  // in the page cache, not here).
  size_t memory_bytes() const;
  const std::string& file() const { return path_; }

 private:
  static constexpr size_t kBlock = 4096;  // bytes read per probe of the spill table
  static uint64_t fingerprint(std::string_view path);
  uint64_t spill_base() const;  // file offset of the spill table
  bool front_ready_locked();
  // The front: true with the record when `fp` is there; else false with the empty slot.
  bool front_find_locked(uint64_t fp, uint64_t* slot, uint64_t* rec) const;
  bool write_front_locked();
  bool ensure_open_locked(std::string* err);
  bool write_slot(uint64_t index, uint64_t fp, uint64_t rec);
  // Finds `fp`: true with its slot, or false with the first empty slot of its probe sequence.
  bool find_locked(uint64_t fp, uint64_t* slot, uint64_t* rec, bool* io_error);
  bool grow_locked(std::string* err);
  bool write_header_locked();

  mutable std::mutex mutex_;
  int fd_ = -1;
  std::string path_;    // "" for the anonymous file
  uint64_t slots_ = 0;  // spill slots, a power of two
  uint64_t count_ = 0;  // spill entries
  const uint64_t front_slots_;
  const uint64_t initial_slots_;  // spill slots of a new table
  struct FreeDeleter {
    void operator()(uint64_t* p) const;
  };
  std::unique_ptr<uint64_t[], FreeDeleter> front_;  // 2 words per slot; calloc'ed when first used
  uint64_t front_count_ = 0;
  std::string error_;  // the first I/O error
};

}  // namespace unjucks::batch
