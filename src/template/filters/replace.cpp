// The replace filter: Nunjucks' substring replacement (with a count), and String.prototype.replace
// with a JavaScript regular expression, run on PCRE2 after translating the JavaScript syntax.
#include <string>

#include "template/filters/builtins.h"
#include "template/filters/regexp.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

Value regex_replace(Runtime& rt, const Value& str, const RegexObj& re_obj, const Value& with,
                    bool all) {
  std::string_view s = method_this(rt, str, "str", "replace");
  const CompiledRegex& re = compile_regex(rt, re_obj);
  bool global = all || regex_has_flag(re_obj, 'g');
  bool sticky = regex_has_flag(re_obj, 'y');
  bool fn = with.is_callable();
  Scratch with_text;
  if (!fn) js::append_string(with, *with_text);
  Scratch out;
  // With a replacement function, every match's arguments are collected before the first call:
  // the call may run filters that reuse the compiled-expression cache.
  ArrayObj* calls = fn ? rt.new_array() : nullptr;
  size_t pos = 0, copied = 0;
  while (regex_search(rt, re, s, pos, sticky)) {
    size_t m_start = regex_match_start(re), m_end = regex_match_end(re);
    if (fn) {
      // fn(match, p1, ..., pn, offset, string[, groups]); the offset counts UTF-16 units, the
      // groups object comes when the expression names groups.
      uint32_t groups = regex_group_count(re);
      ArrayObj* argv = rt.new_array(groups + 4);
      for (uint32_t g = 0; g <= groups; ++g) argv->push(rt.arena(), regex_group(re, s, g));
      argv->push(rt.arena(),
                 Value::number(static_cast<double>(js::utf16_length(s.substr(0, m_start)))));
      argv->push(rt.arena(), Value::string(s));
      Value named = regex_groups_object(rt, re, s);
      if (!named.is_undefined()) argv->push(rt.arena(), named);
      calls->push(rt.arena(), Value::array(argv));
    } else {
      out->append(s.substr(copied, m_start - copied));
      append_substitution(*out, *with_text, s, m_start, m_end, &re);
    }
    copied = m_end;
    if (!global) break;
    pos = m_end == m_start ? advance_index(s, m_end) : m_end;
  }
  if (fn) {
    copied = 0;
    for (const Value& call : *calls) {
      const ArrayObj* argv = call.as_array();
      std::string_view match = argv->items[0].as_string();
      auto m_start = static_cast<size_t>(match.data() - s.data());
      out->append(s.substr(copied, m_start - copied));
      js::append_string(rt.call(with, CallArgs{argv->items, argv->size, nullptr, 0}), *out);
      copied = m_start + match.size();
    }
  }
  out->append(s.substr(copied));
  return rt.str(*out);
}

Value f_replace(Runtime& rt, const Value& v, const CallArgs& args) {
  Value old = arg(args, 0, "old");
  Value with = arg(args, 1, "new");
  if (old.is_regex()) return regex_replace(rt, v, *old.as_regex(), with, false);
  Value max_count = arg(args, 2, "count");
  if (max_count.is_undefined()) max_count = Value::number(-1);
  char nbuf[32];
  std::string_view needle;
  if (old.is_number()) {
    needle = js::format_number(old.as_number(), nbuf);
  } else if (is_plain_string(old)) {
    needle = old.as_string();
  } else {
    return v;
  }
  Value str = v;
  if (v.is_number()) str = Value::string(js::to_string(v, rt.arena()));
  if (!str.is_string()) return str;
  std::string_view s = str.as_string();
  Scratch with_text;
  if (needle.empty()) {
    // new + str.split('').join(new) + new; join(undefined) uses ','.
    js::append_string(with, *with_text);
    std::string_view sep = with.is_undefined() ? std::string_view(",") : *with_text;
    if (sep.empty()) return copy_safeness(str, s);  // the units join back into s
    Scratch out;
    *out += *with_text;
    ArrayObj* units = array_copy(rt, str.with_safe(false));
    for (uint32_t i = 0; i < units->size; ++i) {
      if (i) *out += sep;
      *out += units->items[i].as_string();
    }
    *out += *with_text;
    return rt.str(*out, is_safe_string(str));
  }
  size_t next = s.find(needle);
  bool zero = max_count.is_number() && max_count.as_number() == 0;
  if (zero || next == std::string_view::npos) return str;
  js::append_string(with, *with_text);
  Scratch out;
  size_t pos = 0;
  double count = 0;
  bool unlimited = max_count.is_number() && max_count.as_number() == -1;
  while (next != std::string_view::npos &&
         (unlimited || js::compare(Value::number(count), max_count) == -1)) {
    out->append(s.substr(pos, next - pos));
    *out += *with_text;
    pos = next + needle.size();
    ++count;
    next = s.find(needle, pos);
  }
  if (pos < s.size()) out->append(s.substr(pos));
  return rt.str(*out, is_safe_string(v));
}

}  // namespace unjucks::tpl::filters
