// Numeric filters: abs, default, float, int, round, sum, random.
#include <cmath>
#include <cstdlib>
#include <random>

#include "template/filters/builtins.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

namespace {

// ---- parseInt ----------------------------------------------------------------------------------

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

int32_t to_int32(double d) {
  if (!std::isfinite(d)) return 0;
  double t = std::fmod(std::trunc(d), 4294967296.0);
  if (t < 0) t += 4294967296.0;
  return static_cast<int32_t>(static_cast<uint32_t>(t));
}

// V8's digits-to-double for radix 2, 4, 8, 16, 32: exact, rounded half to even (with V8's
// reading of the dropped tail).
double parse_power_of_two(std::string_view digits, int radix) {
  int log2 = 0;
  while ((1 << log2) < radix) ++log2;
  int64_t number = 0;
  int exponent = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    number = number * radix + digit_value(digits[i]);
    auto overflow = static_cast<int>(number >> 53);
    if (overflow == 0) continue;
    int overflow_bits = 1;
    while (overflow > 1) {
      ++overflow_bits;
      overflow >>= 1;
    }
    int dropped_mask = (1 << overflow_bits) - 1;
    int dropped = static_cast<int>(number) & dropped_mask;
    number >>= overflow_bits;
    exponent = overflow_bits;
    bool zero_tail = true;
    for (size_t k = i + 1; k < digits.size(); ++k) {
      zero_tail = zero_tail && digits[k] == '0';
      exponent += log2;
    }
    int middle = 1 << (overflow_bits - 1);
    if (dropped > middle || (dropped == middle && ((number & 1) != 0 || !zero_tail))) ++number;
    if ((number & (int64_t{1} << 53)) != 0) {
      ++exponent;
      number >>= 1;
    }
    break;
  }
  return std::ldexp(static_cast<double>(number), exponent);
}

// V8's digits-to-double for the other radixes: 32-bit chunks multiplied into a double.
double parse_generic(std::string_view digits, int radix) {
  double result = 0;
  size_t i = 0;
  bool done = false;
  do {
    uint32_t part = 0, multiplier = 1;
    for (;;) {
      if (i == digits.size()) {
        done = true;
        break;
      }
      constexpr uint32_t kMaximumMultiplier = 0xFFFFFFFFu / 36;
      uint32_t m = multiplier * static_cast<uint32_t>(radix);
      if (m > kMaximumMultiplier) break;
      part = part * static_cast<uint32_t>(radix) + static_cast<uint32_t>(digit_value(digits[i]));
      multiplier = m;
      ++i;
    }
    result = result * multiplier + part;
  } while (!done);
  return result;
}

// parseInt(s, radix) on an already stringified input.
double parse_int(std::string_view s, const Value& radix_value) {
  size_t i = 0;
  while (i < s.size()) {
    size_t next = i;
    if (!is_js_space(decode_utf8(s, next))) break;
    i = next;
  }
  s.remove_prefix(i);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  int32_t radix = to_int32(js::to_number(radix_value));
  bool strip_prefix = true;
  if (radix != 0) {
    if (radix < 2 || radix > 36) return NAN;
    if (radix != 16) strip_prefix = false;
  } else {
    radix = 10;
  }
  if (strip_prefix && s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s.remove_prefix(2);
    radix = 16;
  }
  size_t n = 0;
  while (n < s.size() && digit_value(s[n]) < radix) ++n;
  if (n == 0) return NAN;
  s = s.substr(0, n);
  double r;
  if (radix == 10) {
    std::string digits(s);
    r = std::strtod(digits.c_str(), nullptr);
  } else if ((radix & (radix - 1)) == 0) {
    r = parse_power_of_two(s, radix);
  } else {
    r = parse_generic(s, radix);
  }
  return neg ? -r : r;
}

double js_round(double x) {
  if (!std::isfinite(x) || x == 0) return x;
  if (x < 0 && x >= -0.5) return -0.0;
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1;
  return r;
}

std::mt19937_64& generator() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return gen;
}

}  // namespace

void seed_random(uint64_t seed) { generator().seed(seed); }

Value f_abs(Runtime&, const Value& v, const CallArgs&) {
  return Value::number(std::fabs(js::to_number(v)));
}

Value f_default(Runtime&, const Value& v, const CallArgs& args) {
  Value def = arg(args, 0, "default_value", "default");
  if (truthy(arg(args, 1, "boolean"))) return truthy(v) ? v : def;
  return v.is_undefined() ? def : v;
}

Value f_float(Runtime& rt, const Value& v, const CallArgs& args) {
  double d = js::parse_float_prefix(js::to_string(v, rt.arena()));
  if (std::isnan(d)) return arg(args, 0, "default");
  return Value::number(d);
}

Value f_int(Runtime& rt, const Value& v, const CallArgs& args) {
  Value base = arg(args, 1, "base");
  if (base.is_undefined()) base = Value::number(10);
  double d = parse_int(js::to_string(v, rt.arena()), base);
  if (std::isnan(d)) return arg(args, 0, "default");
  return Value::number(d);
}

Value f_round(Runtime&, const Value& v, const CallArgs& args) {
  Value precision = arg(args, 0, "precision");
  double factor = std::pow(10.0, truthy(precision) ? js::to_number(precision) : 0.0);
  Value method = arg(args, 1, "method");
  double x = js::to_number(v) * factor;
  double r;
  if (is_plain_string(method) && method.as_string() == "ceil") {
    r = std::ceil(x);
  } else if (is_plain_string(method) && method.as_string() == "floor") {
    r = std::floor(x);
  } else {
    r = js_round(x);
  }
  return Value::number(r / factor);
}

Value f_sum(Runtime& rt, const Value& v, const CallArgs& args) {
  Value attr = arg(args, 0, "attribute", "attr");
  Value start = arg(args, 1, "start");
  if (start.is_undefined()) start = Value::number(0);
  const ArrayObj* items;
  if (truthy(attr)) {
    char buf[32];
    std::string key_tmp;
    std::string_view key = key_string(attr, buf);
    if (key.empty() && !attr.is_string()) {
      js::append_string(attr, key_tmp);
      key = key_tmp;
    }
    ArrayObj* mapped = array_copy(rt, v);
    for (uint32_t i = 0; i < mapped->size; ++i)
      mapped->items[i] = get_member(rt, mapped->items[i], key);
    items = mapped;
  } else if (v.is_array()) {
    items = v.as_array();
  } else if (v.is_nullish()) {
    fail_read(rt, v, "reduce");
  } else {
    fail_not_function(rt, "arr.reduce");
  }
  // arr.reduce((a, b) => a + b, 0): numbers until a string appears, then concatenation.
  double num = 0;
  bool is_str = false;
  Scratch str;
  for (const Value& x : *items) {
    if (!is_str) {
      bool stringy =
          x.is_string() || x.is_array() || x.is_object() || x.is_callable() || x.is_regex();
      if (!stringy) {
        num += js::to_number(x);
        continue;
      }
      js::append_string(Value::number(num), *str);
      is_str = true;
    }
    js::append_string(x, *str);
  }
  Value total = is_str ? Value::string(*str) : Value::number(num);
  return js_add(rt, start, total);
}

Value f_random(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_nullish()) fail_read(rt, v, "length");
  double n = js::to_number(length_of(v));
  double u = static_cast<double>(generator()() >> 11) * 0x1.0p-53;
  double index = std::floor(u * n);
  char buf[32];
  return get_member(rt, v, key_string(Value::number(index), buf));
}

}  // namespace unjucks::tpl::filters
