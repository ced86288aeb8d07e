#include <utf8proc.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "template/filters/support.h"
#include "template/render/methods.h"
#include "template/value/js.h"

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

}  // namespace unjucks::tpl
