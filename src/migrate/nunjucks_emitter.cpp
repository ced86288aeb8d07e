#include "migrate/nunjucks_emitter.h"

#include "migrate/js_to_nunjucks.h"

namespace unjucks::migrate {
namespace {

// unjucks' template lexer's whitespace (lstripBlocks strips only these).
bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string leading_line_break(std::string_view t) {
  if (t.starts_with("\r\n")) return "\r\n";
  if (t.starts_with("\n")) return "\n";
  return "";
}

struct Seg {
  bool code = false;
  bool block = false;
  std::string text;
};

std::string comment(std::string_view text) {
  std::string c;
  for (size_t i = 0; i < text.size(); ++i) {
    c += text[i];
    if (text[i] == '#' && i + 1 < text.size() && text[i + 1] == '}') c += ' ';
  }
  if (!c.empty() && c.back() == '#') c += ' ';
  return "{# " + c + " #}";
}

}  // namespace

std::string escape_nunjucks_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    char d = i + 1 < s.size() ? s[i + 1] : '\0';
    if ((c == '{' && (d == '{' || d == '%' || d == '#')) || (c == '#' && d == '}') ||
        (c == '<' && d == '%') || (c == '%' && d == '>')) {
      // A '{' just before would open a tag with the first brace: {{{ "<\%" }}.
      if (!out.empty() && out.back() == '{') {
        out.pop_back();
        out += "{{ \"{\" }}";
      }
      out += "{{ " + nunjucks_string(s.substr(i, 2)) + " }}";
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

std::string emit_nunjucks(const std::vector<NjItem>& items) {
  std::vector<Seg> segs;
  for (size_t i = 0; i < items.size(); ++i) {
    const NjItem& it = items[i];
    std::string_view next;  // (a ?: of a string and "" would make a temporary string)
    if (i + 1 < items.size() && items[i + 1].kind == NjItem::Kind::Text) next = items[i + 1].text;
    const std::string& eaten = it.eaten_line_break;
    bool eatable = eaten == "\n" || eaten == "\r\n";
    switch (it.kind) {
      case NjItem::Kind::Text:
        if (!segs.empty() && !segs.back().code) {
          segs.back().text += it.text;
        } else {
          segs.push_back({false, false, it.text});
        }
        break;
      case NjItem::Kind::Block: {
        std::string nl = leading_line_break(next);
        if (nl.empty() && eatable) nl = eaten;
        segs.push_back({true, true, it.text + nl});
        break;
      }
      case NjItem::Kind::Output:
        if (eatable && (next.empty() || !is_ws(next[0]))) {
          segs.push_back({true, false, "{{ " + it.text + " -}}" + eaten});
        } else {
          segs.push_back({true, false, "{{ " + it.text + " }}"});
        }
        break;
      case NjItem::Kind::Comment:
        segs.push_back({true, false, comment(it.text)});
        break;
    }
  }
  // lstripBlocks: blanks alone before a block tag at the start of a line are stripped; where EJS
  // prints them they become {{ "  " }}.
  std::vector<Seg> out;
  for (size_t i = 0; i < segs.size(); ++i) {
    Seg& s = segs[i];
    if (s.code && s.block && !out.empty() && !out.back().code) {
      std::string& d = out.back().text;
      size_t nl = d.rfind('\n');
      bool line_start;
      size_t from;
      if (nl != std::string::npos) {
        line_start = true;
        from = nl + 1;
      } else {
        // The data began the template, or followed a tag that ended its line.
        line_start =
            out.size() == 1 || (out.size() >= 2 && out[out.size() - 2].text.ends_with('\n'));
        from = 0;
      }
      bool blank = from < d.size();
      for (size_t k = from; k < d.size(); ++k) blank = blank && is_ws(d[k]);
      if (line_start && blank) {
        std::string tail = d.substr(from);
        d.resize(from);
        if (d.empty()) out.pop_back();
        out.push_back({true, false, "{{ " + nunjucks_string(tail) + " }}"});
      }
    }
    out.push_back(std::move(s));
  }
  std::string result;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].code) {
      result += out[i].text;
      continue;
    }
    std::string esc = escape_nunjucks_text(out[i].text);
    // A '{' right before a tag would open it: {{{ x }}.
    if (esc.ends_with('{') && i + 1 < out.size()) {
      esc.pop_back();
      esc += "{{ \"{\" }}";
    }
    result += esc;
  }
  return result;
}

bool has_nunjucks_syntax(std::string_view text) {
  for (size_t p = text.find('{'); p != std::string_view::npos; p = text.find('{', p + 1)) {
    if (p + 1 < text.size() && (text[p + 1] == '{' || text[p + 1] == '%' || text[p + 1] == '#')) {
      return true;
    }
  }
  return false;
}

}  // namespace unjucks::migrate
