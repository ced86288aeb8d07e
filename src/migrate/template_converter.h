// One Hygen template file (EJS, with Hygen's frontmatter) as an unjucks template (Nunjucks) that
// generates the same bytes; or, when some of it cannot be translated exactly, the reasons, with
// positions, and no text: a file is converted whole or not at all.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::migrate {

struct Attention {
  uint32_t offset = 0;  // in the file
  std::string message;
};

struct ConvertOptions {
  // <%= %> escapes & < > " ' as EJS does: with the ejsEscape filter wherever the value could
  // hold one of them. Off: printed as they are ({{ x }}).
  bool exact_escaping = true;
};

struct ConvertedTemplate {
  bool ok = false;  // false: not converted, `attention` says why
  std::string text;
  bool changed = false;  // text differs from the source
  size_t tags = 0;       // EJS tags translated
  std::vector<Attention> attention;
  // Hygen writes no file and runs nothing from it (no frontmatter, or no to:, sh:, echo: or
  // setup:): unjucks would write it to its own name, so the migration lists it in the action's
  // .hygenignore and leaves it as it is.
  bool generates_nothing = false;
};

ConvertedTemplate convert_hygen_template(std::string_view source,
                                         const ConvertOptions& opts = ConvertOptions{});

// A file name (or any text without frontmatter) with EJS tags in it.
ConvertedTemplate convert_ejs_text(std::string_view text, const ConvertOptions& opts);

enum class Dialect : unsigned char {
  Ejs,       // EJS syntax (<% or %>) outside {% raw %}: Hygen's, to convert
  Nunjucks,  // a .njk file, `ejs: output` in its frontmatter, or Nunjucks tags and no EJS
  Plain,     // neither: the same text in both, but for Hygen's frontmatter rules
};
Dialect classify_template(std::string_view file_name, std::string_view source);

// The offset of the first EJS syntax (<% or %>) outside {% raw %} blocks, or npos. What
// generate can use to refuse a template that was not converted.
size_t find_ejs_syntax(std::string_view source);

}  // namespace unjucks::migrate
