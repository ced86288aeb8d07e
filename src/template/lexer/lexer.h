// The tokenizer: a pull state machine over the source, in the two modes Nunjucks has (template
// data, and code inside tags). The parser pulls one token at a time because `raw` blocks move
// the position directly.
#pragma once

#include <string>
#include <string_view>

#include "mem/arena.h"
#include "template/lexer/token.h"
#include "template/options.h"

namespace unjucks::tpl {

class Lexer {
 public:
  // `arena` receives decoded string literals; it must outlive the tokens.
  Lexer(std::string_view src, const Options& opts, mem::Arena& arena);

  // The next token; Tok::Eof at the end. Throws TemplateError (Syntax) on a lexical error,
  // with the offset in error().
  Token next();

  const Tags& tags() const { return tags_; }
  size_t position() const { return index_; }
  std::string_view source() const { return src_; }

  // For `raw`/`verbatim`: scans from the current position for the matching
  // `{% end<tag> %}` (nesting counted), returns the text before it and leaves the position after
  // that end tag. When the blocks never close, returns false with the text up to the last
  // `raw`/`endraw` tag seen as the body and the position after it (none seen: empty, position
  // unchanged), as Nunjucks does. Linear in the text scanned, which is never scanned again.
  bool extract_raw(std::string_view tag, std::string_view* body);

 private:
  Token next_code();
  Token next_data();
  Token make(Tok t, uint32_t start, std::string_view v) const { return Token{t, start, v, {}}; }
  bool matches(std::string_view s) const { return src_.substr(index_, s.size()) == s; }
  std::string_view parse_string(char delim);
  [[noreturn]] void fail(std::string msg, uint32_t pos) const;
  // Column (0-based, bytes) of index_ within its line.
  size_t column() const;

  std::string_view src_;
  size_t index_ = 0;
  bool in_code_ = false;
  bool trim_blocks_;
  bool lstrip_blocks_;
  const Tags& tags_;
  mem::Arena& arena_;
  std::string begin_chars_;
};

}  // namespace unjucks::tpl
