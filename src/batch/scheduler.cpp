#include "batch/scheduler.h"

#include <algorithm>

namespace unjucks::batch {

Scheduler::Scheduler(MemoryManager& memory, SchedulerOptions options)
    : memory_(memory), options_(options) {}

bool Scheduler::has_room(size_t payload) const {
  if (queue_.empty()) return true;
  return queue_.size() < options_.max_queued_tasks &&
         queued_bytes_ + payload <= options_.max_queued_bytes;
}

void Scheduler::submit(uint64_t task, size_t estimate, size_t payload) {
  queue_.push_back({task, estimate, payload});
  queued_bytes_ += payload;
  ++stats_.submitted;
  stats_.peak_queued = std::max(stats_.peak_queued, queue_.size());
}

std::optional<Placement> Scheduler::next() {
  if (queue_.empty()) return std::nullopt;
  const Queued head = queue_.front();
  // The idle worker with the most available memory (lowest index on ties).
  size_t best = memory_.workers();
  size_t best_avail = 0;
  for (size_t w = 0; w < memory_.workers(); ++w) {
    if (memory_.busy(w)) continue;
    size_t a = memory_.available(w);
    if (best == memory_.workers() || a > best_avail) {
      best = w;
      best_avail = a;
    }
  }
  Placement p;
  p.task = head.task;
  p.bytes = std::max<size_t>(head.estimate, 1);
  if (best != memory_.workers() && head.estimate <= best_avail &&
      memory_.try_reserve(best, p.bytes)) {
    p.worker = best;
  } else if (memory_.all_idle() && memory_.try_reserve_exclusive(0, p.bytes)) {
    // Too large for any worker even with every loan: alone, with the whole budget.
    p.worker = 0;
    p.exclusive = true;
    ++stats_.exclusive;
  } else {
    ++stats_.head_waits;
    return std::nullopt;
  }
  queue_.pop_front();
  queued_bytes_ -= head.payload;
  ++running_;
  ++stats_.placed;
  return p;
}

std::optional<uint64_t> Scheduler::drop_head() {
  if (queue_.empty()) return std::nullopt;
  uint64_t id = queue_.front().task;
  queued_bytes_ -= queue_.front().payload;
  queue_.pop_front();
  return id;
}

void Scheduler::finish(const Placement& p) {
  memory_.release(p.worker);
  --running_;
}

}  // namespace unjucks::batch
