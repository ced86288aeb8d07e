// Shared machinery of the built-in filters and tests: JavaScript property access and coercions
// as Nunjucks' filters perform them, UTF-16 indexing of UTF-8 strings, JavaScript case mapping,
// HTML escaping, JSON.stringify, and pooled scratch buffers.
//
// A Nunjucks SafeString is a JavaScript object, not a string primitive: lib.isString() and
// `typeof x === 'string'` are false for it, its own properties are `val` and `length`, it is
// always truthy and it is only === to itself. The helpers below follow that model for string
// values whose safe flag is set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "template/render/runtime.h"
#include "template/value/js.h"
#include "template/value/value.h"

namespace unjucks::tpl::filters {

// ---- Scratch buffers -------------------------------------------------------------------------

// A std::string borrowed from a thread-local pool and returned on destruction, so building a
// result allocates nothing once the pool is warm. Nesting is fine.
class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  std::string& operator*() { return *s_; }
  std::string* operator->() { return s_; }

 private:
  std::string* s_;
};

// ---- Value classification --------------------------------------------------------------------

inline bool is_safe_string(const Value& v) { return v.is_string() && v.safe(); }
// lib.isString() / typeof === 'string': a string primitive (not a SafeString).
inline bool is_plain_string(const Value& v) { return v.is_string() && !v.safe(); }
// lib.isObject(): plain objects and SafeStrings.
inline bool is_js_object(const Value& v) { return v.is_object() || is_safe_string(v); }
// Nunjucks' normalize(): null, undefined and false are replaced by the default.
inline bool normalizes_away(const Value& v) {
  return v.is_nullish() || (v.is_bool() && !v.as_bool());
}
// !!v (a SafeString is an object, hence truthy even when empty).
bool truthy(const Value& v);
// a === b (SafeStrings compare by identity).
bool strict_equals(const Value& a, const Value& b);

// ---- Errors as V8 words them -----------------------------------------------------------------

// rt.fail() (GCC does not honour [[noreturn]] on the virtual itself).
[[noreturn]] void fail(Runtime& rt, std::string message);
// "TypeError: <expr> is not a function"
[[noreturn]] void fail_not_function(Runtime& rt, std::string_view expr);
// "TypeError: Cannot read properties of undefined (reading 'key')"
[[noreturn]] void fail_read(Runtime& rt, const Value& base, std::string_view key);
// "TypeError: Cannot convert undefined or null to object"
[[noreturn]] void fail_to_object(Runtime& rt);

// The string that a String.prototype method called as `<var>.<method>(...)` works on: the text
// of a string or SafeString. Other values fail as V8 does ("str.split is not a function",
// "Cannot read properties of null (reading 'split')").
std::string_view method_this(Runtime& rt, const Value& v, std::string_view var,
                             std::string_view method);

// ---- Property access -------------------------------------------------------------------------

// A property key as JavaScript spells it (String(key)); numbers are formatted into buf (32 bytes).
std::string_view key_string(const Value& key, char* buf);
// Canonical array index ("0", "17"; not "01" or "-1"), or -1.
int64_t array_index(std::string_view key);
// obj[key] for own data properties (prototype members are not modelled); fails on null/undefined.
Value get_member(Runtime& rt, const Value& obj, std::string_view key);
// Object.prototype.hasOwnProperty.call(obj, key); fails on null/undefined.
bool has_own(Runtime& rt, const Value& obj, std::string_view key);
// obj.length, or undefined when the value has none (numbers, booleans, objects without one).
// Does not fail: callers check for null/undefined themselves.
Value length_of(const Value& obj);
// lib.getAttrGetter(attr)(item): dotted path of own properties, undefined when one is missing.
Value attr_get(Runtime& rt, const Value& item, const Value& attr);

// Own enumerable keys in JavaScript order: array indices ascending, then the others in
// insertion order. Calls f(key, value).
template <typename F>
void for_each_own(const ObjectObj* o, F&& f) {
  bool any_index = false;
  for (const auto& e : *o)
    if (array_index(e.key) >= 0) {
      any_index = true;
      break;
    }
  if (!any_index) {
    for (const auto& e : *o) f(e.key, e.value);
    return;
  }
  // Rare: emit index keys in numeric order (selection by repeated minimum keeps this
  // allocation-free), then the rest.
  int64_t last = -1;
  for (;;) {
    int64_t best = -1;
    const ObjectObj::Entry* pick = nullptr;
    for (const auto& e : *o) {
      int64_t i = array_index(e.key);
      if (i > last && (best < 0 || i < best)) {
        best = i;
        pick = &e;
      }
    }
    if (!pick) break;
    f(pick->key, pick->value);
    last = best;
  }
  for (const auto& e : *o)
    if (array_index(e.key) < 0) f(e.key, e.value);
}

