#include "template/value/js.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_set>
#include <vector>

#include "template/value/value.h"
#include "text/utf8.h"

namespace unjucks::tpl::js {

bool truthy(const Value& v) {
  switch (v.kind()) {
    case Kind::Undefined:
    case Kind::Null:
      return false;
    case Kind::Bool:
      return v.as_bool();
    case Kind::Number: {
      double d = v.as_number();
      return d != 0 && !std::isnan(d);
    }
    case Kind::String:
      // A safe string is a SafeString object in Nunjucks: truthy even when empty.
      return v.safe() || !v.as_string().empty();
    default:
      return true;
  }
}

std::string_view format_number(double d, char* buf) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0";
  // Fast path: integers that fit exactly.
  if (std::fabs(d) < 1e15 && d == std::floor(d)) {
    auto r = std::to_chars(buf, buf + 32, static_cast<long long>(d));
    return {buf, static_cast<size_t>(r.ptr - buf)};
  }
  // Fast path for short decimals (prices, scores): the first k that round-trips through
  // round(d * 10^k) / 10^k gives the shortest digits, as JavaScript prints them.
  double ad = std::fabs(d);
  if (ad >= 1e-3 && ad < 1e12) {
    static constexpr double kPow10[] = {1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    for (int k = 1; k <= 6; ++k) {
      double scaled = std::round(d * kPow10[k - 1]);
      if (std::fabs(scaled) < 9e15 && scaled / kPow10[k - 1] == d) {
        long long iv = static_cast<long long>(scaled);
        bool neg = iv < 0;
        unsigned long long u =
            neg ? static_cast<unsigned long long>(-iv) : static_cast<unsigned long long>(iv);
        char digits[24];
        auto r = std::to_chars(digits, digits + sizeof digits, u);
        int nd = static_cast<int>(r.ptr - digits);
        char* o = buf;
        if (neg) *o++ = '-';
        if (nd <= k) {
          *o++ = '0';
          *o++ = '.';
          for (int i = 0; i < k - nd; ++i) *o++ = '0';
          std::memcpy(o, digits, static_cast<size_t>(nd));
          o += nd;
        } else {
          std::memcpy(o, digits, static_cast<size_t>(nd - k));
          o += nd - k;
          *o++ = '.';
          std::memcpy(o, digits + nd - k, static_cast<size_t>(k));
          o += k;
        }
        // Trailing zeros cannot occur: a smaller k would have round-tripped.
        return {buf, static_cast<size_t>(o - buf)};
      }
    }
  }
  char sci[40];
  auto r = std::to_chars(sci, sci + sizeof sci, d, std::chars_format::scientific);
  *r.ptr = '\0';
  // sci: [-]D[.DDDD]e[+-]XX
  const char* p = sci;
  bool neg = false;
  if (*p == '-') {
    neg = true;
    ++p;
  }
  char digits[32];
  int k = 0;
  for (; *p != 'e'; ++p)
    if (*p != '.') digits[k++] = *p;
  int exp = std::atoi(p + 1);
  int n = exp + 1;  // position of the decimal point
  char* o = buf;
  if (neg) *o++ = '-';
  if (k <= n && n <= 21) {
    std::memcpy(o, digits, static_cast<size_t>(k));
    o += k;
    for (int i = 0; i < n - k; ++i) *o++ = '0';
  } else if (0 < n && n <= 21) {
    std::memcpy(o, digits, static_cast<size_t>(n));
    o += n;
    *o++ = '.';
    std::memcpy(o, digits + n, static_cast<size_t>(k - n));
    o += k - n;
  } else if (-6 < n && n <= 0) {
    *o++ = '0';
    *o++ = '.';
    for (int i = 0; i < -n; ++i) *o++ = '0';
    std::memcpy(o, digits, static_cast<size_t>(k));
    o += k;
  } else {
    *o++ = digits[0];
    if (k > 1) {
      *o++ = '.';
      std::memcpy(o, digits + 1, static_cast<size_t>(k - 1));
      o += k - 1;
    }
    *o++ = 'e';
    int e = n - 1;
    *o++ = e < 0 ? '-' : '+';
    auto er = std::to_chars(o, o + 8, e < 0 ? -e : e);
    o = er.ptr;
  }
  return {buf, static_cast<size_t>(o - buf)};
}

namespace {

void append_scalar(const Value& v, std::string& out) {
  char buf[32];
  switch (v.kind()) {
    case Kind::Undefined:
      out += "undefined";
      return;
    case Kind::Null:
      out += "null";
      return;
    case Kind::Bool:
      out += v.as_bool() ? "true" : "false";
      return;
    case Kind::Number:
      out += format_number(v.as_number(), buf);
      return;
    case Kind::String:
      out += v.as_string();
      return;
    case Kind::Array:
      return;  // handled by join_array
    case Kind::Object:
      out += "[object Object]";
      return;
    case Kind::Callable:
      out += "function () { [native code] }";
      return;
    case Kind::Regex:
      out += '/';
      out += v.as_regex()->source;
      out += '/';
      out += v.as_regex()->flags;
      return;
  }
}

// Array.prototype.join as V8 runs it for toString: an array that is already being joined
// further up (a cycle made with push) contributes "". Nesting depth is only bounded by memory:
// the first levels recurse on the C stack (no allocation), deeper ones continue on the heap.
struct OpenArray {
  const ArrayObj* array;
  const OpenArray* up;
  uint32_t depth;
};
constexpr uint32_t kStackLevels = 64;

void join_deep(const ArrayObj* top, const OpenArray* chain, std::string& out) {
  struct Frame {
    const ArrayObj* array;
    uint32_t next;
  };
  std::unordered_set<const ArrayObj*> open;
  for (const OpenArray* o = chain; o != nullptr; o = o->up) open.insert(o->array);
  std::vector<Frame> stack;
  stack.push_back({top, 0});
  open.insert(top);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next == f.array->size) {
      open.erase(f.array);
      stack.pop_back();
      continue;
    }
    uint32_t i = f.next++;
    const Value& item = f.array->items[i];
    if (i) out += ',';
    if (item.is_nullish()) continue;
    if (!item.is_array()) {
      append_scalar(item, out);
      continue;
    }
    const ArrayObj* child = item.as_array();
    if (!open.insert(child).second) continue;  // a cycle
    stack.push_back({child, 0});               // `f` is not used after this
  }
}

