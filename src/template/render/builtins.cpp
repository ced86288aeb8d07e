// Global functions (range, cycler, joiner) and the methods of strings, arrays, numbers and
// objects that templates call (JavaScript's, plus Python's under jinja compatibility).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "template/render/callable.h"
#include "template/render/methods.h"
#include "template/render/regex_methods.h"
#include "template/value/js.h"
#include "text/utf8.h"

namespace unjucks::tpl {

namespace {

Callable* make_native(Runtime& rt, NativeFn fn, Value self, std::string_view name) {
  Callable* c = rt.arena().make<Callable>();
  c->kind = Callable::Kind::Native;
  c->fn = fn;
  c->self = self;
  c->name = name;
  return c;
}

Value g_range(Runtime& rt, const Callable&, const CallArgs& a) {
  double start, stop, step;
  if (a.npos < 2 || a.pos[1].is_undefined()) {
    start = 0;
    stop = js::to_number(a.get(0));
    step = 1;
  } else {
    start = js::to_number(a.get(0));
    stop = js::to_number(a.get(1));
    step = js::truthy(a.get(2)) ? js::to_number(a.get(2)) : 1;
  }
  // Count first: a huge range fails at once instead of filling memory.
  double count = 0;
  if (step > 0 && stop > start) count = std::ceil((stop - start) / step);
  if (step < 0 && stop < start) count = std::ceil((start - stop) / -step);
  if (std::isnan(count)) count = 0;
  double limit = std::min<double>(static_cast<double>(rt.max_iterations()), 4e9);
  if (count > limit)
    rt.fail("range() would have " + std::to_string(static_cast<unsigned long long>(count)) +
            " elements, more than the loop iteration limit of " +
            std::to_string(static_cast<unsigned long long>(limit)));
  ArrayObj* arr = rt.new_array(static_cast<uint32_t>(count));
  if (step > 0) {
    for (double i = start; i < stop; i += step) arr->push(rt.arena(), Value::number(i));
  } else if (step < 0) {
    for (double i = start; i > stop; i += step) arr->push(rt.arena(), Value::number(i));
  }
  return Value::array(arr);
}

// cycler: an object {current, next(), reset()} whose state lives in a hidden slot.
Value cycler_next(Runtime& rt, const Callable& self, const CallArgs&) {
  ObjectObj* o = self.self.as_object();
  const ArrayObj* items = static_cast<const ArrayObj*>(self.state);
  Value* index = const_cast<Value*>(o->find("\x01index"));
  double i = index->as_number() + 1;
  if (i >= items->size) i = 0;
  *index = Value::number(i);
  Value cur = items->at(static_cast<uint32_t>(i));
  *const_cast<Value*>(o->find("current")) = cur;
  rt.note_mutation();
  return cur;
}

Value cycler_reset(Runtime& rt, const Callable& self, const CallArgs&) {
  ObjectObj* o = self.self.as_object();
  *const_cast<Value*>(o->find("\x01index")) = Value::number(-1);
  *const_cast<Value*>(o->find("current")) = Value::null();
  rt.note_mutation();
  return Value();
}

Value g_cycler(Runtime& rt, const Callable&, const CallArgs& a) {
  ArrayObj* items = rt.new_array(a.npos);
  for (uint32_t i = 0; i < a.npos; ++i) items->push(rt.arena(), a.pos[i]);
  ObjectObj* o = rt.new_object(4);
  o->set(rt.arena(), "current", Value::null());
  o->set(rt.arena(), "\x01index", Value::number(-1));
  Callable* next = make_native(rt, cycler_next, Value::object(o), "next");
  next->state = items;
  Callable* reset = make_native(rt, cycler_reset, Value::object(o), "reset");
  reset->state = items;
  o->set(rt.arena(), "next", Value::callable(next));
  o->set(rt.arena(), "reset", Value::callable(reset));
  rt.note_mutation();
  return Value::object(o);
}

Value joiner_call(Runtime& rt, const Callable& self, const CallArgs&) {
  bool* first = static_cast<bool*>(self.state);
  Value r = *first ? Value::string("") : self.self;
  *first = false;
  rt.note_mutation();
  return r;
}

Value g_joiner(Runtime& rt, const Callable&, const CallArgs& a) {
  Value sep = a.get(0);
  if (!js::truthy(sep)) sep = Value::string(",");
  Callable* c = make_native(rt, joiner_call, sep, "joiner");
  bool* first = rt.arena().make<bool>(true);
  c->state = first;
  rt.note_mutation();
  return Value::callable(c);
}

const Callable kRange{
    Callable::Kind::Native, nullptr, nullptr, nullptr, nullptr, g_range, Value(), nullptr, "range"};
const Callable kCycler{Callable::Kind::Native,
                       nullptr,
                       nullptr,
                       nullptr,
                       nullptr,
                       g_cycler,
                       Value(),
                       nullptr,
                       "cycler"};
const Callable kJoiner{Callable::Kind::Native,
                       nullptr,
                       nullptr,
                       nullptr,
                       nullptr,
                       g_joiner,
                       Value(),
                       nullptr,
                       "joiner"};

std::string_view arg_str(Runtime& rt, const CallArgs& a, uint32_t i) {
  return js::to_string(a.get(i), rt.arena());
}

// ---- UTF-16 positions (JavaScript indexes strings by UTF-16 code units)
size_t units_of(unsigned char lead) { return lead >= 0xF0 ? 2 : 1; }
bool is_cont(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
// Byte offset of UTF-16 index `u` (clamped to the end; inside a pair rounds down).
size_t byte_at_unit(std::string_view s, double u) {
  if (u <= 0) return 0;
  size_t p = 0;
  double units = 0;
  while (p < s.size()) {
    double w = static_cast<double>(units_of(static_cast<unsigned char>(s[p])));
    if (units + w > u) break;
    units += w;
    ++p;
    while (p < s.size() && is_cont(s[p])) ++p;
  }
  return p;
}
double unit_at_byte(std::string_view s, size_t b) {
  double units = 0;
  for (size_t p = 0; p < b && p < s.size(); ++p)
    if (!is_cont(s[p])) units += static_cast<double>(units_of(static_cast<unsigned char>(s[p])));
  return units;
}

// ---- string methods
Value s_upper(Runtime& rt, const Callable& c, const CallArgs&) {
  return rt.str(text::to_upper(c.self.as_string()), c.self.safe());
}
Value s_lower(Runtime& rt, const Callable& c, const CallArgs&) {
  return rt.str(text::to_lower(c.self.as_string()), c.self.safe());
}
Value s_index_of(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double len = static_cast<double>(js::utf16_length(s));
  double from = std::min(std::max(to_integer(a.get(1), 0), 0.0), len);
  size_t p = s.find(arg_str(rt, a, 0), byte_at_unit(s, from));
  return Value::number(p == std::string_view::npos ? -1 : unit_at_byte(s, p));
}
Value s_last_index_of(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  // lastIndexOf(search, position): the last match starting at or before `position` (NaN, as
  // when it is absent, is the end).
  double len = static_cast<double>(js::utf16_length(s));
  double pos = js::to_number(a.get(1));
  pos = std::isnan(pos) ? len : std::min(std::max(std::trunc(pos), 0.0), len);
  size_t p = s.rfind(arg_str(rt, a, 0), byte_at_unit(s, pos));
  return Value::number(p == std::string_view::npos ? -1 : unit_at_byte(s, p));
}
Value s_repeat(Runtime& rt, const Callable& c, const CallArgs& a) {
  double n = to_integer(a.get(0), 0);
  if (n < 0 || std::isinf(n)) rt.fail("Invalid count value: " + std::string(arg_str(rt, a, 0)));
  std::string_view s = c.self.as_string();
  if (n * static_cast<double>(s.size()) > 64.0 * 1024 * 1024)
    rt.fail("repeat() result is too large");
  std::string out;
  for (double i = 0; i < n; ++i) out += s;
  return rt.str(out);
}
Value pad(Runtime& rt, const Callable& c, const CallArgs& a, bool at_start) {
  std::string_view s = c.self.as_string();
  double target = to_integer(a.get(0), 0);
  double len = static_cast<double>(js::utf16_length(s));
  std::string_view fill = a.get(1).is_undefined() ? std::string_view(" ") : arg_str(rt, a, 1);
  if (target <= len || fill.empty()) return c.self;
  if (target > 64.0 * 1024 * 1024) rt.fail("padded string is too large");
  std::string padding;
  double need = target - len;
  // The fill's length is counted once: recounting the growing padding made a large target
  // quadratic (found by render_fuzz: padStart(6e7) ran for minutes).
  // A fill of stray continuation bytes counts 0 units; each such byte stands for one U+FFFD
  // (as a JavaScript decoder would read it), so the loop always advances (a CI fuzzing run
  // found padStart(3, "\xb0") looping for ever).
  const double fill_units = std::max(1.0, static_cast<double>(js::utf16_length(fill)));
  for (double units = 0; units < need; units += fill_units) padding += fill;
  padding.resize(byte_at_unit(padding, need));
  std::string out = at_start ? padding + std::string(s) : std::string(s) + padding;
  return rt.str(out);
}
Value s_pad_start(Runtime& rt, const Callable& c, const CallArgs& a) { return pad(rt, c, a, true); }
Value s_pad_end(Runtime& rt, const Callable& c, const CallArgs& a) { return pad(rt, c, a, false); }
// The byte offset of a position argument (clamped to the string; `dflt` units when undefined).
size_t position_arg(std::string_view s, const Value& v, double dflt) {
  double len = static_cast<double>(js::utf16_length(s));
  return byte_at_unit(s, std::min(std::max(to_integer(v, dflt), 0.0), len));
}
Value s_includes(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  return Value::boolean(s.find(arg_str(rt, a, 0), position_arg(s, a.get(1), 0)) !=
                        std::string_view::npos);
}
Value s_starts(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string(), p = arg_str(rt, a, 0);
  return Value::boolean(s.substr(position_arg(s, a.get(1), 0)).starts_with(p));
}
Value s_ends(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string(), p = arg_str(rt, a, 0);
  const double len = static_cast<double>(js::utf16_length(s));
  return Value::boolean(s.substr(0, position_arg(s, a.get(1), len)).ends_with(p));
}
bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}
Value s_trim(Runtime&, const Callable& c, const CallArgs&) {
  std::string_view s = c.self.as_string();
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return Value::string(s, c.self.safe());
}
Value s_ltrim(Runtime&, const Callable& c, const CallArgs&) {
  std::string_view s = c.self.as_string();
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return Value::string(s, c.self.safe());
}
Value s_rtrim(Runtime&, const Callable& c, const CallArgs&) {
  std::string_view s = c.self.as_string();
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return Value::string(s, c.self.safe());
}
// ToUint32 (NaN and the infinities are 0, the rest is taken modulo 2^32).
uint32_t to_uint32(double d) {
  if (!std::isfinite(d)) return 0;
  return static_cast<uint32_t>(
      static_cast<uint64_t>(std::fmod(std::trunc(d), 4294967296.0) + 4294967296.0));
}
Value s_split(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  // split(sep, limit): at most `limit` pieces (no limit when it is undefined)
  const uint32_t lim = a.get(1).is_undefined() ? 0xFFFFFFFFu : to_uint32(js::to_number(a.get(1)));
  if (a.get(0).is_regex()) return split_by_regex(rt, s, *a.get(0).as_regex(), lim);
  ArrayObj* out = rt.new_array();
  if (!a.get(1).is_undefined()) {
    CallArgs first{a.pos, 1, a.kw, a.nkw};
    Value all = s_split(rt, c, first);
    for (uint32_t i = 0; i < all.as_array()->size && i < lim; ++i)
      out->push(rt.arena(), all.as_array()->items[i]);
    return Value::array(out);
  }
  if (a.get(0).is_undefined()) {
    out->push(rt.arena(), c.self);
    return Value::array(out);
  }
  std::string_view sep = arg_str(rt, a, 0);
  if (sep.empty()) {
    for (size_t p = 0; p < s.size();) {
      size_t q = p + 1;
      while (q < s.size() && (static_cast<unsigned char>(s[q]) & 0xC0) == 0x80) ++q;
      out->push(rt.arena(), Value::string(s.substr(p, q - p)));
      p = q;
    }
    return Value::array(out);
  }
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) break;
    out->push(rt.arena(), Value::string(s.substr(start, p - start)));
    start = p + sep.size();
  }
  out->push(rt.arena(), Value::string(s.substr(start)));
  return Value::array(out);
}
Value s_char_at(Runtime&, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double i = to_integer(a.get(0), 0);
  if (i < 0 || i >= static_cast<double>(js::utf16_length(s))) return Value::string("");
  size_t b = byte_at_unit(s, i), e = byte_at_unit(s, i + 1);
  if (e == b) e = std::min(s.size(), b + 1);
  while (e < s.size() && is_cont(s[e])) ++e;
  return Value::string(s.substr(b, e - b));
}
Value s_slice(Runtime&, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double n = static_cast<double>(js::utf16_length(s));
  double b = relative_index(a.get(0), n, 0), e = relative_index(a.get(1), n, n);
  if (e <= b) return Value::string("");
  size_t bb = byte_at_unit(s, b), eb = byte_at_unit(s, e);
  return Value::string(s.substr(bb, eb - bb));
}
Value s_substring(Runtime&, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double n = static_cast<double>(js::utf16_length(s));
  auto idx = [&](const Value& v, double dflt) {
    return std::min(std::max(to_integer(v, dflt), 0.0), n);
  };
  double b = idx(a.get(0), 0), e = idx(a.get(1), n);
  if (b > e) std::swap(b, e);
  size_t bb = byte_at_unit(s, b), eb = byte_at_unit(s, e);
  return Value::string(s.substr(bb, eb - bb));
}
Value s_capitalize(Runtime& rt, const Callable& c, const CallArgs&) {
  std::string lower = text::to_lower(c.self.as_string());
  if (!lower.empty())
    lower[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(lower[0])));
  return rt.str(lower, c.self.safe());
}
Value s_count(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string(), sub = arg_str(rt, a, 0);
  if (sub.empty()) return Value::number(static_cast<double>(s.size() + 1));
  double n = 0;
  for (size_t p = s.find(sub); p != std::string_view::npos; p = s.find(sub, p + sub.size())) ++n;
  return Value::number(n);
}