// Own keys of a value as lib.keys() sees them (objects, SafeStrings' val/length, array and
// string indices); f(key, value). Values without own enumerable keys give none.
template <typename F>
void for_each_entry(Runtime& rt, const Value& v, F&& f);

// lib.map(v, x => x): a copy of an array, or the indexed elements of an array-like value
// (strings give their UTF-16 units; a SafeString gives `length` undefineds).
ArrayObj* array_copy(Runtime& rt, const Value& v);
// Array.prototype.slice.call(v) then filtering out holes: fails on null/undefined.
ArrayObj* to_array(Runtime& rt, const Value& v);

// ---- Strings ---------------------------------------------------------------------------------

// Decodes one UTF-8 code point at s[i], advancing i (invalid bytes decode as U+FFFD).
uint32_t decode_utf8(std::string_view s, size_t& i);
void append_utf8(std::string& out, uint32_t cp);
inline bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}
// JavaScript's \s (WhiteSpace and LineTerminator).
bool is_js_space(uint32_t cp);
// JavaScript line terminators (\n \r U+2028 U+2029).
inline bool is_line_terminator(uint32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

// Byte offset of UTF-16 index `u16` (clamped to the end). When the index falls between the two
// halves of a surrogate pair, *split is set and the offset of that character is returned.
size_t byte_offset(std::string_view s, size_t u16, bool* split = nullptr);
// s.substring(start, end) in UTF-16 units (clamped, start <= end). A surrogate pair cut in half
// becomes U+FFFD, as Node prints a lone surrogate. Returns a view into s when nothing is cut,
// otherwise a copy in the arena.
std::string_view substring16(Runtime& rt, std::string_view s, size_t start, size_t end);

// String.prototype.toUpperCase / toLowerCase (full Unicode mapping, final sigma). Return the
// input itself when nothing changes.
std::string_view to_upper(Runtime& rt, std::string_view s);
std::string_view to_lower(Runtime& rt, std::string_view s);
void append_upper(std::string& out, std::string_view s);
void append_lower(std::string& out, std::string_view s);

// lib.escape(): & " ' < > and backslash become entities. Returns the input when clean.
std::string_view html_escape(Runtime& rt, std::string_view s);
void append_html_escaped(std::string& out, std::string_view s);

// encodeURIComponent()
void append_uri_component(std::string& out, std::string_view s);

// ---- JSON ------------------------------------------------------------------------------------

struct JsonStyle {
  std::string_view indent;     // gap per level ("" = compact)
  bool safe_as_object = true;  // Nunjucks: a SafeString serialises as {"val":...,"length":...}
};
// JSON.stringify(v, null, space)'s gap string: a number (clamped to 10 spaces) or the first 10
// UTF-16 units of a string; other values give no gap. Uses buf (at least 10 bytes) for spaces.
std::string_view json_gap(Runtime& rt, const Value& space, char* buf);
// Appends JSON.stringify(v); returns false (appending nothing) when the result is undefined.
bool append_json(Runtime& rt, std::string& out, const Value& v, const JsonStyle& style);

// ---- Arguments -------------------------------------------------------------------------------

// The i-th positional argument, else the keyword `name` (or its alias `alt`), else undefined.
inline Value arg(const CallArgs& a, uint32_t i, std::string_view name, std::string_view alt = {}) {
  if (a.has(i, name)) return a.get(i, name);
  return alt.empty() ? Value() : a.get(UINT32_MAX, alt);
}

// JavaScript's a + b (string concatenation when either primitive is a string).
Value js_add(Runtime& rt, const Value& a, const Value& b);

// ---- Results ---------------------------------------------------------------------------------

// Nunjucks' copySafeness(dest, s): s, marked safe when dest is a SafeString.
inline Value copy_safeness(const Value& dest, std::string_view s) {
  return Value::string(s, is_safe_string(dest));
}

// ---- Implementation of the templates above ---------------------------------------------------

template <typename F>
void for_each_entry(Runtime& rt, const Value& v, F&& f) {
  switch (v.kind()) {
    case Kind::Object:
      for_each_own(v.as_object(), f);
      return;
    case Kind::Array: {
      const ArrayObj* a = v.as_array();
      char buf[32];
      for (uint32_t i = 0; i < a->size; ++i) {
        std::string_view k = key_string(Value::number(i), buf);
        f(rt.arena().copy(k), a->items[i]);
      }
      return;
    }
    case Kind::String:
      if (v.safe()) {
        f(std::string_view("val"), Value::string(v.as_string()));
        f(std::string_view("length"), length_of(v));
      } else {
        std::string_view s = v.as_string();
        size_t n = js::utf16_length(s);
        char buf[32];
        for (size_t i = 0; i < n; ++i) {
          std::string_view k = key_string(Value::number(static_cast<double>(i)), buf);
          f(rt.arena().copy(k), Value::string(substring16(rt, s, i, i + 1)));
        }
      }
      return;
    default:
      return;
  }
}

}  // namespace unjucks::tpl::filters
