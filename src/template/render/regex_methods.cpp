#include "template/render/regex_methods.h"

#include <cmath>
#include <string>

#include "template/filters/builtins.h"
#include "template/filters/regexp.h"
#include "template/filters/support.h"
#include "template/render/methods.h"
#include "template/value/js.h"

namespace unjucks::tpl {

using filters::CompiledRegex;

namespace {

double units_before(std::string_view s, size_t byte) {
  return static_cast<double>(js::utf16_length(s.substr(0, byte)));
}

bool keeps_state(const RegexObj& re) {
  return filters::regex_has_flag(re, 'g') || filters::regex_has_flag(re, 'y');
}

// `new RegExp(v)` for the string methods given something else than an expression: its text is
// the pattern (undefined: the empty pattern).
const RegexObj& as_regex(Runtime& rt, const Value& v) {
  if (v.is_regex()) return *v.as_regex();
  RegexObj* re = rt.arena().make<RegexObj>();
  re->source = v.is_undefined() ? std::string_view("(?:)") : js::to_string(v, rt.arena());
  return *re;
}

// The match array: [match, capture 1, ..., capture n] (undefined for a group that took no part),
// with JavaScript's `index` (of the match, in UTF-16 units), `input` and `groups` properties.
Value match_array(Runtime& rt, const CompiledRegex& cre, std::string_view s) {
  uint32_t groups = filters::regex_group_count(cre);
  ArrayObj* out = rt.new_array(groups + 1);
  for (uint32_t g = 0; g <= groups; ++g) out->push(rt.arena(), filters::regex_group(cre, s, g));
  out->props = rt.new_object(3);
  out->props->set(rt.arena(), "index",
                  Value::number(units_before(s, filters::regex_match_start(cre))));
  out->props->set(rt.arena(), "input", Value::string(s));
  out->props->set(rt.arena(), "groups", filters::regex_groups_object(rt, cre, s));
  return Value::array(out);
}

// RegExpBuiltinExec: a global or sticky expression starts at lastIndex and moves it past the
// match (back to 0 when there is none); a sticky one matches only there. Null when no match.
Value exec(Runtime& rt, const RegexObj& re, std::string_view s) {
  const bool stateful = keeps_state(re);
  const bool sticky = filters::regex_has_flag(re, 'y');
  size_t from = 0;
  if (stateful) {
    if (re.last_index > static_cast<double>(js::utf16_length(s))) {
      re.last_index = 0;
      return Value::null();
    }
    from = filters::byte_offset(s, static_cast<size_t>(re.last_index));
  }
  const CompiledRegex& cre = filters::compile_regex(rt, re);
  if (!filters::regex_search(rt, cre, s, from, sticky)) {
    if (stateful) re.last_index = 0;
    return Value::null();
  }
  if (stateful) re.last_index = units_before(s, filters::regex_match_end(cre));
  return match_array(rt, cre, s);
}

std::string_view this_string(Runtime& rt, const Callable& c) {
  return js::to_string(c.self, rt.arena());
}

// The replacement of one match of a string pattern: the function's result, or the text with
// its $ patterns.
void append_replacement(Runtime& rt, std::string& out, const Value& with,
                        std::string_view with_text, std::string_view s, size_t start, size_t len) {
  if (with.is_callable()) {
    Value argv[3] = {Value::string(s.substr(start, len)), Value::number(units_before(s, start)),
                     Value::string(s)};
    js::append_string(rt.call(with, CallArgs{argv, 3, nullptr, 0}), out);
  } else {
    filters::append_substitution(out, with_text, s, start, start + len, nullptr);
  }
}

Value replace_string(Runtime& rt, std::string_view s, const Value& pattern, const Value& with,
                     bool all) {
  std::string_view needle = js::to_string(pattern, rt.arena());
  std::string_view with_text = with.is_callable() ? "" : js::to_string(with, rt.arena());
  size_t pos = s.find(needle);
  if (pos == std::string_view::npos) return Value::string(s);
  std::string out;
  size_t copied = 0;
  while (pos != std::string_view::npos) {
    out.append(s.substr(copied, pos - copied));
    append_replacement(rt, out, with, with_text, s, pos, needle.size());
    copied = pos + needle.size();
    if (!all) break;
    // An empty pattern matches before every character and at the end.
    size_t next = needle.empty() ? filters::advance_index(s, pos) : pos + needle.size();
    pos = next > s.size() ? std::string_view::npos : s.find(needle, next);
  }
  out.append(s.substr(copied));
  return rt.str(out);
}

}  // namespace

Value s_replace(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = this_string(rt, c);
  if (a.get(0).is_regex()) {
    const RegexObj& re = *a.get(0).as_regex();
    Value out = filters::regex_replace(rt, Value::string(s), re, a.get(1), false);
    if (filters::regex_has_flag(re, 'g')) re.last_index = 0;
    return out;
  }
  return replace_string(rt, s, a.get(0), a.get(1), false);
}

Value s_replace_all(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = this_string(rt, c);
  if (a.get(0).is_regex()) {
    const RegexObj& re = *a.get(0).as_regex();
    if (!filters::regex_has_flag(re, 'g')) {
      filters::fail(rt,
                    "TypeError: String.prototype.replaceAll called with a non-global RegExp "
                    "argument");
    }
    Value out = filters::regex_replace(rt, Value::string(s), re, a.get(1), true);
    re.last_index = 0;
    return out;
  }
  return replace_string(rt, s, a.get(0), a.get(1), true);
}

Value s_match(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = this_string(rt, c);
  const RegexObj& re = as_regex(rt, a.get(0));
  if (!filters::regex_has_flag(re, 'g')) return exec(rt, re, s);
  // Every match's text; empty matches move one character on.
  const bool sticky = filters::regex_has_flag(re, 'y');
  const CompiledRegex& cre = filters::compile_regex(rt, re);
  ArrayObj* out = rt.new_array();
  size_t pos = 0;
  while (filters::regex_search(rt, cre, s, pos, sticky)) {
    size_t start = filters::regex_match_start(cre), end = filters::regex_match_end(cre);
    out->push(rt.arena(), Value::string(s.substr(start, end - start)));
    pos = end == start ? filters::advance_index(s, end) : end;
  }
  re.last_index = 0;
  return out->size == 0 ? Value::null() : Value::array(out);
}

Value s_match_all(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = this_string(rt, c);
  const RegexObj* re = nullptr;
  if (a.get(0).is_regex()) {
    re = a.get(0).as_regex();
    if (!filters::regex_has_flag(*re, 'g')) {
      filters::fail(rt,
                    "TypeError: String.prototype.matchAll called with a non-global RegExp "
                    "argument");
    }
  } else {
    RegexObj* made = rt.arena().make<RegexObj>();
    *made = as_regex(rt, a.get(0));
    made->flags = "g";
    re = made;
  }
  // JavaScript returns an iterator over a copy of the expression (from its lastIndex); the
  // matches are made here at once, an array of match arrays, which `for` walks the same way.
  RegexObj copy;
  copy.source = re->source;
  copy.flags = re->flags;
  copy.last_index = re->last_index;
  ArrayObj* out = rt.new_array();
  for (;;) {
    Value m = exec(rt, copy, s);
    if (m.is_null()) break;
    out->push(rt.arena(), m);
    // An empty match moves lastIndex one character on.
    const Value& whole = m.as_array()->items[0];
    if (whole.is_string() && whole.as_string().empty()) {
      size_t at = filters::byte_offset(s, static_cast<size_t>(copy.last_index));
      copy.last_index =
          at >= s.size() ? copy.last_index + 1 : units_before(s, filters::advance_index(s, at));
    }
  }
  return Value::array(out);
}

Value s_search(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = this_string(rt, c);
  const RegexObj& re = as_regex(rt, a.get(0));
  const CompiledRegex& cre = filters::compile_regex(rt, re);
  // From the start whatever lastIndex is (and lastIndex is left as it was).
  if (!filters::regex_search(rt, cre, s, 0, filters::regex_has_flag(re, 'y'))) {
    return Value::number(-1);
  }
  return Value::number(units_before(s, filters::regex_match_start(cre)));
}

Value split_by_regex(Runtime& rt, std::string_view s, const RegexObj& re, uint32_t limit) {
  ArrayObj* out = rt.new_array();
  if (limit == 0) return Value::array(out);
  const CompiledRegex& cre = filters::compile_regex(rt, re);
  if (s.empty()) {
    // An empty string splits into nothing when the expression matches it, else into itself.
    if (!filters::regex_search(rt, cre, s, 0, true)) out->push(rt.arena(), Value::string(s));
    return Value::array(out);
  }
  // @@split: a match at q splits there unless it ends where the last piece began (an empty
  // match right after a split); the captures go between the pieces.
  size_t p = 0, q = 0;
  while (q < s.size() && filters::regex_search(rt, cre, s, q, false)) {
    size_t start = filters::regex_match_start(cre), end = filters::regex_match_end(cre);
    if (start >= s.size()) break;
    if (end == p) {
      q = filters::advance_index(s, start);
      continue;
    }
    out->push(rt.arena(), Value::string(s.substr(p, start - p)));
    if (out->size == limit) return Value::array(out);
    uint32_t groups = filters::regex_group_count(cre);
    for (uint32_t g = 1; g <= groups; ++g) {
      out->push(rt.arena(), filters::regex_group(cre, s, g));
      if (out->size == limit) return Value::array(out);
    }
    p = end;
    q = p;
  }
  out->push(rt.arena(), Value::string(s.substr(p)));
  return Value::array(out);
}

Value r_test(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = js::to_string(a.get(0), rt.arena());
  return Value::boolean(!exec(rt, *c.self.as_regex(), s).is_null());
}

Value r_exec(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view s = js::to_string(a.get(0), rt.arena());
  return exec(rt, *c.self.as_regex(), s);
}

Value fresh_regex(Runtime& rt, const Value& literal) {
  const RegexObj& re = *literal.as_regex();
  if (!keeps_state(re)) return literal;
  RegexObj* copy = rt.arena().make<RegexObj>();
  copy->source = re.source;
  copy->flags = re.flags;
  return Value::regex(copy);
}

Value regex_property(Runtime& rt, const RegexObj& re, std::string_view key) {
  // JavaScript compiled the expression when it made it: a bad one is an error here too.
  filters::compile_regex(rt, re);
  auto flag = [&](char f) { return Value::boolean(filters::regex_has_flag(re, f)); };
  if (key == "source") return Value::string(re.source);
  if (key == "flags") {
    std::string flags;
    for (char f : std::string_view("dgimsuvy"))
      if (filters::regex_has_flag(re, f)) flags += f;
    return rt.str(flags);
  }
  if (key == "lastIndex") return Value::number(re.last_index);
  if (key == "global") return flag('g');
  if (key == "ignoreCase") return flag('i');
  if (key == "multiline") return flag('m');
  if (key == "dotAll") return flag('s');
  if (key == "unicode") return flag('u');
  if (key == "sticky") return flag('y');
  if (key == "hasIndices") return flag('d');
  return Value();
}

namespace {

constexpr MethodEntry kRegexMethods[] = {
    {"test", r_test, false},
    {"exec", r_exec, false},
    {"toString", v_to_string, false},
};

}  // namespace

NativeFn regex_method(std::string_view name, bool jinja) {
  return find_method(kRegexMethods, name, jinja);
}

}  // namespace unjucks::tpl
