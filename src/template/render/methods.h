// The built-in methods templates call on values: JavaScript's, as Nunjucks calls them, plus
// Python's under jinja compatibility. Each kind of value has its file and its table of methods
// by name (string_methods.cpp, array_methods.cpp, number_methods.cpp, object_methods.cpp,
// regex_methods.cpp); bind_method (builtins.cpp) looks a name up in the table of the value's
// kind. Each follows the ECMAScript algorithm; indexes count UTF-16 units.
#pragma once

#include <cstddef>
#include <string_view>

#include "template/render/callable.h"

namespace unjucks::tpl {

// A row of a method table. `jinja_only`: Python's name, there only under jinja compatibility.
struct MethodEntry {
  std::string_view name;
  NativeFn fn;
  bool jinja_only;
};

template <size_t N>
NativeFn find_method(const MethodEntry (&table)[N], std::string_view name, bool jinja) {
  for (const MethodEntry& m : table)
    if (m.name == name && (jinja || !m.jinja_only)) return m.fn;
  return nullptr;
}

// The method of that name of each kind of value, or null.
NativeFn string_method(std::string_view name, bool jinja);
NativeFn array_method(std::string_view name, bool jinja);
NativeFn number_method(std::string_view name, bool jinja);  // booleans have only toString
NativeFn object_method(std::string_view name, bool jinja);
NativeFn regex_method(std::string_view name, bool jinja);

// Argument i as a string (JavaScript's String(v)).
std::string_view string_arg(Runtime& rt, const CallArgs& a, uint32_t i);
// toString() of a string or an expression: String(self).
Value v_to_string(Runtime& rt, const Callable& c, const CallArgs& a);

// ToIntegerOrInfinity of an argument (NaN is 0), `dflt` when it is undefined.
double to_integer(const Value& v, double dflt);
// A relative index (negative counts from the end) clamped to [0, len].
double relative_index(const Value& v, double len, double dflt);

// Strings
Value s_char_code_at(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_code_point_at(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_at(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_concat(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_substr(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_normalize(Runtime& rt, const Callable& c, const CallArgs& a);

// Arrays (reverse, sort, shift, unshift, splice and fill change the array)
Value a_last_index_of(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_reverse(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_sort(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_shift(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_unshift(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_splice(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_flat(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_fill(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_at(Runtime& rt, const Callable& c, const CallArgs& a);
// With a callback (a macro, or any callable) of (element, index, array); reduce's of
// (accumulator, element, index, array).
Value a_map(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_filter(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_find(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_find_index(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_find_last(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_find_last_index(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_some(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_every(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_for_each(Runtime& rt, const Callable& c, const CallArgs& a);
Value a_reduce(Runtime& rt, const Callable& c, const CallArgs& a);

// Numbers
Value n_to_fixed(Runtime& rt, const Callable& c, const CallArgs& a);
Value n_to_string(Runtime& rt, const Callable& c, const CallArgs& a);  // toString(radix)
Value n_to_precision(Runtime& rt, const Callable& c, const CallArgs& a);
Value n_to_exponential(Runtime& rt, const Callable& c, const CallArgs& a);

}  // namespace unjucks::tpl
