// String filters: capitalize, center, indent, lower, nl2br, string, title, trim, truncate, upper,
// wordcount. Lengths and positions are JavaScript's (UTF-16 units).
#include <cmath>

#include "template/filters/builtins.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

namespace {

const Value kEmpty = Value::string({});

// lib.repeat(' ', n): as many spaces as the loop `for (i = 0; i < n; i++)` makes.
void append_spaces(std::string& out, double n) {
  if (!(n > 0)) return;
  auto k = static_cast<size_t>(std::ceil(std::fmin(n, 1e7)));
  out.append(k, ' ');
}

// capitalize() of a string: lower-cased, then the first UTF-16 unit upper-cased (a character
// outside the BMP is left alone, as charAt(0) is half of it).
void append_capitalized(std::string& out, std::string_view s) {
  Scratch lower;
  append_lower(*lower, s);
  std::string_view l = *lower;
  if (l.empty()) return;
  size_t i = 0;
  uint32_t cp = decode_utf8(l, i);
  if (cp <= 0xFFFF) {
    append_upper(out, l.substr(0, i));
    out.append(l.substr(i));
  } else {
    out.append(l);
  }
}

// Index (UTF-16) of the first unit of the byte offset b.
size_t unit_index(std::string_view s, size_t b) { return js::utf16_length(s.substr(0, b)); }

}  // namespace

Value f_capitalize(Runtime& rt, const Value& v, const CallArgs&) {
  const Value& str = normalizes_away(v) ? kEmpty : v;
  std::string_view s = method_this(rt, str, "str", "toLowerCase");
  Scratch out;
  append_capitalized(*out, s);
  if (*out == s) return str;
  return rt.str(*out, is_safe_string(str));
}

Value f_center(Runtime& rt, const Value& v, const CallArgs& args) {
  const Value& str = normalizes_away(v) ? kEmpty : v;
  Value width = arg(args, 0, "width");
  double w = truthy(width) ? js::to_number(width) : 80;
  Value len = length_of(str);
  int c = js::compare(len, Value::number(w));
  if (c == 0 || c == 1) return str;
  double spaces = w - js::to_number(len);
  Scratch out;
  append_spaces(*out, spaces / 2 - std::fmod(spaces, 2));
  js::append_string(str, *out);
  append_spaces(*out, spaces / 2);
  return rt.str(*out, is_safe_string(str));
}

Value f_indent(Runtime& rt, const Value& v, const CallArgs& args) {
  const Value& str = normalizes_away(v) ? kEmpty : v;
  if (is_plain_string(str) && str.as_string().empty()) return kEmpty;
  Value width = arg(args, 0, "width");
  double w = truthy(width) ? js::to_number(width) : 4;
  bool first = truthy(arg(args, 1, "first", "indentfirst"));
  std::string_view s = method_this(rt, str, "str", "split");
  Scratch sp;
  append_spaces(*sp, w);
  Scratch out;
  size_t start = 0;
  for (bool head = true;; head = false) {
    size_t nl = s.find('\n', start);
    if (!head || first) *out += *sp;
    if (nl == std::string_view::npos) {
      out->append(s.substr(start));
      break;
    }
    out->append(s.substr(start, nl + 1 - start));
    start = nl + 1;
  }
  return rt.str(*out, is_safe_string(str));
}

Value f_lower(Runtime& rt, const Value& v, const CallArgs&) {
  if (normalizes_away(v)) return kEmpty;
  return Value::string(to_lower(rt, method_this(rt, v, "str", "toLowerCase")));
}

Value f_upper(Runtime& rt, const Value& v, const CallArgs&) {
  if (normalizes_away(v)) return kEmpty;
  return Value::string(to_upper(rt, method_this(rt, v, "str", "toUpperCase")));
}

