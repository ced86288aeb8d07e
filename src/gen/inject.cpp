#include "gen/inject.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "gen/js_regex.h"

namespace unjucks::gen {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  // Like JavaScript's text.split(/\r?\n/): a trailing newline gives a last empty element.
  std::vector<std::string_view> lines;
  size_t i = 0;
  for (;;) {
    size_t j = text.find('\n', i);
    if (j == std::string_view::npos) {
      lines.push_back(text.substr(i));
      break;
    }
    size_t e = (j > i && text[j - 1] == '\r') ? j - 1 : j;
    lines.push_back(text.substr(i, e - i));
    i = j + 1;
  }
  return lines;
}

size_t line_of_offset(std::string_view text, size_t offset) {
  return static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

InjectResult error(std::string reason) {
  InjectResult r;
  r.status = InjectResult::Status::Error;
  r.reason = std::move(reason);
  return r;
}

InjectResult skipped(std::string reason) {
  InjectResult r;
  r.status = InjectResult::Status::Skipped;
  r.reason = std::move(reason);
  return r;
}

std::string make_diff(const std::vector<std::string_view>& lines, size_t count, size_t idx,
                      std::string_view snippet) {
  constexpr size_t kContext = 2;
  std::vector<std::string_view> added = split_lines(snippet);
  size_t from = idx > kContext ? idx - kContext : 0;
  size_t to = std::min(count, idx + kContext);
  std::string d =
      fmt::format("@@ -{},{} +{},{} @@\n", from + 1, to - from, from + 1, to - from + added.size());
  for (size_t i = from; i < idx; ++i) d += fmt::format(" {}\n", lines[i]);
  for (std::string_view a : added) d += fmt::format("+{}\n", a);
  for (size_t i = idx; i < to; ++i) d += fmt::format(" {}\n", lines[i]);
  return d;
}

}  // namespace

std::string_view inject_where_name(InjectWhere where) {
  switch (where) {
    case InjectWhere::Before:
      return "before";
    case InjectWhere::After:
      return "after";
    case InjectWhere::Prepend:
      return "prepend";
    case InjectWhere::Append:
      return "append";
    case InjectWhere::AtLine:
      return "at_line";
  }
  return "?";
}

// True when `needle` occurs in `file` as whole lines: from the start of a line to the end of a
// line (so "rec1" is not present in a file that only has "rec10", nor "x" in "prefix").
bool contains_lines(std::string_view file, std::string_view needle) {
  for (size_t at = file.find(needle); at != std::string_view::npos;
       at = file.find(needle, at + 1)) {
    size_t end = at + needle.size();
    bool starts_line = at == 0 || file[at - 1] == '\n';
    bool ends_line = end == file.size() || file[end] == '\n' || file[end] == '\r';
    if (starts_line && ends_line) return true;
  }
  return false;
}

InjectResult inject(std::string_view file, std::string_view body, const InjectSpec& spec) {
  std::string rx_err;
  if (!spec.skip_if.empty()) {
    auto rx = JsRegex::compile(spec.skip_if, "", &rx_err);
    if (!rx) return error("skip_if: " + rx_err);
    if (rx->matches(file)) return skipped("skip_if matched");
  }
  size_t nl = file.find('\n');
  std::string_view eol = (nl != std::string_view::npos && nl > 0 && file[nl - 1] == '\r')
                             ? std::string_view("\r\n")
                             : std::string_view("\n");
  std::string snippet(body);
  if (spec.eof_last != true) {
    if (snippet.ends_with("\r\n")) {
      snippet.resize(snippet.size() - 2);
    } else if (snippet.ends_with("\n")) {
      snippet.pop_back();
    }
  }
  if (snippet.empty()) return skipped("nothing to inject");
  std::string_view needle = snippet;
  while (!needle.empty() && (needle.back() == '\n' || needle.back() == '\r')) {
    needle.remove_suffix(1);
  }
  if (!needle.empty() && contains_lines(file, needle)) return skipped("already present");

  std::vector<std::string_view> lines = split_lines(file);
  bool ends_with_eol = file.ends_with('\n');
  size_t count = ends_with_eol ? lines.size() - 1 : lines.size();  // real lines
  if (file.empty()) count = 0;
  size_t idx = 0;
  switch (spec.where) {
    case InjectWhere::Prepend:
      idx = 0;
      break;
    case InjectWhere::Append:
      idx = count;
      break;
    case InjectWhere::AtLine:
      if (spec.at_line < 0 || static_cast<size_t>(spec.at_line) > count) {
        return error(fmt::format("at_line {} is outside the file ({} lines)", spec.at_line, count));
      }
      idx = static_cast<size_t>(spec.at_line);
      break;
    case InjectWhere::Before:
    case InjectWhere::After: {
      auto rx = JsRegex::compile(spec.anchor, "", &rx_err);
      if (!rx) return error(std::string(inject_where_name(spec.where)) + ": " + rx_err);
      bool found = false;
      for (size_t i = 0; i < count; ++i) {
        if (rx->matches(lines[i])) {
          idx = spec.where == InjectWhere::Before ? i : i + 1;
          found = true;
          break;
        }
      }
      if (!found) {
        // An anchor spanning lines: match against the whole text.
        size_t b, e;
        if (rx->search(file, 0, &b, &e)) {
          found = true;
          idx = spec.where == InjectWhere::Before ? line_of_offset(file, b)
                                                  : line_of_offset(file, e > b ? e - 1 : e) + 1;
          idx = std::min(idx, count);
        }
      }
      if (!found) {
        return error(
            fmt::format("{} anchor /{}/ not found", inject_where_name(spec.where), spec.anchor));
      }
      break;
    }
  }

  InjectResult r;
  r.status = InjectResult::Status::Injected;
  r.line = idx + 1;
  r.diff = make_diff(lines, count, idx, snippet);
  std::string& out = r.content;
  out.reserve(file.size() + snippet.size() + 2);
  std::string eol_snippet;  // the snippet with the file's line endings
  for (size_t i = 0; i < snippet.size(); ++i) {
    if (snippet[i] == '\r' && i + 1 < snippet.size() && snippet[i + 1] == '\n') continue;
    if (snippet[i] == '\n') {
      eol_snippet += eol;
    } else {
      eol_snippet += snippet[i];
    }
  }
  for (size_t i = 0; i < idx; ++i) {
    out.append(lines[i]);
    out.append(eol);
  }
  out.append(eol_snippet);
  if (idx < count || ends_with_eol || file.empty()) out.append(eol);
  for (size_t i = idx; i < count; ++i) {
    out.append(lines[i]);
    if (i + 1 < count || ends_with_eol) out.append(eol);
  }
  return r;
}

}  // namespace unjucks::gen
