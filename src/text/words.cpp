#include "text/words.h"

#include <cstddef>

#include "text/utf8.h"

namespace unjucks::text {
namespace {

// The class of a character for word splitting. Combining marks take the class
// of the character they follow.
enum class CharClass { kSeparator, kUpper, kLower, kOtherLetter, kNumber };

CharClass classify_code_point(const CodePoint& cp) {
  if (!cp.valid) return CharClass::kSeparator;
  const char32_t c = cp.value;
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return CharClass::kLower;
    if (c >= 'A' && c <= 'Z') return CharClass::kUpper;
    if (c >= '0' && c <= '9') return CharClass::kNumber;
    return CharClass::kSeparator;
  }
  if (is_upper(c)) return CharClass::kUpper;
  if (is_lower(c)) return CharClass::kLower;
  if (is_letter(c)) return CharClass::kOtherLetter;
  if (is_number(c)) return CharClass::kNumber;
  return CharClass::kSeparator;
}

// A base character with its trailing combining marks.
struct Cluster {
  std::size_t begin = 0;
  std::size_t end = 0;
  CharClass cls = CharClass::kSeparator;
};

std::vector<Cluster> clusters_of(std::string_view s) {
  std::vector<Cluster> out;
  out.reserve(s.size());
  for (const CodePoint& cp : CodePoints(s)) {
    const bool mark = cp.valid && cp.value >= 0x300 && is_mark(cp.value);
    if (mark && !out.empty() && out.back().cls != CharClass::kSeparator) {
      out.back().end = cp.offset + cp.length;
      continue;
    }
    // A mark with no letter to attach to still belongs to a word.
    const CharClass cls = mark ? CharClass::kOtherLetter : classify_code_point(cp);
    out.push_back(Cluster{cp.offset, cp.offset + cp.length, cls});
  }
  return out;
}

bool starts_new_word(const std::vector<Cluster>& c, std::size_t i) {
  if (i == 0) return false;
  const CharClass prev = c[i - 1].cls;
  const CharClass cur = c[i].cls;
  if (cur != CharClass::kUpper) return false;
  // Rule 1: `helloWorld`, `user123Name`, `日本Tokyo`.
  if (prev == CharClass::kLower || prev == CharClass::kNumber || prev == CharClass::kOtherLetter) {
    return true;
  }
  // Rule 2: `HTTPServer` splits before the `S` of `Se`.
  return prev == CharClass::kUpper && i + 1 < c.size() && c[i + 1].cls == CharClass::kLower;
}

}  // namespace

std::vector<std::string> split_words(std::string_view s) {
  const std::string clean = valid_utf8(s) ? std::string(s) : sanitize_utf8(s);
  const std::vector<Cluster> c = clusters_of(clean);
  std::vector<std::string> words;
  std::size_t word_begin = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i].cls == CharClass::kSeparator) {
      if (in_word) words.emplace_back(clean, word_begin, c[i].begin - word_begin);
      in_word = false;
      continue;
    }
    if (!in_word) {
      in_word = true;
      word_begin = c[i].begin;
    } else if (starts_new_word(c, i)) {
      words.emplace_back(clean, word_begin, c[i].begin - word_begin);
      word_begin = c[i].begin;
    }
  }
  if (in_word) words.emplace_back(clean, word_begin, clean.size() - word_begin);
  return words;
}

}  // namespace unjucks::text
