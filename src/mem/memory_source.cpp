#include "mem/memory_source.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace unjucks::mem {

size_t ProcessMemorySource::read_rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size_pages = 0, resident_pages = 0;
  int n = std::fscanf(f, "%lu %lu", &size_pages, &resident_pages);
  std::fclose(f);
  if (n != 2) return 0;
  long page = sysconf(_SC_PAGESIZE);
  return static_cast<size_t>(resident_pages) * static_cast<size_t>(page > 0 ? page : 4096);
}

size_t ProcessMemorySource::read_peak_rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  size_t kib = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmHWM:", 6) == 0) {
      unsigned long v = 0;
      if (std::sscanf(line + 6, "%lu", &v) == 1) kib = v;
      break;
    }
  }
  std::fclose(f);
  return kib * 1024;
}

MemorySample ProcessMemorySource::sample() {
  MemorySample s;
  s.rss_bytes = read_rss_bytes();
  s.peak_rss_bytes = std::max(read_peak_rss_bytes(), s.rss_bytes);
  struct mallinfo2 mi = mallinfo2();
  s.heap_bytes = mi.uordblks + mi.hblkhd;  // in use from the arenas plus mmapped blocks
  s.heap_free_bytes = mi.fordblks;
  return s;
}

bool ProcessMemorySource::release_to_os() { return malloc_trim(0) != 0; }

void FakeMemorySource::set(size_t rss_bytes, size_t heap_bytes) {
  std::lock_guard lock(mutex_);
  current_.rss_bytes = rss_bytes;
  current_.heap_bytes = heap_bytes;
  current_.peak_rss_bytes = std::max(current_.peak_rss_bytes, rss_bytes);
}

void FakeMemorySource::set_rss(size_t rss_bytes) {
  std::lock_guard lock(mutex_);
  current_.rss_bytes = rss_bytes;
  current_.peak_rss_bytes = std::max(current_.peak_rss_bytes, rss_bytes);
}

void FakeMemorySource::set_heap(size_t heap_bytes) {
  std::lock_guard lock(mutex_);
  current_.heap_bytes = heap_bytes;
}

void FakeMemorySource::set_release_effect(size_t rss_drop, size_t heap_drop) {
  std::lock_guard lock(mutex_);
  rss_drop_ = rss_drop;
  heap_drop_ = heap_drop;
}

size_t FakeMemorySource::release_calls() const {
  std::lock_guard lock(mutex_);
  return release_calls_;
}

MemorySample FakeMemorySource::sample() {
  std::lock_guard lock(mutex_);
  return current_;
}

bool FakeMemorySource::release_to_os() {
  std::lock_guard lock(mutex_);
  ++release_calls_;
  current_.rss_bytes -= std::min(current_.rss_bytes, rss_drop_);
  current_.heap_bytes -= std::min(current_.heap_bytes, heap_drop_);
  return rss_drop_ != 0 || heap_drop_ != 0;
}

}  // namespace unjucks::mem
