// English inflection. pluralize/singularize match suffix rules (see
// inflect_rules.h); the string helpers follow the npm `inflection` package.
//
// Intended differences from `inflection` v1.13 (each chosen for generated
// code, all covered by tests/text/inflect_test.cpp):
//  * Case is preserved: "PERSON" -> "PEOPLE" (inflection: "PEople").
//  * Rules apply to the last word of compounds: "user_information" and
//    "UserSheep" stay unchanged, "SalesPerson" -> "SalesPeople" (inflection
//    only knows uncountables as whole strings).
//  * Irregular lists instead of some over-eager regexes: "cafe" -> "cafes"
//    (inflection: "caves"), "valves" -> "valve" (inflection: "valf"),
//    "caches" -> "cache" (inflection: "cach"), "quotas" -> "quota",
//    "bases" -> "base" (inflection: "basis"), "human" -> "humans",
//    "fish" -> "fish" (inflection: "fishes"), "leaf" -> "leaves".
//  * "" and words that do not end in a letter or digit are returned as is
//    (inflection: pluralize("") == "s").
//  * tableize() splits words like the case filters (Rails' underscore):
//    "HTTPServer" -> "http_servers" (inflection: "h_t_t_p_servers").
#include "text/inflect.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include "text/inflect_rules.h"
#include "text/utf8.h"
#include "text/words.h"

namespace unjucks::text {
namespace {

using inflect_detail::Rule;

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_letter(char c) { return is_ascii_upper(c) || is_ascii_lower(c); }
char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_consonant(char c) {
  c = ascii_lower(c);
  return is_ascii_lower(c) && std::string_view("aeiouy").find(c) == std::string_view::npos;
}

// True when a word-anchored ending may start at byte `pos` of `word`.
bool at_word_start(std::string_view word, std::size_t pos) {
  if (pos == 0) return true;
  const char prev = word[pos - 1];
  if (static_cast<unsigned char>(prev) >= 0x80) return false;  // part of a letter
  if (!is_ascii_letter(prev)) return true;
  return is_ascii_lower(prev) && is_ascii_upper(word[pos]);  // camel-case hump
}

// `lower` is `word` with ASCII letters lower-cased (same byte offsets).
bool ends_with_rule_side(std::string_view word, std::string_view lower, std::string_view ending,
                         unsigned flags) {
  if (!lower.ends_with(ending)) return false;
  const std::size_t pos = lower.size() - ending.size();
  if ((flags & inflect_detail::kWholeWord) != 0 && !at_word_start(word, pos)) return false;
  if ((flags & inflect_detail::kAfterConsonant) != 0 &&
      (pos == 0 || !is_consonant(lower[pos - 1]))) {
    return false;
  }
  return true;
}

// True when the word has at least two cased letters and none is lower case.
bool is_all_caps(std::string_view word) {
  std::size_t upper = 0;
  for (const CodePoint& cp : CodePoints(word)) {
    if (is_lower(cp.value)) return false;
    if (is_upper(cp.value)) ++upper;
  }
  return upper >= 2;
}

bool ends_in_alnum(std::string_view word) {
  std::size_t start = word.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(word[start]) & 0xC0) == 0x80) --start;
  const CodePoint last = decode_at(word, start);
  return last.valid && is_alnum(last.value);
}

enum class Direction { kPluralize, kSingularize };

// Replaces the ending of `word` that a rule matched (`matched` bytes) with
// `replacement`, carrying over the case of the word.
std::string replace_ending(std::string_view word, std::size_t matched,
                           std::string_view replacement) {
  const std::size_t keep = word.size() - matched;
  std::string out(word.substr(0, keep));
  if (is_all_caps(word)) {
    out.append(to_upper(replacement));
  } else if (matched > 0 && is_ascii_upper(word[keep])) {
    out.append(upper_first(replacement));
  } else {
    out.append(replacement);
  }
  return out;
}

