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
  const bool nunjucks = has_nunjucks_tag(header) || has_nunjucks_tag(body);
  // In the frontmatter: on the `to:` line always (an output path is never meant to hold EJS
  // tags); on another line (an anchor such as `after: "<% end %>"` may be ERB or EJS on
  // purpose) only when the file has no Nunjucks tag at all.
  uint32_t other = 0;
  size_t line_start = 0;
  for (uint32_t n = 0; line_start < header.size(); ++n) {
    size_t end = header.find('\n', line_start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view line = header.substr(line_start, end - line_start);
    if (first_ejs_tag(line) != std::string_view::npos) {
      size_t key = line.find_first_not_of(" \t");
      if (key != std::string_view::npos && line.substr(key).starts_with("to:")) {
        return header_line + n;
      }
      if (other == 0) other = header_line + n;
    }
    line_start = end + 1;
  }
  if (nunjucks) return 0;
  if (other != 0) return other;
  if (ejs_ending) {
    if (size_t at = first_ejs_tag(body); at != std::string_view::npos) {
      return line_of(body, at, body_line);
    }
  }
  return 0;
}

}  // namespace unjucks::gen
