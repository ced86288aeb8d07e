// Dates as Unjucks' date filters handle them with day.js 1.11 (plus its advancedFormat and
// relativeTime plugins): a date is a number of milliseconds since 1970 (UTC), shown in the local
// time zone (TZ), as day.js shows it. All functions are pure given the time zone.
//   format(ms, "YYYY-MM-DD HH:mm")       day.js tokens: YY YYYY M MM MMM MMMM D DD Do d dd ddd
//                                        dddd H HH h hh k kk a A m mm s ss SSS Z ZZ Q X x, and
//                                        [escaped text]; an empty format is YYYY-MM-DDTHH:mm:ssZ
//   parse("2024-01-15") / parse("2024-01-15T10:30:00Z")   day.js's parsing of strings
//   add(ms, 3, "month"), start_of(ms, "week"), diff(a, b, "day"), relative(ms, now)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace unjucks::text::dayjs {

// day.js's parsing: "YYYY[-MM[-DD]][ T]HH[:mm[:ss[.SSS]]]" in local time; a string ending in Z
// (or with an offset) as JavaScript's Date parses ISO 8601. nullopt for an invalid date.
std::optional<double> parse(std::string_view s);
std::string format(double ms, std::string_view fmt);
// Date.prototype.toISOString: "2024-01-15T10:30:00.000Z".
std::string iso(double ms);
// Units as day.js names them: year(s)/y, month(s)/M, week(s)/w, day(s)/d/date, hour(s)/h,
// minute(s)/m, second(s)/s, millisecond(s)/ms, quarter(s)/Q. nullopt for an unknown unit.
std::optional<double> add(double ms, double amount, std::string_view unit);
std::optional<double> start_of(double ms, std::string_view unit, bool end = false);
// a.diff(b, unit, as_float): truncated toward zero unless as_float.
std::optional<double> diff(double a, double b, std::string_view unit, bool as_float = false);
// relativeTime: `ms` seen from `from` ("3 days ago", "in an hour"); to_now reverses it.
std::string relative(double ms, double from, bool without_suffix);

}  // namespace unjucks::text::dayjs
