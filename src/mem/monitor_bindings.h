// Registers the memory subsystem's own parts with a MemoryMonitor: a probe for the component's
// bytes in use and reserved, counters for the report, and the part's emergency clean-up.
//
//   watch_cache(monitor, cache, /*floor_bytes=*/1 << 20);  // template cache
//   watch_buffer_pool(monitor, buffers);                    // file operations
//   watch_object_pool(monitor, contexts);                   // variable resolution
//
// The watched objects must outlive the monitor's use of them (in practice: declare the monitor
// after them, or stop sampling before destroying them): the monitor keeps references.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "mem/budget_cache.h"
#include "mem/buffer_pool.h"
#include "mem/monitor.h"
#include "mem/object_pool.h"

namespace unjucks::mem {

// The cache's bytes are the charges of its entries; its reserve adds the policy's sketch. The
// emergency clean-up shrinks it to `floor_bytes` (keeping the hottest templates).
template <typename T>
void watch_cache(MemoryMonitor& monitor, BudgetCache<T>& cache, size_t floor_bytes,
                 std::string name = "template cache") {
  monitor.add_probe(Component::kTemplateCache, [&cache] {
    CacheStats s = cache.stats();
    return ComponentUsage{s.bytes, s.bytes + s.overhead_bytes};
  });
  monitor.add_counter_probe(name, [&cache] {
    CacheStats s = cache.stats();
    return std::vector<std::pair<std::string, double>>{
        {"entries", static_cast<double>(s.entries)},
        {"bytes", static_cast<double>(s.bytes)},
        {"budget", static_cast<double>(s.budget)},
        {"hits", static_cast<double>(s.hits)},
        {"misses", static_cast<double>(s.misses)},
        {"evictions", static_cast<double>(s.evictions)},
        {"invalidations", static_cast<double>(s.invalidations)},
        {"hit_rate", s.hit_rate()},
    };
  });
  monitor.add_cleanup_handler(std::move(name),
                              [&cache, floor_bytes] { return cache.shrink_to(floor_bytes); });
}

inline void watch_buffer_pool(MemoryMonitor& monitor, BufferPool& pool,
                              Component component = Component::kFileOperations,
                              std::string name = "buffer pool") {
  monitor.add_probe(component, [&pool] {
    BufferPoolStats s = pool.stats();
    return ComponentUsage{s.in_use_bytes, s.reserved_bytes};
  });
  monitor.add_counter_probe(name, [&pool] {
    BufferPoolStats s = pool.stats();
    return std::vector<std::pair<std::string, double>>{
        {"buffer_size", static_cast<double>(s.buffer_size)},
        {"in_use", static_cast<double>(s.in_use)},
        {"idle", static_cast<double>(s.idle)},
        {"peak_in_use", static_cast<double>(s.peak_in_use)},
        {"allocations", static_cast<double>(s.allocations)},
        {"reuses", static_cast<double>(s.reuses)},
        {"waits", static_cast<double>(s.waits)},
    };
  });
  monitor.add_cleanup_handler(std::move(name), [&pool] { return pool.trim(); });
}

template <typename T, typename Reset>
void watch_object_pool(MemoryMonitor& monitor, ObjectPool<T, Reset>& pool,
                       Component component = Component::kVariableResolution,
                       std::string name = "context pool") {
  monitor.add_probe(component, [&pool] {
    ObjectPoolStats s = pool.stats();
    return ComponentUsage{s.in_use * sizeof(T), s.reserved_bytes};
  });
  monitor.add_counter_probe(name, [&pool] {
    ObjectPoolStats s = pool.stats();
    return std::vector<std::pair<std::string, double>>{
        {"in_use", static_cast<double>(s.in_use)},
        {"idle", static_cast<double>(s.idle)},
        {"peak_in_use", static_cast<double>(s.peak_in_use)},
        {"created", static_cast<double>(s.created)},
        {"reused", static_cast<double>(s.reused)},
    };
  });
  monitor.add_cleanup_handler(std::move(name), [&pool] { return pool.trim() * sizeof(T); });
}

}  // namespace unjucks::mem
