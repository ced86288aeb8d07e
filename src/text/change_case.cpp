// change-case 3.1.0 (no-case 2.3.2 and the packages around it), reimplemented over UTF-8.
#include "text/change_case.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "text/js_case.h"
#include "text/utf8.h"

namespace unjucks::text::change_case {

namespace {

struct CharRange {
  uint16_t lo;
  uint16_t hi;
};

#include "text/change_case_classes.inc"

template <size_t N>
bool in(const CharRange (&table)[N], char32_t cp) {
  if (cp > 0xFFFF) return false;  // a surrogate pair: two code units in none of the classes
  const CharRange* it = std::upper_bound(std::begin(table), std::end(table), cp,
                                         [](char32_t c, const CharRange& r) { return c < r.lo; });
  return it != std::begin(table) && cp <= (it - 1)->hi;
}

bool is_up(char32_t cp) { return in(kUpper, cp); }
bool is_low(char32_t cp) { return in(kLower, cp); }
bool is_low_or_number(char32_t cp) { return in(kLower, cp) || in(kNumber, cp); }
bool is_word(char32_t cp) { return in(kWord, cp); }

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (CodePoint cp : CodePoints(s)) out.push_back(cp.value);
  return out;
}

// The locale rules of lower-case 1.1.4 / upper-case 1.1.3, applied before JavaScript's mapping.
enum class Locale { None, Tr, Az, Lt };

Locale locale_of(std::string_view l) {
  if (l == "tr") return Locale::Tr;
  if (l == "az") return Locale::Az;
  if (l == "lt") return Locale::Lt;
  return Locale::None;
}

std::string lower_impl(std::string_view s, Locale loc) {
  if (loc == Locale::None) return js_to_lower(s);
  std::string pre;
  pre.reserve(s.size());
  for (CodePoint cp : CodePoints(s)) {
    char32_t c = cp.value;
    switch (loc) {
      case Locale::Tr:  // /\u0130|\u0049|\u0049\u0307/: 'I' wins over 'I' + dot above
        if (c == 0x130)
          c = 'i';
        else if (c == 'I')
          c = 0x131;
        break;
      case Locale::Az:  // /[\u0130]/ only
        if (c == 0x130) c = 'i';
        break;
      case Locale::Lt:
        switch (c) {
          case 'I':
            pre.append("i\xCC\x87");
            continue;
          case 'J':
            pre.append("j\xCC\x87");
            continue;
          case 0x12E:
            pre.append("\xC4\xAF\xCC\x87");
            continue;
          case 0xCC:
            pre.append("i\xCC\x87\xCC\x80");
            continue;
          case 0xCD:
            pre.append("i\xCC\x87\xCC\x81");
            continue;
          case 0x128:
            pre.append("i\xCC\x87\xCC\x83");
            continue;
          default:
            break;
        }
        break;
      case Locale::None:
        break;
    }
    append_utf8(pre, c);
  }
  return js_to_lower(pre);
}

std::string upper_impl(std::string_view s, Locale loc) {
  if (loc == Locale::None) return js_to_upper(s);
  std::string pre;
  pre.reserve(s.size());
  std::u32string cps = decode(s);
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if ((loc == Locale::Tr || loc == Locale::Az) && c == 'i') {
      c = 0x130;
    } else if (loc == Locale::Lt && i + 1 < cps.size() && cps[i + 1] == 0x307 &&
               (c == 'i' || c == 'j' || c == 0x12F)) {
      // /[\u0069\u006A\u012F]\u0307|.../: the first alternative always wins.
      c = c == 'i' ? 'I' : c == 'j' ? 'J' : char32_t{0x12E};
      ++i;
    }
    append_utf8(pre, c);
  }
  return js_to_upper(pre);
}

// upper-case-first / lower-case-first: the first UTF-16 code unit mapped, the rest kept.
template <typename Map>
std::string map_first(std::string_view s, Map map) {
  if (s.empty()) return {};
  CodePoint first = decode_at(s, 0);
  if (first.value > 0xFFFF) return std::string(s);  // a lone high surrogate maps to itself
  std::string one;
  append_utf8(one, first.value);
  std::string out = map(one);
  out.append(s.substr(first.length));
  return out;
}

// `s` with `ch` followed by any character upper-cased after each `sep` (and at the start when
// `first`): title's /^.| ./ and header's /^.|-./.
std::string upper_after(std::string_view s, char sep, Locale loc) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  bool at_start = true;
  while (i < s.size()) {
    if (at_start || (s[i] == sep && i + 1 < s.size())) {
      size_t from = at_start ? i : i + 1;
      if (!at_start) out += sep;
      CodePoint cp = decode_at(s, from);
      out += upper_impl(s.substr(from, cp.length), loc);
      i = from + cp.length;
      at_start = false;
      continue;
    }
    out += s[i++];
  }
  return out;
}

}  // namespace

