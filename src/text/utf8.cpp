#include "text/utf8.h"

#include <utf8proc.h>

#include <algorithm>
#include <iterator>
#include <vector>

namespace unjucks::text {
namespace {

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Appends map(cp) for every code point of `s`; ASCII bytes go through
// `ascii_map` without decoding.
template <typename AsciiMap, typename Map>
std::string map_code_points(std::string_view s, AsciiMap ascii_map, Map map) {
  std::string out;
  out.reserve(s.size());
  if (is_ascii(s)) {
    for (char c : s) out.push_back(ascii_map(c));
    return out;
  }
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(ascii_map(s[i]));
      ++i;
      continue;
    }
    const CodePoint cp = decode_at(s, i);
    map(out, cp.value);
    i += cp.length;
  }
  return out;
}

char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr char32_t kSharpS = 0xDF;
constexpr char32_t kCapitalIWithDot = 0x130;
constexpr char32_t kCapitalSigma = 0x3A3;

// The characters whose uppercase is more than one character (SpecialCasing.txt's
// unconditional mappings, as JavaScript's toUpperCase applies them: ß -> SS, ŉ -> ʼN,
// ﬀ -> FF, ...); utf8proc has only the simple one-character mappings.
struct SpecialUpper {
  char32_t cp;
  const char* upper;  // UTF-8
};
constexpr SpecialUpper kSpecialUpper[] = {
#include "text/special_casing_table.inc"
};

void append_upper(std::string& out, char32_t cp) {
  if (cp >= kSharpS) {
    const auto* end = std::end(kSpecialUpper);
    const auto* it = std::lower_bound(std::begin(kSpecialUpper), end, cp,
                                      [](const SpecialUpper& e, char32_t c) { return e.cp < c; });
    if (it != end && it->cp == cp) {
      out.append(it->upper);
      return;
    }
  }
  append_utf8(out, static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))));
}
void append_lower(std::string& out, char32_t cp) {
  if (cp == kCapitalIWithDot) {  // İ -> i + COMBINING DOT ABOVE (SpecialCasing, unconditional)
    out.append("i\xcc\x87");
    return;
  }
  append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
}
void append_title(std::string& out, char32_t cp) {
  if (cp == kSharpS) {
    out.append("Ss");
    return;
  }
  append_utf8(out, static_cast<char32_t>(utf8proc_totitle(static_cast<utf8proc_int32_t>(cp))));
}

utf8proc_category_t category(char32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}

// Replaces the first code point of `s` by map(first).
template <typename Map>
std::string map_first(std::string_view s, Map map) {
  if (s.empty()) return {};
  const CodePoint first = decode_at(s, 0);
  std::string out;
  out.reserve(s.size() + 3);
  map(out, first.value);
  out.append(s.substr(first.length));
  return out;
}

}  // namespace

CodePoint decode_at(std::string_view s, std::size_t offset) {
  CodePoint cp;
  cp.offset = offset;
  const auto b0 = static_cast<unsigned char>(s[offset]);
  if (b0 < 0x80) {
    cp.value = b0;
    cp.length = 1;
    return cp;
  }
  std::size_t need = 0;
  char32_t value = 0;
  // Bounds of the second byte (Unicode Table 3-7) exclude overlongs and
  // surrogates.
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    value = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    value = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    value = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    cp.value = kReplacementChar;
    cp.length = 1;
    cp.valid = false;
    return cp;
  }
  std::size_t len = 1;
  for (std::size_t k = 0; k < need; ++k) {
    const std::size_t pos = offset + len;
    if (pos >= s.size()) break;
    const auto b = static_cast<unsigned char>(s[pos]);
    const bool ok = (k == 0) ? (b >= lo && b <= hi) : is_continuation(b);
    if (!ok) break;
    value = (value << 6) | (b & 0x3F);
    ++len;
  }
  if (len != need + 1) {
    cp.value = kReplacementChar;
    cp.length = len;
    cp.valid = false;
    return cp;
  }
  cp.value = value;
  cp.length = len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

