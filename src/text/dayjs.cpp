// day.js 1.11's formatting, parsing and arithmetic, reimplemented over the C library's local
// time (localtime_r / mktime, which follow TZ).
#include "text/dayjs.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace unjucks::text::dayjs {

namespace {

constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
constexpr double kMinute = 60e3, kHour = 3600e3, kDay = 86400e3, kWeek = 7 * 86400e3;

struct Local {
  int y, mo, d, h, mi, s, ms, wd;
  long offset_min;  // utcOffset()
};

Local local(double t) {
  double sec = std::floor(t / 1000);
  auto tt = static_cast<time_t>(sec);
  struct tm tm {};
  localtime_r(&tt, &tm);
  return {tm.tm_year + 1900,
          tm.tm_mon,
          tm.tm_mday,
          tm.tm_hour,
          tm.tm_min,
          tm.tm_sec,
          static_cast<int>(t - sec * 1000),
          tm.tm_wday,
          tm.tm_gmtoff / 60};
}

// new Date(y, mo, d, h, mi, s, ms): fields may overflow (month 13, day 0).
double make(double y, double mo, double d, double h, double mi, double s, double ms) {
  double ym = y + std::floor(mo / 12);
  double mn = mo - std::floor(mo / 12) * 12;
  struct tm tm {};
  tm.tm_year = static_cast<int>(ym) - 1900;
  tm.tm_mon = static_cast<int>(mn);
  tm.tm_mday = 1;
  tm.tm_hour = 12;
  tm.tm_isdst = -1;
  time_t base = mktime(&tm);  // noon of the 1st: clear of DST changes
  // Days from the 1st by the calendar, then the time of day in local time.
  struct tm day {};
  time_t noon = base + static_cast<time_t>((d - 1) * 86400);
  localtime_r(&noon, &day);
  day.tm_hour = 0;
  day.tm_min = 0;
  day.tm_sec = 0;
  day.tm_isdst = -1;
  time_t midnight = mktime(&day);
  return static_cast<double>(midnight) * 1000 + h * kHour + mi * kMinute + s * 1000 + ms;
}

std::string pad(long v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*ld", width, v);
  return buf;
}

std::string zone(long offset_min, bool colon) {
  long m = std::labs(offset_min);
  return std::string(offset_min >= 0 ? "+" : "-") + pad(m / 60, 2) + (colon ? ":" : "") +
         pad(m % 60, 2);
}

std::string ordinal(int n) {
  static const char* s[] = {"th", "st", "nd", "rd"};
  int v = n % 100;
  const char* suf = (v - 20) % 10 >= 1 && (v - 20) % 10 <= 3 && v >= 20 ? s[(v - 20) % 10]
                    : v >= 1 && v <= 3                                  ? s[v]
                                                                        : s[0];
  return std::to_string(n) + suf;
}

enum class Unit { Year, Month, Quarter, Week, Day, Hour, Minute, Second, Millisecond };

std::optional<Unit> unit_of(std::string_view u) {
  if (u == "M") return Unit::Month;
  if (u == "y") return Unit::Year;
  if (u == "w") return Unit::Week;
  if (u == "d" || u == "D") return Unit::Day;
  if (u == "h") return Unit::Hour;
  if (u == "m") return Unit::Minute;
  if (u == "s") return Unit::Second;
  if (u == "ms") return Unit::Millisecond;
  if (u == "Q") return Unit::Quarter;
  std::string l;
  for (char c : u) l += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (!l.empty() && l.back() == 's') l.pop_back();
  if (l == "year") return Unit::Year;
  if (l == "month") return Unit::Month;
  if (l == "quarter") return Unit::Quarter;
  if (l == "week") return Unit::Week;
  if (l == "day" || l == "date") return Unit::Day;
  if (l == "hour") return Unit::Hour;
  if (l == "minute") return Unit::Minute;
  if (l == "second") return Unit::Second;
  if (l == "millisecond") return Unit::Millisecond;
  return std::nullopt;
}

double add_months(double t, double n) {
  Local l = local(t);
  double target = make(l.y, l.mo + n, 1, 0, 0, 0, 0);
  Local tl = local(target);
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = kDays[tl.mo] + (tl.mo == 1 && ((tl.y % 4 == 0 && tl.y % 100 != 0) || tl.y % 400 == 0));
  return make(tl.y, tl.mo, std::min(l.d, dim), l.h, l.mi, l.s, l.ms);
}

double month_diff(double a, double b) {
  Local la = local(a), lb = local(b);
  if (la.d < lb.d) return -month_diff(b, a);
  double whole = (lb.y - la.y) * 12.0 + (lb.mo - la.mo);
  double anchor = add_months(a, whole);
  bool c = b - anchor < 0;
  double anchor2 = add_months(a, whole + (c ? -1 : 1));
  double r = -(whole + (b - anchor) / (c ? anchor - anchor2 : anchor2 - anchor));
  return r == 0 || std::isnan(r) ? 0 : r;
}

bool digits(std::string_view s, size_t& i, size_t min, size_t max, int& out) {
  size_t n = 0;
  out = 0;
  while (i < s.size() && n < max && s[i] >= '0' && s[i] <= '9') {
    out = out * 10 + (s[i++] - '0');
    ++n;
  }
  return n >= min;
}

}  // namespace

