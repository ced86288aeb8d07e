// "Did you mean ...?": the names among a set of candidates that a mistyped word was most likely
// meant to be. Used for commands, generators, actions, options, filters and config keys.
//
// A candidate is close to the word when
//  * they are equal ignoring ASCII case (`kebabcase` -> `kebabCase`), or
//  * their edit distance (Damerau-Levenshtein, optimal string alignment: an insertion, a deletion,
//    a substitution or a swap of two neighbours costs 1; ASCII case ignored) is at most
//    max(1, (length of the word + 2) / 3) and smaller than the longer of the two
//    (`lst` -> `list`, `outt` -> `output`, `gnerate` -> `generate`; `a` is not close to `b`), or
//  * the word, at least 2 long, starts the candidate (`gen` -> `generate`, `out` -> `output`).
// Only the best are kept: the candidates at the smallest distance (a prefix counts as 1, a case
// difference as 0), in candidate order after a stable sort by distance and length, at most
// `max_results` of them. Distances count bytes: names are ASCII in practice, and a UTF-8 name is
// still compared consistently, if a little strictly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::text {

struct SuggestOptions {
  size_t max_results = 3;
  bool prefixes = true;  // a word that starts a candidate suggests it
};

// The Damerau-Levenshtein distance (optimal string alignment), ASCII case ignored.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidates `word` was most likely meant to be, best first (empty: none is close). The word
// itself, if it is a candidate, is not suggested.
std::vector<std::string> suggest(std::string_view word,
                                 const std::vector<std::string_view>& candidates,
                                 const SuggestOptions& options = {});
std::vector<std::string> suggest(std::string_view word, const std::vector<std::string>& candidates,
                                 const SuggestOptions& options = {});

// `did you mean "a"?`, `did you mean "a" or "b"?`, `did you mean "a", "b" or "c"?`; "" when
// `suggestions` is empty. `prefix` goes before each name (e.g. "--" for options).
std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view prefix = "");

}  // namespace unjucks::text
