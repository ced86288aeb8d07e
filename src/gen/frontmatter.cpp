#include "gen/frontmatter.h"

#include <yaml-cpp/yaml.h>

namespace unjucks::gen {
namespace {

// The next line of `s` from `pos` (without its ending); advances `pos` past it.
std::string_view next_line(std::string_view s, size_t* pos) {
  size_t start = *pos;
  size_t nl = s.find('\n', start);
  size_t end = nl == std::string_view::npos ? s.size() : nl;
  *pos = nl == std::string_view::npos ? s.size() : nl + 1;
  std::string_view line = s.substr(start, end - start);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---";
}

bool truthy(const YAML::Node& n) {
  if (!n.IsScalar()) return n.IsDefined() && !n.IsNull();
  const std::string& s = n.Scalar();
  return !(s.empty() || s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "0" ||
           s == "null" || s == "~");
}

std::string scalar(const YAML::Node& n) { return n.IsScalar() ? n.Scalar() : std::string(); }

}  // namespace

SplitTemplate split_frontmatter(std::string_view source) {
  SplitTemplate t;
  t.body = source;
  size_t pos = 0;
  if (source.starts_with("\xEF\xBB\xBF")) pos = 3;
  if (!is_fence(next_line(source, &pos))) return t;
  size_t header_start = pos;
  uint32_t line = 2;
  while (pos < source.size()) {
    size_t line_start = pos;
    std::string_view l = next_line(source, &pos);
    if (is_fence(l)) {
      t.has_header = true;
      t.header = source.substr(header_start, line_start - header_start);
      t.header_line = 2;
      t.body = source.substr(pos);
      t.body_line = line + 1;
      return t;
    }
    ++line;
  }
  return t;
}

std::optional<uint32_t> parse_mode(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  uint32_t mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    mode = mode * 8 + static_cast<uint32_t>(c - '0');
  }
  if (mode > 07777) return std::nullopt;
  return mode;
}

bool parse_frontmatter(std::string_view yaml, Frontmatter* fm, FrontmatterError* err) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    err->message = e.msg;
    err->line = e.mark.line >= 0 ? static_cast<uint32_t>(e.mark.line) + 1 : 0;
    err->col = e.mark.column >= 0 ? static_cast<uint32_t>(e.mark.column) + 1 : 0;
    return false;
  }
  if (root.IsNull() || !root.IsDefined()) return true;
  if (!root.IsMap()) {
    err->message = "frontmatter must be a mapping of keys to values";
    return false;
  }
  std::optional<InjectWhere> where;
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>("");
    const YAML::Node& v = kv.second;
    auto fail = [&](std::string_view what) {
      err->message = "frontmatter key '" + key + "': " + std::string(what);
      err->line = static_cast<uint32_t>(v.Mark().line + 1);
      err->col = static_cast<uint32_t>(v.Mark().column + 1);
      return false;
    };
    if (!v.IsNull() && !v.IsScalar()) return fail("expected a single value");
    if (key == "to") {
      fm->to = v.IsNull() ? std::string() : scalar(v);
    } else if (key == "from") {
      fm->from = scalar(v);
    } else if (key == "force") {
      fm->force = truthy(v);
    } else if (key == "unless_exists") {
      fm->unless_exists = truthy(v);
    } else if (key == "skip_if" || key == "skipIf") {
      fm->inject_spec.skip_if = fm->skip_if = scalar(v);
    } else if (key == "inject") {
      fm->inject = truthy(v);
    } else if (key == "before" || key == "after") {
      where = key == "before" ? InjectWhere::Before : InjectWhere::After;
      fm->inject_spec.anchor = scalar(v);
      if (fm->inject_spec.anchor.empty()) return fail("the anchor is empty");
    } else if (key == "prepend" || key == "append") {
      if (truthy(v)) where = key == "prepend" ? InjectWhere::Prepend : InjectWhere::Append;
    } else if (key == "at_line") {
      try {
        fm->inject_spec.at_line = v.as<int64_t>();
      } catch (const YAML::Exception&) {
        return fail("expected a line number");
      }
      where = InjectWhere::AtLine;
    } else if (key == "eof_last") {
      fm->inject_spec.eof_last = truthy(v);
    } else if (key == "chmod") {
      fm->chmod = parse_mode(scalar(v));
      if (!fm->chmod) return fail("expected an octal mode such as 755");
    } else if (key == "sh") {
      fm->sh = scalar(v);
    } else if (key == "sh_ignore_exit") {
      fm->sh_ignore_exit = truthy(v);
    } else if (key == "message") {
      fm->message = scalar(v);
    } else {
      fm->unknown_keys.push_back(key);
    }
  }
  if (fm->inject) {
    if (!where) {
      err->message =
          "frontmatter has 'inject: true' but no before, after, prepend, append or at_line";
      return false;
    }
    fm->inject_spec.where = *where;
  }
  return true;
}

}  // namespace unjucks::gen
