// The methods templates call with regular expressions, as JavaScript runs them:
// String.prototype.replace/replaceAll/match/search/split, RegExp.prototype.test/exec, and the
// properties of an expression (source, flags, global, ..., lastIndex).
// Not there: the `index`, `input` and `groups` properties of exec()'s and match()'s result
// arrays (arrays here have no named properties).
#pragma once

#include <cstdint>
#include <string_view>

#include "template/render/callable.h"

namespace unjucks::tpl {

Value s_replace(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_replace_all(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_match(Runtime& rt, const Callable& c, const CallArgs& a);
Value s_search(Runtime& rt, const Callable& c, const CallArgs& a);
// matchAll: an array of match arrays (JavaScript's iterator, already run).
Value s_match_all(Runtime& rt, const Callable& c, const CallArgs& a);
// split(separator, limit) with a regular expression as the separator (at most `limit` pieces).
Value split_by_regex(Runtime& rt, std::string_view s, const RegexObj& re, uint32_t limit);
Value r_test(Runtime& rt, const Callable& c, const CallArgs& a);
Value r_exec(Runtime& rt, const Callable& c, const CallArgs& a);

// A regular expression literal being evaluated: a new object when it has state (the g or y flag:
// lastIndex), else the literal itself.
Value fresh_regex(Runtime& rt, const Value& literal);
// r.source, r.flags (in JavaScript's order), r.global, r.ignoreCase, r.multiline, r.dotAll,
// r.unicode, r.sticky, r.hasIndices, r.lastIndex; undefined for other names.
Value regex_property(Runtime& rt, const RegexObj& re, std::string_view key);

}  // namespace unjucks::tpl
