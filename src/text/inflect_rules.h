// Data for pluralize/singularize (internal to src/text).
//
// Every rule pairs a singular ending with its plural ending, both lower case
// ASCII. A word "matches" a side when it ends with that ending (compared ASCII
// case-insensitively) and the rule's flags allow the match. Of all matching
// sides the longest wins:
//  * pluralize: a matching singular side is replaced by the plural one; a
//    matching plural side means the word is already plural (left unchanged).
//  * singularize: the mirror image.
// On a tie the word is left unchanged. The catch-all rule {"", "s"} makes
// "user" -> "users", "users" -> "users" and "users" -> "user".
#pragma once

#include <span>
#include <string_view>

namespace unjucks::text::inflect_detail {

enum RuleFlag : unsigned {
  kSuffix = 0,
  // The ending must be a whole word: it starts the string or follows a
  // non-letter or a camel-case hump ("ox" matches "ox", "musk_ox", "MuskOx",
  // not "box").
  kWholeWord = 1U << 0,
  // The ending must follow an ASCII consonant ("y" -> "ies" in "category",
  // not in "day").
  kAfterConsonant = 1U << 1,
  // Only pluralize uses the singular -> plural direction; singularize only
  // treats the singular side as "already singular" ("sis" -> "ses": analysis
  // -> analyses, but cases -> case).
  kPluralizeOnly = 1U << 2,
};

struct Rule {
  std::string_view singular;
  std::string_view plural;
  unsigned flags = kSuffix;
};

// All rules, irregular words and uncountable words (singular == plural).
std::span<const Rule> inflection_rules();

}  // namespace unjucks::text::inflect_detail
