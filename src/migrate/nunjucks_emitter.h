// Writes translated tags and EJS's printed text as a Nunjucks template that prints exactly that
// text in unjucks' generators, which render with trimBlocks and lstripBlocks on:
//   - trimBlocks removes the line break right after a block tag: where EJS printed one there, the
//     template gets one more (a blank line in the template is a line in the output); where EJS
//     removed one (-%>, _%>), the template keeps it (the tag stays on its own line);
//   - lstripBlocks removes the blanks before a block tag that starts a line: where EJS printed
//     them, they are written as {{ "  " }};
//   - a `-%>` after an output tag becomes `-}}` when what follows does not start with a blank,
//     else the line break is left out;
//   - text that Nunjucks would read as a tag ({{ {% {# #}) or that looks like EJS (<% %>) is
//     written as a string: {{ "{{" }}, {{ "<\%" }} (so a converted template is never taken for
//     EJS again).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::migrate {

struct NjItem {
  enum class Kind : unsigned char { Text, Block, Output, Comment };
  Kind kind = Kind::Text;
  // Text: the bytes to print. Block: one or more block tags ("{% if x %}"), joined by "\n".
  // Output: the expression. Comment: the comment's text.
  std::string text;
  // After this tag EJS removed this line break ("" when none).
  std::string eaten_line_break;
};

std::string emit_nunjucks(const std::vector<NjItem>& items);

// `text` as template text that prints itself (the escaping of emit_nunjucks for one piece).
std::string escape_nunjucks_text(std::string_view text);

// True when `text` has a Nunjucks tag opener ({{, {%, {#).
bool has_nunjucks_syntax(std::string_view text);

}  // namespace unjucks::migrate
