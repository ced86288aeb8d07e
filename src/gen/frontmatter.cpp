#include "gen/frontmatter.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <charconv>

#include "gen/yaml_values.h"

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

namespace {

// A value's marker: U+E000, the value's index in decimal, U+E001. Private-use characters are
// text to YAML anywhere a scalar may be (and at its start), and no template needs them.
constexpr std::string_view kMarkOpen = "\xEE\x80\x80";
constexpr std::string_view kMarkClose = "\xEE\x80\x81";

// The length of the marker that starts at `i` of `s`, or 0; its index in `*index` when given.
size_t marker_at(std::string_view s, size_t i, size_t* index) {
  if (s.substr(i, kMarkOpen.size()) != kMarkOpen) return 0;
  size_t k = i + kMarkOpen.size();
  size_t n = 0;
  size_t digits = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9' && digits < 12) {
    n = n * 10 + static_cast<size_t>(s[k] - '0');
    ++k;
    ++digits;
  }
  if (digits == 0 || s.substr(k, kMarkClose.size()) != kMarkClose) return 0;
  if (index) *index = n;
  return k + kMarkClose.size() - i;
}

// One key of the header and its value, as a YAML reader gives them.
struct HeaderEntry {
  enum class Kind : uint8_t { Null, Scalar, Other };  // Other: a sequence or a mapping
  std::string key;
  Kind kind = Kind::Null;
  std::string value;               // the scalar's text
  std::optional<int64_t> integer;  // the scalar read as an integer, when it is one
  bool plain = false;              // a plain (unquoted) scalar
  uint32_t line = 0;               // 1-based position of the value
  uint32_t col = 0;
};

// Interprets the entries; false with `err` for a wrong value.
bool apply(const std::vector<HeaderEntry>& entries, Frontmatter* fm, FrontmatterError* err) {
  std::optional<InjectWhere> where;
  for (const HeaderEntry& e : entries) {
    const std::string& key = e.key;
    fm->keys.push_back(key);
    auto fail = [&](std::string_view what) {
      err->message = "frontmatter key '" + key + "': " + std::string(what);
      err->line = e.line;
      err->col = e.col;
      return false;
    };
    const bool null = e.kind == HeaderEntry::Kind::Null;
    if (e.kind == HeaderEntry::Kind::Other) return fail("expected a single value");
    // A scalar's text; a null is "" (and false).
    const std::string& text = e.value;
    const bool truthy =
        !null && !(text.empty() || text == "false" || text == "False" || text == "FALSE" ||
                   text == "no" || text == "0" || text == "null" || text == "~");
    if (key == "to") {
      fm->to = text;
    } else if (key == "from") {
      fm->from = text;
    } else if (key == "force") {
      fm->force = truthy;
    } else if (key == "unless_exists") {
      fm->unless_exists = truthy;
    } else if (key == "skip_if" || key == "skipIf") {
      fm->inject_spec.skip_if = fm->skip_if = text;
    } else if (key == "inject") {
      fm->inject = truthy;
    } else if (key == "before" || key == "after") {
      where = key == "before" ? InjectWhere::Before : InjectWhere::After;
      fm->inject_spec.anchor = text;
      if (text.empty()) return fail("the anchor is empty");
    } else if (key == "prepend" || key == "append") {
      if (truthy) where = key == "prepend" ? InjectWhere::Prepend : InjectWhere::Append;
    } else if (key == "at_line") {
      if (!e.integer) return fail("expected a line number");
      fm->inject_spec.at_line = *e.integer;
      where = InjectWhere::AtLine;
    } else if (key == "eof_last") {
      fm->inject_spec.eof_last = truthy;
    } else if (key == "chmod") {
      fm->chmod = parse_mode(text);
      if (!fm->chmod) return fail("expected an octal mode such as 755");
    } else if (key == "sh") {
      fm->sh = text;
    } else if (key == "sh_ignore_exit") {
      fm->sh_ignore_exit = truthy;
    } else if (key == "message") {
      fm->message = text;
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

// Reads the header with yaml-cpp. False with `err` when it is not YAML or not a mapping.
bool read_yaml(std::string_view yaml, std::vector<HeaderEntry>* out, FrontmatterError* err) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    // In our words (yaml-cpp's parser stops at 2,000 levels of its own recursion, about 500 of
    // flow nesting, saying "bad file": "nested too deeply to be read").
    YamlError ye = yaml_error(e);
    err->message = std::move(ye.message);
    err->line = ye.line;
    err->col = ye.col;
    return false;
  }
  if (root.IsNull() || !root.IsDefined()) return true;
  if (!root.IsMap()) {
    err->message = "frontmatter must be a mapping of keys to values";
    return false;
  }
  for (const auto& kv : root) {
    HeaderEntry e;
    e.key = kv.first.as<std::string>("");
    const YAML::Node& v = kv.second;
    e.line = static_cast<uint32_t>(v.Mark().line + 1);
    e.col = static_cast<uint32_t>(v.Mark().column + 1);
    if (v.IsNull()) {
      e.kind = HeaderEntry::Kind::Null;
    } else if (v.IsScalar()) {
      e.kind = HeaderEntry::Kind::Scalar;
      e.value = v.Scalar();
      e.plain = v.Tag() == "?";
      if (e.key == "at_line") {
        try {
          e.integer = v.as<int64_t>();
        } catch (const YAML::Exception&) {
        }
      }
    } else {
      e.kind = HeaderEntry::Kind::Other;
    }
    out->push_back(std::move(e));
  }
  return true;
}

bool is_key_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && c >= '0' && c <= '9');
}

