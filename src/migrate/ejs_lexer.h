// EJS templates as Hygen 6.2.11 renders them (ejs 3.1.10, default options): the text EJS prints
// and the tags in between, with EJS's own whitespace rules already applied, so that a converter
// only has to translate tags.
//
// EJS splits a template at the first match of (<%%|%%>|<%=|<%-|<%_|<%#|<%|%>|-%>|_%>), after
// removing spaces and tabs before every `<%_` and after every `_%>`. `<%%` prints `<%` and `%%>`
// prints `%>`; `-%>` and `_%>` remove one line break at the start of the next text; a `%>` outside
// a tag prints nothing (inside a `<%%` literal it prints itself); an opening tag whose next token
// but one is not a closing tag is an error ("Could not find matching close tag").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::migrate {

enum class EjsTag : uint8_t {
  Eval,     // <% code %> and <%_ code %>
  Escaped,  // <%= expression %> (HTML-escaped)
  Raw,      // <%- expression %>
  Comment,  // <%# text %>
};

struct EjsPiece {
  enum class Kind : uint8_t { Text, Tag };
  Kind kind = Kind::Text;
  // Text: the bytes EJS prints here (line breaks removed by -%> and _%> are not in it).
  std::string text;
  // Tag:
  EjsTag tag = EjsTag::Eval;
  std::string code;    // between the delimiters
  uint32_t begin = 0;  // source offset of the opening delimiter (Text: of its first byte)
  uint32_t code_begin = 0;
  uint32_t end = 0;    // source offset after the closing delimiter
  char close = '%';    // '%' for %>, '-' for -%>, '_' for _%>
  bool slurp = false;  // opened with <%_
  // The line break right after the tag that EJS removed ("\n", "\r\n" or "\r"), or "".
  std::string eaten_line_break;
};

struct EjsLexOptions {
  // -%> and _%> remove no line break (a frontmatter, where Hygen renders each YAML value on its
  // own: the line break after a value is YAML's, not the value's).
  bool keep_line_breaks = false;
};

struct EjsLexResult {
  bool ok = true;
  std::string error;      // EJS's complaint when !ok
  uint32_t error_at = 0;  // source offset
  std::vector<EjsPiece> pieces;
  size_t tags = 0;      // tags of any kind (<%% and %%> are not tags)
  size_t literals = 0;  // <%% and %%>
};

EjsLexResult lex_ejs(std::string_view source, const EjsLexOptions& opts = {});

// The offset of the first `<%` that EJS reads as a tag opener or as its `<%%` literal, or npos.
// A text without one means the same in EJS and as plain text, but for a stray `%>` (EJS drops
// it; see has_ejs_syntax).
size_t find_ejs_opener(std::string_view text);

// True when EJS would print `text` differently from the text itself: it has a tag opener, a
// `<%%` or `%%>` literal, or a `%>`, `-%>` or `_%>` (which EJS drops).
bool has_ejs_syntax(std::string_view text);

// 1-based line and column of a byte offset.
struct LineCol {
  uint32_t line = 1;
  uint32_t col = 1;
};
LineCol line_col(std::string_view text, size_t offset);

}  // namespace unjucks::migrate
