// Hygen's templates are EJS (`<%= name %>`, `<% if (x) { %>`); unjucks renders Nunjucks, where
// EJS tags are plain text. A Hygen generator copied over unconverted would write files named
// `<%= name %>.ts` full of tags: this finds the templates that look like that, so the command
// can say so. Only where it is almost surely a mistake: EJS tags in the `to:` path, or a file
// with no Nunjucks tag at all and EJS tags in its frontmatter (or, for an `.ejs.t` file, in its
// body). A Nunjucks template that generates EJS views (`<%= title %>` in the body of an `.njk`)
// or injects after an ERB line (`after: "<% end %>"`) is left alone.
#pragma once

#include <cstdint>
#include <string_view>

namespace unjucks::gen {

// The 1-based line of the file where the first such EJS tag is, or 0. `header_line` and
// `body_line` are the file lines the two parts start at; `ejs_ending` says the file name ends
// in `.ejs.t`.
uint32_t find_unconverted_ejs(std::string_view header, uint32_t header_line, std::string_view body,
                              uint32_t body_line, bool ejs_ending);

}  // namespace unjucks::gen