Value v_to_string(Runtime& rt, const Callable& c, const CallArgs&) {
  return Value::string(js::to_string(c.self, rt.arena()));
}

// ---- array methods
// The first index at or after the fromIndex argument where `same` holds, or -1.
template <typename Same>
double array_find_from(const Callable& c, const CallArgs& a, Same&& same) {
  const ArrayObj* arr = c.self.as_array();
  const double len = static_cast<double>(arr->size);
  double from = to_integer(a.get(1), 0);
  if (from < 0) from = std::max(len + from, 0.0);
  for (double i = from; i < len; ++i)
    if (same(arr->items[static_cast<uint32_t>(i)], a.get(0))) return i;
  return -1;
}
Value a_index_of(Runtime&, const Callable& c, const CallArgs& a) {
  return Value::number(array_find_from(c, a, js::strict_equals));
}
Value a_includes(Runtime&, const Callable& c, const CallArgs& a) {
  // SameValueZero: NaN is found.
  auto same = [](const Value& x, const Value& y) {
    return js::strict_equals(x, y) || (x.is_number() && y.is_number() &&
                                       std::isnan(x.as_number()) && std::isnan(y.as_number()));
  };
  return Value::boolean(array_find_from(c, a, same) >= 0);
}
Value a_join(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view sep = a.get(0).is_undefined() ? std::string_view(",") : arg_str(rt, a, 0);
  std::string out;
  js::append_joined(c.self.as_array(), sep, out);
  return rt.str(out);
}
Value a_push(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  for (uint32_t i = 0; i < a.npos; ++i) arr->push(rt.arena(), a.pos[i]);
  rt.note_mutation();
  return Value::number(arr->size);
}
Value a_pop(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  if (arr->size == 0) return Value();
  rt.note_mutation();
  if (a.npos > 0) {  // Python's pop(i)
    double i = js::to_number(a.pos[0]);
    if (i < 0) i += arr->size;
    if (i < 0 || i >= arr->size) rt.fail("pop index out of range");
    uint32_t k = static_cast<uint32_t>(i);
    Value v = arr->items[k];
    std::memmove(static_cast<void*>(arr->items + k), arr->items + k + 1,
                 sizeof(Value) * (arr->size - k - 1));
    --arr->size;
    return v;
  }
  return arr->items[--arr->size];
}
Value a_slice(Runtime& rt, const Callable& c, const CallArgs& a) {
  const ArrayObj* arr = c.self.as_array();
  double n = arr->size;
  double b = relative_index(a.get(0), n, 0), e = relative_index(a.get(1), n, n);
  ArrayObj* out = rt.new_array();
  for (double i = b; i < e; ++i) out->push(rt.arena(), arr->items[static_cast<uint32_t>(i)]);
  return Value::array(out);
}
Value a_concat(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* out = rt.new_array();
  for (const Value& v : *c.self.as_array()) out->push(rt.arena(), v);
  for (uint32_t i = 0; i < a.npos; ++i) {
    if (a.pos[i].is_array()) {
      for (const Value& v : *a.pos[i].as_array()) out->push(rt.arena(), v);
    } else {
      out->push(rt.arena(), a.pos[i]);
    }
  }
  return Value::array(out);
}

