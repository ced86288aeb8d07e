#include "batch/worker_budget.h"

#include <fmt/format.h>

namespace unjucks::batch {
namespace {

std::string mib(size_t bytes) { return fmt::format("{:.1f} MiB", bytes / 1048576.0); }

}  // namespace

bool WorkerBudget::allow(size_t total) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (memory_.try_grow(worker_, total + outside_)) return true;
  const size_t most = memory_.growth_limit(worker_);
  limit_ = most > outside_ ? most - outside_ : 0;
  const MemoryLimits& limits = memory_.limits();
  const bool alone = memory_.exclusive_active();
  if (alone || most < memory_.limit(worker_)) {
    // The global budget is what stops it: the other workers hold the rest (or, running alone,
    // the whole budget is not enough).
    message_ = fmt::format(
        "the render needs more than {} of working memory, {} of the batch's budget: raise "
        "--memory-limit (now {}){}",
        mib(limit_), alone ? "all" : "what the other workers leave", mib(limits.global),
        alone ? "" : ", or run fewer workers (-j)");
  } else {
    message_ = fmt::format(
        "the render needs more than {} of working memory, its worker's share of the batch's "
        "budget: raise --worker-memory (now {}, with --memory-limit {} for all the workers)",
        mib(limit_), mib(limits.per_worker), mib(limits.global));
  }
  return false;
}

}  // namespace unjucks::batch
