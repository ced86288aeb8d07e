// JavaScript value semantics, as Nunjucks inherits them: truthiness, String(), Number(),
// loose and strict equality, relational comparison, number formatting.
#pragma once

#include <string>
#include <string_view>

#include "template/value/value.h"

namespace unjucks::tpl::js {

bool truthy(const Value& v);

// Number.prototype.toString(): shortest round-trip digits, JavaScript's layout.
// Writes into buf (at least 32 bytes) and returns the view of it.
std::string_view format_number(double d, char* buf);

// String(v), appended to out.
void append_string(const Value& v, std::string& out);
// Array.prototype.join(sep), appended to out: nullish items are "", nested arrays are joined
// with ",", and an array already being joined further up (a cycle) is "".
void append_joined(const ArrayObj* a, std::string_view sep, std::string& out);
// String(v) as a view: strings are returned as they are, other values are formatted into the
// arena.
std::string_view to_string(const Value& v, mem::Arena& arena);
// Number(v): JavaScript's ToNumber (strings are parsed, "" is 0, garbage is NaN).
double to_number(const Value& v);
// parseInt/parseFloat-like prefix parsing used by the int and float filters.
double parse_float_prefix(std::string_view s);

bool strict_equals(const Value& a, const Value& b);
bool loose_equals(const Value& a, const Value& b);
// a < b with JavaScript's abstract relational comparison (strings compare as strings when both
// are strings, otherwise as numbers; NaN makes every comparison false).
// Returns -2 when unordered (NaN), otherwise -1, 0, 1.
int compare(const Value& a, const Value& b);
// Orders two UTF-8 strings as JavaScript orders strings: by UTF-16 code units.
int compare_utf16(std::string_view a, std::string_view b);

// Named type for messages ("undefined", "object", ...), as typeof would say.
std::string_view type_name(const Value& v);

// Number of UTF-16 code units of a UTF-8 string (JavaScript's .length); a byte that is not
// part of valid UTF-8 counts one unit, as the U+FFFD Node decodes it to.
size_t utf16_length(std::string_view s);

}  // namespace unjucks::tpl::js