// ---- object methods (jinja compatibility)
Value o_items(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* out = rt.new_array();
  for (const auto& e : *c.self.as_object()) {
    ArrayObj* pair = rt.new_array(2);
    pair->push(rt.arena(), Value::string(e.key));
    pair->push(rt.arena(), e.value);
    out->push(rt.arena(), Value::array(pair));
  }
  return Value::array(out);
}
Value o_keys(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* out = rt.new_array();
  for (const auto& e : *c.self.as_object()) out->push(rt.arena(), Value::string(e.key));
  return Value::array(out);
}
Value o_values(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* out = rt.new_array();
  for (const auto& e : *c.self.as_object()) out->push(rt.arena(), e.value);
  return Value::array(out);
}
Value o_has_own_property(Runtime& rt, const Callable& c, const CallArgs& a) {
  return Value::boolean(c.self.as_object()->find(arg_str(rt, a, 0)) != nullptr);
}
Value o_get(Runtime& rt, const Callable& c, const CallArgs& a) {
  const Value* v = c.self.as_object()->find(arg_str(rt, a, 0));
  return v ? *v : a.get(1);
}

struct MethodEntry {
  std::string_view name;
  NativeFn fn;
  bool jinja_only;
};

constexpr MethodEntry kStringMethods[] = {
    {"toUpperCase", s_upper, false},
    {"toLowerCase", s_lower, false},
    {"indexOf", s_index_of, false},
    {"includes", s_includes, false},
    {"startsWith", s_starts, false},
    {"endsWith", s_ends, false},
    {"trim", s_trim, false},
    {"trimStart", s_ltrim, false},
    {"trimEnd", s_rtrim, false},
    {"split", s_split, false},
    {"replace", s_replace, false},
    {"replaceAll", s_replace_all, false},
    {"match", s_match, false},
    {"search", s_search, false},
    {"matchAll", s_match_all, false},
    {"charAt", s_char_at, false},
    {"slice", s_slice, false},
    {"substring", s_substring, false},
    {"lastIndexOf", s_last_index_of, false},
    {"repeat", s_repeat, false},
    {"padStart", s_pad_start, false},
    {"padEnd", s_pad_end, false},
    {"toString", v_to_string, false},
    {"charCodeAt", s_char_code_at, false},
    {"codePointAt", s_code_point_at, false},
    {"at", s_at, false},
    {"concat", s_concat, false},
    {"substr", s_substr, false},
    {"normalize", s_normalize, false},
    {"trimLeft", s_ltrim, false},
    {"trimRight", s_rtrim, false},
    {"toLocaleUpperCase", s_upper, false},
    {"toLocaleLowerCase", s_lower, false},
    {"upper", s_upper, true},
    {"lower", s_lower, true},
    {"startswith", s_starts, true},
    {"endswith", s_ends, true},
    {"strip", s_trim, true},
    {"lstrip", s_ltrim, true},
    {"rstrip", s_rtrim, true},
    {"capitalize", s_capitalize, true},
    {"find", s_index_of, true},
    {"count", s_count, true},
};
constexpr MethodEntry kArrayMethods[] = {
    {"indexOf", a_index_of, false},
    {"includes", a_includes, false},
    {"join", a_join, false},
    {"push", a_push, false},
    {"pop", a_pop, false},
    {"slice", a_slice, false},
    {"concat", a_concat, false},
    {"toString", a_join, false},
    {"append", a_push, true},
    {"index", a_index_of, true},
    {"lastIndexOf", a_last_index_of, false},
    {"reverse", a_reverse, false},
    {"sort", a_sort, false},
    {"shift", a_shift, false},
    {"unshift", a_unshift, false},
    {"splice", a_splice, false},
    {"flat", a_flat, false},
    {"fill", a_fill, false},
    {"map", a_map, false},
    {"filter", a_filter, false},
    {"find", a_find, false},
    {"findIndex", a_find_index, false},
    {"findLast", a_find_last, false},
    {"findLastIndex", a_find_last_index, false},
    {"some", a_some, false},
    {"every", a_every, false},
    {"forEach", a_for_each, false},
    {"reduce", a_reduce, false},
    {"at", a_at, false},
};
constexpr MethodEntry kNumberMethods[] = {
    {"toFixed", n_to_fixed, false},
    {"toPrecision", n_to_precision, false},
    {"toExponential", n_to_exponential, false},
    {"toString", n_to_string, false},
};
constexpr MethodEntry kRegexMethods[] = {
    {"test", r_test, false},
    {"exec", r_exec, false},
    {"toString", v_to_string, false},
};
constexpr MethodEntry kObjectMethods[] = {
    {"hasOwnProperty", o_has_own_property, false},
    {"items", o_items, true},
    {"keys", o_keys, true},
    {"values", o_values, true},
    {"get", o_get, true},
};

