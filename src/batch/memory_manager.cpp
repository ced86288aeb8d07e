#include "batch/memory_manager.h"

#include <algorithm>

namespace unjucks::batch {

MemoryManager::MemoryManager(size_t workers, MemoryLimits limits)
    : limits_(limits), workers_(std::max<size_t>(workers, 1)) {}

size_t MemoryManager::limit(size_t w) const {
  const Worker& k = workers_[w];
  return limits_.per_worker - k.lent + k.borrowed;
}

size_t MemoryManager::lendable_except(size_t w) const {
  size_t sum = 0;
  for (size_t v = 0; v < workers_.size(); ++v) {
    if (v == w || workers_[v].reserved != 0) continue;
    sum += limits_.per_worker - workers_[v].lent;
  }
  return sum;
}

size_t MemoryManager::available(size_t w) const {
  if (exclusive_ || workers_[w].reserved != 0) return 0;
  size_t own = limits_.per_worker - workers_[w].lent;
  size_t global_room = limits_.global - total_;
  return std::min(own + lendable_except(w), global_room);
}

void MemoryManager::note_reserved() {
  ++stats_.reservations;
  stats_.reserved = total_;
  stats_.peak_reserved = std::max(stats_.peak_reserved, total_);
}

bool MemoryManager::try_reserve(size_t w, size_t bytes) {
  if (bytes == 0) bytes = 1;  // a running task always holds something: "busy" means reserved
  if (bytes > available(w)) {
    ++stats_.refusals;
    return false;
  }
  Worker& k = workers_[w];
  size_t own = limits_.per_worker - k.lent;
  if (bytes > own) {
    // Borrow the rest from idle workers, most unused quota first.
    size_t need = bytes - own;
    std::vector<size_t> idle;
    for (size_t v = 0; v < workers_.size(); ++v) {
      if (v != w && workers_[v].reserved == 0) idle.push_back(v);
    }
    std::sort(idle.begin(), idle.end(), [&](size_t a, size_t b) {
      return workers_[a].lent < workers_[b].lent || (workers_[a].lent == workers_[b].lent && a < b);
    });
    for (size_t v : idle) {
      if (need == 0) break;
      size_t give = std::min(need, limits_.per_worker - workers_[v].lent);
      if (give == 0) continue;
      workers_[v].lent += give;
      k.borrowed += give;
      loans_.push_back({v, w, give});
      need -= give;
    }
    ++stats_.loans;
  }
  k.reserved = bytes;
  total_ += bytes;
  note_reserved();
  return true;
}

bool MemoryManager::try_reserve_exclusive(size_t w, size_t bytes) {
  if (bytes == 0) bytes = 1;
  if (total_ != 0 || exclusive_ || bytes > limits_.global) {
    ++stats_.refusals;
    return false;
  }
  exclusive_ = w;
  workers_[w].reserved = bytes;
  total_ = bytes;
  ++stats_.exclusive;
  note_reserved();
  return true;
}

size_t MemoryManager::growth_limit(size_t w) const {
  const Worker& k = workers_[w];
  size_t own = exclusive_ == w ? limits_.global : limit(w);
  size_t global_room = limits_.global - (total_ - k.reserved);
  return std::min(own, global_room);
}

bool MemoryManager::try_grow(size_t w, size_t bytes) {
  Worker& k = workers_[w];
  if (bytes <= k.reserved) return true;
  if (k.reserved == 0 || bytes > growth_limit(w)) {
    ++stats_.growth_refusals;
    return false;
  }
  total_ += bytes - k.reserved;
  k.reserved = bytes;
  ++stats_.growths;
  stats_.reserved = total_;
  stats_.peak_reserved = std::max(stats_.peak_reserved, total_);
  return true;
}

void MemoryManager::release(size_t w) {
  Worker& k = workers_[w];
  total_ -= k.reserved;
  k.reserved = 0;
  if (exclusive_ == w) exclusive_.reset();
  for (size_t i = 0; i < loans_.size();) {
    if (loans_[i].to == w) {
      workers_[loans_[i].from].lent -= loans_[i].bytes;
      k.borrowed -= loans_[i].bytes;
      loans_[i] = loans_.back();
      loans_.pop_back();
    } else {
      ++i;
    }
  }
  stats_.reserved = total_;
}

}  // namespace unjucks::batch
