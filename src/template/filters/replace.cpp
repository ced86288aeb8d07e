// The replace filter: Nunjucks' substring replacement (with a count), and String.prototype.replace
// with a JavaScript regular expression, run on PCRE2 after translating the JavaScript syntax.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <array>
#include <memory>
#include <string>

#include "template/filters/builtins.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

namespace {

// JavaScript's \s as the body of a character class.
// (PCRE2_ALT_BSUX: \x takes exactly two hex digits, \u four.)
constexpr std::string_view kJsSpaceClass =
    "\\t\\n\\x0b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Rewrites JavaScript regex syntax where PCRE2 reads it differently: \s (Unicode spaces), '.'
// (any but line terminators), \v, identity escapes of letters (\a is 'a' in JavaScript), and a
// literal '[' inside a class (POSIX classes in PCRE2).
std::string translate(std::string_view src, bool unicode, bool dotall) {
  std::string out;
  out.reserve(src.size() + 16);
  bool in_class = false;
  for (size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c == '\\' && i + 1 < src.size()) {
      char e = src[++i];
      if (e == 's') {
        if (in_class) {
          out += kJsSpaceClass;
        } else {
          out += '[';
          out += kJsSpaceClass;
          out += ']';
        }
      } else if (e == 'S' && !in_class) {
        out += "[^";
        out += kJsSpaceClass;
        out += ']';
      } else if (e == 'v') {
        out += "\\x0b";
      } else if (is_letter(e)) {
        static constexpr std::string_view kKnown = "dDwWbBStnfrcxuk";
        bool known =
            kKnown.find(e) != std::string_view::npos || (unicode && (e == 'p' || e == 'P'));
        if (known) out += '\\';
        out += e;
      } else if (static_cast<unsigned char>(e) >= 0x80) {
        out += e;  // identity escape of a non-ASCII character: the character itself
      } else {
        out += '\\';
        out += e;
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      if (c == '[') {
        out += "\\[";
        continue;
      }
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' closes an empty class in JavaScript (and in PCRE2 with
      // PCRE2_ALLOW_EMPTY_CLASS).
      if (i + 1 < src.size() && src[i + 1] == '^') out += src[++i];
      if (i + 1 < src.size() && src[i + 1] == ']') {
        out += src[++i];
        in_class = false;
      }
      continue;
    }
    if (c == '.' && !dotall) {
      out += "[^\\n\\r\\u2028\\u2029]";
      continue;
    }
    out += c;
  }
  return out;
}

struct CompiledRegex {
  std::string key;
  pcre2_code* code = nullptr;
  pcre2_match_data* match = nullptr;
  uint32_t names = 0;  // number of named groups

  CompiledRegex() = default;
  CompiledRegex(const CompiledRegex&) = delete;
  CompiledRegex& operator=(const CompiledRegex&) = delete;
  ~CompiledRegex() { reset(); }
  void reset() {
    if (match) pcre2_match_data_free(match);
    if (code) pcre2_code_free(code);
    match = nullptr;
    code = nullptr;
  }
};

// A small per-thread cache of compiled expressions (round-robin replacement).
struct RegexCache {
  static constexpr size_t kSize = 16;
  std::array<CompiledRegex, kSize> slots;
  size_t next = 0;
};

const CompiledRegex& compile(Runtime& rt, const RegexObj& re) {
  thread_local RegexCache cache;
  Scratch key;
  *key += re.flags;
  *key += '/';
  *key += re.source;
  for (const CompiledRegex& slot : cache.slots)
    if (slot.code && slot.key == *key) return slot;
  CompiledRegex& slot = cache.slots[cache.next];
  cache.next = (cache.next + 1) % RegexCache::kSize;
  slot.reset();
  bool unicode = re.flags.find('u') != std::string_view::npos;
  bool dotall = re.flags.find('s') != std::string_view::npos;
  std::string pattern = translate(re.source, unicode, dotall);
  uint32_t options = PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX | PCRE2_ALLOW_EMPTY_CLASS;
  if (re.flags.find('i') != std::string_view::npos) options |= PCRE2_CASELESS;
  if (re.flags.find('m') != std::string_view::npos) options |= PCRE2_MULTILINE;
  if (dotall) options |= PCRE2_DOTALL;
  pcre2_compile_context* ctx = pcre2_compile_context_create(nullptr);
  pcre2_set_newline(ctx, PCRE2_NEWLINE_ANYCRLF);
  pcre2_set_compile_extra_options(ctx, PCRE2_EXTRA_ALT_BSUX);
  int err = 0;
  PCRE2_SIZE err_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options, &err, &err_offset, ctx);
  pcre2_compile_context_free(ctx);
  if (!code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    std::string m = "SyntaxError: Invalid regular expression: /";
    m += re.source;
    m += "/: ";
    m += reinterpret_cast<const char*>(msg);
    fail(rt, std::move(m));
  }
  slot.key = *key;
  slot.code = code;
  slot.match = pcre2_match_data_create_from_pattern(code, nullptr);
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &slot.names);
  return slot;
}

