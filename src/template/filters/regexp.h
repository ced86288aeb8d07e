// JavaScript regular expressions (`r/source/flags` literals) on PCRE2: the JavaScript syntax is
// translated where PCRE2 reads it differently and compiled once per thread into a small cache.
// The pieces String.prototype.replace/replaceAll/match/search/split and RegExp.prototype.test/
// exec are made of: a search from a byte offset, the captures of the last match, and
// GetSubstitution's `$` patterns. Offsets here are bytes of UTF-8; JavaScript's indexes are
// UTF-16 units (js::utf16_length of the prefix).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "template/render/runtime.h"
#include "template/value/value.h"

namespace unjucks::tpl::filters {

// A compiled expression with the data of its last match. It lives in a per-thread cache of 16:
// use it before compiling another expression (or calling back into templates, which may).
struct CompiledRegex;

// Compiles (or finds) `re`; a syntax error fails the render with JavaScript's SyntaxError text.
const CompiledRegex& compile_regex(Runtime& rt, const RegexObj& re);

// The flags: JavaScript's letters, each one a bit.
bool regex_has_flag(const RegexObj& re, char flag);

// Looks for a match starting at byte `from` or later (`anchored`: exactly at `from`). True when
// one is found; its span and captures are then read with the functions below.
bool regex_search(Runtime& rt, const CompiledRegex& re, std::string_view s, size_t from,
                  bool anchored);
size_t regex_match_start(const CompiledRegex& re);
size_t regex_match_end(const CompiledRegex& re);
// Number of capture groups (not counting the whole match).
uint32_t regex_group_count(const CompiledRegex& re);
// Capture n of the last match (0: the whole match) as a view into `s`; undefined when the group
// did not take part.
Value regex_group(const CompiledRegex& re, std::string_view s, uint32_t n);

// The `groups` object of the last match: each named group's capture (undefined when it took no
// part) under its name, in the order the groups appear in the expression; undefined when the
// expression names no group. Names and captures are views (of the arena's copies, and of `s`).
Value regex_groups_object(Runtime& rt, const CompiledRegex& re, std::string_view s);

// GetSubstitution(): appends `tpl` with $$, $&, $`, $', and (with `re`, its last match) $n, $nn
// and $<name> replaced, for a match of s[start, end).
void append_substitution(std::string& out, std::string_view tpl, std::string_view s, size_t start,
                         size_t end, const CompiledRegex* re);

// The index after `pos` when a match is empty: the next code point.
size_t advance_index(std::string_view s, size_t pos);

}  // namespace unjucks::tpl::filters
