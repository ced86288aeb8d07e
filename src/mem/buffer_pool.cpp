#include "mem/buffer_pool.h"

#include <algorithm>
#include <utility>

namespace unjucks::mem {

BufferPool::Handle::Handle(Handle&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)) {}

BufferPool::Handle& BufferPool::Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void BufferPool::Handle::release() {
  if (data_ != nullptr) pool_->give_back(data_);
  pool_ = nullptr;
  data_ = nullptr;
  size_ = 0;
}

BufferPool::BufferPool(BufferPoolOptions options) : options_(options) {
  options_.buffer_size = std::max<size_t>(options_.buffer_size, 1);
  options_.max_buffers = std::max<size_t>(options_.max_buffers, 1);
  idle_.reserve(options_.max_buffers);
  stats_.buffer_size = options_.buffer_size;
}

BufferPool::~BufferPool() = default;

BufferPool::Handle BufferPool::take_locked() {
  ++stats_.acquisitions;
  char* data;
  if (!idle_.empty()) {
    data = idle_.back().release();
    idle_.pop_back();
    ++stats_.reuses;
  } else {
    data = std::make_unique_for_overwrite<char[]>(options_.buffer_size).release();
    ++stats_.allocations;
  }
  ++in_use_;
  stats_.peak_in_use = std::max(stats_.peak_in_use, in_use_);
  return Handle(this, data, options_.buffer_size);
}

BufferPool::Handle BufferPool::acquire() {
  std::unique_lock lock(mutex_);
  if (idle_.empty() && in_use_ >= options_.max_buffers) {
    ++stats_.waits;
    released_.wait(lock, [&] { return !idle_.empty() || in_use_ < options_.max_buffers; });
  }
  return take_locked();
}

BufferPool::Handle BufferPool::try_acquire() {
  std::lock_guard lock(mutex_);
  if (idle_.empty() && in_use_ >= options_.max_buffers) return {};
  return take_locked();
}

void BufferPool::give_back(char* data) {
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    idle_.emplace_back(data);  // never reallocates: capacity is max_buffers
  }
  released_.notify_one();
}

size_t BufferPool::trim(size_t keep_idle) {
  std::lock_guard lock(mutex_);
  size_t freed = 0;
  while (idle_.size() > keep_idle) {
    idle_.pop_back();
    freed += options_.buffer_size;
    ++stats_.trimmed;
  }
  return freed;
}

void BufferPool::reserve(size_t count) {
  std::lock_guard lock(mutex_);
  count = std::min(count, options_.max_buffers);
  while (idle_.size() + in_use_ < count) {
    idle_.push_back(std::make_unique_for_overwrite<char[]>(options_.buffer_size));
    ++stats_.allocations;
  }
}

BufferPoolStats BufferPool::stats() const {
  std::lock_guard lock(mutex_);
  BufferPoolStats s = stats_;
  s.in_use = in_use_;
  s.idle = idle_.size();
  s.in_use_bytes = in_use_ * options_.buffer_size;
  s.reserved_bytes = (in_use_ + idle_.size()) * options_.buffer_size;
  return s;
}

}  // namespace unjucks::mem
