// Places a batch's tasks on its workers by memory. Tasks queue in reading order; the task at
// the head goes to the idle worker with the most available memory (mem::MemoryManager) that
// can hold its estimated need. When none can, the head waits — and so does everything behind
// it, and the reader once the queue is full (back-pressure) — until a worker finishes: the
// queue is strictly first-in first-out, so no task starves. A task that no worker can hold even
// with loans from idle workers waits until every worker is idle and then runs alone with the
// whole global budget; a task larger than the global budget is refused up front
// (can_ever_run), with a clear error for its record.
//
// Not thread-safe: the batch runner calls it under its lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "batch/memory_manager.h"

namespace unjucks::batch {

struct Placement {
  uint64_t task = 0;
  size_t worker = 0;
  size_t bytes = 0;  // reserved
  bool exclusive = false;
};

struct SchedulerOptions {
  size_t max_queued_tasks = 1024;
  size_t max_queued_bytes = size_t{8} << 20;  // of the queued tasks' payloads (their records)
};

struct SchedulerStats {
  uint64_t submitted = 0;
  uint64_t placed = 0;
  uint64_t head_waits = 0;  // next() found a head task that had to wait for memory
  uint64_t exclusive = 0;
  size_t peak_queued = 0;
};

class Scheduler {
 public:
  explicit Scheduler(MemoryManager& memory, SchedulerOptions options = {});

  // A task needing `estimate` bytes can run at all (it fits the global limit).
  bool can_ever_run(size_t estimate) const { return estimate <= memory_.largest_possible(); }
  // The queue has room for a task whose payload is `payload` bytes; an empty queue always has.
  bool has_room(size_t payload) const;
  // Appends a task (can_ever_run(estimate) must hold).
  void submit(uint64_t task, size_t estimate, size_t payload);
  // Places the head task, reserving its memory; nullopt when the queue is empty or the head
  // must wait. Call finish() with the placement when the task is done.
  std::optional<Placement> next();
  void finish(const Placement& p);
  // Takes the head task out without running it (a batch that stops early); nullopt if none.
  std::optional<uint64_t> drop_head();

  size_t queued() const { return queue_.size(); }
  size_t queued_bytes() const { return queued_bytes_; }
  size_t running() const { return running_; }
  bool idle() const { return queue_.empty() && running_ == 0; }
  SchedulerStats stats() const { return stats_; }

 private:
  struct Queued {
    uint64_t task;
    size_t estimate;
    size_t payload;
  };
  MemoryManager& memory_;
  SchedulerOptions options_;
  std::deque<Queued> queue_;
  size_t queued_bytes_ = 0;
  size_t running_ = 0;
  SchedulerStats stats_;
};

}  // namespace unjucks::batch
