// HTML and URL filters: escape, forceescape, safe, striptags, urlencode, urlize.
#include <cmath>

#include "template/filters/builtins.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

namespace {

const Value kEmpty = Value::string({});

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

// Length of a match of /<\/?([a-z][a-z0-9]*)\b[^>]*>|<!--[\s\S]*?-->/i at s[p] (0 if none).
size_t tag_at(std::string_view s, size_t p) {
  if (s[p] != '<') return 0;
  size_t q = p + 1;
  if (q < s.size() && s[q] == '/') ++q;
  if (q < s.size() && is_alpha(s[q])) {
    ++q;
    while (q < s.size() && is_alnum(s[q])) ++q;
    if (q == s.size() || !is_word_char(s[q])) {
      size_t gt = s.find('>', q);
      if (gt != std::string_view::npos) return gt + 1 - p;
    }
  }
  if (s.substr(p, 4) == "<!--") {
    size_t end = s.find("-->", p + 4);
    if (end != std::string_view::npos) return end + 3 - p;
  }
  return 0;
}

std::string_view trim_js_space(std::string_view s) {
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
  return s.substr(b, e - b);
}

// Appends s with every run of JavaScript whitespace collapsed to one space.
void append_collapsed(std::string& out, std::string_view s) {
  bool in_space = false;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = decode_utf8(s, i);
    if (is_js_space(cp)) {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out.append(s.substr(start, i - start));
      in_space = false;
    }
  }
}

// The preserve_linebreaks branch of striptags: per line (any JavaScript line terminator) strip
// leading and trailing spaces, squash runs of spaces, CRLF -> LF, three or more LF -> two.
void append_linebreaks_preserved(std::string& out, std::string_view s) {
  Scratch lines;
  for (size_t line_start = 0;;) {
    size_t term = s.size(), term_end = s.size();
    for (size_t j = line_start; j < s.size();) {
      size_t k = j;
      if (is_line_terminator(decode_utf8(s, k))) {
        term = j;
        term_end = k;
        break;
      }
      j = k;
    }
    std::string_view line = s.substr(line_start, term - line_start);
    size_t b = line.find_first_not_of(' ');
    if (b != std::string_view::npos) {
      size_t e = line.find_last_not_of(' ');
      bool in_space = false;
      for (char c : line.substr(b, e + 1 - b)) {
        if (c == ' ' && in_space) continue;
        in_space = c == ' ';
        *lines += c;
      }
    }
    if (term == s.size()) break;
    lines->append(s.substr(term, term_end - term));
    line_start = term_end;
  }
  // CRLF -> LF, then runs of 3+ LF -> 2 LF.
  std::string_view t = *lines;
  size_t newlines = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') continue;
    if (t[i] == '\n') {
      if (++newlines <= 2) out += '\n';
      continue;
    }
    newlines = 0;
    out += t[i];
  }
}

// ---- urlize ----------------------------------------------------------------------------------

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// /^[\w.!#$%&'*+\-\/=?\^`{|}~]+@[a-z\d\-]+(\.[a-z\d\-]+)+$/i
bool is_email(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  for (char c : s.substr(0, at))
    if (!is_word_char(c) &&
        std::string_view(".!#$%&'*+-/=?^`{|}~").find(c) == std::string_view::npos)
      return false;
  std::string_view domain = s.substr(at + 1);
  size_t labels = 0;
  for (size_t start = 0;;) {
    size_t dot = domain.find('.', start);
    std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty()) return false;
    for (char c : label)
      if (!is_alnum(c) && c != '-') return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

// /\.(?:org|net|com)(?:\:|\/|$)/
bool has_tld(std::string_view s) {
  for (size_t p = s.find('.'); p != std::string_view::npos; p = s.find('.', p + 1)) {
    std::string_view t = s.substr(p + 1, 3);
    if (t != "org" && t != "net" && t != "com") continue;
    size_t after = p + 4;
    if (after == s.size() || s[after] == ':' || s[after] == '/') return true;
  }
  return false;
}

void append_word_urlized(Runtime& rt, std::string& out, std::string_view word, double limit,
                         bool nofollow) {
  // puncRe: /^(?:\(|<|&lt;)?(.*?)(?:\.|,|\)|\n|&gt;)?$/ on a word without whitespace.
  std::string_view url = word;
  if (starts_with(url, "(") || starts_with(url, "<")) {
    url.remove_prefix(1);
  } else if (starts_with(url, "&lt;")) {
    url.remove_prefix(4);
  }
  if (ends_with(url, "&gt;")) {
    url.remove_suffix(4);
  } else if (ends_with(url, ".") || ends_with(url, ",") || ends_with(url, ")")) {
    url.remove_suffix(1);
  }
  size_t n = js::utf16_length(url);
  std::string_view short_url =
      substring16(rt, url, 0, limit >= static_cast<double>(n) ? n : static_cast<size_t>(limit));
  const char* rel = nofollow ? " rel=\"nofollow\"" : "";
  auto link = [&](std::string_view scheme) {
    out += "<a href=\"";
    out += scheme;
    out += url;
    out += '"';
    out += rel;
    out += '>';
    out += short_url;
    out += "</a>";
  };
  if (starts_with(url, "http://") || starts_with(url, "https://")) {
    link("");
  } else if (starts_with(url, "www.")) {
    link("http://");
  } else if (is_email(url)) {
    out += "<a href=\"mailto:";
    out += url;
    out += "\">";
    out += url;
    out += "</a>";
  } else if (has_tld(url)) {
    link("http://");
  } else {
    out += word;
  }
}

}  // namespace

