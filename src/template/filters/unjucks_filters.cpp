// The filter names of the Unjucks (JavaScript) release that Nunjucks and the code-generation
// filters lack, so its generators render here unchanged: case aliases (PascalCase, snake_case,
// CONSTANT_CASE, paramCase, underscore, dasherize, lowerCase, upperCase, ...), string helpers
// (swapCase, demodulize, pad, padStart, padEnd, repeat, wrap, startCase), ceil/floor and the
// day.js date filters (date_filters.cpp). Each documented in docs/filters.md.
#include <cmath>
#include <string>

#include "template/filters/builtins.h"
#include "template/filters/support.h"
#include "text/case.h"
#include "text/change_case.h"
#include "text/utf8.h"

namespace unjucks::tpl::filters {

namespace {

using Conversion = std::string (*)(std::string_view);

template <Conversion kFn>
Value convert(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_nullish()) return Value::string({});
  return rt.str(kFn(js::to_string(v, rt.arena())), is_safe_string(v));
}

std::string swap_case(std::string_view s) { return text::change_case::swap(s); }

// "Admin::Users::User" and "App/Models/User" -> "User".
std::string demodulize(std::string_view s) {
  size_t colons = s.rfind("::");
  size_t slash = s.rfind('/');
  size_t cut = std::string_view::npos;
  if (colons != std::string_view::npos) cut = colons + 2;
  if (slash != std::string_view::npos && (cut == std::string_view::npos || slash + 1 > cut))
    cut = slash + 1;
  return std::string(cut == std::string_view::npos ? s : s.substr(cut));
}

std::string_view str_of(Runtime& rt, const Value& v) {
  return v.is_nullish() ? std::string_view() : js::to_string(v, rt.arena());
}

// `count` copies of `fill` cut to `width` UTF-16 units (as String.prototype.padStart fills).
std::string fill_to(std::string_view fill, size_t width) {
  std::string out;
  if (fill.empty()) return out;
  size_t units = 0;
  while (units < width) {
    for (text::CodePoint cp : text::CodePoints(fill)) {
      size_t w = cp.value > 0xFFFF ? 2 : 1;
      if (units + w > width) return out;
      out.append(fill.substr(cp.offset, cp.length));
      units += w;
      if (units == width) return out;
    }
  }
  return out;
}

double width_arg(const CallArgs& a, uint32_t i) {
  double w = js::to_number(a.get(i));
  return std::isnan(w) ? 0 : std::floor(w);
}

template <bool kStart>
Value pad_side(Runtime& rt, const Value& v, const CallArgs& a) {
  std::string_view s = str_of(rt, v);
  double width = width_arg(a, 0);
  double len = static_cast<double>(js::utf16_length(s));
  if (width <= len) return rt.str(s);
  std::string_view fill = a.get(1).is_undefined() ? " " : js::to_string(a.get(1), rt.arena());
  std::string f = fill_to(fill, static_cast<size_t>(width - len));
  return rt.str(kStart ? f + std::string(s) : std::string(s) + f);
}

// pad(length, padString): centred, the extra unit on the right ("  hello   ").
Value f_pad(Runtime& rt, const Value& v, const CallArgs& a) {
  std::string_view s = str_of(rt, v);
  double width = width_arg(a, 0);
  double len = static_cast<double>(js::utf16_length(s));
  if (width <= len) return rt.str(s);
  std::string_view fill = a.get(1).is_undefined() ? " " : js::to_string(a.get(1), rt.arena());
  auto left = static_cast<size_t>(std::floor((width - len) / 2));
  auto right = static_cast<size_t>(width - len) - left;
  return rt.str(fill_to(fill, left) + std::string(s) + fill_to(fill, right));
}

Value f_repeat(Runtime& rt, const Value& v, const CallArgs& a) {
  std::string_view s = str_of(rt, v);
  double n = width_arg(a, 0);
  if (n <= 0 || s.empty()) return Value::string({});
  if (n * static_cast<double>(s.size()) > static_cast<double>(uint64_t{1} << 30))
    fail(rt, "repeat: the result would be larger than 1 GiB");
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (double i = 0; i < n; ++i) out += s;
  return rt.str(out);
}

// wrap(width = 80): words (split at spaces) filled into lines of at most `width` units; a longer
// word gets a line of its own; existing line breaks stay.
Value f_wrap(Runtime& rt, const Value& v, const CallArgs& a) {
  std::string_view s = str_of(rt, v);
  double w = a.get(0).is_undefined() ? 80 : width_arg(a, 0);
  auto width = static_cast<size_t>(w < 1 ? 1 : w);
  std::string out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    std::string_view line = s.substr(start, nl == std::string_view::npos ? s.npos : nl - start);
    size_t col = 0;
    size_t i = 0;
    bool first = true;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      size_t j = line.find(' ', i);
      std::string_view word = line.substr(i, j == std::string_view::npos ? line.npos : j - i);
      if (word.empty()) break;
      size_t wl = js::utf16_length(word);
      if (!first && col + 1 + wl > width) {
        out += '\n';
        col = 0;
        first = true;
      }
      if (!first) {
        out += ' ';
        ++col;
      }
      out += word;
      col += wl;
      first = false;
      i += word.size();
    }
    if (nl == std::string_view::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return rt.str(out);
}

template <double (*kFn)(double)>
Value rounding(Runtime&, const Value& v, const CallArgs&) {
  return Value::number(kFn(js::to_number(v)));
}

double js_ceil(double x) { return std::ceil(x); }
double js_floor(double x) { return std::floor(x); }

// Sorted by name (registry.cpp searches it).
constexpr NamedFilter kUnjucks[] = {
    {"CONSTANT_CASE", convert<text::constant_case>},
    {"PascalCase", convert<text::pascal_case>},
    {"ceil", rounding<js_ceil>},
    {"dasherize", convert<text::kebab_case>},
    {"date", f_format_date},
    {"dateAdd", f_date_add},
    {"dateDiff", f_date_diff},
    {"dateEnd", f_end_of},
    {"dateFormat", f_format_date},
    {"dateFrom", f_from_now},
    {"dateIso", f_iso_date},
    {"dateStart", f_start_of},
    {"dateSub", f_date_sub},
    {"dateSubtract", f_date_sub},
    {"dateTo", f_to_now},
    {"dateUnix", f_unix},
    {"dateUtc", f_utc},
    {"demodulize", convert<demodulize>},
    {"diff", f_date_diff},
    {"endOf", f_end_of},
    {"floor", rounding<js_floor>},
    {"formatDate", f_format_date},
    {"fromNow", f_from_now},
    {"isAfter", f_is_after},
    {"isBefore", f_is_before},
    {"isToday", f_is_today},
    {"iso", f_iso_date},
    {"isoDate", f_iso_date},
    {"lowerCase", f_lower},
    {"lowercase", f_lower},
    {"pad", f_pad},
    {"padEnd", pad_side<false>},
    {"padStart", pad_side<true>},
    {"paramCase", convert<text::kebab_case>},
    {"repeat", f_repeat},
    {"snake_case", convert<text::snake_case>},
    {"startCase", convert<text::title_case>},
    {"startOf", f_start_of},
    {"swapCase", convert<swap_case>},
    {"toNow", f_to_now},
    {"underscore", convert<text::snake_case>},
    {"unix", f_unix},
    {"upperCase", f_upper},
    {"uppercase", f_upper},
    {"utc", f_utc},
    {"wrap", f_wrap},
};

}  // namespace

const NamedFilter* unjucks_filters(size_t* count) {
  *count = sizeof(kUnjucks) / sizeof(kUnjucks[0]);
  return kUnjucks;
}

}  // namespace unjucks::tpl::filters
