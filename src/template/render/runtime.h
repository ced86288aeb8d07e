// What filters, tests and global functions see of a render: the per-render arena for their
// results, the autoescape setting, a way to fail with an error at the current template position,
// and the registry of tests (for select/reject).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "mem/arena.h"
#include "template/value/value.h"

namespace unjucks::tpl {

struct KwArg {
  std::string_view name;
  Value value;
};

// Arguments of a filter/test/function call: positionals, then keywords.
struct CallArgs {
  const Value* pos = nullptr;
  uint32_t npos = 0;
  const KwArg* kw = nullptr;
  uint32_t nkw = 0;

  // The i-th positional argument, or the keyword argument `name`, or undefined.
  Value get(uint32_t i, std::string_view name = {}) const {
    if (i < npos) return pos[i];
    if (!name.empty())
      for (uint32_t k = 0; k < nkw; ++k)
        if (kw[k].name == name) return kw[k].value;
    return Value();
  }
  bool has(uint32_t i, std::string_view name = {}) const {
    if (i < npos) return true;
    if (!name.empty())
      for (uint32_t k = 0; k < nkw; ++k)
        if (kw[k].name == name) return true;
    return false;
  }
};

class Runtime;
using FilterFn = Value (*)(Runtime& rt, const Value& target, const CallArgs& args);
using TestFn = bool (*)(Runtime& rt, const Value& value, const CallArgs& args);

class Runtime {
 public:
  explicit Runtime(mem::Arena& arena) : arena_(&arena) {}
  virtual ~Runtime() = default;

  mem::Arena& arena() { return *arena_; }
  bool autoescape() const { return autoescape_; }
  void set_autoescape(bool on) { autoescape_ = on; }
  // Nunjucks' throwOnUndefined as the sort and groupby filters see it (an attribute that
  // resolves to undefined is then an error).
  bool throw_on_undefined() const { return throw_on_undefined_opt_; }
  void set_throw_on_undefined(bool on) { throw_on_undefined_opt_ = on; }

  // A string value whose bytes are copied into the render arena.
  Value str(std::string_view s, bool safe = false) { return Value::string(arena_->copy(s), safe); }
  ArrayObj* new_array(uint32_t reserve = 0) { return ArrayObj::make(*arena_, reserve); }
  ObjectObj* new_object(uint32_t reserve = 0) { return ObjectObj::make(*arena_, reserve); }

  // Throws a TemplateError (kind Render) pointing at the node being evaluated.
  [[noreturn]] virtual void fail(std::string message) = 0;
  // Calls a callable value (macro, global function, bound method) with arguments.
  virtual Value call(const Value& callee, const CallArgs& args) = 0;
  // Natives that change state living in the arena (cycler, joiner, push) call this, so the
  // renderer does not rewind memory that is still referenced.
  virtual void note_mutation() {}
  bool jinja_compat() const { return jinja_compat_; }
  // The render's loop iteration budget (range() refuses to build more elements than this).
  uint64_t max_iterations() const { return max_iterations_; }
  // now() in milliseconds since 1970: the environment's fixed time, or the clock. Virtual so
  // that compile-time folding refuses what depends on it (fromNow, isToday, ...).
  virtual double now_ms() const;

 protected:
  mem::Arena* arena_;
  bool autoescape_ = true;
  bool throw_on_undefined_opt_ = false;
  bool jinja_compat_ = false;
  uint64_t max_iterations_ = 100'000'000;
  double now_ms_ = std::numeric_limits<double>::quiet_NaN();
};

// The built-in registries (Nunjucks' filters and tests plus the code-generation filters).
FilterFn find_filter(std::string_view name);
TestFn find_test(std::string_view name);
// Every name find_filter / find_test knows (for "did you mean" and the docs), sorted.
std::vector<std::string_view> filter_names();
std::vector<std::string_view> test_names();

}  // namespace unjucks::tpl
