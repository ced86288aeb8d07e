// The tests of Nunjucks 3.2.4 (`x is odd`, `x is divisibleby(3)`, ...). Each returns what the
// JavaScript function returns; the few that call string methods fail on other values as V8 does.
#include <cmath>

#include "template/filters/builtins.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

namespace {
double js_mod(const Value& a, const Value& b) {
  return std::fmod(js::to_number(a), js::to_number(b));
}
}  // namespace

bool t_callable(Runtime&, const Value& v, const CallArgs&) { return v.is_callable(); }

bool t_defined(Runtime&, const Value& v, const CallArgs&) { return !v.is_undefined(); }

bool t_divisibleby(Runtime&, const Value& v, const CallArgs& args) {
  return js_mod(v, args.get(0)) == 0;
}

bool t_escaped(Runtime&, const Value& v, const CallArgs&) { return is_safe_string(v); }

bool t_equalto(Runtime&, const Value& v, const CallArgs& args) {
  return strict_equals(v, args.get(0));
}

bool t_even(Runtime&, const Value& v, const CallArgs&) { return js_mod(v, Value::number(2)) == 0; }

bool t_odd(Runtime&, const Value& v, const CallArgs&) { return js_mod(v, Value::number(2)) == 1; }

bool t_falsy(Runtime&, const Value& v, const CallArgs&) { return !truthy(v); }

bool t_truthy(Runtime&, const Value& v, const CallArgs&) { return truthy(v); }

bool t_ge(Runtime&, const Value& v, const CallArgs& args) {
  int c = js::compare(v, args.get(0));
  return c == 0 || c == 1;
}

bool t_gt(Runtime&, const Value& v, const CallArgs& args) {
  return js::compare(v, args.get(0)) == 1;
}

bool t_le(Runtime&, const Value& v, const CallArgs& args) {
  int c = js::compare(v, args.get(0));
  return c == 0 || c == -1;
}

bool t_lt(Runtime&, const Value& v, const CallArgs& args) {
  return js::compare(v, args.get(0)) == -1;
}

bool t_ne(Runtime&, const Value& v, const CallArgs& args) { return !strict_equals(v, args.get(0)); }

// value.toLowerCase() === value: a SafeString (an object) never equals the primitive result.
bool t_lower(Runtime& rt, const Value& v, const CallArgs&) {
  std::string_view s = method_this(rt, v, "value", "toLowerCase");
  return !v.safe() && to_lower(rt, s) == s;
}

bool t_upper(Runtime& rt, const Value& v, const CallArgs&) {
  std::string_view s = method_this(rt, v, "value", "toUpperCase");
  return !v.safe() && to_upper(rt, s) == s;
}

bool t_null(Runtime&, const Value& v, const CallArgs&) { return v.is_null(); }

bool t_number(Runtime&, const Value& v, const CallArgs&) { return v.is_number(); }

bool t_string(Runtime&, const Value& v, const CallArgs&) { return is_plain_string(v); }

bool t_undefined(Runtime&, const Value& v, const CallArgs&) { return v.is_undefined(); }

// !!value[Symbol.iterator]: strings (and SafeStrings, which inherit String.prototype) and arrays.
bool t_iterable(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_nullish()) {
    fail(rt, std::string("TypeError: ") + (v.is_null() ? "object null" : "undefined") +
                 " is not iterable (cannot read property Symbol(Symbol.iterator))");
  }
  return v.is_string() || v.is_array();
}

// A non-null object that is not an array: plain objects, SafeStrings and regular expressions.
bool t_mapping(Runtime&, const Value& v, const CallArgs&) {
  return v.is_object() || is_safe_string(v) || v.is_regex();
}

}  // namespace unjucks::tpl::filters
