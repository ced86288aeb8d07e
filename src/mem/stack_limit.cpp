#include "mem/stack_limit.h"

#include <pthread.h>

#include <algorithm>

namespace unjucks::mem {

namespace {

uintptr_t compute_floor(uintptr_t here) {
  pthread_attr_t attr;
  void* addr = nullptr;
  size_t size = 0;
  bool known = false;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    known = pthread_attr_getstack(&attr, &addr, &size) == 0 && addr != nullptr && size != 0;
    pthread_attr_destroy(&attr);
  }
  uintptr_t low = reinterpret_cast<uintptr_t>(addr);
  if (!known || here < low || here - low > size) {
    // Unknown, or the frame is not on the stack reported (an alternate stack): assume 1 MiB.
    constexpr uintptr_t kAssumed = uintptr_t{1} << 20;
    return here > kAssumed ? here - kAssumed : 0;
  }
  return low + std::min<uintptr_t>(kStackReserve, size / 2);
}

thread_local uintptr_t t_floor = 0;

}  // namespace

uintptr_t stack_floor() {
  if (t_floor == 0) [[unlikely]]
    t_floor = compute_floor(stack_position());
  return t_floor;
}

}  // namespace unjucks::mem
