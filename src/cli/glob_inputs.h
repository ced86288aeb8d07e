// The template globs of `unjucks render 'pages/**/*.njk' --out-dir dist`, as nunjucks-cli reads
// them: `*`, `?` and `[...]` match within one path segment (not a leading dot), `**` matches any
// number of folders; files whose name starts with `_` are partials and layouts, never rendered
// on their own. A match keeps its path below the pattern's fixed leading folder (its base:
// `pages` for `pages/**/*.njk`, `.` for `*.njk`), which is where its output goes below --out-dir.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::cli {

struct GlobMatch {
  std::string path;  // base + "/" + rel (as the pattern spells the base)
  std::string rel;   // below the base, '/'-separated
};

// Whether `pattern` has a wildcard (`*`, `?`, `[`).
bool is_glob(std::string_view pattern);
// The fixed leading folder of `pattern` ("." when it starts with a wildcard).
std::string glob_base(std::string_view pattern);
// Whether `rel` (relative to the base) matches the part of `pattern` after its base.
bool glob_matches(std::string_view pattern, std::string_view rel);

// The files that match, sorted by path; partials (`_name`) left out. Symbolic links to files
// count; `**` does not follow links to folders (no cycles), and stops 64 folders deep.
std::vector<GlobMatch> expand_glob(std::string_view pattern);

// `rel` with its last extension replaced by `extension` ("" drops it; a name without one gets
// it added): "a/b.njk" -> "a/b.html".
std::string replace_extension(std::string_view rel, std::string_view extension);

}  // namespace unjucks::cli