CodePoints::Iterator::Iterator(std::string_view s, std::size_t offset) : s_(s) {
  if (offset < s_.size()) {
    current_ = decode_at(s_, offset);
  } else {
    current_.offset = s_.size();
  }
}

CodePoints::Iterator& CodePoints::Iterator::operator++() {
  const std::size_t next = current_.offset + current_.length;
  if (next < s_.size()) {
    current_ = decode_at(s_, next);
  } else {
    current_ = CodePoint{};
    current_.offset = s_.size();
  }
  return *this;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const CodePoint cp = decode_at(s, i);
    if (!cp.valid) return false;
    i += cp.length;
  }
  return true;
}

std::string to_upper(std::string_view s) { return map_code_points(s, ascii_upper, append_upper); }

namespace {

// Unicode's Cased and Case_Ignorable properties, from the general category (close enough for
// the final-sigma rule: Other_Lowercase/Other_Uppercase letters are Lm/Lo/Mn/So).
bool is_cased(char32_t cp) {
  const auto c = category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT;
}
bool is_case_ignorable(char32_t cp) {
  if (cp == '\'' || cp == '.' || cp == ':' || cp == 0xB7 || cp == 0x2019) return true;
  const auto c = category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME || c == UTF8PROC_CATEGORY_CF ||
         c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_SK;
}

// toLowerCase of a string with a capital sigma: Σ is ς at the end of a word (a cased letter
// before it, none after it, case-ignorable characters skipped), σ elsewhere.
std::string to_lower_with_sigma(std::string_view s) {
  std::vector<CodePoint> cps;
  for (std::size_t i = 0; i < s.size();) {
    cps.push_back(decode_at(s, i));
    i += cps.back().length;
  }
  std::string out;
  out.reserve(s.size());
  for (std::size_t k = 0; k < cps.size(); ++k) {
    if (cps[k].value != kCapitalSigma) {
      if (cps[k].value < 0x80) {
        out.push_back(ascii_lower(static_cast<char>(cps[k].value)));
      } else {
        append_lower(out, cps[k].value);
      }
      continue;
    }
    bool before = false, after = false;
    for (std::size_t j = k; j-- > 0;) {
      if (is_case_ignorable(cps[j].value)) continue;
      before = is_cased(cps[j].value);
      break;
    }
    for (std::size_t j = k + 1; j < cps.size(); ++j) {
      if (is_case_ignorable(cps[j].value)) continue;
      after = is_cased(cps[j].value);
      break;
    }
    out.append(before && !after ? "\xcf\x82" : "\xcf\x83");  // ς or σ
  }
  return out;
}

}  // namespace

std::string to_lower(std::string_view s) {
  if (!is_ascii(s) && s.find("\xce\xa3") != std::string_view::npos) {
    return to_lower_with_sigma(s);
  }
  return map_code_points(s, ascii_lower, append_lower);
}

std::string upper_first(std::string_view s) { return map_first(s, append_title); }

std::string lower_first(std::string_view s) { return map_first(s, append_lower); }

bool is_letter(char32_t cp) {
  switch (category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

bool is_upper(char32_t cp) {
  const auto c = category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool is_lower(char32_t cp) { return category(cp) == UTF8PROC_CATEGORY_LL; }

bool is_mark(char32_t cp) {
  const auto c = category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

bool is_digit(char32_t cp) { return category(cp) == UTF8PROC_CATEGORY_ND; }

bool is_number(char32_t cp) {
  const auto c = category(cp);
  return c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

bool is_alnum(char32_t cp) { return is_letter(cp) || is_mark(cp) || is_number(cp); }

std::size_t utf16_length(std::string_view s) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++units;
      ++i;
      continue;
    }
    const CodePoint cp = decode_at(s, i);
    units += cp.value >= 0x10000 ? 2 : 1;
    i += cp.length;
  }
  return units;
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out.push_back(s[i]);
      ++i;
      continue;
    }
    const CodePoint cp = decode_at(s, i);
    if (cp.valid) {
      out.append(s.substr(i, cp.length));
    } else {
      append_utf8(out, kReplacementChar);
    }
    i += cp.length;
  }
  return out;
}

}  // namespace unjucks::text
