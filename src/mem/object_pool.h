// A typed free-list pool: objects (render contexts: scopes, frames, loop state) are leased,
// reset when given back and kept for the next lease, never freed on the hot path. After warm-up
// a lease allocates nothing: the free list's storage is reserved up front and reused objects
// keep the capacity of their containers.
//
// - T is created with the factory (default: `T()`), reset with the resetter (default: calls
//   `t.reset()`) when given back. Reset must clear state but should keep capacity.
// - At most `max_idle` objects are kept; extra ones given back are destroyed.
// - A Lease gives its object back when destroyed. The pool must outlive its leases.
//
// Thread safety: acquire/release/trim/stats are safe from several threads (one mutex, held only
// for the free-list operation, never while creating or resetting an object). A leased object
// belongs to one thread at a time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace unjucks::mem {

struct ObjectPoolStats {
  size_t in_use = 0;
  size_t idle = 0;
  size_t peak_in_use = 0;
  uint64_t created = 0;    // objects constructed
  uint64_t reused = 0;     // leases served from the free list
  uint64_t destroyed = 0;  // given back beyond max_idle, or trimmed
  // Shallow bytes held: (in_use + idle) * sizeof(T). What the objects own on the heap is not
  // counted here; a component probe can add it.
  size_t reserved_bytes = 0;
};

template <typename T>
struct CallReset {
  void operator()(T& t) const { t.reset(); }
};

template <typename T, typename Reset = CallReset<T>>
class ObjectPool {
 public:
  using Factory = std::function<std::unique_ptr<T>()>;

  class Lease {
   public:
    Lease() = default;
    ~Lease() { release(); }
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)),
          object_(std::exchange(other.object_, nullptr)) {}
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        release();
        pool_ = std::exchange(other.pool_, nullptr);
        object_ = std::exchange(other.object_, nullptr);
      }
      return *this;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    T* get() const { return object_; }
    T& operator*() const { return *object_; }
    T* operator->() const { return object_; }
    explicit operator bool() const { return object_ != nullptr; }
    // Resets the object and gives it back now.
    void release() {
      if (object_ != nullptr) pool_->give_back(object_);
      pool_ = nullptr;
      object_ = nullptr;
    }

   private:
    friend class ObjectPool;
    Lease(ObjectPool* pool, T* object) : pool_(pool), object_(object) {}
    ObjectPool* pool_ = nullptr;
    T* object_ = nullptr;
  };

  explicit ObjectPool(size_t max_idle = 64, Factory factory = nullptr, Reset reset = Reset())
      : max_idle_(max_idle), factory_(std::move(factory)), reset_(std::move(reset)) {
    idle_.reserve(max_idle_);
  }
  ObjectPool(const ObjectPool&) = delete;
  ObjectPool& operator=(const ObjectPool&) = delete;

  Lease acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        T* t = idle_.back().release();
        idle_.pop_back();
        ++stats_.reused;
        note_lease_locked();
        return Lease(this, t);
      }
    }
    std::unique_ptr<T> fresh = factory_ ? factory_() : std::make_unique<T>();
    std::lock_guard lock(mutex_);
    ++stats_.created;
    note_lease_locked();
    return Lease(this, fresh.release());
  }

  // Creates idle objects up to `count` (bounded by max_idle) so later leases never allocate.
  void reserve(size_t count) {
    count = std::min(count, max_idle_);
    for (;;) {
      {
        std::lock_guard lock(mutex_);
        if (idle_.size() + in_use_ >= count) return;
      }
      std::unique_ptr<T> fresh = factory_ ? factory_() : std::make_unique<T>();
      std::lock_guard lock(mutex_);
      ++stats_.created;
      if (idle_.size() < max_idle_) idle_.push_back(std::move(fresh));
    }
  }

  // Destroys idle objects beyond `keep_idle`. Returns how many were destroyed.
  size_t trim(size_t keep_idle = 0) {
    std::vector<std::unique_ptr<T>> doomed;
    {
      std::lock_guard lock(mutex_);
      while (idle_.size() > keep_idle) {
        doomed.push_back(std::move(idle_.back()));
        idle_.pop_back();
      }
      stats_.destroyed += doomed.size();
    }
    return doomed.size();  // destroyed outside the lock
  }

  ObjectPoolStats stats() const {
    std::lock_guard lock(mutex_);
    ObjectPoolStats s = stats_;
    s.in_use = in_use_;
    s.idle = idle_.size();
    s.reserved_bytes = (in_use_ + idle_.size()) * sizeof(T);
    return s;
  }

 private:
  void note_lease_locked() {
    ++in_use_;
    stats_.peak_in_use = std::max(stats_.peak_in_use, in_use_);
  }

  void give_back(T* t) {
    reset_(*t);
    std::unique_ptr<T> owned(t);
    std::lock_guard lock(mutex_);
    --in_use_;
    if (idle_.size() < max_idle_) {
      idle_.push_back(std::move(owned));  // within the reserved capacity
    } else {
      ++stats_.destroyed;  // `owned` deletes it (under the lock; rare)
    }
  }

  size_t max_idle_;
  Factory factory_;
  Reset reset_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<T>> idle_;
  size_t in_use_ = 0;
  ObjectPoolStats stats_;
};

}  // namespace unjucks::mem
