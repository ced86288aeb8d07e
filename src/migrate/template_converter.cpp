#include "migrate/template_converter.h"

#include <algorithm>
#include <optional>

#include "migrate/code_translator.h"
#include "migrate/ejs_lexer.h"
#include "migrate/hygen_frontmatter.h"
#include "migrate/js_to_nunjucks.h"
#include "migrate/nunjucks_emitter.h"

namespace unjucks::migrate {
namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool has_key(const std::vector<std::string>& keys, std::string_view k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// Converts one part (a frontmatter, a body, a file name) starting at `offset` of the file.
std::optional<std::string> convert_part(std::string_view text, uint32_t offset, bool frontmatter,
                                        const ConvertOptions& opts, ConvertedTemplate* out) {
  EjsLexOptions lo;
  lo.keep_line_breaks = frontmatter;
  EjsLexResult lx = lex_ejs(text, lo);
  if (!lx.ok) {
    out->attention.push_back({offset + lx.error_at, "EJS cannot read this: " + lx.error});
    return std::nullopt;
  }
  CodeTranslator ct;
  std::vector<NjItem> items;
  for (const EjsPiece& p : lx.pieces) {
    NjItem it;
    it.eaten_line_break = p.eaten_line_break;
    if (p.kind == EjsPiece::Kind::Text) {
      it.kind = NjItem::Kind::Text;
      it.text = p.text;
      items.push_back(std::move(it));
      continue;
    }
    uint32_t code_at = offset + p.code_begin;
    switch (p.tag) {
      case EjsTag::Comment:
        it.kind = NjItem::Kind::Comment;
        it.text = trim(p.code);
        break;
      case EjsTag::Escaped:
      case EjsTag::Raw: {
        Translated t = ct.output(p.code, code_at);
        if (!t.ok) {
          out->attention.push_back({t.at, t.reason});
          return std::nullopt;
        }
        if (t.text.empty()) continue;
        it.kind = NjItem::Kind::Output;
        if (p.tag == EjsTag::Escaped && opts.exact_escaping && !t.escape_free) {
          it.text = (t.atom ? t.text : "(" + t.text + ")") + " | ejsEscape";
        } else {
          it.text = t.text;
        }
        break;
      }
      case EjsTag::Eval: {
        CodeResult c = ct.statements(p.code, code_at);
        if (!c.ok) {
          out->attention.push_back({c.at, c.reason});
          return std::nullopt;
        }
        if (!c.tags.empty()) {
          it.kind = NjItem::Kind::Block;
          for (size_t k = 0; k < c.tags.size(); ++k) it.text += (k ? "\n" : "") + c.tags[k];
        } else if (!c.comment.empty()) {
          it.kind = NjItem::Kind::Comment;
          it.text = c.comment;
        } else {
          continue;
        }
        break;
      }
    }
    items.push_back(std::move(it));
  }
  std::string reason;
  uint32_t at = 0;
  if (!ct.finish(&reason, &at)) {
    out->attention.push_back({at, reason});
    return std::nullopt;
  }
  out->tags += lx.tags;
  return emit_nunjucks(items);
}

// The Nunjucks text with each output tag as the word x and each block or comment tag left out.
std::string with_placeholders(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    char d = i + 1 < s.size() ? s[i + 1] : '\0';
    if (s[i] != '{' || (d != '{' && d != '%' && d != '#')) {
      out += s[i++];
      continue;
    }
    std::string_view close = d == '{' ? "}}" : d == '%' ? "%}" : "#}";
    size_t j = i + 2;
    char quote = 0;
    while (j < s.size() && (quote || s.compare(j, 2, close) != 0)) {
      if (quote && s[j] == '\\') {
        j += 2;
        continue;
      }
      if (d != '#' && (s[j] == '"' || s[j] == '\''))
        quote = quote == s[j] ? 0 : quote ? quote : s[j];
      ++j;
    }
    if (d == '{') out += "x";
    i = j + 2;
  }
  return out;
}

// Hygen reads `before: !!js/regexp /You owe/g` as a RegExp (js-yaml); unjucks reads anchors as
// regular expression sources. Flags g and m do not change what Hygen's injector finds (it
// matches line by line, then the whole text with 'm'): the source is written as a plain string.
// Other flags cannot be: false with the offending line's offset.
bool rewrite_js_regexp(std::string* header, uint32_t offset, ConvertedTemplate* out) {
  std::string result;
  size_t p = 0;
  while (p < header->size()) {
    size_t e = header->find('\n', p);
    size_t end = e == std::string::npos ? header->size() : e + 1;
    std::string line = header->substr(p, end - p);
    size_t tag = line.find("!!js/regexp");
    size_t colon = line.find(':');
    if (tag != std::string::npos && colon != std::string::npos && colon < tag) {
      std::string key = trim(line.substr(0, colon));
      std::string value = trim(line.substr(tag + 11));
      size_t close = value.rfind('/');
      if ((key == "before" || key == "after" || key == "skip_if") && value.size() >= 2 &&
          value[0] == '/' && close > 0) {
        std::string body = value.substr(1, close - 1);
        std::string flags = value.substr(close + 1);
        if (flags.find_first_not_of("gm") != std::string::npos) {
          out->attention.push_back({offset + static_cast<uint32_t>(p + tag),
                                    "the regular expression flags '" + flags +
                                        "' cannot be given to an unjucks anchor"});
          return false;
        }
        std::string quoted = "'";
        for (char c : body) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        quoted += "'";
        std::string eol = line.ends_with("\r\n") ? "\r\n" : line.ends_with("\n") ? "\n" : "";
        line = line.substr(0, line.find_first_not_of(" \t")) + key + ": " + quoted + eol;
        ++out->tags;
      }
    }
    result += line;
    p = end;
  }
  *header = std::move(result);
  return true;
}

}  // namespace