// The headers generators have (one "key: plain value" per line, comment lines, blank lines)
// read without yaml-cpp, which costs more than rendering a small file; a value may also be a
// one-line quoted string without escapes. Anything else (escapes, block or flow collections,
// anchors, tags, escapes, non-ASCII text, repeated keys, a value that is not a plain integer for
// at_line...) returns false and yaml-cpp reads it: the accepted subset is one where both readers
// give the same entries (the frontmatter fuzz target checks it on every input).
bool read_simple(std::string_view yaml, std::vector<HeaderEntry>* out) {
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos < yaml.size()) {
    ++line_no;
    size_t nl = yaml.find('\n', pos);
    std::string_view line =
        yaml.substr(pos, (nl == std::string_view::npos ? yaml.size() : nl) - pos);
    pos = nl == std::string_view::npos ? yaml.size() : nl + 1;
    // "\r\n" ends a line; a carriage return anywhere else is left to yaml-cpp.
    if (nl != std::string_view::npos && line.ends_with('\r')) line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) return false;
    size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i == line.size()) continue;  // blank
    if (i == 0 &&
        line[0] == '#') {  // a comment line, of printable ASCII (NUL ends yaml-cpp's input)
      for (char c : line) {
        if (c < 0x20 || c > 0x7e) return false;
      }
      continue;
    }
    if (i != 0 || !is_key_char(line[0], true)) return false;
    while (i < line.size() && is_key_char(line[i], false)) ++i;
    if (i == line.size() || line[i] != ':') return false;
    HeaderEntry e;
    e.key = std::string(line.substr(0, i));
    // A key that YAML reads as null is not its text to yaml-cpp (found by CI's fuzzing).
    if (e.key == "null" || e.key == "Null" || e.key == "NULL") return false;
    for (const HeaderEntry& seen : *out) {
      if (seen.key == e.key) return false;  // repeated keys: as yaml-cpp has them
    }
    ++i;
    if (i < line.size() && line[i] != ' ') return false;
    while (i < line.size() && line[i] == ' ') ++i;
    std::string_view value = line.substr(i);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    e.line = line_no;
    e.col = static_cast<uint32_t>(i + 1);
    if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'') && value.back() == value[0]) {
      // A quoted string on one line without escapes ("a\"b", 'it''s') is taken as its text.
      std::string_view inner = value.substr(1, value.size() - 2);
      for (size_t k = 0; k < inner.size(); ++k) {
        if (size_t n = marker_at(inner, k, nullptr)) {
          k += n - 1;
          continue;
        }
        char c = inner[k];
        if (c < 0x20 || c > 0x7e || c == value[0] || c == '\\') return false;
      }
      if (e.key == "at_line") return false;
      e.kind = HeaderEntry::Kind::Scalar;
      e.value = std::string(inner);
      out->push_back(std::move(e));
      continue;
    }
    if (!value.empty()) {
      if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(value[0]) != std::string_view::npos) {
        return false;
      }
      for (size_t k = 0; k < value.size(); ++k) {
        if (size_t n = marker_at(value, k, nullptr)) {
          k += n - 1;
          continue;
        }
        char c = value[k];
        if (c < 0x20 || c > 0x7e || c == '[' || c == ']' || c == '{' || c == '}' || c == ',') {
          return false;
        }
        if (c == ':' && (k + 1 == value.size() || value[k + 1] == ' ')) return false;
        if (c == '#' && value[k - 1] == ' ') return false;
      }
    }
    if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
      e.kind = HeaderEntry::Kind::Null;
    } else {
      e.kind = HeaderEntry::Kind::Scalar;
      e.value = std::string(value);
      e.plain = true;
      if (e.key == "at_line") {
        int64_t n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || end != value.data() + value.size() ||
            (value.size() > 1 && value[0] == '0')) {
          return false;  // not plain decimal digits: yaml-cpp decides (hex, octal, overflow...)
        }
        e.integer = n;
      }
    }
    out->push_back(std::move(e));
  }
  return true;
}

// ---- values kept apart from the structure (see frontmatter.h)

// The header with a marker where each value was, and the values' text by index.
struct Structure {
  std::string text;
  std::vector<std::string_view> values;
};

bool contains_mark_char(std::string_view s) {
  return s.find(kMarkOpen) != std::string_view::npos ||
         s.find(kMarkClose) != std::string_view::npos;
}

