// Tokens of the template language. Values are views into the template source, or into the
// template's arena for strings whose escapes were decoded.
#pragma once

#include <cstdint>
#include <string_view>

namespace unjucks::tpl {

enum class Tok : uint8_t {
  Eof,
  String,
  Whitespace,
  Data,
  BlockStart,
  BlockEnd,
  VariableStart,
  VariableEnd,
  Comment,
  LeftParen,
  RightParen,
  LeftBracket,
  RightBracket,
  LeftCurly,
  RightCurly,
  Operator,
  Comma,
  Colon,
  Tilde,
  Pipe,
  Int,
  Float,
  Boolean,
  None,
  Symbol,
  Regex,
};

// Nunjucks' name for a token type, used in messages ("expected block-end, got symbol").
std::string_view token_name(Tok t);

struct Token {
  Tok type = Tok::Eof;
  uint32_t pos = 0;        // byte offset of the token in the source
  std::string_view value;  // text (decoded for strings; regex body for regexes)
  std::string_view flags;  // regex flags
};

}  // namespace unjucks::tpl
