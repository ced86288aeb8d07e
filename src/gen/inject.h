// Injection into an existing file: where the rendered body goes (before/after a line matching a
// JavaScript regular expression, at the top, at the end, at a line number), and when nothing
// changes (skip_if matches, or the snippet is already there). Pure text in, text out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace unjucks::gen {

enum class InjectWhere : uint8_t { Before, After, Prepend, Append, AtLine };

struct InjectSpec {
  InjectWhere where = InjectWhere::Append;
  std::string anchor;   // regex source for Before/After
  int64_t at_line = 0;  // AtLine: how many lines come before the snippet (0 = top)
  std::string skip_if;  // regex source; empty = none
  std::optional<bool> eof_last;
  bool operator==(const InjectSpec&) const = default;
};

struct InjectResult {
  enum class Status : uint8_t { Injected, Skipped, Error };
  Status status = Status::Error;
  std::string content;  // the new file content (Injected)
  std::string reason;   // why it was skipped, or the error
  size_t line = 0;      // 1-based line the snippet starts at (Injected)
  std::string diff;     // a short unified-style diff of the insertion (Injected)
};

// The snippet is inserted as whole lines: one trailing newline of `body` ends its last line.
// `eof_last: true` keeps that newline as an extra empty line (Hygen's default); false or unset
// does not. The file's line ending (LF or CRLF) is kept.
InjectResult inject(std::string_view file, std::string_view body, const InjectSpec& spec);

std::string_view inject_where_name(InjectWhere where);

}  // namespace unjucks::gen
