// JavaScript tokens, enough of them for the code in EJS tags and Hygen's prompt.js files:
// names and keywords, numbers, strings and template literals (decoded), regular expression
// literals, punctuators; comments are skipped. Each token knows whether a line break came before
// it (for automatic semicolon insertion).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unjucks::migrate {

enum class JsTok : uint8_t { End, Name, Number, String, Template, Regex, Punct };

struct JsToken {
  JsTok kind = JsTok::End;
  std::string_view text;  // the source text
  uint32_t begin = 0;     // offsets in the source given to lex_js (plus its base)
  uint32_t end = 0;
  bool nl_before = false;
  // String: the decoded value (UTF-8). Number: the literal as Nunjucks writes it ("" when it
  // has no Nunjucks form). Regex: the body.
  std::string value;
  std::string flags;               // Regex
  std::vector<std::string> parts;  // Template: the decoded strings around the substitutions
  // Template: each `${...}`'s tokens, in order (parts.size() == subs.size() + 1).
  std::vector<std::vector<JsToken>> subs;

  bool is(std::string_view punct_or_name) const {
    return (kind == JsTok::Punct || kind == JsTok::Name) && text == punct_or_name;
  }
};

struct JsLexResult {
  bool ok = true;
  std::string error;
  uint32_t error_at = 0;
  std::vector<JsToken> tokens;  // ends with an End token
};

// `base` is added to every offset (the position of `source` in a larger file).
JsLexResult lex_js(std::string_view source, uint32_t base = 0);

// JavaScript's reserved words (and the literals null, true, false).
bool is_js_keyword(std::string_view name);

}  // namespace unjucks::migrate
