// The methods of numbers (booleans have only toString): toFixed, toPrecision, toExponential and
// toString(radix), digit for digit as V8 prints them.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "template/filters/support.h"
#include "template/render/methods.h"
#include "template/value/js.h"

namespace unjucks::tpl {

namespace {

// The exact decimal digits of |x| (finite, not 0) without leading or trailing zeros, and the
// exponent of the first one: |x| = 0.d1d2d3... * 10^(exp + 1).
struct Digits {
  std::string d;
  int exp;
};

Digits exact_digits(double x) {
  char buf[1200];
  int n = std::snprintf(buf, sizeof buf, "%.1100e", std::fabs(x));
  std::string_view s(buf, static_cast<size_t>(n));
  size_t e = s.find('e');
  Digits r;
  r.d += s[0];
  r.d.append(s.substr(2, e - 2));
  while (r.d.size() > 1 && r.d.back() == '0') r.d.pop_back();
  r.exp = std::atoi(buf + e + 1);
  return r;
}

// Rounds to `n` digits, half up (on the exact value, as ECMAScript's "n / 10^f - x closest to
// zero, the larger n on a tie"); a carry moves the exponent.
void round_to(Digits& v, size_t n) {
  if (v.d.size() <= n) {
    v.d.append(n - v.d.size(), '0');
    return;
  }
  bool up = v.d[n] >= '5';
  v.d.resize(n);
  if (!up) return;
  size_t i = n;
  while (i > 0 && v.d[i - 1] == '9') v.d[--i] = '0';
  if (i == 0) {
    v.d.insert(v.d.begin(), '1');
    v.d.pop_back();
    ++v.exp;
  } else {
    ++v.d[i - 1];
  }
}

std::string exponential(const Digits& v, bool negative) {
  std::string out = negative ? "-" : "";
  out += v.d[0];
  if (v.d.size() > 1) {
    out += '.';
    out.append(v.d, 1);
  }
  out += v.exp < 0 ? "e-" : "e+";
  out += std::to_string(std::abs(v.exp));
  return out;
}

// V8's DoubleToRadixCString: digits of the fraction only as far as the double's precision
// (rounding half to even at the last one), the integer part exactly.
std::string to_radix(double value, int radix) {
  static constexpr char kChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  const bool negative = value < 0;
  if (negative) value = -value;
  double integer = std::floor(value);
  double fraction = value - integer;
  double delta = 0.5 * (std::nextafter(value, INFINITY) - value);
  delta = std::max(std::nextafter(0.0, 1.0), delta);
  std::string frac;
  if (fraction >= delta) {
    do {
      fraction *= radix;
      delta *= radix;
      int digit = static_cast<int>(fraction);
      frac += kChars[digit];
      fraction -= digit;
      if (fraction > 0.5 || (fraction == 0.5 && (digit & 1))) {
        if (fraction + delta > 1) {
          // Round up, carrying through the digits written (and into the integer part).
          for (;;) {
            if (frac.empty()) {
              integer += 1;
              break;
            }
            char c = frac.back();
            frac.pop_back();
            int d = c > '9' ? c - 'a' + 10 : c - '0';
            if (d + 1 < radix) {
              frac += kChars[d + 1];
              break;
            }
          }
          break;
        }
      }
    } while (fraction >= delta);
  }
  std::string digits;
  // Digits below the double's precision are zeros.
  while (integer / radix >= 9007199254740992.0) {
    integer /= radix;
    digits += '0';
  }
  do {
    double rem = std::fmod(integer, radix);
    digits += kChars[static_cast<int>(rem)];
    integer = (integer - rem) / radix;
  } while (integer > 0);
  if (negative) digits += '-';
  std::string out(digits.rbegin(), digits.rend());
  if (!frac.empty()) out += '.' + frac;
  return out;
}

}  // namespace

Value n_to_fixed(Runtime& rt, const Callable& c, const CallArgs& a) {
  // ToIntegerOrInfinity: NaN (an absent argument) is 0; the range is checked before any cast.
  double d = js::to_number(a.get(0));
  d = std::isnan(d) ? 0 : std::trunc(d);
  if (!(d >= 0 && d <= 100))
    filters::fail(rt, "toFixed() digits argument must be between 0 and 100");
  const int digits = static_cast<int>(d);
  const double x = c.self.as_number();
  // NaN, infinities and |x| >= 1e21 are String(x); the rest is the integer n nearest to
  // x * 10^digits, the larger one on a tie (2.5 -> "3", 1.25 -> "1.3"; printf would round
  // those to even), with "-" for x < 0 (so -0 is "0", -0.001 is "-0.00").
  if (!(std::fabs(x) < 1e21)) return Value::string(js::to_string(c.self, rt.arena()));
  // The exact decimal value of |x| (a double below 1e21 has at most 1,074 fraction digits),
  // cut after `digits` and rounded half up by hand.
  std::string exact(1200, '\0');
  exact.resize(
      static_cast<size_t>(std::snprintf(exact.data(), exact.size(), "%.1100f", std::fabs(x))));
  const size_t point = exact.find('.');
  std::string out = exact.substr(0, point + 1 + static_cast<size_t>(digits));
  if (exact[point + 1 + static_cast<size_t>(digits)] >= '5') {
    size_t i = out.size();
    for (; i-- > 0;) {
      if (out[i] == '.') continue;
      if (out[i] != '9') {
        ++out[i];
        break;
      }
      out[i] = '0';
    }
    if (i == static_cast<size_t>(-1)) out.insert(out.begin(), '1');
  }
  if (digits == 0) out.pop_back();  // the '.'
  if (x < 0) out.insert(out.begin(), '-');
  return rt.str(out);
}

Value n_to_string(Runtime& rt, const Callable& c, const CallArgs& a) {
  if (c.self.is_bool()) return Value::string(c.self.as_bool() ? "true" : "false");
  const double x = c.self.as_number();
  double radix = to_integer(a.get(0), 10);
  if (radix < 2 || radix > 36)
    filters::fail(rt, "RangeError: toString() radix must be between 2 and 36");
  if (radix == 10 || !std::isfinite(x)) return Value::string(js::to_string(c.self, rt.arena()));
  return rt.str(to_radix(x, static_cast<int>(radix)));
}

Value n_to_precision(Runtime& rt, const Callable& c, const CallArgs& a) {
  const double x = c.self.as_number();
  if (a.get(0).is_undefined() || !std::isfinite(x)) {
    return Value::string(js::to_string(c.self, rt.arena()));
  }
  double p = to_integer(a.get(0), 0);
  if (p < 1 || p > 100)
    filters::fail(rt, "RangeError: toPrecision() argument must be between 1 and 100");
  const auto n = static_cast<size_t>(p);
  Digits v{std::string(1, '0'), 0};
  if (x != 0) {
    v = exact_digits(x);
    round_to(v, n);
  } else {
    round_to(v, n);
  }
  const bool negative = x < 0;
  if (v.exp < -6 || v.exp >= static_cast<int>(n)) return rt.str(exponential(v, negative));
  std::string out = negative ? "-" : "";
  if (v.exp >= 0) {
    out.append(v.d, 0, static_cast<size_t>(v.exp) + 1);
    if (static_cast<size_t>(v.exp) + 1 < n) {
      out += '.';
      out.append(v.d, static_cast<size_t>(v.exp) + 1);
    }
  } else {
    out += "0.";
    out.append(static_cast<size_t>(-(v.exp + 1)), '0');
    out += v.d;
  }
  return rt.str(out);
}

Value n_to_exponential(Runtime& rt, const Callable& c, const CallArgs& a) {
  const double x = c.self.as_number();
  double f = to_integer(a.get(0), 0);
  if (!std::isfinite(x)) return Value::string(js::to_string(c.self, rt.arena()));
  if (f < 0 || f > 100)
    filters::fail(rt, "RangeError: toExponential() argument must be between 0 and 100");
  Digits v{std::string(1, '0'), 0};
  if (a.get(0).is_undefined()) {
    // As many digits as it takes to tell the number apart: those of String(x).
    if (x != 0) {
      char buf[32];
      std::string_view s = js::format_number(std::fabs(x), buf);
      size_t e = s.find('e');
      std::string_view mantissa = s.substr(0, e);
      size_t point = mantissa.find('.');
      std::string_view whole = mantissa.substr(0, point);
      std::string_view frac =
          point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
      if (e != std::string_view::npos) {
        v.exp = std::atoi(s.data() + e + 1);
        v.d = std::string(whole) + std::string(frac);
      } else if (whole != "0") {
        v.exp = static_cast<int>(whole.size()) - 1;
        v.d = std::string(whole) + std::string(frac);
      } else {
        size_t zeros = frac.find_first_not_of('0');
        v.exp = -static_cast<int>(zeros) - 1;
        v.d = std::string(frac.substr(zeros));
      }
      while (v.d.size() > 1 && v.d.back() == '0') v.d.pop_back();
    }
  } else {
    if (x != 0) v = exact_digits(x);
    round_to(v, static_cast<size_t>(f) + 1);
  }
  return rt.str(exponential(v, x < 0));
}

namespace {

constexpr MethodEntry kNumberMethods[] = {
    {"toFixed", n_to_fixed, false},
    {"toPrecision", n_to_precision, false},
    {"toExponential", n_to_exponential, false},
    {"toString", n_to_string, false},
};

}  // namespace

NativeFn number_method(std::string_view name, bool jinja) {
  return find_method(kNumberMethods, name, jinja);
}

}  // namespace unjucks::tpl
