#include "template/lexer/lexer.h"

#include <cstring>

#include "template/lexer/syntax_error.h"

namespace unjucks::tpl {

namespace {
constexpr std::string_view kWhitespace = " \n\t\r";
constexpr std::string_view kDelims = "()[]{}%*-+~/#,:|.<>=!";
bool is_ws(char c) { return kWhitespace.find(c) != std::string_view::npos; }
bool is_delim(char c) { return kDelims.find(c) != std::string_view::npos; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string_view token_name(Tok t) {
  switch (t) {
    case Tok::Eof: return "end of file";
    case Tok::String: return "string";
    case Tok::Whitespace: return "whitespace";
    case Tok::Data: return "data";
    case Tok::BlockStart: return "block-start";
    case Tok::BlockEnd: return "block-end";
    case Tok::VariableStart: return "variable-start";
    case Tok::VariableEnd: return "variable-end";
    case Tok::Comment: return "comment";
    case Tok::LeftParen: return "left-paren";
    case Tok::RightParen: return "right-paren";
    case Tok::LeftBracket: return "left-bracket";
    case Tok::RightBracket: return "right-bracket";
    case Tok::LeftCurly: return "left-curly";
    case Tok::RightCurly: return "right-curly";
    case Tok::Operator: return "operator";
    case Tok::Comma: return "comma";
    case Tok::Colon: return "colon";
    case Tok::Tilde: return "tilde";
    case Tok::Pipe: return "pipe";
    case Tok::Int: return "int";
    case Tok::Float: return "float";
    case Tok::Boolean: return "boolean";
    case Tok::None: return "none";
    case Tok::Symbol: return "symbol";
    case Tok::Regex: return "regex";
  }
  return "?";
}

Lexer::Lexer(std::string_view src, const Options& opts, mem::Arena& arena)
    : src_(src),
      trim_blocks_(opts.trim_blocks),
      lstrip_blocks_(opts.lstrip_blocks),
      tags_(opts.tags),
      arena_(arena) {
  begin_chars_.push_back(tags_.block_start.empty() ? '{' : tags_.block_start[0]);
  begin_chars_.push_back(tags_.variable_start.empty() ? '{' : tags_.variable_start[0]);
  begin_chars_.push_back(tags_.comment_start.empty() ? '{' : tags_.comment_start[0]);
  begin_chars_.push_back(tags_.comment_end.empty() ? '#' : tags_.comment_end[0]);
}

void Lexer::fail(std::string msg, uint32_t pos) const { throw SyntaxError{std::move(msg), pos}; }

size_t Lexer::column() const {
  size_t nl = index_ == 0 ? std::string_view::npos : src_.rfind('\n', index_ - 1);
  return nl == std::string_view::npos ? index_ : index_ - nl - 1;
}

Token Lexer::next() { return in_code_ ? next_code() : next_data(); }

std::string_view Lexer::parse_string(char delim) {
  ++index_;  // opening quote
  size_t start = index_;
  bool escaped = false;
  while (index_ < src_.size() && src_[index_] != delim) {
    if (src_[index_] == '\\') {
      escaped = true;
      index_ += 2;
    } else {
      ++index_;
    }
  }
  if (index_ > src_.size()) index_ = src_.size();
  std::string_view raw = src_.substr(start, index_ - start);
  if (index_ < src_.size()) ++index_;  // closing quote
  if (!escaped) return raw;
  char* out = static_cast<char*>(arena_.allocate(raw.size() + 1, 1));
  size_t n = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      char e = raw[++i];
      out[n++] = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
    } else if (c != '\\') {
      out[n++] = c;
    }
  }
  return {out, n};
}

Token Lexer::next_code() {
  uint32_t start = static_cast<uint32_t>(index_);
  if (index_ >= src_.size()) return make(Tok::Eof, start, {});
  char cur = src_[index_];
  if (cur == '"' || cur == '\'') return make(Tok::String, start, parse_string(cur));
  if (is_ws(cur)) {
    while (index_ < src_.size() && is_ws(src_[index_])) ++index_;
    return make(Tok::Whitespace, start, src_.substr(start, index_ - start));
  }
  auto end_tag = [&](const std::string& tag) -> size_t {
    if (matches(tag)) return tag.size();
    if (src_.substr(index_, 1) == "-" && src_.substr(index_ + 1, tag.size()) == tag)
      return tag.size() + 1;
    return 0;
  };
  if (size_t n = end_tag(tags_.block_end)) {
    index_ += n;
    in_code_ = false;
    if (trim_blocks_ && index_ < src_.size()) {
      if (src_[index_] == '\n') {
        ++index_;
      } else if (src_[index_] == '\r' && index_ + 1 < src_.size() && src_[index_ + 1] == '\n') {
        index_ += 2;
      }
    }
    return make(Tok::BlockEnd, start, src_.substr(start, n));
  }
  if (size_t n = end_tag(tags_.variable_end)) {
    index_ += n;
    in_code_ = false;
    return make(Tok::VariableEnd, start, src_.substr(start, n));
  }
  if (cur == 'r' && index_ + 1 < src_.size() && src_[index_ + 1] == '/') {
    index_ += 2;
    size_t body_start = index_;
    size_t body_end = src_.size();
    while (index_ < src_.size()) {
      if (src_[index_] == '/' && src_[index_ - 1] != '\\') {
        body_end = index_;
        ++index_;
        break;
      }
      ++index_;
    }
    if (index_ >= src_.size() && body_end == src_.size()) body_end = src_.size();
    size_t flags_start = index_;
    while (index_ < src_.size() && std::strchr("gimy", src_[index_]) != nullptr &&
           src_[index_] != '\0')
      ++index_;
    Token t = make(Tok::Regex, start, src_.substr(body_start, body_end - body_start));
    t.flags = src_.substr(flags_start, index_ - flags_start);
    return t;
  }
  if (is_delim(cur)) {
    ++index_;
    size_t len = 1;
    auto is_complex = [](std::string_view s) {
      return s == "==" || s == "===" || s == "!=" || s == "!==" || s == "<=" || s == ">=" ||
             s == "//" || s == "**";
    };
    if (index_ < src_.size() && is_complex(src_.substr(start, 2))) {
      ++index_;
      len = 2;
      if (index_ < src_.size() && is_complex(src_.substr(start, 3))) {
        ++index_;
        len = 3;
      }
    }
    std::string_view v = src_.substr(start, len);
    Tok t = Tok::Operator;
    if (len == 1) {
      switch (cur) {
        case '(': t = Tok::LeftParen; break;
        case ')': t = Tok::RightParen; break;
        case '[': t = Tok::LeftBracket; break;
        case ']': t = Tok::RightBracket; break;
        case '{': t = Tok::LeftCurly; break;
        case '}': t = Tok::RightCurly; break;
        case ',': t = Tok::Comma; break;
        case ':': t = Tok::Colon; break;
        case '~': t = Tok::Tilde; break;
        case '|': t = Tok::Pipe; break;
        default: break;
      }
    }
    return make(t, start, v);
  }
  while (index_ < src_.size() && !is_ws(src_[index_]) && !is_delim(src_[index_])) ++index_;
  std::string_view word = src_.substr(start, index_ - start);
  bool all_digits = !word.empty();
  for (char c : word) all_digits = all_digits && is_digit(c);
  if (all_digits) {
    if (index_ < src_.size() && src_[index_] == '.') {
      ++index_;
      while (index_ < src_.size() && is_digit(src_[index_])) ++index_;
      return make(Tok::Float, start, src_.substr(start, index_ - start));
    }
    return make(Tok::Int, start, word);
  }
  if (word == "true" || word == "false") return make(Tok::Boolean, start, word);
  if (word == "none" || word == "null") return make(Tok::None, start, word);
  return make(Tok::Symbol, start, word);
}

Token Lexer::next_data() {
  uint32_t start = static_cast<uint32_t>(index_);
  if (index_ >= src_.size()) return make(Tok::Eof, start, {});
  auto start_tag = [&](const std::string& tag) -> size_t {
    if (src_.substr(index_, tag.size() + 1) == tag + "-") return tag.size() + 1;
    if (matches(tag)) return tag.size();
    return 0;
  };
  if (size_t n = start_tag(tags_.block_start)) {
    index_ += n;
    in_code_ = true;
    return make(Tok::BlockStart, start, src_.substr(start, n));
  }
  if (size_t n = start_tag(tags_.variable_start)) {
    index_ += n;
    in_code_ = true;
    return make(Tok::VariableStart, start, src_.substr(start, n));
  }
  bool in_comment = false;
  if (matches(tags_.comment_start)) {
    in_comment = true;
    index_ += tags_.comment_start.size();
  }
  // The token is always a contiguous range of the source, except when lstrip removes a tail.
  size_t tok_end;
  for (;;) {
    while (index_ < src_.size() && begin_chars_.find(src_[index_]) == std::string::npos) ++index_;
    if (index_ >= src_.size()) {
      if (in_comment) fail("expected end of comment, got end of file", start);
      tok_end = index_;
      break;
    }
    if (!in_comment && (matches(tags_.block_start) || matches(tags_.variable_start) ||
                        matches(tags_.comment_start))) {
      tok_end = index_;
      if (lstrip_blocks_ && matches(tags_.block_start)) {
        size_t col = column();
        size_t len = index_ - start;
        if (col > 0 && col <= len) {
          bool blank = true;
          for (size_t i = index_ - col; i < index_; ++i) blank = blank && is_ws(src_[i]);
          if (blank) {
            tok_end = index_ - col;
            if (tok_end == start) return next();
          }
        }
      }
      break;
    }
    if (matches(tags_.comment_end)) {
      if (!in_comment) fail("unexpected end of comment", static_cast<uint32_t>(index_));
      index_ += tags_.comment_end.size();
      tok_end = index_;
      break;
    }
    ++index_;
  }
  return make(in_comment ? Tok::Comment : Tok::Data, start, src_.substr(start, tok_end - start));
}

bool Lexer::extract_raw(std::string_view tag, std::string_view* body) {
  // Nunjucks matches /([\s\S]*?){%\s*(tag|endtag)\s*(?=%})%}/ repeatedly, counting nesting,
  // each match moving its position on; the delimiters are the literal {% %} whatever the custom
  // tags are. One pass: every byte is looked at a bounded number of times, and when the blocks
  // never close, the position ends after the last tag matched (so the template's remaining
  // `raw` tags, if any, are already behind it: no later block scans this text again).
  std::string end_tag = "end" + std::string(tag);
  size_t scan = index_;
  size_t body_start = index_;
  size_t consumed = index_;  // after the last tag matched
  size_t level = 1;
  for (;;) {
    size_t open = src_.find("{%", scan);
    if (open == std::string_view::npos) break;
    size_t p = open + 2;
    while (p < src_.size() && (is_ws(src_[p]) || src_[p] == '\f' || src_[p] == '\v')) ++p;
    size_t name_start = p;
    while (p < src_.size() && !is_ws(src_[p]) && src_[p] != '%') ++p;
    std::string_view name = src_.substr(name_start, p - name_start);
    while (p < src_.size() && (is_ws(src_[p]) || src_[p] == '\f' || src_[p] == '\v')) ++p;
    bool closes = src_.substr(p, 2) == "%}";
    if (closes && (name == tag || name == end_tag)) {
      if (name == tag) {
        ++level;
      } else if (--level == 0) {
        *body = src_.substr(body_start, open - body_start);
        index_ = p + 2;  // after the end tag
        return true;
      }
      consumed = p + 2;
      scan = p + 2;
    } else {
      scan = open + 1;
    }
  }
  // Never closed: the text up to the last tag matched (tags included) is the body, as Nunjucks
  // gives it; with no tag matched at all, the body is empty and the position unchanged.
  *body = src_.substr(body_start, consumed - body_start);
  index_ = consumed;
  return false;
}

}  // namespace unjucks::tpl
