#include "migrate/hygen_frontmatter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace unjucks::migrate {
namespace {

// JavaScript's \s, the ASCII part.
bool is_js_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void read_keys(HygenFrontmatter* f, uint32_t header_line) {
  try {
    YAML::Node root = YAML::Load(std::string(f->header));
    if (root.IsMap()) {
      for (const auto& kv : root) {
        if (!kv.first.IsScalar()) continue;
        const std::string& k = kv.first.Scalar();
        if (std::find(f->keys.begin(), f->keys.end(), k) != f->keys.end()) {
          // js-yaml refuses a mapping with a key twice: Hygen cannot read this template.
          f->yaml_error = "duplicated mapping key '" + k + "'";
          f->yaml_error_line = header_line;
          return;
        }
        f->keys.push_back(k);
        if (k == "to" && kv.second.IsScalar()) f->to = kv.second.Scalar();
        if (k == "inject" && kv.second.IsScalar()) f->inject = kv.second.Scalar() == "true";
      }
    } else if (!root.IsNull()) {
      f->yaml_error = "the frontmatter is not a mapping of keys to values";
      f->yaml_error_line = header_line;
    }
  } catch (const YAML::Exception& e) {
    f->yaml_error = e.msg;
    f->yaml_error_line = header_line + static_cast<uint32_t>(e.mark.line >= 0 ? e.mark.line : 0);
  }
}

}  // namespace

HygenFrontmatter split_hygen_frontmatter(std::string_view src) {
  HygenFrontmatter f;
  f.body = src;
  size_t p = src.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  size_t eol = src.find_first_of("\r\n", p);
  std::string_view first = src.substr(p, eol == std::string_view::npos ? src.npos : eol - p);
  if (first.find("---") == std::string_view::npos &&
      first.find("= yaml =") == std::string_view::npos) {
    return f;
  }
  if (first != "---") {
    f.unusual = true;
    return f;
  }
  if (eol == std::string_view::npos) return f;  // no closing fence: all body
  f.line_break = src.compare(eol, 2, "\r\n") == 0 ? src.substr(eol, 2) : src.substr(eol, 1);
  if (f.line_break == "\r") {  // old Mac line breaks: unjucks reads lines at '\n'
    f.unusual = true;
    return f;
  }
  size_t header_start = eol + f.line_break.size();
  // The first line after the opening one that is "---" or "..." and blanks.
  size_t ls = header_start;
  size_t close = std::string_view::npos;
  while (ls <= src.size()) {
    size_t le = src.find_first_of("\r\n", ls);
    std::string_view line = src.substr(ls, le == std::string_view::npos ? src.npos : le - ls);
    if (line.starts_with("---") || line.starts_with("...")) {
      bool blank = true;
      for (char c : line.substr(3)) blank = blank && is_js_space(c);
      if (blank) {
        close = ls;
        break;
      }
    }
    if (le == std::string_view::npos) break;
    ls = le + 1;
  }
  if (close == std::string_view::npos) return f;
  // The closing fence's own line break, kept as it is ("" at the end of the file).
  size_t after = close + 3;
  while (after < src.size() && (src[after] == ' ' || src[after] == '\t')) ++after;
  f.close_line_break = src.compare(after, 2, "\r\n") == 0 ? src.substr(after, 2)
                       : after < src.size() && (src[after] == '\n' || src[after] == '\r')
                           ? src.substr(after, 1)
                           : std::string_view();
  if (f.close_line_break == "\r") {
    f.unusual = true;
    return f;
  }
  f.has = true;
  f.header = src.substr(header_start, close - header_start);
  f.header_offset = static_cast<uint32_t>(header_start);
  // front-matter's \s*$\n? after the closing fence: the run of white space after it, up to and
  // including its last line break (all of it when the file ends there).
  size_t q = close + 3;
  size_t r = q;
  size_t last_break = std::string_view::npos;
  while (r < src.size() && is_js_space(src[r])) {
    if (src[r] == '\n' || src[r] == '\r') last_break = r;
    ++r;
  }
  size_t body_start;
  if (r == src.size()) {
    body_start = r;
  } else {
    body_start = src[last_break] == '\n' ? last_break + 1 : last_break;
  }
  f.body = src.substr(body_start);
  f.body_offset = static_cast<uint32_t>(body_start);
  read_keys(&f, 2);
  return f;
}

}  // namespace unjucks::migrate
