#include "migrate/ejs_lexer.h"

#include <algorithm>

namespace unjucks::migrate {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// EJS's first step: /[ \t]*<%_/g -> "<%_" and /_%>[ \t]*/g -> "_%>". `map[i]` is the source
// offset of byte i of the result (and map[size] the source's size).
std::string slurp(std::string_view src, std::vector<uint32_t>* map) {
  std::string s;
  s.reserve(src.size());
  map->clear();
  map->reserve(src.size() + 1);
  size_t i = 0;
  auto copy = [&](size_t n) {
    for (size_t k = 0; k < n; ++k) {
      s.push_back(src[i]);
      map->push_back(static_cast<uint32_t>(i));
      ++i;
    }
  };
  while (i < src.size()) {
    if (is_blank(src[i])) {
      size_t j = i;
      while (j < src.size() && is_blank(src[j])) ++j;
      if (src.compare(j, 3, "<%_") == 0) {
        i = j;
      } else {
        copy(j - i);
      }
      continue;
    }
    if (src.compare(i, 3, "_%>") == 0) {
      copy(3);
      while (i < src.size() && is_blank(src[i])) ++i;
      continue;
    }
    copy(1);
  }
  map->push_back(static_cast<uint32_t>(src.size()));
  return s;
}

// The delimiter EJS's regular expression matches at `i`, or "".
std::string_view delimiter_at(std::string_view s, size_t i) {
  auto at = [&](std::string_view d) { return s.compare(i, d.size(), d) == 0; };
  switch (s[i]) {
    case '<':
      for (std::string_view d : {"<%%", "<%=", "<%-", "<%_", "<%#", "<%"}) {
        if (at(d)) return d;
      }
      return {};
    case '%':
      if (at("%%>")) return "%%>";
      if (at("%>")) return "%>";
      return {};
    case '-':
      return at("-%>") ? "-%>" : std::string_view{};
    case '_':
      return at("_%>") ? "_%>" : std::string_view{};
    default:
      return {};
  }
}

bool is_close(std::string_view d) { return d == "%>" || d == "-%>" || d == "_%>"; }
bool is_open(std::string_view d) { return d.size() >= 2 && d.starts_with("<%") && d != "<%%"; }

struct Token {
  std::string_view text;
  uint32_t pos = 0;  // in the slurped text
  bool delim = false;
};

std::vector<Token> split(std::string_view s) {
  std::vector<Token> out;
  size_t text_start = 0;
  for (size_t i = 0; i < s.size();) {
    std::string_view d = (s[i] == '<' || s[i] == '%' || s[i] == '-' || s[i] == '_')
                             ? delimiter_at(s, i)
                             : std::string_view{};
    if (d.empty()) {
      ++i;
      continue;
    }
    if (i > text_start) {
      out.push_back({s.substr(text_start, i - text_start), static_cast<uint32_t>(text_start)});
    }
    out.push_back({d, static_cast<uint32_t>(i), true});
    i += d.size();
    text_start = i;
  }
  if (text_start < s.size()) {
    out.push_back({s.substr(text_start), static_cast<uint32_t>(text_start)});
  }
  return out;
}

enum class Mode : uint8_t { None, Eval, Escaped, Raw, Comment, Literal };

class Scanner {
 public:
  Scanner(std::string_view src, const std::vector<uint32_t>& map, const EjsLexOptions& opts,
          EjsLexResult* r)
      : src_(src), map_(map), opts_(opts), r_(*r) {}

  void token(const Token& t) {
    if (!t.delim) {
      if (mode_ == Mode::Eval || mode_ == Mode::Escaped || mode_ == Mode::Raw ||
          mode_ == Mode::Comment) {
        content_ = t;
        has_content_ = true;
      } else {
        add_output(t.text, t.pos);
      }
      return;
    }
    std::string_view d = t.text;
    if (d == "<%%" || d == "%%>") {
      mode_ = Mode::Literal;
      append_direct(d == "<%%" ? "<%" : "%>", t.pos);
      ++r_.literals;
      return;
    }
    if (is_open(d)) {
      flush_text();
      mode_ = d == "<%="   ? Mode::Escaped
              : d == "<%-" ? Mode::Raw
              : d == "<%#" ? Mode::Comment
                           : Mode::Eval;
      open_ = t;
      has_content_ = false;
      return;
    }
    // A closing delimiter.
    if (mode_ == Mode::Literal) add_output(d, t.pos);
    int closed = -1;
    if (mode_ != Mode::None && mode_ != Mode::Literal) closed = finish_tag(t);
    mode_ = Mode::None;
    truncate_ = (d[0] == '-' || d[0] == '_') && !opts_.keep_line_breaks;
    truncate_tag_ = truncate_ ? closed : -1;
  }