Value f_escape(Runtime& rt, const Value& v, const CallArgs&) {
  if (is_safe_string(v)) return v;
  if (v.is_nullish()) return kEmpty.with_safe(true);
  return Value::string(html_escape(rt, js::to_string(v, rt.arena())), true);
}

Value f_forceescape(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_nullish()) return kEmpty.with_safe(true);
  return Value::string(html_escape(rt, js::to_string(v, rt.arena())), true);
}

Value f_safe(Runtime& rt, const Value& v, const CallArgs&) {
  if (is_safe_string(v)) return v;
  if (v.is_nullish()) return kEmpty.with_safe(true);
  return Value::string(js::to_string(v, rt.arena()), true);
}

Value f_striptags(Runtime& rt, const Value& v, const CallArgs& args) {
  const Value& input = normalizes_away(v) ? kEmpty : v;
  std::string_view s = method_this(rt, input, "input", "replace");
  Scratch stripped;
  size_t run = 0;
  for (size_t p = s.find('<'); p != std::string_view::npos; p = s.find('<', p)) {
    size_t n = tag_at(s, p);
    if (n == 0) {
      ++p;
      continue;
    }
    stripped->append(s.substr(run, p - run));
    p += n;
    run = p;
  }
  stripped->append(s.substr(run));
  std::string_view trimmed = trim_js_space(*stripped);
  Scratch out;
  if (truthy(arg(args, 0, "preserve_linebreaks"))) {
    append_linebreaks_preserved(*out, trimmed);
  } else {
    append_collapsed(*out, trimmed);
  }
  if (*out == s) return input;
  return rt.str(*out, is_safe_string(input));
}

Value f_urlencode(Runtime& rt, const Value& v, const CallArgs&) {
  if (is_plain_string(v)) {
    std::string_view s = v.as_string();
    Scratch out;
    append_uri_component(*out, s);
    if (*out == s) return v;
    return rt.str(*out);
  }
  Scratch out;
  bool first = true;
  auto pair = [&](const Value& k, const Value& val) {
    if (!first) *out += '&';
    first = false;
    Scratch tmp;
    js::append_string(k, *tmp);
    append_uri_component(*out, *tmp);
    *out += '=';
    tmp->clear();
    js::append_string(val, *tmp);
    append_uri_component(*out, *tmp);
  };
  if (v.is_array()) {
    for (const Value& kv : *v.as_array()) pair(get_member(rt, kv, "0"), get_member(rt, kv, "1"));
  } else {
    for_each_entry(rt, v,
                   [&](std::string_view k, const Value& val) { pair(Value::string(k), val); });
  }
  return rt.str(*out);
}

Value f_urlize(Runtime& rt, const Value& v, const CallArgs& args) {
  std::string_view s = method_this(rt, v, "str", "split");
  Value length = arg(args, 0, "trim_url_limit", "length");
  double limit = INFINITY;
  if (!length.is_undefined() && !(length.is_number() && std::isnan(length.as_number()))) {
    double n = js::to_number(length);
    limit = std::isnan(n) ? 0 : n < 0 ? 0 : std::trunc(n);
  }
  Value nofollow_arg = arg(args, 1, "nofollow");
  bool nofollow = nofollow_arg.is_bool() && nofollow_arg.as_bool();
  Scratch out;
  // str.split(/(\s+)/): words and the whitespace between them; whitespace passes unchanged.
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    size_t next = i;
    bool space = is_js_space(decode_utf8(s, next));
    while (i < s.size()) {
      size_t j = i;
      if (is_js_space(decode_utf8(s, j)) != space) break;
      i = j;
    }
    std::string_view token = s.substr(start, i - start);
    if (space) {
      out->append(token);
    } else {
      append_word_urlized(rt, *out, token, limit, nofollow);
    }
  }
  return rt.str(*out);
}

}  // namespace unjucks::tpl::filters