std::string inflect(std::string_view word, Direction direction) {
  if (word.empty() || !ends_in_alnum(word)) return std::string(word);
  std::string lower(word);
  for (char& c : lower) c = ascii_lower(c);

  const bool plural = direction == Direction::kPluralize;
  const Rule* best = nullptr;  // nullptr: leave the word unchanged
  std::size_t best_length = 0;
  bool have_match = false;
  for (const Rule& rule : inflect_detail::inflection_rules()) {
    const std::string_view from = plural ? rule.singular : rule.plural;
    const std::string_view to = plural ? rule.plural : rule.singular;
    const bool one_way = !plural && (rule.flags & inflect_detail::kPluralizeOnly) != 0;
    // The target side wins ties: the word already has the wanted form.
    if (ends_with_rule_side(word, lower, to, rule.flags) &&
        (!have_match || to.size() >= best_length)) {
      best = nullptr;
      best_length = to.size();
      have_match = true;
    }
    if (!one_way && from != to && ends_with_rule_side(word, lower, from, rule.flags) &&
        (!have_match || from.size() > best_length)) {
      best = &rule;
      best_length = from.size();
      have_match = true;
    }
  }
  if (best == nullptr) return std::string(word);
  return replace_ending(word, best_length, plural ? best->plural : best->singular);
}

// Rails' underscore: words of each "::" or "/" segment joined with "_".
std::string underscore(std::string_view s) {
  std::string out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find_first_of(":/", start);
    if (end == std::string_view::npos) end = s.size();
    const std::vector<std::string> words = split_words(s.substr(start, end - start));
    if (!words.empty()) {
      if (!out.empty()) out.push_back('/');
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out.push_back('_');
        out.append(to_lower(words[i]));
      }
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string pluralize(std::string_view word) { return inflect(word, Direction::kPluralize); }

std::string singularize(std::string_view word) { return inflect(word, Direction::kSingularize); }

std::string camelize(std::string_view s, bool lower_first_letter) {
  std::string out;
  out.reserve(s.size());
  bool first_part = true;
  std::size_t part_start = 0;
  while (part_start <= s.size()) {
    std::size_t part_end = s.find('/', part_start);
    if (part_end == std::string_view::npos) part_end = s.size();
    if (!first_part) out.append("::");
    const std::string_view part = s.substr(part_start, part_end - part_start);
    std::size_t piece_start = 0;
    bool first_piece = true;
    while (piece_start <= part.size()) {
      std::size_t piece_end = part.find('_', piece_start);
      if (piece_end == std::string_view::npos) piece_end = part.size();
      std::string piece(part.substr(piece_start, piece_end - piece_start));
      if (!first_piece) piece = to_lower(piece);
      if (lower_first_letter && first_part && first_piece) {
        out.append(lower_first(piece));
      } else {
        out.append(upper_first(piece));
      }
      first_piece = false;
      piece_start = piece_end + 1;
    }
    first_part = false;
    part_start = part_end + 1;
  }
  return out;
}

std::string humanize(std::string_view s) {
  std::string lower = to_lower(s);
  if (lower.ends_with("_ids")) {
    lower.resize(lower.size() - 4);
  } else if (lower.ends_with("_id")) {
    lower.resize(lower.size() - 3);
  }
  for (char& c : lower) {
    if (c == '_') c = ' ';
  }
  return upper_first(lower);
}

std::string slugify(std::string_view s) {
  const std::string clean = sanitize_utf8(s);
  utf8proc_uint8_t* folded = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
      static_cast<utf8proc_ssize_t>(clean.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
  const std::string_view text =
      n >= 0 ? std::string_view(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n))
             : std::string_view(clean);
  std::string out;
  out.reserve(text.size());
  bool pending_dash = false;
  for (const CodePoint& cp : CodePoints(text)) {
    if (!is_letter(cp.value) && !is_number(cp.value)) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) out.push_back('-');
    pending_dash = false;
    std::string lowered;
    append_utf8(lowered, cp.value);
    out.append(to_lower(lowered));
  }
  return out;
}

std::string classify(std::string_view s) { return singularize(camelize(s)); }

std::string tableize(std::string_view s) { return pluralize(underscore(s)); }

}  // namespace unjucks::text
