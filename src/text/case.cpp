#include "text/case.h"

#include <vector>

#include "text/utf8.h"
#include "text/words.h"

namespace unjucks::text {
namespace {

enum class WordCase { kLower, kUpper, kCapital, kPascal, kCamel, kSentence };

// change-case's pascalCaseTransform: first character upper-cased, the rest
// lower-cased; a word after the first that starts with a digit is prefixed
// with "_" so that "version 2 alpha" does not collapse into "version2Alpha".
void append_pascal_word(std::string& out, std::string_view word, std::size_t index) {
  const CodePoint first = decode_at(word, 0);
  const std::string rest = to_lower(word.substr(first.length));
  if (index > 0 && is_number(first.value)) {
    out.push_back('_');
    out.append(word.substr(0, first.length));
  } else {
    out.append(upper_first(word.substr(0, first.length)));
  }
  out.append(rest);
}

std::string convert(std::string_view s, WordCase word_case, std::string_view delimiter) {
  const std::vector<std::string> words = split_words(s);
  std::string out;
  out.reserve(s.size() + words.size() * delimiter.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out.append(delimiter);
    const std::string& w = words[i];
    switch (word_case) {
      case WordCase::kLower:
        out.append(to_lower(w));
        break;
      case WordCase::kUpper:
        out.append(to_upper(w));
        break;
      case WordCase::kCapital:
        out.append(upper_first(to_lower(w)));
        break;
      case WordCase::kPascal:
        append_pascal_word(out, w, i);
        break;
      case WordCase::kCamel:
        if (i == 0) {
          out.append(to_lower(w));
        } else {
          append_pascal_word(out, w, i);
        }
        break;
      case WordCase::kSentence:
        out.append(i == 0 ? upper_first(to_lower(w)) : to_lower(w));
        break;
    }
  }
  return out;
}

}  // namespace

std::string camel_case(std::string_view s) { return convert(s, WordCase::kCamel, ""); }
std::string pascal_case(std::string_view s) { return convert(s, WordCase::kPascal, ""); }
std::string kebab_case(std::string_view s) { return convert(s, WordCase::kLower, "-"); }
std::string snake_case(std::string_view s) { return convert(s, WordCase::kLower, "_"); }
std::string constant_case(std::string_view s) { return convert(s, WordCase::kUpper, "_"); }
std::string title_case(std::string_view s) { return convert(s, WordCase::kCapital, " "); }
std::string sentence_case(std::string_view s) { return convert(s, WordCase::kSentence, " "); }
std::string dot_case(std::string_view s) { return convert(s, WordCase::kLower, "."); }
std::string path_case(std::string_view s) { return convert(s, WordCase::kLower, "/"); }

}  // namespace unjucks::text