ConvertedTemplate convert_hygen_template(std::string_view source, const ConvertOptions& opts) {
  ConvertedTemplate r;
  HygenFrontmatter fm = split_hygen_frontmatter(source);
  if (fm.unusual) {
    r.attention.push_back({0,
                           "the frontmatter's fences are not lines both Hygen and unjucks read "
                           "as fences (exactly \"---\", ending with \\n or \\r\\n); not "
                           "converted"});
    return r;
  }
  if (!fm.has) {
    r.ok = true;
    r.generates_nothing = true;
    r.text = std::string(source);
    return r;
  }
  if (!fm.yaml_error.empty()) {
    // Hygen cannot read it either: no line number is better than a wrong one.
    r.attention.push_back(
        {fm.header_offset, "the frontmatter is not valid YAML: " + fm.yaml_error});
    return r;
  }
  const auto& keys = fm.keys;
  if (has_key(keys, "setup")) {
    r.attention.push_back({fm.header_offset,
                           "setup: (Hygen's download of a generator with degit) has no unjucks "
                           "counterpart"});
    return r;
  }
  if (has_key(keys, "echo")) {
    r.attention.push_back({fm.header_offset,
                           "echo: has no unjucks counterpart (message: prints a text after "
                           "generating)"});
    return r;
  }
  if (!has_key(keys, "to") && !has_key(keys, "sh")) {
    r.ok = true;
    r.generates_nothing = true;
    r.text = std::string(source);
    return r;
  }
  std::string raw_header(fm.header);
  if (!rewrite_js_regexp(&raw_header, fm.header_offset, &r)) return r;
  // Hygen injects the body as it is, its last line break included (an empty line follows);
  // unjucks does that with eof_last: true, and without it ends the snippet at its last line.
  std::vector<std::string> want = keys;
  // (Whatever `inject` says: Hygen decides on the rendered value, and eof_last does nothing
  // where nothing is injected.)
  if (has_key(keys, "inject") && !has_key(keys, "eof_last")) {
    if (!raw_header.empty() && !raw_header.ends_with('\n')) raw_header += fm.line_break;
    raw_header += "eof_last: true" + std::string(fm.line_break);
    want.push_back("eof_last");
  }
  // The rewritten YAML must still read as the same keys (a line added after an odd one could
  // continue it).
  if (raw_header != fm.header) {
    HygenFrontmatter check = split_hygen_frontmatter("---\n" + raw_header + "---\n");
    if (!check.has || !check.yaml_error.empty() || check.keys != want) {
      r.attention.push_back({fm.header_offset,
                             "the frontmatter needs eof_last: true or a plain anchor, and this "
                             "YAML cannot take them safely: add them by hand"});
      return r;
    }
  }
  std::optional<std::string> header = convert_part(raw_header, fm.header_offset, true, opts, &r);
  if (!header) return r;
  // Hygen reads the YAML first and renders its values; unjucks renders the frontmatter first.
  // The two agree while the tags stay inside values: with each tag as a placeholder, the
  // converted frontmatter must read as the same keys.
  // (And no line of it may look like a fence or a YAML document marker to either reader.)
  std::string placeholders = with_placeholders(*header);
  bool marker = placeholders.starts_with("---") || placeholders.starts_with("...") ||
                placeholders.find("\n---") != std::string::npos ||
                placeholders.find("\n...") != std::string::npos;
  HygenFrontmatter shape = split_hygen_frontmatter("---\n" + placeholders + "---\n");
  if (marker || !shape.has || !shape.yaml_error.empty() || shape.keys != want) {
    r.attention.push_back({fm.header_offset,
                           "the EJS of this frontmatter changes its YAML's shape when rendered "
                           "first (as unjucks does): convert it by hand"});
    return r;
  }
  std::optional<std::string> body = convert_part(fm.body, fm.body_offset, false, opts, &r);
  if (!body) return r;
  // Blank lines at the start of the converted body (EJS printed them: a tag that prints
  // nothing came first) would be swallowed again if the file were read with Hygen's rules:
  // they are written as a string.
  // (A body of white space only would be swallowed whole.)
  size_t blank = body->find_first_not_of(" \t\r\n\v\f");
  size_t cut = blank == std::string::npos ? body->size() : body->find_last_of("\r\n", blank);
  if (cut != std::string::npos && cut < body->size()) ++cut;  // up to its last line break
  if (cut != std::string::npos && cut > 0 && (*body)[0] != '{') {
    *body = "{{ " + nunjucks_string(body->substr(0, cut)) + " }}" + body->substr(cut);
  }
  std::string lb(fm.line_break);
  std::string bom = source.starts_with("\xEF\xBB\xBF") ? "\xEF\xBB\xBF" : "";
  std::string close_lb(fm.close_line_break.empty() && !body->empty() ? fm.line_break
                                                                     : fm.close_line_break);
  r.text = bom + "---" + lb + *header + "---" + close_lb + *body;
  r.ok = true;
  r.changed = r.text != source;
  return r;
}

