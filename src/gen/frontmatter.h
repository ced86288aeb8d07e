// Frontmatter: the YAML header between "---" lines at the top of a generator template. split()
// finds it; parse() reads the (already rendered) YAML into the options that decide what happens
// to the file.
//
// Values cannot change the header's structure. The header is a template, and what its
// `{{ ... }}` expressions print (variables: the name argument, --vars, a batch record) is kept
// apart from its own text: the YAML is read with each printed value replaced by a marker, and
// each marker is then replaced by the value's text inside the scalar that holds it. A value is
// therefore never read as YAML: a newline, a ': ', a '#' or a quote in it are text of the one
// value it stands in, so no value can add a key (`force: true`, `sh: ...`), end a string early or
// turn a scalar into a list. Keys must be written in the template (a key printed by `{{ }}` is
// an error), and `{% if %}` blocks may still add or leave out whole lines, as the template's
// author wrote them. A plain (unquoted) scalar made with values is read as YAML would read its
// text for null (`to: {{ x }}` with x empty or "null" skips the file), trimmed of surrounding
// blanks, and as an integer for at_line.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gen/inject.h"
#include "template/output.h"

namespace unjucks::gen {

struct SplitTemplate {
  bool has_header = false;
  std::string_view header;  // the YAML text, without the "---" lines
  std::string_view body;
  uint32_t header_line = 0;  // 1-based line of the header's first line
  uint32_t body_line = 1;    // 1-based line of the body's first line
};

// A header starts with a first line "---" and ends at the next line that is "---".
// A file without one is all body. An unterminated header is all body too.
SplitTemplate split_frontmatter(std::string_view source);

struct Frontmatter {
  std::optional<std::string> to;  // set but empty: the file is skipped
  std::string from;
  bool force = false;
  bool unless_exists = false;
  std::string skip_if;  // "true" skips; otherwise a regex tested against the target
  bool inject = false;
  InjectSpec inject_spec;
  std::optional<uint32_t> chmod;
  std::string sh;
  bool sh_ignore_exit = false;
  std::string message;
  std::vector<std::string> unknown_keys;  // reported as warnings
  std::vector<std::string> keys;          // every key, in order
  bool operator==(const Frontmatter&) const = default;
};

struct FrontmatterError {
  std::string message;
  uint32_t line = 0;  // 1-based within the header, 0 if unknown
  uint32_t col = 0;
};

// Parses a rendered header; `values` are where its `{{ }}` output went (tpl::Output::
// record_values), in order and not overlapping; without them all of it is the template's own
// text. Returns false with `err` set when it is not a mapping, a key has a value of the wrong
// kind or a key comes from a value. The common headers (one "key: plain value" per line) are
// read by a small reader of that subset, anything else by yaml-cpp; both give the same result.
bool parse_frontmatter(std::string_view yaml, Frontmatter* fm, FrontmatterError* err,
                       std::span<const tpl::ValueSpan> values = {});
// The same through yaml-cpp alone (the reference the subset reader is checked against).
bool parse_frontmatter_yaml(std::string_view yaml, Frontmatter* fm, FrontmatterError* err,
                            std::span<const tpl::ValueSpan> values = {});
// True when the subset reader takes `yaml` (for tests: which path a header goes).
bool frontmatter_is_simple(std::string_view yaml, std::span<const tpl::ValueSpan> values = {});

// "755", "0755", 493 (as decimal digits it is read as octal) -> 0755.
std::optional<uint32_t> parse_mode(std::string_view text);

}  // namespace unjucks::gen
