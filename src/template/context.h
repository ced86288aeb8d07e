// The data a template is rendered with: a JavaScript-like object of variables whose values live
// in the context's own arena (converted once at the boundary, from JSON or from code).
#pragma once

#include <string>
#include <string_view>

#include "mem/arena.h"
#include "template/value/value.h"

namespace unjucks::tpl {

class Context {
 public:
  Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  mem::Arena& arena() { return arena_; }
  const ObjectObj* vars() const { return vars_; }
  ObjectObj* vars() { return vars_; }

  // Sets a variable; the key is copied into the context's arena.
  void set(std::string_view key, Value v);
  Value get(std::string_view key) const { return vars_->get(key); }
  // Helpers to make values that live as long as the context.
  Value str(std::string_view s) { return Value::string(arena_.copy(s)); }

  // Starts from `base`'s variables (call it first, on an empty context). Their values are
  // shared, not copied: `base` must outlive this context and must not change while it lives
  // (rendering never changes a context's values; setting a variable here replaces it here only).
  void inherit(const Context& base);

  // Parses a JSON object (order of keys kept, numbers as doubles) and merges its keys.
  // Throws std::runtime_error with line/column when the text is not JSON or not an object.
  void merge_json(std::string_view json_text);
  // Parses any JSON text into a value owned by this context.
  Value parse_json(std::string_view json_text);

 private:
  mem::Arena arena_;
  ObjectObj* vars_;
};

// The offset of the bracket that opens nesting level `limit + 1` of JSON text (brackets in
// strings do not count), or npos: deep data can be refused before a recursive reader sees it.
size_t json_too_deep_at(std::string_view text, size_t limit);

// nlohmann::json's parse error text ("[json.exception.parse_error.101] parse error at line 1,
// column 5: syntax error while parsing value - invalid literal; last read: 'tru'") as unjucks
// says it: "invalid literal" (the place is reported apart; the bytes last read, which may be
// anything, are left out).
std::string json_error_detail(std::string_view nlohmann_what);

}  // namespace unjucks::tpl