ConvertedTemplate convert_ejs_text(std::string_view text, const ConvertOptions& opts) {
  ConvertedTemplate r;
  std::optional<std::string> out = convert_part(text, 0, false, opts, &r);
  if (!out) return r;
  r.ok = true;
  r.text = std::move(*out);
  r.changed = r.text != text;
  return r;
}

size_t find_ejs_syntax(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "<%") == 0 || s.compare(i, 2, "%>") == 0) return i;
    if (s.compare(i, 2, "{%") == 0) {
      // {% raw %} ... {% endraw %} (and verbatim) print their content as it is.
      size_t close = s.find("%}", i + 2);
      if (close == std::string_view::npos) return std::string_view::npos;
      std::string inner = trim(s.substr(i + 2, close - i - 2));
      if (inner.starts_with("-")) inner = trim(inner.substr(1));
      if (inner.ends_with("-")) inner = trim(inner.substr(0, inner.size() - 1));
      if (inner == "raw" || inner == "verbatim") {
        size_t e = s.find("end" + inner, close);
        if (e == std::string_view::npos) return std::string_view::npos;
        size_t after = s.find("%}", e);
        i = after == std::string_view::npos ? s.size() : after + 2;
        continue;
      }
    }
    ++i;
  }
  return std::string_view::npos;
}

Dialect classify_template(std::string_view file_name, std::string_view source) {
  if (file_name.ends_with(".njk")) return Dialect::Nunjucks;
  HygenFrontmatter fm = split_hygen_frontmatter(source);
  if (fm.has && has_key(fm.keys, "ejs")) return Dialect::Nunjucks;  // ejs: output
  if (find_ejs_syntax(source) != std::string_view::npos) return Dialect::Ejs;
  if (has_nunjucks_syntax(source)) return Dialect::Nunjucks;
  return Dialect::Plain;
}

}  // namespace unjucks::migrate