template <size_t N>
NativeFn find_method(const MethodEntry (&table)[N], std::string_view name, bool jinja) {
  for (const MethodEntry& m : table)
    if (m.name == name && (jinja || !m.jinja_only)) return m.fn;
  return nullptr;
}

}  // namespace

const Callable* find_global(std::string_view name) {
  if (name == "range") return &kRange;
  if (name == "cycler") return &kCycler;
  if (name == "joiner") return &kJoiner;
  return nullptr;
}

Callable* bind_method(Runtime& rt, const Value& self, std::string_view name, bool jinja_compat) {
  NativeFn fn = nullptr;
  switch (self.kind()) {
    case Kind::String:
      fn = find_method(kStringMethods, name, jinja_compat);
      break;
    case Kind::Array:
      fn = find_method(kArrayMethods, name, jinja_compat);
      break;
    case Kind::Number:
    case Kind::Bool:
      fn = find_method(kNumberMethods, name, jinja_compat);
      if (self.is_bool() && fn != n_to_string) fn = nullptr;
      break;
    case Kind::Object:
      fn = find_method(kObjectMethods, name, jinja_compat);
      break;
    case Kind::Regex:
      fn = find_method(kRegexMethods, name, jinja_compat);
      break;
    default:
      break;
  }
  if (fn == nullptr) return nullptr;
  return make_native(rt, fn, self, name);
}

}  // namespace unjucks::tpl
