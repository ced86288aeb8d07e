// How deep recursive code may still go on the current thread's stack. The limits on nesting
// (parse-depth, call-depth) keep ordinary templates far from the end of the stack, but they
// multiply (an expression 500 levels deep in a macro 200 calls deep) and can be raised by the
// user, and threads may have small stacks: the recursive walks (parser, renderer, the variable
// scanner) also ask this before going one level deeper and fail with an error, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>

namespace unjucks::mem {

// Bytes kept free below the lowest point recursive code may reach: room for the deepest
// non-recursive work done at the bottom (a filter, a regular expression, a library call, the
// error report itself).
inline constexpr size_t kStackReserve = size_t{256} << 10;

// The lowest stack address recursive code of this thread may reach (the stack grows down):
// the stack's end plus kStackReserve (or plus half the stack, if that is smaller). Found once
// per thread with pthread_getattr_np; where that fails, 1 MiB below the first caller's frame.
uintptr_t stack_floor();

// The current stack pointer (always inlined: the caller's). Read directly where the
// architecture is known: __builtin_frame_address would make every caller keep a frame pointer,
// which costs the renderer's hottest function a register and two instructions.
[[gnu::always_inline]] inline uintptr_t stack_position() {
#if defined(__x86_64__)
  uintptr_t sp;
  asm("mov %%rsp, %0" : "=r"(sp));
  return sp;
#elif defined(__aarch64__)
  uintptr_t sp;
  asm("mov %0, sp" : "=r"(sp));
  return sp;
#else
  return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
#endif
}

// True when the calling frame is below the floor: recursion must stop here.
[[gnu::always_inline]] inline bool stack_exhausted() { return stack_position() < stack_floor(); }

}  // namespace unjucks::mem
