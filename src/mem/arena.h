// A bump allocator that grows by doubling chunks and resets without freeing its largest chunk,
// so a warmed-up render allocates nothing. Objects placed in it must be trivially destructible
// (nothing is ever destroyed piece by piece).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

namespace unjucks::mem {

// Thrown by an arena that would grow past its limit (see Arena::set_limit).
class ArenaLimitExceeded : public std::exception {
 public:
  explicit ArenaLimitExceeded(size_t limit) : limit_(limit) {}
  const char* what() const noexcept override { return "arena limit exceeded"; }
  size_t limit() const { return limit_; }

 private:
  size_t limit_;
};

class Arena {
 public:
  explicit Arena(size_t first_chunk = 4096) : next_chunk_size_(first_chunk) {}
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&& other) noexcept;
  Arena& operator=(Arena&& other) noexcept;

  void* allocate(size_t size, size_t align = alignof(std::max_align_t)) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~(uintptr_t)(align - 1);
    if (p + size > reinterpret_cast<uintptr_t>(end_) || cur_ == nullptr)
      return allocate_slow(size, align);
    cur_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  template <typename T>
  T* make_array(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    T* p = static_cast<T*>(allocate(sizeof(T) * (n ? n : 1), alignof(T)));
    for (size_t i = 0; i < n; ++i) new (p + i) T();
    return p;
  }

  // Grows the block [p, p + size) to `new_size` bytes where it is, when it ends exactly where
  // the next allocation would start and the chunk has the room: appending to the string made
  // last costs the bytes appended, not a copy of the whole. False (and nothing changes)
  // otherwise. The bytes already there are not touched, so views of them stay valid.
  bool try_grow(const void* p, size_t size, size_t new_size) {
    if (static_cast<const char*>(p) + size != cur_ || cur_ == nullptr || new_size < size ||
        new_size - size > static_cast<size_t>(end_ - cur_))
      return false;
    cur_ += new_size - size;
    return true;
  }
  // Allocates `size` bytes (alignment 1) for a block that is likely to keep growing with
  // try_grow: when a new chunk is needed, it gets room for about twice the block, so a string
  // appended to n times is copied O(log n) times however large it gets. Near the limit, an
  // exact allocation.
  void* allocate_growable(size_t size);

  // Copies bytes into the arena (not NUL-terminated).
  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  // A position to roll back to: everything allocated after it is released by rewind().
  struct Mark {
    void* chunk;
    char* cur;
    size_t used_before;
  };
  Mark mark() const { return {head_, cur_, used_before_head_}; }
  void rewind(Mark m);

  // Releases everything but keeps the largest chunk for reuse.
  void reset();
  // Frees every chunk (the arena stays usable).
  void release();

  size_t used() const;                           // bytes handed out since the last reset
  size_t reserved() const { return reserved_; }  // bytes held from the system
  size_t resets() const { return resets_; }
  // Bytes the arena may hold from the system (0: no limit). Growing past it throws
  // ArenaLimitExceeded; the arena is left as it was and stays usable.
  void set_limit(size_t bytes) { limit_ = bytes; }
  size_t limit() const { return limit_; }

 private:
  struct Chunk {
    Chunk* prev;
    size_t size;  // usable bytes after the header
    char* data() { return reinterpret_cast<char*>(this + 1); }
  };
  void* allocate_slow(size_t size, size_t align);

  size_t limit_ = 0;
  Chunk* head_ = nullptr;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t next_chunk_size_;
  size_t reserved_ = 0;
  size_t used_before_head_ = 0;  // bytes used in chunks older than head_
  size_t resets_ = 0;
};

}  // namespace unjucks::mem
