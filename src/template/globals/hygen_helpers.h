// Hygen's helper object `h` (hygen 6.2.11's dist/helpers.js), a global of every template:
//   h.capitalize(s)        first character upper-cased, the rest kept
//   h.changeCase.*         change-case 3.1.0 (text/change_case.h), aliases included
//   h.inflection.*         inflection 1.13.4 (text/js_inflection.h) plus Hygen's undasherize
//   h.path.*               Node's path.posix (text/node_path.h)
// The object is built once per process, in memory of its own, and never changes: its functions
// are native callables (plain function pointers), so `{{ h.changeCase.pascal(name) }}` is a
// member lookup and a direct call. A variable named `h` in the context hides it.
#pragma once

#include "template/render/runtime.h"
#include "template/value/value.h"

namespace unjucks::tpl {

// The `h` object (the same object for every render, thread-safe to read).
Value hygen_helpers();

// Parts of it, built by their own files (each adds its functions to `target`).
void add_change_case(mem::Arena& arena, ObjectObj* target);
void add_inflection(mem::Arena& arena, ObjectObj* target);
void add_node_path(mem::Arena& arena, ObjectObj* target);

namespace hygen {

using NativeFn = Value (*)(Runtime& rt, const struct Callable& self, const CallArgs& args);
// A native function value named `name`, allocated in `arena`.
Value native(mem::Arena& arena, NativeFn fn, std::string_view name);
// Fails the render with "<name>: <message>" (the callable's name is the full path, h.x.y).
[[noreturn]] void fail(Runtime& rt, const Callable& self, std::string_view message);
// The argument as a string: a string as it is, anything else fails naming what it got (as Hygen
// fails with a TypeError where its helper calls a string method).
std::string_view require_string(Runtime& rt, const Callable& self, const CallArgs& a, uint32_t i);

}  // namespace hygen

}  // namespace unjucks::tpl
