// The built-in filters and tests of Nunjucks 3.2.4 (plus the code-generation filters), as
// functions with the FilterFn / TestFn signatures of runtime.h. find_filter() / find_test()
// (registry.cpp) map names to them; tests of this library may call them directly.
#pragma once

#include <cstdint>

#include "template/render/runtime.h"

namespace unjucks::tpl::filters {

// Seeds the generator behind the `random` filter (per thread); tests use a fixed seed.
void seed_random(uint64_t seed);

// ---- Filters (Nunjucks' argument names in comments) -------------------------------------------

// number_filters.cpp
Value f_abs(Runtime& rt, const Value& v, const CallArgs& args);
Value f_default(Runtime& rt, const Value& v, const CallArgs& args);  // (default, boolean)
Value f_float(Runtime& rt, const Value& v, const CallArgs& args);    // (default)
Value f_int(Runtime& rt, const Value& v, const CallArgs& args);      // (default, base)
Value f_round(Runtime& rt, const Value& v, const CallArgs& args);    // (precision, method)
Value f_sum(Runtime& rt, const Value& v, const CallArgs& args);      // (attribute, start)
Value f_random(Runtime& rt, const Value& v, const CallArgs& args);

// string_filters.cpp
Value f_capitalize(Runtime& rt, const Value& v, const CallArgs& args);
Value f_center(Runtime& rt, const Value& v, const CallArgs& args);  // (width)
Value f_indent(Runtime& rt, const Value& v, const CallArgs& args);  // (width, first)
Value f_lower(Runtime& rt, const Value& v, const CallArgs& args);
Value f_nl2br(Runtime& rt, const Value& v, const CallArgs& args);
Value f_string(Runtime& rt, const Value& v, const CallArgs& args);
Value f_title(Runtime& rt, const Value& v, const CallArgs& args);
Value f_trim(Runtime& rt, const Value& v, const CallArgs& args);
Value f_truncate(Runtime& rt, const Value& v, const CallArgs& args);  // (length, killwords, end)
Value f_upper(Runtime& rt, const Value& v, const CallArgs& args);
Value f_wordcount(Runtime& rt, const Value& v, const CallArgs& args);

// replace.cpp
Value f_replace(Runtime& rt, const Value& v, const CallArgs& args);  // (old, new, count)
// String.prototype.replace (and, with `all`, replaceAll) with a regular expression: `with` a
// string with $ patterns or a function of (match, p1..pn, offset, string).
Value regex_replace(Runtime& rt, const Value& str, const RegexObj& re, const Value& with, bool all);

// markup_filters.cpp
Value f_escape(Runtime& rt, const Value& v, const CallArgs& args);
Value f_forceescape(Runtime& rt, const Value& v, const CallArgs& args);
Value f_safe(Runtime& rt, const Value& v, const CallArgs& args);
Value f_striptags(Runtime& rt, const Value& v, const CallArgs& args);  // (preserve_linebreaks)
Value f_urlencode(Runtime& rt, const Value& v, const CallArgs& args);
Value f_urlize(Runtime& rt, const Value& v, const CallArgs& args);  // (trim_url_limit, nofollow)

// json.cpp
Value f_dump(Runtime& rt, const Value& v, const CallArgs& args);    // (spaces)
Value f_tojson(Runtime& rt, const Value& v, const CallArgs& args);  // (indent)

// list_filters.cpp
Value f_batch(Runtime& rt, const Value& v, const CallArgs& args);  // (linecount, fill_with)
Value f_first(Runtime& rt, const Value& v, const CallArgs& args);
Value f_join(Runtime& rt, const Value& v, const CallArgs& args);  // (delimiter, attribute)
Value f_last(Runtime& rt, const Value& v, const CallArgs& args);
Value f_length(Runtime& rt, const Value& v, const CallArgs& args);
Value f_list(Runtime& rt, const Value& v, const CallArgs& args);
Value f_reverse(Runtime& rt, const Value& v, const CallArgs& args);
Value f_slice(Runtime& rt, const Value& v, const CallArgs& args);       // (slices, fill_with)
Value f_select(Runtime& rt, const Value& v, const CallArgs& args);      // (test, arg)
Value f_reject(Runtime& rt, const Value& v, const CallArgs& args);      // (test, arg)
Value f_selectattr(Runtime& rt, const Value& v, const CallArgs& args);  // (attribute)
Value f_rejectattr(Runtime& rt, const Value& v, const CallArgs& args);  // (attribute)

// sort_filters.cpp
Value f_sort(Runtime& rt, const Value& v, const CallArgs& args);      // (reverse, case_sensitive,
                                                                      //  attribute)
Value f_dictsort(Runtime& rt, const Value& v, const CallArgs& args);  // (case_sensitive, by)
Value f_groupby(Runtime& rt, const Value& v, const CallArgs& args);   // (attribute)

// codegen_filters.cpp: change-case and inflection filters (camelCase, pluralize, ...) are
// registered from there.
struct NamedFilter {
  const char* name;
  FilterFn fn;
};
// The code-generation filters, sorted by name.
const NamedFilter* codegen_filters(size_t* count);
// unjucks_filters.cpp: the names the Unjucks (JavaScript) release registers for generators that
// Nunjucks and the code-generation filters do not have (PascalCase, swapCase, pad, the day.js
// date filters formatDate, dateAdd, fromNow, ...), sorted by name.
const NamedFilter* unjucks_filters(size_t* count);

// date_filters.cpp: dates are numbers of milliseconds (what now() returns) or strings day.js
// parses; an invalid date makes the date filters return "" (false for the comparisons).
Value f_format_date(Runtime& rt, const Value& v, const CallArgs& args);  // (format)
Value f_iso_date(Runtime& rt, const Value& v, const CallArgs& args);
Value f_date_add(Runtime& rt, const Value& v, const CallArgs& args);  // (amount, unit)
Value f_date_sub(Runtime& rt, const Value& v, const CallArgs& args);  // (amount, unit)
Value f_from_now(Runtime& rt, const Value& v, const CallArgs& args);  // (withoutSuffix)
Value f_to_now(Runtime& rt, const Value& v, const CallArgs& args);    // (withoutSuffix)
Value f_start_of(Runtime& rt, const Value& v, const CallArgs& args);  // (unit)
Value f_end_of(Runtime& rt, const Value& v, const CallArgs& args);    // (unit)
Value f_is_today(Runtime& rt, const Value& v, const CallArgs& args);
Value f_is_before(Runtime& rt, const Value& v, const CallArgs& args);  // (date, unit)
Value f_is_after(Runtime& rt, const Value& v, const CallArgs& args);   // (date, unit)
Value f_date_diff(Runtime& rt, const Value& v, const CallArgs& args);  // (date, unit, float)
Value f_unix(Runtime& rt, const Value& v, const CallArgs& args);
Value f_utc(Runtime& rt, const Value& v, const CallArgs& args);

// ---- Tests (tests.cpp) ------------------------------------------------------------------------

bool t_callable(Runtime& rt, const Value& v, const CallArgs& args);
bool t_defined(Runtime& rt, const Value& v, const CallArgs& args);
bool t_divisibleby(Runtime& rt, const Value& v, const CallArgs& args);
bool t_escaped(Runtime& rt, const Value& v, const CallArgs& args);
bool t_equalto(Runtime& rt, const Value& v, const CallArgs& args);
bool t_even(Runtime& rt, const Value& v, const CallArgs& args);
bool t_falsy(Runtime& rt, const Value& v, const CallArgs& args);
bool t_ge(Runtime& rt, const Value& v, const CallArgs& args);
bool t_gt(Runtime& rt, const Value& v, const CallArgs& args);
bool t_le(Runtime& rt, const Value& v, const CallArgs& args);
bool t_lt(Runtime& rt, const Value& v, const CallArgs& args);
bool t_lower(Runtime& rt, const Value& v, const CallArgs& args);
bool t_ne(Runtime& rt, const Value& v, const CallArgs& args);
bool t_null(Runtime& rt, const Value& v, const CallArgs& args);
bool t_number(Runtime& rt, const Value& v, const CallArgs& args);
bool t_odd(Runtime& rt, const Value& v, const CallArgs& args);
bool t_string(Runtime& rt, const Value& v, const CallArgs& args);
bool t_truthy(Runtime& rt, const Value& v, const CallArgs& args);
bool t_undefined(Runtime& rt, const Value& v, const CallArgs& args);
bool t_upper(Runtime& rt, const Value& v, const CallArgs& args);
bool t_iterable(Runtime& rt, const Value& v, const CallArgs& args);
bool t_mapping(Runtime& rt, const Value& v, const CallArgs& args);

}  // namespace unjucks::tpl::filters