std::string upper(std::string_view s, std::string_view locale) {
  return upper_impl(s, locale_of(locale));
}

std::string lower(std::string_view s, std::string_view locale) {
  return lower_impl(s, locale_of(locale));
}

std::string no(std::string_view s, std::string_view locale, std::string_view replacement) {
  std::u32string in = decode(s);
  // "camelCase" -> "camel Case": ([lower or number])([upper]), global, non-overlapping.
  std::u32string a;
  a.reserve(in.size() + 8);
  for (size_t i = 0; i < in.size(); ++i) {
    if (i + 1 < in.size() && is_low_or_number(in[i]) && is_up(in[i + 1])) {
      a += in[i];
      a += U' ';
      a += in[++i];
    } else {
      a += in[i];
    }
  }
  // "CAMELCase" -> "CAMEL Case": ([upper])([upper][lower]).
  std::u32string b;
  b.reserve(a.size() + 8);
  for (size_t i = 0; i < a.size(); ++i) {
    if (i + 2 < a.size() && is_up(a[i]) && is_up(a[i + 1]) && is_low(a[i + 2])) {
      b += a[i];
      b += U' ';
      b += a[i + 1];
      b += a[i + 2];
      i += 2;
    } else {
      b += a[i];
    }
  }
  // Runs of non-word characters: dropped at either end, `replacement` elsewhere.
  std::string joined;
  joined.reserve(s.size() + 8);
  for (size_t i = 0; i < b.size();) {
    if (is_word(b[i])) {
      append_utf8(joined, b[i++]);
      continue;
    }
    size_t start = i;
    while (i < b.size() && !is_word(b[i])) ++i;
    if (start != 0 && i != b.size()) joined.append(replacement);
  }
  return lower_impl(joined, locale_of(locale));
}

std::string dot(std::string_view s, std::string_view locale) { return no(s, locale, "."); }
std::string path(std::string_view s, std::string_view locale) { return no(s, locale, "/"); }
std::string snake(std::string_view s, std::string_view locale) { return no(s, locale, "_"); }
std::string param(std::string_view s, std::string_view locale) { return no(s, locale, "-"); }

std::string camel(std::string_view s, std::string_view locale, bool merge_numbers) {
  Locale loc = locale_of(locale);
  std::string r = no(s, locale, " ");
  std::string out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size();) {
    if (r[i] != ' ' || i + 1 >= r.size()) {
      out += r[i++];
      continue;
    }
    // / (?=\d)/ -> "_" unless merging numbers, then / (.)/ -> upper-cased character.
    if (!merge_numbers && r[i + 1] >= '0' && r[i + 1] <= '9') {
      out += '_';
      ++i;
      continue;
    }
    CodePoint cp = decode_at(r, i + 1);
    out += upper_impl(std::string_view(r).substr(i + 1, cp.length), loc);
    i += 1 + cp.length;
  }
  return out;
}

std::string pascal(std::string_view s, std::string_view locale, bool merge_numbers) {
  return uc_first(camel(s, locale, merge_numbers), locale);
}

std::string title(std::string_view s, std::string_view locale) {
  return upper_after(no(s, locale, " "), ' ', locale_of(locale));
}

std::string header(std::string_view s, std::string_view locale) {
  return upper_after(no(s, locale, "-"), '-', locale_of(locale));
}

std::string constant(std::string_view s, std::string_view locale) {
  return upper(snake(s, locale), locale);
}

std::string sentence(std::string_view s, std::string_view locale) {
  return uc_first(no(s, locale, " "), locale);
}

std::string swap(std::string_view s, std::string_view locale) {
  Locale loc = locale_of(locale);
  std::string out;
  out.reserve(s.size());
  std::string one;
  for (CodePoint cp : CodePoints(s)) {
    if (cp.value > 0xFFFF) {  // each surrogate maps to itself
      append_utf8(out, cp.value);
      continue;
    }
    one.clear();
    append_utf8(one, cp.value);
    std::string u = upper_impl(one, loc);
    out += u == one ? lower_impl(one, loc) : u;
  }
  return out;
}

std::string uc_first(std::string_view s, std::string_view locale) {
  Locale loc = locale_of(locale);
  return map_first(s, [loc](const std::string& c) { return upper_impl(c, loc); });
}

std::string lc_first(std::string_view s, std::string_view locale) {
  Locale loc = locale_of(locale);
  return map_first(s, [loc](const std::string& c) { return lower_impl(c, loc); });
}

bool is_upper(std::string_view s, std::string_view locale) { return upper(s, locale) == s; }
bool is_lower(std::string_view s, std::string_view locale) { return lower(s, locale) == s; }

}  // namespace unjucks::text::change_case
