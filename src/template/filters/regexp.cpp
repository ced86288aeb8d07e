#include "template/filters/regexp.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "template/filters/support.h"

namespace unjucks::tpl::filters {

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

// A small per-thread cache of compiled expressions (round-robin replacement).
struct RegexCache {
  static constexpr size_t kSize = 16;
  std::array<CompiledRegex, kSize> slots;
  size_t next = 0;
};

}  // namespace

const CompiledRegex& compile_regex(Runtime& rt, const RegexObj& re) {
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

bool regex_has_flag(const RegexObj& re, char flag) {
  return re.flags.find(flag) != std::string_view::npos;
}

bool regex_search(Runtime& rt, const CompiledRegex& re, std::string_view s, size_t from,
                  bool anchored) {
  if (from > s.size()) return false;
  int rc = pcre2_match(re.code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), from,
                       anchored ? PCRE2_ANCHORED : 0, re.match, nullptr);
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  if (rc < 0) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(rc, msg, sizeof msg);
    fail(rt, std::string("regular expression: ") + reinterpret_cast<const char*>(msg));
  }
  return true;
}

size_t regex_match_start(const CompiledRegex& re) { return pcre2_get_ovector_pointer(re.match)[0]; }
size_t regex_match_end(const CompiledRegex& re) { return pcre2_get_ovector_pointer(re.match)[1]; }

Value regex_group(const CompiledRegex& re, std::string_view s, uint32_t n) {
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(re.match);
  if (n >= pcre2_get_ovector_count(re.match) || ov[2 * n] == PCRE2_UNSET) return Value();
  return Value::string(s.substr(ov[2 * n], ov[2 * n + 1] - ov[2 * n]));
}

uint32_t regex_group_count(const CompiledRegex& re) {
  uint32_t n = 0;
  pcre2_pattern_info(re.code, PCRE2_INFO_CAPTURECOUNT, &n);
  return n;
}

Value regex_groups_object(Runtime& rt, const CompiledRegex& re, std::string_view s) {
  if (re.names == 0) return Value();
  uint32_t entry_size = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(re.code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(re.code, PCRE2_INFO_NAMETABLE, &table);
  // The table is sorted by name; each entry is the group number (two bytes, high first) and
  // the name, NUL-terminated. JavaScript lists the groups in the pattern's order.
  std::vector<std::pair<uint32_t, std::string_view>> names;
  names.reserve(re.names);
  for (uint32_t i = 0; i < re.names; ++i) {
    PCRE2_SPTR e = table + static_cast<size_t>(i) * entry_size;
    uint32_t number = (static_cast<uint32_t>(e[0]) << 8) | e[1];
    names.emplace_back(number, std::string_view(reinterpret_cast<const char*>(e + 2)));
  }
  std::sort(names.begin(), names.end());
  ObjectObj* groups = rt.new_object(re.names);
  for (const auto& [number, name] : names) {
    groups->set(rt.arena(), rt.arena().copy(name), regex_group(re, s, number));
  }
  return Value::object(groups);
}

void append_substitution(std::string& out, std::string_view tpl, std::string_view s, size_t start,
                         size_t end, const CompiledRegex* re) {
  const uint32_t groups = re ? regex_group_count(*re) : 0;
  auto append_group = [&](uint32_t n) {
    Value g = regex_group(*re, s, n);
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
      out += s.substr(start, end - start);
      ++i;
    } else if (n == '`') {
      out += s.substr(0, start);
      ++i;
    } else if (n == '\'') {
      out += s.substr(end);
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
    } else if (n == '<' && re != nullptr && re->names > 0) {
      size_t close = tpl.find('>', i + 2);
      if (close == std::string_view::npos) {
        out += '$';
        continue;
      }
      std::string name(tpl.substr(i + 2, close - i - 2));
      int num =
          pcre2_substring_number_from_name(re->code, reinterpret_cast<PCRE2_SPTR>(name.c_str()));
      if (num > 0) append_group(static_cast<uint32_t>(num));
      i = close;
    } else {
      out += '$';
    }
  }
}

size_t advance_index(std::string_view s, size_t pos) {
  if (pos >= s.size()) return pos + 1;
  decode_utf8(s, pos);
  return pos;
}

}  // namespace unjucks::tpl::filters
