// The methods of strings: JavaScript's, and Python's str methods under jinja compatibility.
#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "template/filters/support.h"
#include "template/render/methods.h"
#include "template/render/regex_methods.h"
#include "template/value/js.h"
#include "text/utf8.h"

namespace unjucks::tpl {

namespace {

// The UTF-16 unit at index i (i within the string): a BMP character's value, or one half of the
// surrogate pair of a character past U+FFFF (an invalid byte reads as U+FFFD).
struct Unit {
  uint32_t value;
  uint32_t code_point;  // the whole character
  bool pair_start;      // the first unit of a pair
};

Unit unit_at(std::string_view s, double i) {
  size_t p = 0;
  double u = 0;
  for (;;) {
    uint32_t cp = filters::decode_utf8(s, p);
    if (cp < 0x10000) {
      if (u == i) return {cp, cp, false};
      u += 1;
      continue;
    }
    uint32_t v = cp - 0x10000;
    if (u == i) return {0xD800 + (v >> 10), cp, true};
    if (u + 1 == i) return {0xDC00 + (v & 0x3FF), cp, false};
    u += 2;
  }
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

// ---- the first string methods (the others, further on, are declared in methods.h)
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
  size_t p = s.find(string_arg(rt, a, 0), byte_at_unit(s, from));
  return Value::number(p == std::string_view::npos ? -1 : unit_at_byte(s, p));
}
Value s_last_index_of(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  // lastIndexOf(search, position): the last match starting at or before `position` (NaN, as
  // when it is absent, is the end).
  double len = static_cast<double>(js::utf16_length(s));
  double pos = js::to_number(a.get(1));
  pos = std::isnan(pos) ? len : std::min(std::max(std::trunc(pos), 0.0), len);
  size_t p = s.rfind(string_arg(rt, a, 0), byte_at_unit(s, pos));
  return Value::number(p == std::string_view::npos ? -1 : unit_at_byte(s, p));
}
Value s_repeat(Runtime& rt, const Callable& c, const CallArgs& a) {
  double n = to_integer(a.get(0), 0);
  if (n < 0 || std::isinf(n)) rt.fail("Invalid count value: " + std::string(string_arg(rt, a, 0)));
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
  std::string_view fill = a.get(1).is_undefined() ? std::string_view(" ") : string_arg(rt, a, 1);
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
  return Value::boolean(s.find(string_arg(rt, a, 0), position_arg(s, a.get(1), 0)) !=
                        std::string_view::npos);
}
Value s_starts(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string(), p = string_arg(rt, a, 0);
  return Value::boolean(s.substr(position_arg(s, a.get(1), 0)).starts_with(p));
}
Value s_ends(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string(), p = string_arg(rt, a, 0);
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
  std::string_view sep = string_arg(rt, a, 0);
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
  std::string_view s = c.self.as_string(), sub = string_arg(rt, a, 0);
  if (sub.empty()) return Value::number(static_cast<double>(s.size() + 1));
  double n = 0;
  for (size_t p = s.find(sub); p != std::string_view::npos; p = s.find(sub, p + sub.size())) ++n;
  return Value::number(n);
}

}  // namespace

double to_integer(const Value& v, double dflt) {
  if (v.is_undefined()) return dflt;
  double x = js::to_number(v);
  return std::isnan(x) ? 0 : std::trunc(x);
}

double relative_index(const Value& v, double len, double dflt) {
  double x = to_integer(v, dflt);
  if (x < 0) return std::max(0.0, len + x);
  return std::min(x, len);
}

Value s_char_code_at(Runtime&, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double i = to_integer(a.get(0), 0);
  if (i < 0 || i >= static_cast<double>(js::utf16_length(s))) return Value::number(NAN);
  return Value::number(unit_at(s, i).value);
}

Value s_code_point_at(Runtime&, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double i = to_integer(a.get(0), 0);
  if (i < 0 || i >= static_cast<double>(js::utf16_length(s))) return Value();
  Unit u = unit_at(s, i);
  return Value::number(u.pair_start ? u.code_point : u.value);
}

Value s_at(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double len = static_cast<double>(js::utf16_length(s));
  double i = to_integer(a.get(0), 0);
  if (i < 0) i += len;
  if (i < 0 || i >= len) return Value();
  auto k = static_cast<size_t>(i);
  return Value::string(filters::substring16(rt, s, k, k + 1));
}

Value s_concat(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string out(c.self.as_string());
  for (uint32_t i = 0; i < a.npos; ++i) js::append_string(a.pos[i], out);
  return rt.str(out);
}

Value s_substr(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  double len = static_cast<double>(js::utf16_length(s));
  double start = relative_index(a.get(0), len, 0);
  double count = a.get(1).is_undefined() ? len - start : to_integer(a.get(1), 0);
  double end = std::min(start + std::max(count, 0.0), len);
  if (end <= start) return Value::string("");
  return Value::string(
      filters::substring16(rt, s, static_cast<size_t>(start), static_cast<size_t>(end)));
}

Value s_normalize(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = c.self.as_string();
  std::string_view form = a.get(0).is_undefined() ? "NFC" : js::to_string(a.get(0), rt.arena());
  int options = UTF8PROC_STABLE;
  if (form == "NFC") {
    options |= UTF8PROC_COMPOSE;
  } else if (form == "NFD") {
    options |= UTF8PROC_DECOMPOSE;
  } else if (form == "NFKC") {
    options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
  } else if (form == "NFKD") {
    options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
  } else {
    filters::fail(rt, "RangeError: The normalization form should be one of NFC, NFD, NFKC, NFKD.");
  }
  if (filters::is_ascii(s)) return c.self;
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(options));
  if (n < 0) return c.self;  // not valid UTF-8: left as it is
  Value r = rt.str(std::string_view(reinterpret_cast<const char*>(out), static_cast<size_t>(n)));
  std::free(out);
  return r;
}

std::string_view string_arg(Runtime& rt, const CallArgs& a, uint32_t i) {
  return js::to_string(a.get(i), rt.arena());
}

Value v_to_string(Runtime& rt, const Callable& c, const CallArgs&) {
  return Value::string(js::to_string(c.self, rt.arena()));
}

namespace {

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

}  // namespace

NativeFn string_method(std::string_view name, bool jinja) {
  return find_method(kStringMethods, name, jinja);
}

}  // namespace unjucks::tpl
