// Callable values: macros (with the template and context they were defined in, and for `caller`
// the frame of the call site) and native functions (globals and bound methods).
#pragma once

#include <cstdint>
#include <string_view>

#include "template/ast/ast.h"
#include "template/render/runtime.h"

namespace unjucks::tpl {

class Template;
struct Frame;
struct RenderContext;

using NativeFn = Value (*)(Runtime& rt, const struct Callable& self, const CallArgs& args);

struct Callable {
  enum class Kind : uint8_t { Macro, Native };
  Kind kind;
  // Macro
  const ast::Macro* macro = nullptr;
  const Template* tmpl = nullptr;
  RenderContext* ctx = nullptr;
  Frame* closure = nullptr;  // callers: the frame they were defined in
  // Native
  NativeFn fn = nullptr;
  Value self;             // bound receiver (methods), or state holder
  void* state = nullptr;  // arena state for cycler/joiner
  std::string_view name;
};

// Globals: range, cycler, joiner. nullptr when `name` is not a global.
const Callable* find_global(std::string_view name);
// Every global a template can name, as a value: the functions above, Hygen's helper object `h`
// (template/globals/hygen_helpers.h) and the date functions (now, today, timestamp,
// formatDate). Undefined when `name` is none of them; context variables hide them.
Value global_value(std::string_view name);
// JavaScript methods of strings and arrays (and Python-style ones with jinja compatibility),
// bound to `self`; nullptr when there is no such method.
Callable* bind_method(Runtime& rt, const Value& self, std::string_view name, bool jinja_compat);

}  // namespace unjucks::tpl
