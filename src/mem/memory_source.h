// Where the monitor's process-wide figures come from: resident memory and the allocator's live
// bytes. ProcessMemorySource reads the real process (Linux, glibc); FakeMemorySource is set by
// hand, so tests can drive the monitor through every threshold and leak scenario.
#pragma once

#include <cstddef>
#include <mutex>

namespace unjucks::mem {

struct MemorySample {
  size_t rss_bytes = 0;        // resident set size now
  size_t peak_rss_bytes = 0;   // high-water mark of the resident set (0 if unknown)
  size_t heap_bytes = 0;       // bytes the allocator has handed out and not yet taken back
  size_t heap_free_bytes = 0;  // bytes the allocator holds but has not handed out
};

class MemorySource {
 public:
  virtual ~MemorySource() = default;
  virtual MemorySample sample() = 0;
  // Returns free allocator memory to the operating system (malloc_trim for glibc). Returns
  // whether anything was released, when the allocator says so.
  virtual bool release_to_os() = 0;
};

// /proc/self/statm for the resident set, /proc/self/status (VmHWM) for its peak, mallinfo2()
// for the heap, malloc_trim(0) to give memory back. Thread-safe.
class ProcessMemorySource final : public MemorySource {
 public:
  MemorySample sample() override;
  bool release_to_os() override;

  static size_t read_rss_bytes();       // 0 if /proc is unavailable
  static size_t read_peak_rss_bytes();  // 0 if unavailable
};

// A memory source for tests: returns what it was last told. release_to_os() lowers the figures
// by the amounts given to set_release_effect(), as a trim would. Thread-safe.
class FakeMemorySource final : public MemorySource {
 public:
  void set(size_t rss_bytes, size_t heap_bytes);
  void set_rss(size_t rss_bytes);
  void set_heap(size_t heap_bytes);
  // What the next release_to_os() calls take off RSS and heap (clamped at zero).
  void set_release_effect(size_t rss_drop, size_t heap_drop);
  size_t release_calls() const;

  MemorySample sample() override;
  bool release_to_os() override;

 private:
  mutable std::mutex mutex_;
  MemorySample current_;
  size_t rss_drop_ = 0;
  size_t heap_drop_ = 0;
  size_t release_calls_ = 0;
};

}  // namespace unjucks::mem
