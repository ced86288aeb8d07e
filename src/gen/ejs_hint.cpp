#include "gen/ejs_hint.h"

#include <algorithm>

namespace unjucks::gen {
namespace {

// Offset of the first EJS opening tag: `<%` followed by `=`, `-`, `_`, `#` or whitespace
// (`<%%` is EJS's escaped literal and not a tag). npos when there is none.
size_t first_ejs_tag(std::string_view s) {
  for (size_t at = s.find("<%"); at != std::string_view::npos; at = s.find("<%", at + 2)) {
    if (at + 2 >= s.size()) break;
    char c = s[at + 2];
    if (c == '=' || c == '-' || c == '_' || c == '#' || c == ' ' || c == '\t' || c == '\n' ||
        c == '\r') {
      // A tag closes (`%>`) later on: a lone "<% " in prose is not one.
      if (s.find("%>", at + 2) != std::string_view::npos) return at;
    }
  }
  return std::string_view::npos;
}

bool has_nunjucks_tag(std::string_view s) {
  return s.find("{{") != std::string_view::npos || s.find("{%") != std::string_view::npos;
}

uint32_t line_of(std::string_view s, size_t offset, uint32_t first_line) {
  return first_line + static_cast<uint32_t>(std::count(s.begin(), s.begin() + offset, '\n'));
}

}  // namespace

uint32_t find_unconverted_ejs(std::string_view header, uint32_t header_line, std::string_view body,
                              uint32_t body_line, bool ejs_ending) {
  if (size_t at = first_ejs_tag(header); at != std::string_view::npos) {
    return line_of(header, at, header_line);
  }
  if (ejs_ending && !has_nunjucks_tag(body) && !has_nunjucks_tag(header)) {
    if (size_t at = first_ejs_tag(body); at != std::string_view::npos) {
      return line_of(body, at, body_line);
    }
  }
  return 0;
}

}  // namespace unjucks::gen