// The value of capture group n of the current match (undefined when it did not take part).
Value group(const CompiledRegex& re, std::string_view subject, uint32_t n) {
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(re.match);
  if (n >= pcre2_get_ovector_count(re.match) || ov[2 * n] == PCRE2_UNSET) return Value();
  return Value::string(subject.substr(ov[2 * n], ov[2 * n + 1] - ov[2 * n]));
}

uint32_t group_count(const CompiledRegex& re) {
  uint32_t n = 0;
  pcre2_pattern_info(re.code, PCRE2_INFO_CAPTURECOUNT, &n);
  return n;
}

// GetSubstitution(): $$, $&, $`, $', $n, $nn, $<name>.
void append_substitution(std::string& out, std::string_view tpl, const CompiledRegex& re,
                         std::string_view subject) {
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(re.match);
  size_t m_start = ov[0], m_end = ov[1];
  uint32_t groups = group_count(re);
  auto append_group = [&](uint32_t n) {
    Value g = group(re, subject, n);
    if (g.is_string()) out += g.as_string();
  };
  for (size_t i = 0; i < tpl.size(); ++i) {
    char c = tpl[i];
    if (c != '$' || i + 1 == tpl.size()) {
      out += c;
      continue;
    }
    char n = tpl[i + 1];
    if (n == '$') {
      out += '$';
      ++i;
    } else if (n == '&') {
      out += subject.substr(m_start, m_end - m_start);
      ++i;
    } else if (n == '`') {
      out += subject.substr(0, m_start);
      ++i;
    } else if (n == '\'') {
      out += subject.substr(m_end);
      ++i;
    } else if (n >= '0' && n <= '9') {
      uint32_t one = static_cast<uint32_t>(n - '0');
      bool two_digits = i + 2 < tpl.size() && tpl[i + 2] >= '0' && tpl[i + 2] <= '9';
      uint32_t two = two_digits ? one * 10 + static_cast<uint32_t>(tpl[i + 2] - '0') : 0;
      if (two_digits && two >= 1 && two <= groups) {
        append_group(two);
        i += 2;
      } else if (one >= 1 && one <= groups) {
        append_group(one);
        i += 1;
      } else {
        out += '$';
      }
    } else if (n == '<' && re.names > 0) {
      size_t close = tpl.find('>', i + 2);
      if (close == std::string_view::npos) {
        out += '$';
        continue;
      }
      std::string name(tpl.substr(i + 2, close - i - 2));
      int num =
          pcre2_substring_number_from_name(re.code, reinterpret_cast<PCRE2_SPTR>(name.c_str()));
      if (num > 0) append_group(static_cast<uint32_t>(num));
      i = close;
    } else {
      out += '$';
    }
  }
}

Value regex_replace(Runtime& rt, const Value& str, const RegexObj& re_obj, const Value& with) {
  std::string_view s = method_this(rt, str, "str", "replace");
  const CompiledRegex& re = compile(rt, re_obj);
  bool global = re_obj.flags.find('g') != std::string_view::npos;
  bool sticky = re_obj.flags.find('y') != std::string_view::npos;
  bool fn = with.is_callable();
  Scratch with_text;
  if (!fn) js::append_string(with, *with_text);
  Scratch out;
  // With a replacement function, every match's arguments are collected before the first call:
  // the call may run filters that reuse the compiled-expression cache.
  ArrayObj* calls = fn ? rt.new_array() : nullptr;
  size_t pos = 0, copied = 0;
  while (pos <= s.size()) {
    int rc = pcre2_match(re.code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), pos,
                         sticky ? PCRE2_ANCHORED : 0, re.match, nullptr);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(rc, msg, sizeof msg);
      fail(rt, std::string("regular expression: ") + reinterpret_cast<const char*>(msg));
    }
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(re.match);
    size_t m_start = ov[0], m_end = ov[1];
    if (fn) {
      // fn(match, p1, ..., pn, offset, string); the offset counts UTF-16 units.
      uint32_t groups = group_count(re);
      ArrayObj* argv = rt.new_array(groups + 3);
      for (uint32_t g = 0; g <= groups; ++g) argv->push(rt.arena(), group(re, s, g));
      argv->push(rt.arena(),
                 Value::number(static_cast<double>(js::utf16_length(s.substr(0, m_start)))));
      argv->push(rt.arena(), Value::string(s));
      calls->push(rt.arena(), Value::array(argv));
    } else {
      out->append(s.substr(copied, m_start - copied));
      append_substitution(*out, *with_text, re, s);
    }
    copied = m_end;
    if (!global) break;
    if (m_end == m_start) {
      if (m_end >= s.size()) break;
      size_t next = m_end;
      decode_utf8(s, next);
      pos = next;
    } else {
      pos = m_end;
    }
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

}  // namespace

Value f_replace(Runtime& rt, const Value& v, const CallArgs& args) {
  Value old = arg(args, 0, "old");
  Value with = arg(args, 1, "new");
  if (old.is_regex()) return regex_replace(rt, v, *old.as_regex(), with);
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