bool build_structure(std::string_view rendered, std::span<const tpl::ValueSpan> spans,
                     Structure* out, FrontmatterError* err) {
  out->text.reserve(rendered.size() + spans.size() * 10);
  size_t pos = 0;
  auto literal = [&](size_t end) {
    std::string_view piece = rendered.substr(pos, end - pos);
    if (contains_mark_char(piece)) {
      err->message =
          "the frontmatter contains U+E000 or U+E001, private-use characters unjucks reserves";
      return false;
    }
    out->text += piece;
    return true;
  };
  for (size_t i = 0; i < spans.size(); ++i) {
    const tpl::ValueSpan& v = spans[i];
    if (v.begin < pos || v.end < v.begin || v.end > rendered.size()) {
      err->message = "the frontmatter's values are out of order";
      return false;
    }
    if (!literal(v.begin)) return false;
    out->text += kMarkOpen;
    out->text += std::to_string(i);
    out->text += kMarkClose;
    out->values.push_back(rendered.substr(v.begin, v.end - v.begin));
    pos = v.end;
  }
  return literal(rendered.size());
}

bool is_null_word(std::string_view t) {
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}

// Puts the values' text where their markers are. False with `err` for a key that holds one.
bool fill_values(std::vector<HeaderEntry>* entries, const Structure& st, FrontmatterError* err) {
  for (HeaderEntry& e : *entries) {
    if (e.key.find(kMarkOpen) != std::string::npos) {
      err->message =
          "a key cannot come from a {{ }} expression: write the keys in the template (a value "
          "cannot add a key)";
      err->line = e.line;
      err->col = 1;
      return false;
    }
    if (e.kind != HeaderEntry::Kind::Scalar || e.value.find(kMarkOpen) == std::string::npos) {
      continue;
    }
    std::string text;
    for (size_t i = 0; i < e.value.size();) {
      size_t index = 0;
      if (size_t n = marker_at(e.value, i, &index); n != 0 && index < st.values.size()) {
        text += st.values[index];
        i += n;
      } else {
        text += e.value[i++];
      }
    }
    if (e.plain) {
      // What YAML would make of the text of a plain scalar: no surrounding blanks, null words.
      size_t b = text.find_first_not_of(" \t");
      size_t end = text.find_last_not_of(" \t");
      text = b == std::string::npos ? std::string() : text.substr(b, end - b + 1);
      if (is_null_word(text)) {
        e.kind = HeaderEntry::Kind::Null;
        text.clear();
      }
    }
    e.integer.reset();
    if (e.key == "at_line" && e.kind == HeaderEntry::Kind::Scalar) {
      try {
        e.integer = YAML::Node(text).as<int64_t>();
      } catch (const YAML::Exception&) {
      }
    }
    e.value = std::move(text);
  }
  return true;
}

// The header read by the subset reader (when `simple_first` and it takes it) or yaml-cpp, the
// values put in, the keys interpreted.
bool parse_structure(std::string_view text, const Structure* st, bool simple_first, Frontmatter* fm,
                     FrontmatterError* err) {
  std::vector<HeaderEntry> entries;
  if (simple_first && read_simple(text, &entries)) {
    Frontmatter fast;
    FrontmatterError ignored;
    // A wrong value is reported from yaml-cpp's reading (its positions are the reference).
    if ((!st || fill_values(&entries, *st, &ignored)) && apply(entries, &fast, &ignored)) {
      *fm = std::move(fast);
      return true;
    }
  }
  entries.clear();  // what the subset reader took before it gave up
  if (!read_yaml(text, &entries, err)) return false;
  if (st && !fill_values(&entries, *st, err)) return false;
  return apply(entries, fm, err);
}

bool parse(std::string_view yaml, std::span<const tpl::ValueSpan> values, bool simple_first,
           Frontmatter* fm, FrontmatterError* err) {
  if (values.empty()) return parse_structure(yaml, nullptr, simple_first, fm, err);
  Structure st;
  if (!build_structure(yaml, values, &st, err)) return false;
  return parse_structure(st.text, &st, simple_first, fm, err);
}

}  // namespace

bool parse_frontmatter(std::string_view yaml, Frontmatter* fm, FrontmatterError* err,
                       std::span<const tpl::ValueSpan> values) {
  return parse(yaml, values, true, fm, err);
}

bool parse_frontmatter_yaml(std::string_view yaml, Frontmatter* fm, FrontmatterError* err,
                            std::span<const tpl::ValueSpan> values) {
  return parse(yaml, values, false, fm, err);
}

bool frontmatter_is_simple(std::string_view yaml, std::span<const tpl::ValueSpan> values) {
  std::vector<HeaderEntry> entries;
  if (values.empty()) return read_simple(yaml, &entries);
  Structure st;
  FrontmatterError ignored;
  return build_structure(yaml, values, &st, &ignored) && read_simple(st.text, &entries);
}

}  // namespace unjucks::gen