  void finish() { flush_text(); }

 private:
  uint32_t src_pos(uint32_t pos) const { return map_[pos]; }

  int finish_tag(const Token& close) {
    EjsPiece p;
    p.kind = EjsPiece::Kind::Tag;
    p.tag = mode_ == Mode::Escaped   ? EjsTag::Escaped
            : mode_ == Mode::Raw     ? EjsTag::Raw
            : mode_ == Mode::Comment ? EjsTag::Comment
                                     : EjsTag::Eval;
    p.slurp = open_.text == "<%_";
    p.begin = src_pos(open_.pos);
    p.code_begin = src_pos(static_cast<uint32_t>(open_.pos + open_.text.size()));
    if (has_content_) {
      p.code = std::string(content_.text);
      p.code_begin = src_pos(content_.pos);
    }
    p.end = map_[close.pos + close.text.size()];
    p.close = close.text[0] == '%' ? '%' : close.text[0];
    r_.pieces.push_back(std::move(p));
    ++r_.tags;
    return static_cast<int>(r_.pieces.size() - 1);
  }

  // EJS's _addOutput: the line break a -%> or _%> asked to remove goes first.
  void add_output(std::string_view line, uint32_t pos) {
    if (truncate_) {
      size_t n = line.starts_with("\r\n") ? 2 : (line.starts_with("\n") || line.starts_with("\r"));
      if (n > 0 && truncate_tag_ >= 0) {
        r_.pieces[static_cast<size_t>(truncate_tag_)].eaten_line_break =
            std::string(line.substr(0, n));
      }
      line.remove_prefix(n);
      pos += static_cast<uint32_t>(n);
      truncate_ = false;
      truncate_tag_ = -1;
    }
    if (line.empty()) return;
    if (text_.empty()) text_begin_ = src_pos(pos);
    text_ += line;
  }

  // <%% and %%> append without _addOutput: a pending truncation waits for the next text, which
  // then no longer follows the tag directly.
  void append_direct(std::string_view s, uint32_t pos) {
    if (text_.empty()) text_begin_ = src_pos(pos);
    text_ += s;
    truncate_tag_ = -1;
  }

  void flush_text() {
    if (text_.empty()) return;
    EjsPiece p;
    p.kind = EjsPiece::Kind::Text;
    p.text = std::move(text_);
    p.begin = text_begin_;
    r_.pieces.push_back(std::move(p));
    text_.clear();
  }

  std::string_view src_;
  const std::vector<uint32_t>& map_;
  const EjsLexOptions& opts_;
  EjsLexResult& r_;
  Mode mode_ = Mode::None;
  bool truncate_ = false;
  int truncate_tag_ = -1;
  Token open_;
  Token content_;
  bool has_content_ = false;
  std::string text_;
  uint32_t text_begin_ = 0;
};

}  // namespace

EjsLexResult lex_ejs(std::string_view source, const EjsLexOptions& opts) {
  EjsLexResult r;
  std::vector<uint32_t> map;
  std::string s = slurp(source, &map);
  std::vector<Token> tokens = split(s);
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (!tokens[k].delim || !is_open(tokens[k].text)) continue;
    if (k + 2 >= tokens.size() || !tokens[k + 2].delim || !is_close(tokens[k + 2].text)) {
      r.ok = false;
      r.error = "Could not find matching close tag for \"" + std::string(tokens[k].text) + "\"";
      r.error_at = map[tokens[k].pos];
      return r;
    }
  }
  Scanner scanner(source, map, opts, &r);
  for (const Token& t : tokens) scanner.token(t);
  scanner.finish();
  return r;
}

size_t find_ejs_opener(std::string_view text) { return text.find("<%"); }

bool has_ejs_syntax(std::string_view text) {
  return text.find("<%") != std::string_view::npos || text.find("%>") != std::string_view::npos;
}

LineCol line_col(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  LineCol lc;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.col = static_cast<uint32_t>(offset - line_start + 1);
  return lc;
}

}  // namespace unjucks::migrate
