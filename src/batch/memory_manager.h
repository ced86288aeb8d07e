// The memory budget a batch's workers share: a global limit (default 128 MiB) and a limit per
// worker (default 32 MiB). A task reserves its estimated need on its worker before it runs and
// releases it when it is done. While it runs, its reservation grows with what it really takes
// (the render arena asks before every new chunk: try_grow), up to its worker's limit and what
// the others leave of the global one; a task refused more fails.
//
// Lending: a worker may go past its own limit by borrowing the unused quota of idle workers
// (workers holding no reservation) as long as the global limit allows; the loan is returned
// when the borrower releases. Exclusive mode: a task larger than any worker could hold even
// with loans runs alone, with the whole global budget, once every other worker is idle.
//
// Invariants (checked by the tests): the sum of reservations never exceeds the global limit;
// no worker's reservation exceeds its own limit less what it lent plus what it borrowed
// (except in exclusive mode, where one worker holds up to the global limit and the others
// nothing); quotas are conserved (what is lent equals what is borrowed).
//
// Not thread-safe: the scheduler calls it under its own lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace unjucks::batch {

struct MemoryLimits {
  size_t global = size_t{128} << 20;
  size_t per_worker = size_t{32} << 20;
};

struct MemoryManagerStats {
  size_t reserved = 0;       // now, all workers
  size_t peak_reserved = 0;  // the largest sum of reservations seen
  uint64_t reservations = 0;
  uint64_t loans = 0;      // reservations that needed borrowed quota
  uint64_t exclusive = 0;  // reservations that ran alone with the whole budget
  uint64_t refusals = 0;   // try_reserve calls that did not fit
  uint64_t growths = 0;    // try_grow calls that raised a reservation
  uint64_t growth_refusals = 0;
};

class MemoryManager {
 public:
  MemoryManager(size_t workers, MemoryLimits limits);

  size_t workers() const { return workers_.size(); }
  const MemoryLimits& limits() const { return limits_; }

  // What worker `w` can reserve now: its own headroom plus what idle workers can lend, within
  // the global limit. A busy worker (holding a reservation) gets 0: one task per worker.
  size_t available(size_t w) const;
  // Reserves `bytes` for one task on idle worker `w`, borrowing when needed. False (nothing
  // changed) when it does not fit.
  bool try_reserve(size_t w, size_t bytes);
  // Reserves up to the global limit for a task that runs alone. False unless every worker is
  // idle and `bytes` fits the global limit.
  bool try_reserve_exclusive(size_t w, size_t bytes);
  // Raises busy worker `w`'s reservation to `bytes` (its task needs more than it reserved:
  // the render arena grows), up to growth_limit(w). False (nothing changed) when it does not
  // fit. Nothing more is borrowed: a task takes loans when it is placed, from its estimate.
  bool try_grow(size_t w, size_t bytes);
  // The most busy worker `w` may hold now: its limit (the whole global limit in exclusive
  // mode), within what the other workers leave of the global limit.
  size_t growth_limit(size_t w) const;
  // Releases worker `w`'s reservation and returns what it borrowed.
  void release(size_t w);

  bool busy(size_t w) const { return workers_[w].reserved != 0; }
  bool all_idle() const { return total_ == 0; }
  bool exclusive_active() const { return exclusive_.has_value(); }
  size_t reserved(size_t w) const { return workers_[w].reserved; }
  // The worker's own quota less what it lent plus what it borrowed (its limit right now).
  size_t limit(size_t w) const;
  size_t lent(size_t w) const { return workers_[w].lent; }
  size_t borrowed(size_t w) const { return workers_[w].borrowed; }
  size_t total_reserved() const { return total_; }
  // The largest reservation a single task could ever get: the global limit, when it runs alone.
  size_t largest_possible() const { return limits_.global; }
  MemoryManagerStats stats() const { return stats_; }

 private:
  struct Worker {
    size_t reserved = 0;
    size_t lent = 0;      // of its own quota, to busy workers
    size_t borrowed = 0;  // from idle workers, for its current reservation
  };
  struct Loan {
    size_t from, to, bytes;
  };
  size_t lendable_except(size_t w) const;
  void note_reserved();

  MemoryLimits limits_;
  std::vector<Worker> workers_;
  std::vector<Loan> loans_;
  size_t total_ = 0;
  std::optional<size_t> exclusive_;
  MemoryManagerStats stats_;
};

}  // namespace unjucks::batch