Value f_nl2br(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_nullish()) return kEmpty;
  std::string_view s = method_this(rt, v, "str", "replace");
  if (s.find('\n') == std::string_view::npos) return copy_safeness(v, s);
  Scratch out;
  size_t start = 0;
  for (size_t nl; (nl = s.find('\n', start)) != std::string_view::npos; start = nl + 1) {
    size_t end = (nl > start && s[nl - 1] == '\r') ? nl - 1 : nl;
    out->append(s.substr(start, end - start));
    *out += "<br />\n";
  }
  out->append(s.substr(start));
  return rt.str(*out, is_safe_string(v));
}

Value f_string(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_string()) return v;
  if (v.is_nullish()) fail_read(rt, v, "toString");
  return Value::string(js::to_string(v, rt.arena()));
}

Value f_title(Runtime& rt, const Value& v, const CallArgs&) {
  const Value& str = normalizes_away(v) ? kEmpty : v;
  std::string_view s = method_this(rt, str, "str", "split");
  Scratch out;
  size_t start = 0;
  for (;;) {
    size_t sp = s.find(' ', start);
    append_capitalized(*out, s.substr(start, sp == std::string_view::npos ? sp : sp - start));
    if (sp == std::string_view::npos) break;
    *out += ' ';
    start = sp + 1;
  }
  if (*out == s) return copy_safeness(str, s);
  return rt.str(*out, is_safe_string(str));
}

Value f_trim(Runtime& rt, const Value& v, const CallArgs&) {
  std::string_view s = method_this(rt, v, "str", "replace");
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t i = b;
    if (!is_js_space(decode_utf8(s, i))) break;
    b = i;
  }
  while (e > b) {
    size_t start = e - 1;
    while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t i = start;
    if (!is_js_space(decode_utf8(s, i))) break;
    e = start;
  }
  return copy_safeness(v, s.substr(b, e - b));
}

Value f_truncate(Runtime& rt, const Value& v, const CallArgs& args) {
  const Value& input = normalizes_away(v) ? kEmpty : v;
  Value length = arg(args, 0, "length");
  if (!truthy(length)) length = Value::number(255);
  int c = js::compare(length_of(input), length);
  if (c == -1 || c == 0) return input;
  double limit = js::to_number(length);
  std::string_view s;
  size_t cut;  // in UTF-16 units
  if (truthy(arg(args, 1, "killwords"))) {
    s = method_this(rt, input, "input", "substring");
    cut = std::isnan(limit) || limit < 0 ? 0 : static_cast<size_t>(std::fmin(limit, 1e15));
  } else {
    s = method_this(rt, input, "input", "lastIndexOf");
    size_t n = js::utf16_length(s);
    double from = std::isnan(limit) ? static_cast<double>(n) : std::trunc(limit);
    from = std::fmax(0, std::fmin(from, static_cast<double>(n)));
    size_t b = byte_offset(s, static_cast<size_t>(from));
    size_t found = s.rfind(' ', b);
    if (found == std::string_view::npos) {
      cut = std::isnan(limit) || limit < 0 ? 0 : static_cast<size_t>(std::fmin(limit, 1e15));
    } else {
      cut = unit_index(s, found);
    }
  }
  Scratch out;
  out->append(substring16(rt, s, 0, cut));
  Value end = arg(args, 2, "end");
  if (end.is_nullish()) {
    *out += "...";
  } else {
    js::append_string(end, *out);
  }
  return rt.str(*out, is_safe_string(v));
}

Value f_wordcount(Runtime& rt, const Value& v, const CallArgs&) {
  const Value& str = normalizes_away(v) ? kEmpty : v;
  if (!truthy(str)) return Value::null();
  std::string_view s = method_this(rt, str, "str", "match");
  double words = 0;
  bool in_word = false;
  for (char ch : s) {
    bool w = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '_';
    if (w && !in_word) ++words;
    in_word = w;
  }
  return words > 0 ? Value::number(words) : Value::null();
}

}  // namespace unjucks::tpl::filters
