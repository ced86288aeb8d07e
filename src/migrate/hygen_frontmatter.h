// A Hygen template's frontmatter as Hygen 6.2.11 reads it (front-matter 4.0.2): the first line
// "---", the YAML up to the next line that is "---" or "..." (blanks after it allowed), and the
// body after it, where front-matter's pattern (^---\s*$\n?) also swallows every blank line that
// follows the closing line. unjucks keeps those blank lines, so the converter leaves them out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::migrate {

struct HygenFrontmatter {
  bool has = false;
  // The first line looks like a fence but is not one front-matter reads ("--- x", "= yaml ="):
  // the converter does not guess.
  bool unusual = false;
  std::string_view header;  // the YAML text (its lines with their line breaks)
  uint32_t header_offset = 0;
  std::string_view line_break;        // after the opening fence: "\n" or "\r\n"
  std::string_view close_line_break;  // after the closing fence ("" at the end of the file)
  std::string_view body;              // what Hygen renders as the body
  uint32_t body_offset = 0;
  // The keys of the YAML mapping (empty when it is not one); `yaml_error` when it does not parse.
  std::vector<std::string> keys;
  std::string to;       // the `to:` value as written (EJS tags and all)
  bool inject = false;  // `inject: true`
  std::string yaml_error;
  uint32_t yaml_error_line = 0;  // 1-based in the file
};

HygenFrontmatter split_hygen_frontmatter(std::string_view source);

}  // namespace unjucks::migrate
