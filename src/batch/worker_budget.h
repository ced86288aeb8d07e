// A batch worker's share of the memory budget, as its engine's render arena sees it
// (mem::ArenaBudget): every new chunk of the arena raises the worker's reservation
// (MemoryManager::try_grow), the task's memory outside the arena (its record's context, a write
// buffer) counted on top. Refused, the render fails with a message naming the limit that
// stopped it and the option that raises it: --worker-memory, or --memory-limit (and -j) when
// the other workers hold the rest of the budget.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>

#include "batch/memory_manager.h"
#include "mem/arena.h"

namespace unjucks::batch {

class WorkerBudget final : public mem::ArenaBudget {
 public:
  // `memory` is used under `mutex` (the batch runner's).
  WorkerBudget(std::mutex& mutex, MemoryManager& memory, size_t worker)
      : mutex_(mutex), memory_(memory), worker_(worker) {}
  // A task starts on the worker, `outside` bytes of it outside the arena.
  void begin(size_t outside) {
    outside_ = outside;
    message_.clear();
  }
  bool allow(size_t total) override;
  std::string refusal(size_t* limit) const override {
    *limit = limit_;
    return message_;
  }

 private:
  std::mutex& mutex_;
  MemoryManager& memory_;
  const size_t worker_;
  size_t outside_ = 0;
  size_t limit_ = 0;  // the most the arena could hold, at the last refusal
  std::string message_;
};

}  // namespace unjucks::batch