std::optional<double> parse(std::string_view s) {
  bool zulu = !s.empty() && (s.back() == 'Z' || s.back() == 'z');
  // ISO 8601 with a zone (Z or +hh:mm): JavaScript's Date.
  size_t i = 0;
  int y = 0, mo = 1, d = 1, h = 0, mi = 0, sec = 0, ms = 0;
  if (!digits(s, i, 4, 4, y)) return std::nullopt;
  auto sep = [&](char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  size_t zone_at = s.find_first_of("Zz+", 10);
  if (zone_at == std::string_view::npos && s.size() > 19) zone_at = s.find('-', 19);
  if (zulu || zone_at != std::string_view::npos) {
    if (!sep('-') || !digits(s, i, 2, 2, mo) || !sep('-') || !digits(s, i, 2, 2, d))
      return std::nullopt;
    if (sep('T') || sep('t') || sep(' ')) {
      if (!digits(s, i, 2, 2, h) || !sep(':') || !digits(s, i, 2, 2, mi)) return std::nullopt;
      if (sep(':')) {
        if (!digits(s, i, 2, 2, sec)) return std::nullopt;
        if (sep('.')) {
          size_t start = i;
          int frac = 0;
          if (!digits(s, i, 1, 9, frac)) return std::nullopt;
          size_t n = i - start;
          ms = static_cast<int>(frac / std::pow(10.0, static_cast<double>(n) - 3));
          if (n < 3) ms = static_cast<int>(frac * std::pow(10.0, 3.0 - static_cast<double>(n)));
        }
      }
    }
    long offset = 0;
    if (sep('Z') || sep('z')) {
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int sign = s[i++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!digits(s, i, 2, 2, oh) || !sep(':') || !digits(s, i, 2, 2, om)) return std::nullopt;
      offset = sign * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
    if (i != s.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 59)
      return std::nullopt;
    struct tm tm {};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    double days = static_cast<double>(timegm(&tm)) / 86400;
    return days * kDay + h * kHour + mi * kMinute + sec * 1000.0 + ms - offset * kMinute;
  }
  // day.js's REGEX_PARSE, in local time.
  i = 4;
  sep('-') || sep('/');
  int v = 0;
  bool has_mo = digits(s, i, 1, 2, v);
  if (has_mo) mo = v;
  sep('-') || sep('/');
  if (digits(s, i, 0, 2, v) && v) d = v;
  while (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t')) ++i;
  if (digits(s, i, 1, 2, v)) h = v;
  sep(':');
  if (digits(s, i, 1, 2, v)) mi = v;
  sep(':');
  if (digits(s, i, 1, 2, v)) sec = v;
  sep('.') || sep(':');
  size_t frac_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  std::string_view frac = s.substr(frac_start, i - frac_start);
  for (size_t k = 0; k < 3; ++k) ms = ms * 10 + (k < frac.size() ? frac[k] - '0' : 0);
  if (i != s.size()) return std::nullopt;
  return make(y, mo - 1, d, h, mi, sec, ms);
}

std::string iso(double ms) {
  double sec = std::floor(ms / 1000);
  auto tt = static_cast<time_t>(sec);
  struct tm tm {};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms - sec * 1000));
  return buf;
}

std::string format(double ms, std::string_view fmt) {
  if (fmt.empty()) fmt = "YYYY-MM-DDTHH:mm:ssZ";
  Local l = local(ms);
  std::string out;
  size_t i = 0;
  auto run = [&](char c, size_t max) {
    size_t n = 0;
    while (i + n < fmt.size() && fmt[i + n] == c && n < max) ++n;
    return n;
  };
  while (i < fmt.size()) {
    char c = fmt[i];
    if (c == '[') {
      size_t close = fmt.find(']', i + 1);
      if (close != std::string_view::npos && close > i + 1) {
        out.append(fmt.substr(i + 1, close - i - 1));
        i = close + 1;
        continue;
      }
    }
    int h12 = l.h % 12 == 0 ? 12 : l.h % 12;
    size_t n = 0;
    switch (c) {
      case 'Y':
        n = run('Y', 4);
        if (n == 2)
          out += std::to_string(l.y).substr(
              std::to_string(l.y).size() >= 2 ? std::to_string(l.y).size() - 2 : 0);
        else if (n == 4)
          out += pad(l.y, 4);
        else
          out += zone(l.offset_min, false);
        break;
      case 'M':
        n = run('M', 4);
        out += n == 1   ? std::to_string(l.mo + 1)
               : n == 2 ? pad(l.mo + 1, 2)
               : n == 3 ? std::string(kMonths[l.mo].substr(0, 3))
                        : std::string(kMonths[l.mo]);
        break;
      case 'D':
        if (i + 1 < fmt.size() && fmt[i + 1] == 'o') {
          out += ordinal(l.d);
          n = 2;
          break;
        }
        n = run('D', 2);
        out += n == 1 ? std::to_string(l.d) : pad(l.d, 2);
        break;
      case 'd':
        n = run('d', 4);
        out += n == 1   ? std::to_string(l.wd)
               : n == 2 ? std::string(kWeekdays[l.wd].substr(0, 2))
               : n == 3 ? std::string(kWeekdays[l.wd].substr(0, 3))
                        : std::string(kWeekdays[l.wd]);
        break;
      case 'H':
        n = run('H', 2);
        out += n == 1 ? std::to_string(l.h) : pad(l.h, 2);
        break;
      case 'h':
        n = run('h', 2);
        out += n == 1 ? std::to_string(h12) : pad(h12, 2);
        break;
      case 'k':
        n = run('k', 2);
        out += n == 1 ? std::to_string(l.h == 0 ? 24 : l.h) : pad(l.h == 0 ? 24 : l.h, 2);
        break;
      case 'a':
      case 'A':
        n = 1;
        out += l.h < 12 ? (c == 'a' ? "am" : "AM") : (c == 'a' ? "pm" : "PM");
        break;
      case 'm':
        n = run('m', 2);
        out += n == 1 ? std::to_string(l.mi) : pad(l.mi, 2);
        break;
      case 's':
        n = run('s', 2);
        out += n == 1 ? std::to_string(l.s) : pad(l.s, 2);
        break;
      case 'S':
        if (run('S', 3) == 3) {
          n = 3;
          out += pad(l.ms, 3);
        } else {
          n = 1;
          out += 'S';
        }
        break;
      case 'Z':
        n = run('Z', 2);
        out += zone(l.offset_min, n == 1);
        break;
      case 'Q':
        n = 1;
        out += std::to_string(l.mo / 3 + 1);
        break;
      case 'X':
        n = 1;
        out += std::to_string(static_cast<long long>(std::floor(ms / 1000)));
        break;
      case 'x':
        n = 1;
        out += std::to_string(static_cast<long long>(ms));
        break;
      default:
        n = 1;
        out += c;
        break;
    }
    i += n;
  }
  return out;
}

std::optional<double> add(double ms, double amount, std::string_view unit_name) {
  auto unit = unit_of(unit_name);
  if (!unit) return std::nullopt;
  double n = std::round(amount);
  Local l = local(ms);
  switch (*unit) {
    case Unit::Year:
      return add_months(ms, n * 12);
    case Unit::Quarter:
      return add_months(ms, n * 3);
    case Unit::Month:
      return add_months(ms, n);
    case Unit::Week:
      return make(l.y, l.mo, l.d + n * 7, l.h, l.mi, l.s, l.ms);
    case Unit::Day:
      return make(l.y, l.mo, l.d + n, l.h, l.mi, l.s, l.ms);
    case Unit::Hour:
      return ms + amount * kHour;
    case Unit::Minute:
      return ms + amount * kMinute;
    case Unit::Second:
      return ms + amount * 1000;
    case Unit::Millisecond:
      return ms + amount;
  }
  return std::nullopt;
}

std::optional<double> start_of(double ms, std::string_view unit_name, bool end) {
  auto unit = unit_of(unit_name);
  if (!unit) return std::nullopt;
  Local l = local(ms);
  auto edge = [&](double y, double mo, double d, double h, double mi, double s) {
    return end ? make(y, mo, d, h, mi, s, 999) : make(y, mo, d, h, mi, s, 0);
  };
  switch (*unit) {
    case Unit::Year:
      return end ? edge(l.y, 11, 31, 23, 59, 59) : edge(l.y, 0, 1, 0, 0, 0);
    case Unit::Quarter: {
      int q = l.mo / 3 * 3;
      return end ? edge(l.y, q + 3, 0, 23, 59, 59) : edge(l.y, q, 1, 0, 0, 0);
    }
    case Unit::Month:
      return end ? edge(l.y, l.mo + 1, 0, 23, 59, 59) : edge(l.y, l.mo, 1, 0, 0, 0);
    case Unit::Week:
      return end ? edge(l.y, l.mo, l.d + (6 - l.wd), 23, 59, 59)
                 : edge(l.y, l.mo, l.d - l.wd, 0, 0, 0);
    case Unit::Day:
      return end ? edge(l.y, l.mo, l.d, 23, 59, 59) : edge(l.y, l.mo, l.d, 0, 0, 0);
    case Unit::Hour:
      return end ? edge(l.y, l.mo, l.d, l.h, 59, 59) : edge(l.y, l.mo, l.d, l.h, 0, 0);
    case Unit::Minute:
      return end ? edge(l.y, l.mo, l.d, l.h, l.mi, 59) : edge(l.y, l.mo, l.d, l.h, l.mi, 0);
    case Unit::Second:
      return end ? edge(l.y, l.mo, l.d, l.h, l.mi, l.s) : edge(l.y, l.mo, l.d, l.h, l.mi, l.s);
    case Unit::Millisecond:
      return ms;
  }
  return std::nullopt;
}

std::optional<double> diff(double a, double b, std::string_view unit_name, bool as_float) {
  auto unit = unit_of(unit_name);
  double d = a - b;
  double zone_delta =
      (static_cast<double>(local(b).offset_min) - static_cast<double>(local(a).offset_min)) *
      kMinute;
  double r = d;
  if (unit) {
    switch (*unit) {
      case Unit::Year:
        r = month_diff(a, b) / 12;
        break;
      case Unit::Month:
        r = month_diff(a, b);
        break;
      case Unit::Quarter:
        r = month_diff(a, b) / 3;
        break;
      case Unit::Week:
        r = (d - zone_delta) / kWeek;
        break;
      case Unit::Day:
        r = (d - zone_delta) / kDay;
        break;
      case Unit::Hour:
        r = d / kHour;
        break;
      case Unit::Minute:
        r = d / kMinute;
        break;
      case Unit::Second:
        r = d / 1000;
        break;
      case Unit::Millisecond:
        break;
    }
  }
  if (as_float) return r;
  double t = r < 0 ? std::ceil(r) : std::floor(r);
  return t == 0 ? 0 : t;
}

std::string relative(double ms, double from, bool without_suffix) {
  struct Threshold {
    const char* label;
    double r;  // 0: no limit
    const char* unit;
  };
  static const Threshold kT[] = {{"s", 44, "s"},     {"m", 89, nullptr}, {"mm", 44, "m"},
                                 {"h", 89, nullptr}, {"hh", 21, "h"},    {"d", 35, nullptr},
                                 {"dd", 25, "d"},    {"M", 45, nullptr}, {"MM", 10, "M"},
                                 {"y", 17, nullptr}, {"yy", 0, "y"}};
  auto text = [](std::string_view label, double n) -> std::string {
    std::string c = std::to_string(static_cast<long long>(n));
    if (label == "s") return "a few seconds";
    if (label == "m") return "a minute";
    if (label == "mm") return c + " minutes";
    if (label == "h") return "an hour";
    if (label == "hh") return c + " hours";
    if (label == "d") return "a day";
    if (label == "dd") return c + " days";
    if (label == "M") return "a month";
    if (label == "MM") return c + " months";
    if (label == "y") return "a year";
    return c + " years";
  };
  double result = 0;
  std::string out;
  for (size_t i = 0; i < std::size(kT); ++i) {
    if (kT[i].unit) result = *diff(ms, from, kT[i].unit, true);
    double abs = std::floor(std::fabs(result) + 0.5);
    if (abs <= kT[i].r || kT[i].r == 0) {
      const Threshold& t = abs <= 1 && i > 0 ? kT[i - 1] : kT[i];
      out = text(t.label, abs);
      break;
    }
  }
  if (without_suffix) return out;
  return result > 0 ? "in " + out : out + " ago";
}

}  // namespace unjucks::text::dayjs