// `sep` separates this level's items (join's argument at the top; toString's "," below).
void join_array(const ArrayObj* a, const OpenArray* up, std::string_view sep, std::string& out) {
  OpenArray self{a, up, up ? up->depth + 1 : 1};
  for (uint32_t i = 0; i < a->size; ++i) {
    if (i) out += sep;
    const Value& item = a->items[i];
    if (item.is_nullish()) continue;
    if (!item.is_array()) {
      append_scalar(item, out);
      continue;
    }
    const ArrayObj* child = item.as_array();
    bool cycle = false;
    for (const OpenArray* o = &self; o != nullptr && !cycle; o = o->up) cycle = o->array == child;
    if (cycle) continue;
    if (self.depth >= kStackLevels) {
      join_deep(child, &self, out);
    } else {
      join_array(child, &self, ",", out);
    }
  }
}

}  // namespace

void append_joined(const ArrayObj* a, std::string_view sep, std::string& out) {
  join_array(a, nullptr, sep, out);
}

void append_string(const Value& v, std::string& out) {
  if (v.is_array()) {
    join_array(v.as_array(), nullptr, ",", out);
  } else {
    append_scalar(v, out);
  }
}

std::string_view to_string(const Value& v, mem::Arena& arena) {
  if (v.is_string()) return v.as_string();
  if (v.is_number()) {
    char buf[32];
    return arena.copy(format_number(v.as_number(), buf));
  }
  std::string s;
  append_string(v, s);
  return arena.copy(s);
}

namespace {
bool is_js_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }

std::string_view trim_js(std::string_view s) {
  // JavaScript also trims U+00A0, U+FEFF and other Unicode spaces; ASCII covers real inputs.
  while (!s.empty() && is_js_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && is_js_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

double string_to_number(std::string_view s) {
  s = trim_js(s);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0' &&
      (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
    int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    double r = 0;
    for (size_t i = 2; i < s.size(); ++i) {
      char c = s[i];
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'z') ? c - 'a' + 10
              : (c >= 'A' && c <= 'Z') ? c - 'A' + 10
                                       : 99;
      if (d >= base) return NAN;
      r = r * base + d;
    }
    return r;
  }
  std::string_view body = s;
  bool neg = false;
  if (body[0] == '+' || body[0] == '-') {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "Infinity") return neg ? -INFINITY : INFINITY;
  // Only decimal literal syntax is accepted: digits, one dot, an exponent.
  size_t i = 0, digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return NAN;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    size_t j = i + 1;
    if (j < body.size() && (body[j] == '+' || body[j] == '-')) ++j;
    size_t start = j;
    while (j < body.size() && body[j] >= '0' && body[j] <= '9') ++j;
    if (j == start) return NAN;
    i = j;
  }
  if (i != body.size()) return NAN;
  std::string tmp(s);
  return std::strtod(tmp.c_str(), nullptr);
}
}  // namespace

