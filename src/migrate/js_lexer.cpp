#include "migrate/js_lexer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace unjucks::migrate {
namespace {

constexpr std::array<std::string_view, 51> kPunct = {
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=", "=>", "==",
    "!=",   "<=",  ">=",  "&&",  "||",  "??",  "?.",  "++",  "--",  "+=",  "-=",   "*=", "/=",
    "%=",   "&=",  "|=",  "^=",  "**",  "<<",  ">>",  "{",   "}",   "(",   ")",    "[",  "]",
    ";",    ",",   "<",   ">",   "+",   "-",   "*",   "/",   "%",   "&",   "|",    "^"};
constexpr std::string_view kSinglePunct = "!~?:=.@#";

bool is_id_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}
bool is_id_part(unsigned char c) { return is_id_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A number as Nunjucks' lexer reads one (digits, or digits '.' digits), or "".
std::string nunjucks_number(double v) {
  if (!std::isfinite(v) || v < 0) return "";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "";
  std::string s(buf, end);
  if (s.find_first_of("eE") != std::string::npos) return "";
  return s;
}

class Lexer {
 public:
  Lexer(std::string_view src, uint32_t base, JsLexResult* r) : s_(src), base_(base), r_(*r) {}

  // Lexes from `pos_` to the end, or to an unmatched '}' when `in_template` (left at it).
  bool run(std::vector<JsToken>* out, bool in_template) {
    int depth = 0;
    bool nl = false;
    for (;;) {
      if (!skip_space(&nl)) return false;
      if (pos_ >= s_.size()) {
        if (in_template) return fail("unterminated template literal", pos_);
        JsToken end;
        end.kind = JsTok::End;
        end.begin = end.end = off(pos_);
        end.nl_before = nl;
        out->push_back(std::move(end));
        return true;
      }
      char c = s_[pos_];
      if (in_template) {
        if (c == '{') ++depth;
        if (c == '}' && depth-- == 0) return true;
      }
      JsToken t;
      t.nl_before = nl;
      nl = false;
      size_t start = pos_;
      if (is_id_start(static_cast<unsigned char>(c))) {
        while (pos_ < s_.size() && is_id_part(static_cast<unsigned char>(s_[pos_]))) ++pos_;
        if (pos_ < s_.size() && s_[pos_] == '\\') return fail("escapes in names", pos_);
        t.kind = JsTok::Name;
      } else if (is_digit(c) || (c == '.' && pos_ + 1 < s_.size() && is_digit(s_[pos_ + 1]))) {
        if (!number(&t)) return false;
      } else if (c == '"' || c == '\'') {
        if (!string(c, &t.value)) return false;
        t.kind = JsTok::String;
      } else if (c == '`') {
        if (!templ(&t)) return false;
      } else if (c == '/' && regex_allowed(*out)) {
        if (!regex(&t)) return false;
      } else {
        std::string_view p;
        for (std::string_view cand : kPunct) {
          if (s_.compare(pos_, cand.size(), cand) == 0) {
            p = cand;
            break;
          }
        }
        // `?.` followed by a digit is `?` and a number (a ? .5 : 1).
        if (p == "?." && pos_ + 2 < s_.size() && is_digit(s_[pos_ + 2])) p = "?";
        if (p.empty() && kSinglePunct.find(c) != std::string_view::npos) p = s_.substr(pos_, 1);
        if (p.empty()) return fail(std::string("unexpected character '") + c + "'", pos_);
        pos_ += p.size();
        t.kind = JsTok::Punct;
      }
      t.begin = off(start);
      t.end = off(pos_);
      t.text = s_.substr(start, pos_ - start);
      out->push_back(std::move(t));
    }
  }

  size_t pos_ = 0;

 private:
  uint32_t off(size_t p) const { return base_ + static_cast<uint32_t>(p); }

  bool fail(std::string msg, size_t at) {
    r_.ok = false;
    r_.error = std::move(msg);
    r_.error_at = off(at);
    return false;
  }

  bool line_terminator_at(size_t p, size_t* len) const {
    if (s_[p] == '\n' || s_[p] == '\r') {
      *len = 1;
      return true;
    }
    if (s_.compare(p, 3, "\xE2\x80\xA8") == 0 || s_.compare(p, 3, "\xE2\x80\xA9") == 0) {
      *len = 3;
      return true;
    }
    return false;
  }

  bool skip_space(bool* nl) {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      size_t len = 0;
      if (line_terminator_at(pos_, &len)) {
        *nl = true;
        pos_ += len;
      } else if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
        ++pos_;
      } else if (s_.compare(pos_, 2, "\xC2\xA0") == 0) {
        pos_ += 2;
      } else if (s_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) {
        pos_ += 3;
      } else if (s_.compare(pos_, 2, "//") == 0) {
        while (pos_ < s_.size() && !line_terminator_at(pos_, &len)) ++pos_;
      } else if (s_.compare(pos_, 2, "/*") == 0) {
        size_t close = s_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) return fail("unterminated comment", pos_);
        for (size_t p = pos_; p < close; ++p) *nl = *nl || s_[p] == '\n' || s_[p] == '\r';
        pos_ = close + 2;
      } else {
        break;
      }
    }
    return true;
  }

  static bool regex_allowed(const std::vector<JsToken>& before) {
    if (before.empty()) return true;
    const JsToken& t = before.back();
    switch (t.kind) {
      case JsTok::Number:
      case JsTok::String:
      case JsTok::Template:
      case JsTok::Regex:
        return false;
      case JsTok::Name:
        for (std::string_view k : {"return", "typeof", "instanceof", "in", "of", "new", "delete",
                                   "void", "throw", "case", "do", "else", "yield", "await"}) {
          if (t.text == k) return true;
        }
        return false;
      case JsTok::Punct:
        return !(t.text == ")" || t.text == "]" || t.text == "}");
      default:
        return true;
    }
  }

  bool number(JsToken* t) {
    t->kind = JsTok::Number;
    size_t start = pos_;
    double v = 0;
    auto digits = [&](int base) {
      std::string d;
      while (pos_ < s_.size()) {
        char c = s_[pos_];
        int h = hex_value(c);
        if (c == '_') {
          ++pos_;
          continue;
        }
        if (h < 0 || h >= base) break;
        d.push_back(c);
        ++pos_;
      }
      return d;
    };
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() &&
        std::string_view("xXoObB").find(s_[pos_ + 1]) != std::string_view::npos) {
      char k = static_cast<char>(s_[pos_ + 1] | 0x20);
      int base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
      pos_ += 2;
      std::string d = digits(base);
      if (d.empty()) return fail("malformed number", start);
      for (char c : d) v = v * base + hex_value(c);
      t->value = nunjucks_number(v);
    } else {
      std::string text = digits(10);
      bool legacy_octal = text.size() > 1 && text[0] == '0';
      if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        text += '.' + digits(10);
      }
      if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
        text += 'e';
        ++pos_;
        if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) text += s_[pos_++];
        std::string e = digits(10);
        if (e.empty()) return fail("malformed number", start);
        text += e;
      }
      if (legacy_octal) {
        t->value.clear();  // 017 is octal in sloppy JavaScript: not translated
      } else {
        v = std::strtod(text.c_str(), nullptr);
        t->value = nunjucks_number(v);
      }
    }
    if (pos_ < s_.size() && s_[pos_] == 'n') t->value.clear(), ++pos_;  // BigInt
    if (pos_ < s_.size() && is_id_part(static_cast<unsigned char>(s_[pos_]))) {
      return fail("malformed number", start);
    }
    return true;
  }

  // An escape after the backslash at pos_ (pos_ is left after it); `quote` is the delimiter.
  bool escape(std::string* out, bool in_template) {
    size_t at = pos_;
    ++pos_;  // backslash
    if (pos_ >= s_.size()) return fail("unterminated string", at);
    char c = s_[pos_++];
    switch (c) {
      case 'n':
        out->push_back('\n');
        return true;
      case 'r':
        out->push_back('\r');
        return true;
      case 't':
        out->push_back('\t');
        return true;
      case 'b':
        out->push_back('\b');
        return true;
      case 'f':
        out->push_back('\f');
        return true;
      case 'v':
        out->push_back('\v');
        return true;
      case '\r':
        if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
        return true;
      case '\n':
        return true;
      case '0':
        if (pos_ < s_.size() && is_digit(s_[pos_])) return fail("octal escapes", at);
        out->push_back('\0');
        return true;
      case 'x': {
        if (pos_ + 2 > s_.size() || hex_value(s_[pos_]) < 0 || hex_value(s_[pos_ + 1]) < 0) {
          return fail("malformed \\x escape", at);
        }
        append_utf8(out, static_cast<uint32_t>(hex_value(s_[pos_]) * 16 + hex_value(s_[pos_ + 1])));
        pos_ += 2;
        return true;
      }
      case 'u': {
        uint32_t cp = 0;
        if (!unicode_escape(&cp, at)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && s_.compare(pos_, 2, "\\u") == 0) {
          size_t save = pos_;
          pos_ += 2;
          uint32_t lo = 0;
          if (!unicode_escape(&lo, save)) return false;
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else {
            return fail("a lone surrogate in a string", at);
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) return fail("a lone surrogate in a string", at);
        append_utf8(out, cp);
        return true;
      }
      default:
        if (is_digit(c)) return fail(in_template ? "octal escapes" : "octal escapes", at);
        out->push_back(c);
        return true;
    }
  }

  bool unicode_escape(uint32_t* cp, size_t at) {
    *cp = 0;
    if (pos_ < s_.size() && s_[pos_] == '{') {
      ++pos_;
      size_t n = 0;
      while (pos_ < s_.size() && hex_value(s_[pos_]) >= 0) {
        *cp = *cp * 16 + static_cast<uint32_t>(hex_value(s_[pos_++]));
        if (++n > 6 || *cp > 0x10FFFF) return fail("malformed \\u escape", at);
      }
      if (n == 0 || pos_ >= s_.size() || s_[pos_] != '}') return fail("malformed \\u escape", at);
      ++pos_;
      return true;
    }
    for (int i = 0; i < 4; ++i) {
      if (pos_ >= s_.size() || hex_value(s_[pos_]) < 0) return fail("malformed \\u escape", at);
      *cp = *cp * 16 + static_cast<uint32_t>(hex_value(s_[pos_++]));
    }
    return true;
  }

  bool string(char quote, std::string* out) {
    size_t start = pos_++;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      size_t len = 0;
      if (s_[pos_] == '\\') {
        if (!escape(out, false)) return false;
      } else if (line_terminator_at(pos_, &len) && len == 1) {
        return fail("unterminated string", start);
      } else {
        out->push_back(s_[pos_++]);
      }
    }
    if (pos_ >= s_.size()) return fail("unterminated string", start);
    ++pos_;
    return true;
  }

  bool templ(JsToken* t) {
    t->kind = JsTok::Template;
    size_t start = pos_++;
    std::string part;
    while (pos_ < s_.size() && s_[pos_] != '`') {
      if (s_[pos_] == '\\') {
        if (!escape(&part, true)) return false;
      } else if (s_.compare(pos_, 2, "${") == 0) {
        if (++template_depth_ > kMaxTemplateDepth) return fail("nested too deeply", pos_);
        t->parts.push_back(std::move(part));
        part.clear();
        pos_ += 2;
        std::vector<JsToken> sub;
        if (!run(&sub, true)) return false;
        JsToken end;
        end.kind = JsTok::End;
        end.begin = end.end = off(pos_);
        sub.push_back(std::move(end));
        t->subs.push_back(std::move(sub));
        --template_depth_;
        ++pos_;  // '}'
      } else if (s_[pos_] == '\r') {
        // Template literals read CR LF and CR as LF.
        part.push_back('\n');
        pos_ += s_.compare(pos_, 2, "\r\n") == 0 ? 2 : 1;
      } else {
        part.push_back(s_[pos_++]);
      }
    }
    if (pos_ >= s_.size()) return fail("unterminated template literal", start);
    ++pos_;
    t->parts.push_back(std::move(part));
    return true;
  }

  bool regex(JsToken* t) {
    t->kind = JsTok::Regex;
    size_t start = pos_++;
    bool in_class = false;
    size_t len = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (line_terminator_at(pos_, &len)) return fail("unterminated regular expression", start);
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == '[') in_class = true;
      if (c == ']') in_class = false;
      if (c == '/' && !in_class) break;
      ++pos_;
    }
    if (pos_ >= s_.size()) return fail("unterminated regular expression", start);
    t->value = std::string(s_.substr(start + 1, pos_ - start - 1));
    ++pos_;
    size_t flags = pos_;
    while (pos_ < s_.size() && is_id_part(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    t->flags = std::string(s_.substr(flags, pos_ - flags));
    return true;
  }

  // Template literals nest through their substitutions, each one a recursion.
  static constexpr int kMaxTemplateDepth = 100;
  std::string_view s_;
  uint32_t base_;
  JsLexResult& r_;
  int template_depth_ = 0;
};

}  // namespace

JsLexResult lex_js(std::string_view source, uint32_t base) {
  JsLexResult r;
  Lexer lx(source, base, &r);
  if (!lx.run(&r.tokens, false)) r.tokens.clear();
  return r;
}

bool is_js_keyword(std::string_view n) {
  static constexpr std::string_view kWords[] = {
      "break",  "case",   "catch",  "class",      "const",   "continue", "debugger", "default",
      "delete", "do",     "else",   "export",     "extends", "finally",  "for",      "function",
      "if",     "import", "in",     "instanceof", "new",     "return",   "super",    "switch",
      "this",   "throw",  "try",    "typeof",     "var",     "void",     "while",    "with",
      "yield",  "let",    "static", "enum",       "await",   "null",     "true",     "false"};
  for (std::string_view w : kWords) {
    if (n == w) return true;
  }
  return false;
}

}  // namespace unjucks::migrate
