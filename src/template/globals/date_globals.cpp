#include "template/globals/date_globals.h"

#include <chrono>
#include <cmath>

#include "template/filters/builtins.h"
#include "template/render/callable.h"
#include "text/dayjs.h"

namespace unjucks::tpl {

double Runtime::now_ms() const {
  if (!std::isnan(now_ms_)) return now_ms_;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

namespace {

Value g_now(Runtime& rt, const Callable&, const CallArgs&) { return Value::number(rt.now_ms()); }

Value g_today(Runtime& rt, const Callable&, const CallArgs&) {
  auto start = text::dayjs::start_of(rt.now_ms(), "day");
  return Value::number(start ? *start : rt.now_ms());
}

Value g_timestamp(Runtime& rt, const Callable&, const CallArgs&) {
  return rt.str(text::dayjs::format(rt.now_ms(), "YYYYMMDDHHmmss"));
}

// formatDate(date, format): with no date, now.
Value g_format_date(Runtime& rt, const Callable&, const CallArgs& a) {
  Value date = a.npos == 0 ? Value::number(rt.now_ms()) : a.get(0);
  CallArgs rest{a.npos > 1 ? a.pos + 1 : nullptr, a.npos > 1 ? a.npos - 1 : 0, a.kw, a.nkw};
  return filters::f_format_date(rt, date, rest);
}

Callable native(NativeFn fn, std::string_view name) {
  Callable c{};
  c.kind = Callable::Kind::Native;
  c.fn = fn;
  c.name = name;
  return c;
}

const Callable kNow = native(g_now, "now");
const Callable kToday = native(g_today, "today");
const Callable kTimestamp = native(g_timestamp, "timestamp");
const Callable kFormatDate = native(g_format_date, "formatDate");

}  // namespace

Value date_global(std::string_view name) {
  const Callable* c = name == "now"          ? &kNow
                      : name == "today"      ? &kToday
                      : name == "timestamp"  ? &kTimestamp
                      : name == "formatDate" ? &kFormatDate
                                             : nullptr;
  return c ? Value::callable(const_cast<Callable*>(c)) : Value();
}

}  // namespace unjucks::tpl