double parse_float_prefix(std::string_view s) {
  while (!s.empty() && is_js_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (s.substr(i, 8) == "Infinity") return s[0] == '-' ? -INFINITY : INFINITY;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return NAN;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    size_t start = j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j > start) i = j;
  }
  std::string tmp(s.substr(0, i));
  return std::strtod(tmp.c_str(), nullptr);
}

double to_number(const Value& v) {
  switch (v.kind()) {
    case Kind::Undefined:
      return NAN;
    case Kind::Null:
      return 0;
    case Kind::Bool:
      return v.as_bool() ? 1 : 0;
    case Kind::Number:
      return v.as_number();
    case Kind::String:
      return string_to_number(v.as_string());
    case Kind::Array: {
      std::string s;
      append_string(v, s);
      return string_to_number(s);
    }
    default:
      return NAN;
  }
}

bool strict_equals(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Undefined:
    case Kind::Null:
      return true;
    case Kind::Bool:
      return a.as_bool() == b.as_bool();
    case Kind::Number:
      return a.as_number() == b.as_number();
    case Kind::String:
      return a.as_string() == b.as_string();
    default:
      return a.identity() == b.identity();
  }
}

namespace {
bool is_primitive(const Value& v) {
  return v.kind() != Kind::Array && v.kind() != Kind::Object && v.kind() != Kind::Callable &&
         v.kind() != Kind::Regex;
}
Value to_primitive(const Value& v, std::string& scratch) {
  if (is_primitive(v)) return v;
  scratch.clear();
  append_string(v, scratch);
  return Value::string(scratch);
}
}  // namespace

bool loose_equals(const Value& a, const Value& b) {
  if (a.kind() == b.kind()) return strict_equals(a, b);
  if (a.is_nullish() && b.is_nullish()) return true;
  if (a.is_nullish() || b.is_nullish()) return false;
  std::string sa, sb;
  if (!is_primitive(a) && !is_primitive(b)) return a.identity() == b.identity();
  Value pa = to_primitive(a, sa), pb = to_primitive(b, sb);
  if (pa.is_string() && pb.is_string()) return pa.as_string() == pb.as_string();
  return to_number(pa) == to_number(pb);
}

namespace {
uint32_t decode_at(std::string_view s, size_t p) {
  auto b = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  uint32_t c = b(p);
  if (c < 0x80) return c;
  if (c >= 0xF0)
    return ((c & 0x07u) << 18) | ((b(p + 1) & 0x3Fu) << 12) | ((b(p + 2) & 0x3Fu) << 6) |
           (b(p + 3) & 0x3Fu);
  if (c >= 0xE0) return ((c & 0x0Fu) << 12) | ((b(p + 1) & 0x3Fu) << 6) | (b(p + 2) & 0x3Fu);
  return ((c & 0x1Fu) << 6) | (b(p + 1) & 0x3Fu);
}
// The first UTF-16 unit of a code point (its high surrogate when astral), then the second.
uint32_t unit1(uint32_t cp) { return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp; }
uint32_t unit2(uint32_t cp) { return cp >= 0x10000 ? 0xDC00 + ((cp - 0x10000) & 0x3FF) : 0; }
}  // namespace

int compare_utf16(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size()), i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
  // Back up to the start of the code point that differs and compare UTF-16 units.
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
  uint32_t ca = decode_at(a, i), cb = decode_at(b, i);
  uint32_t a1 = unit1(ca), b1 = unit1(cb);
  if (a1 != b1) return a1 < b1 ? -1 : 1;
  uint32_t a2 = unit2(ca), b2 = unit2(cb);
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}

int compare(const Value& a, const Value& b) {
  std::string sa, sb;
  Value pa = to_primitive(a, sa), pb = to_primitive(b, sb);
  if (pa.is_string() && pb.is_string()) return compare_utf16(pa.as_string(), pb.as_string());
  double x = to_number(pa), y = to_number(pb);
  if (std::isnan(x) || std::isnan(y)) return -2;
  return x < y ? -1 : x > y ? 1 : 0;
}

std::string_view type_name(const Value& v) {
  switch (v.kind()) {
    case Kind::Undefined:
      return "undefined";
    case Kind::Bool:
      return "boolean";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Callable:
      return "function";
    default:
      return "object";
  }
}

size_t utf16_length(std::string_view s) { return text::utf16_length(s); }

}  // namespace unjucks::tpl::js
