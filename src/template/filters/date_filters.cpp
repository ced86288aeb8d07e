// The date filters of Unjucks (day.js 1.11 with advancedFormat and relativeTime): formatDate
// (date, dateFormat), isoDate, dateAdd, dateSub, fromNow, toNow, startOf, endOf, isToday,
// isBefore, isAfter, dateDiff, unix, utc. text/dayjs does the calendar work in local time (TZ).
#include <cmath>

#include "template/filters/builtins.h"
#include "template/filters/support.h"
#include "text/dayjs.h"

namespace unjucks::tpl::filters {

namespace {

namespace dj = text::dayjs;

// dayjs(value) for the values templates hold: milliseconds or a string day.js parses.
std::optional<double> to_date(const Value& v) {
  if (v.is_number()) {
    if (std::isnan(v.as_number())) return std::nullopt;
    return v.as_number();
  }
  if (v.is_string()) return dj::parse(v.as_string());
  return std::nullopt;
}

std::string_view text_arg(Runtime& rt, const CallArgs& a, uint32_t i, std::string_view dflt) {
  Value v = a.get(i);
  return v.is_nullish() ? dflt : js::to_string(v, rt.arena());
}

Value date_value(double ms) { return Value::number(ms); }

Value shifted(Runtime& rt, const Value& v, const CallArgs& a, double sign) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  double amount = js::to_number(a.get(0));
  if (std::isnan(amount)) return date_value(*d);
  std::string_view unit = text_arg(rt, a, 1, "");
  // day.js adds milliseconds for a unit it does not know.
  auto r = dj::add(*d, sign * amount, unit);
  return date_value(r ? *r : *d + sign * amount);
}

Value edge(Runtime& rt, const Value& v, const CallArgs& a, bool end) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  auto r = dj::start_of(*d, text_arg(rt, a, 0, "day"), end);
  return date_value(r ? *r : *d);
}

}  // namespace

Value f_format_date(Runtime& rt, const Value& v, const CallArgs& a) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  return rt.str(dj::format(*d, text_arg(rt, a, 0, "YYYY-MM-DD")));
}

Value f_iso_date(Runtime& rt, const Value& v, const CallArgs&) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  return rt.str(dj::iso(*d));
}

Value f_date_add(Runtime& rt, const Value& v, const CallArgs& a) { return shifted(rt, v, a, 1); }
Value f_date_sub(Runtime& rt, const Value& v, const CallArgs& a) { return shifted(rt, v, a, -1); }

Value f_from_now(Runtime& rt, const Value& v, const CallArgs& a) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  return rt.str(dj::relative(*d, rt.now_ms(), truthy(a.get(0))));
}

Value f_to_now(Runtime& rt, const Value& v, const CallArgs& a) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  return rt.str(dj::relative(rt.now_ms(), *d, truthy(a.get(0))));
}

Value f_start_of(Runtime& rt, const Value& v, const CallArgs& a) { return edge(rt, v, a, false); }
Value f_end_of(Runtime& rt, const Value& v, const CallArgs& a) { return edge(rt, v, a, true); }

Value f_is_today(Runtime& rt, const Value& v, const CallArgs&) {
  auto d = to_date(v);
  if (!d) return Value::boolean(false);
  return Value::boolean(dj::start_of(*d, "day") == dj::start_of(rt.now_ms(), "day"));
}

// isBefore(other = now, unit): day.js compares this.endOf(unit) < other, other < startOf(unit).
Value f_is_before(Runtime& rt, const Value& v, const CallArgs& a) {
  auto d = to_date(v);
  auto other = a.get(0).is_nullish() ? std::optional<double>(rt.now_ms()) : to_date(a.get(0));
  if (!d || !other) return Value::boolean(false);
  auto end = dj::start_of(*d, text_arg(rt, a, 1, "ms"), true);
  return Value::boolean((end ? *end : *d) < *other);
}

Value f_is_after(Runtime& rt, const Value& v, const CallArgs& a) {
  auto d = to_date(v);
  auto other = a.get(0).is_nullish() ? std::optional<double>(rt.now_ms()) : to_date(a.get(0));
  if (!d || !other) return Value::boolean(false);
  auto start = dj::start_of(*d, text_arg(rt, a, 1, "ms"), false);
  return Value::boolean(*other < (start ? *start : *d));
}

Value f_date_diff(Runtime& rt, const Value& v, const CallArgs& a) {
  auto d = to_date(v);
  auto other = a.get(0).is_nullish() ? std::optional<double>(rt.now_ms()) : to_date(a.get(0));
  if (!d || !other) return Value::string({});
  auto r = dj::diff(*d, *other, text_arg(rt, a, 1, "ms"), truthy(a.get(2)));
  return Value::number(r ? *r : *d - *other);
}

Value f_unix(Runtime&, const Value& v, const CallArgs&) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  return Value::number(std::floor(*d / 1000));
}

// utc: the UTC wall-clock time as a local date-time string, so that formatDate after it shows
// UTC fields (a number cannot carry day.js's UTC mode; `Z` then still shows the local offset).
Value f_utc(Runtime& rt, const Value& v, const CallArgs&) {
  auto d = to_date(v);
  if (!d) return Value::string({});
  std::string s = dj::iso(*d);
  s.pop_back();  // the Z
  return rt.str(s);
}

}  // namespace unjucks::tpl::filters
