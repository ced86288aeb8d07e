// Reusable fixed-size I/O buffers (64 KiB by default) for reading templates and streaming
// output: a file is read or written through a buffer taken from the pool and given back, so a
// run touching thousands of files allocates a handful of buffers.
//
// - The pool holds at most `max_buffers` buffers at once (in use plus idle). acquire() blocks
//   until one is given back when all are in use; try_acquire() returns an empty handle instead.
// - A Handle gives its buffer back when destroyed (or by release()). The pool must outlive every
//   handle it gave out.
// - trim() frees idle buffers (the emergency clean-up and the end of a phase call it).
//
// Thread safety: every member function is safe to call from several threads (one mutex); a
// Handle belongs to one thread at a time.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace unjucks::mem {

inline constexpr size_t kDefaultBufferSize = size_t{64} << 10;

struct BufferPoolOptions {
  size_t buffer_size = kDefaultBufferSize;
  size_t max_buffers = 16;  // in use plus idle
};

struct BufferPoolStats {
  size_t buffer_size = 0;
  size_t in_use = 0;  // buffers handed out now
  size_t idle = 0;    // buffers held for reuse
  size_t peak_in_use = 0;
  size_t reserved_bytes = 0;  // (in_use + idle) * buffer_size
  size_t in_use_bytes = 0;
  uint64_t acquisitions = 0;
  uint64_t allocations = 0;  // buffers ever allocated
  uint64_t reuses = 0;       // acquisitions served by an idle buffer
  uint64_t waits = 0;        // acquisitions that had to wait for a release
  uint64_t trimmed = 0;      // buffers freed by trim()
};

class BufferPool {
 public:
  // A buffer on loan from the pool. Move-only; gives the buffer back on destruction.
  class Handle {
   public:
    Handle() = default;
    ~Handle() { release(); }
    Handle(Handle&& other) noexcept;
    Handle& operator=(Handle&& other) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    char* data() const { return data_; }
    size_t size() const { return size_; }
    std::span<char> span() const { return {data_, size_}; }
    explicit operator bool() const { return data_ != nullptr; }
    // Gives the buffer back now; the handle becomes empty.
    void release();

   private:
    friend class BufferPool;
    Handle(BufferPool* pool, char* data, size_t size) : pool_(pool), data_(data), size_(size) {}
    BufferPool* pool_ = nullptr;
    char* data_ = nullptr;
    size_t size_ = 0;
  };

  explicit BufferPool(BufferPoolOptions options = {});
  ~BufferPool();
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;

  // Takes a buffer, reusing an idle one when possible; waits if `max_buffers` are in use.
  Handle acquire();
  // Takes a buffer if one is idle or may be allocated; an empty handle otherwise.
  Handle try_acquire();

  // Frees idle buffers beyond `keep_idle`. Returns the bytes freed.
  size_t trim(size_t keep_idle = 0);
  // Allocates idle buffers up to `count` (bounded by max_buffers), so the hot path never does.
  void reserve(size_t count);

  BufferPoolStats stats() const;
  size_t buffer_size() const { return options_.buffer_size; }

 private:
  void give_back(char* data);
  Handle take_locked();  // requires mutex_ and an available buffer

  BufferPoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<char[]>> idle_;  // capacity reserved up front: no reallocation
  size_t in_use_ = 0;
  BufferPoolStats stats_;
};

}  // namespace unjucks::mem
