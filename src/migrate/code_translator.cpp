#include "migrate/code_translator.h"

#include <algorithm>

namespace unjucks::migrate {
namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The text of a tag that holds only comments (// ... or /* ... */).
std::string comment_text(std::string_view code) {
  std::string out;
  size_t i = 0;
  while (i < code.size()) {
    if (code.compare(i, 2, "//") == 0) {
      size_t end = code.find_first_of("\r\n", i);
      if (end == std::string_view::npos) end = code.size();
      out += (out.empty() ? "" : " ") + trim(code.substr(i + 2, end - i - 2));
      i = end;
    } else if (code.compare(i, 2, "/*") == 0) {
      size_t end = code.find("*/", i + 2);
      if (end == std::string_view::npos) end = code.size();
      out += (out.empty() ? "" : " ") + trim(code.substr(i + 2, end - i - 2));
      i = end + 2;
    } else {
      ++i;
    }
  }
  return out;
}

bool is_keyword_token(const JsToken& t, std::string_view word) {
  return t.kind == JsTok::Name && t.text == word;
}

// The names of a destructuring pattern as parse_pattern wrote it: "[a,b]" or "{a,b}".
std::vector<std::string> pattern_names(std::string_view pattern) {
  std::vector<std::string> names;
  std::string cur;
  for (char c : pattern.substr(1, pattern.size() - 2)) {
    if (c == ',') {
      names.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) names.push_back(cur);
  return names;
}

}  // namespace

bool CodeTranslator::fail(CodeResult* r, std::string why, uint32_t at) {
  r->ok = false;
  r->reason = std::move(why);
  r->at = at;
  return false;
}

NameUse CodeTranslator::read(std::string_view name) {
  NameUse use;
  std::string n(name);
  if (auto it = dead_.find(n); it != dead_.end()) {
    use.ok = false;
    use.reason = it->second;
    return use;
  }
  bool in_loop = false;
  for (const Frame& f : frames_) in_loop = in_loop || f.kind != Kind::If;
  if (name == "loop" && in_loop) {
    use.ok = false;
    use.reason = "a variable named 'loop' inside a loop: Nunjucks' own loop variable hides it";
    return use;
  }
  int inner_loops = 0;
  for (size_t k = frames_.size(); k-- > 0;) {
    const Frame& f = frames_[k];
    if (f.kind == Kind::ForEach && f.index_name == n) {
      if (inner_loops > 0) {
        use.ok = false;
        use.reason = "'" + n + "', the index of an outer forEach, is read inside an inner loop";
        return use;
      }
      use.replacement = "loop.index0";
      return use;
    }
    if (f.names.count(n)) return use;
    if (f.kind != Kind::If) ++inner_loops;
  }
  return use;
}

void CodeTranslator::declare(const std::string& name, const std::string& keyword) {
  dead_.erase(name);
  if (frames_.empty()) return;
  Frame& f = frames_.back();
  f.names.insert(name);
  (keyword == "var" ? f.vars : f.block_scoped).insert(name);
}

void CodeTranslator::end_scope(Frame& f, uint32_t) {
  if (f.kind == Kind::If) {
    for (const std::string& n : f.block_scoped) {
      dead_[n] = "'" + n +
                 "' is declared with const/let inside an if block and read after it: in "
                 "Nunjucks it would keep the block's value";
    }
  } else {
    for (const std::string& n : f.vars) {
      dead_[n] = "'" + n +
                 "' is declared with var inside a loop and read after it: Nunjucks' loop "
                 "variables end with the loop";
    }
  }
  f.block_scoped.clear();
  f.vars.clear();
  f.names.clear();
}

bool CodeTranslator::expr(int node, std::string* out, CodeResult* r) {
  Translated t = translate_expression(nodes_, node, this);
  if (!t.ok) return fail(r, t.reason, t.at);
  *out = t.text;
  return true;
}

CodeResult CodeTranslator::statements(std::string_view code, uint32_t offset) {
  CodeResult r;
  JsLexResult lx = lex_js(code, offset);
  if (!lx.ok) {
    fail(&r, "cannot read the JavaScript: " + lx.error, lx.error_at);
    return r;
  }
  if (lx.tokens.size() == 1) {  // only comments, or nothing
    r.ok = true;
    r.comment = comment_text(code);
    return r;
  }
  JsParser p(lx.tokens, &nodes_);
  while (!p.at_end()) {
    if (!statement(p, &r)) return r;
  }
  r.ok = true;
  return r;
}

bool CodeTranslator::statement(JsParser& p, CodeResult* r) {
  const JsToken& t = p.peek();
  if (t.is(";")) {
    p.next();
    return true;
  }
  if (t.is("}") && t.kind == JsTok::Punct) return close_block(p, r);
  if (t.is("{") && t.kind == JsTok::Punct) {
    return fail(r, "a block without if, for or forEach has no Nunjucks counterpart", t.begin);
  }
  if (t.kind == JsTok::Name) {
    if (t.text == "if") return open_if(p, r, false);
    if (t.text == "for") return open_for(p, r);
    if (t.text == "const" || t.text == "let" || t.text == "var") {
      if (!declaration(p, r)) return false;
    } else if (t.text == "else") {
      return fail(r, "`else` must follow the `}` of its if in the same tag", t.begin);
    } else if (is_js_keyword(t.text) && t.text != "null" && t.text != "true" && t.text != "false" &&
               t.text != "typeof" && t.text != "this") {
      return fail(r, "`" + std::string(t.text) + "` statements have no Nunjucks counterpart",
                  t.begin);
    } else if (!expression_statement(p, r)) {
      return false;
    }
  } else if (!expression_statement(p, r)) {
    return false;
  }
  if (opened_) {  // a forEach's `{`: its body's statements follow
    opened_ = false;
    return true;
  }
  // The statement ends here: `;`, a `}`, the end, or a line break (automatic semicolon).
  const JsToken& after = p.peek();
  if (after.is(";")) {
    p.next();
    return true;
  }
  if (after.kind == JsTok::End || after.is("}") || after.nl_before) return true;
  return fail(r, "unexpected '" + std::string(after.text) + "'", after.begin);
}

bool CodeTranslator::close_block(JsParser& p, CodeResult* r) {
  const JsToken& brace = p.next();
  if (frames_.empty()) {
    return fail(r, "this '}' closes no block opened in the template", brace.begin);
  }
  Frame& f = frames_.back();
  if (f.kind == Kind::ForEach) {
    if (!p.accept(")")) {
      return fail(r, "expected '})' to close the forEach callback", p.peek().begin);
    }
    end_scope(f, brace.begin);
    frames_.pop_back();
    r->tags.push_back("{% endfor %}");
    return true;
  }
  if (f.kind == Kind::If && is_keyword_token(p.peek(), "else")) {
    uint32_t at = p.next().begin;
    if (f.has_else) return fail(r, "a second else for one if", at);
    end_scope(f, at);
    if (is_keyword_token(p.peek(), "if")) return open_if(p, r, true);
    if (!p.accept("{")) return fail(r, "an else without braces has no Nunjucks counterpart", at);
    f.has_else = true;
    r->tags.push_back("{% else %}");
    return true;
  }
  end_scope(f, brace.begin);
  r->tags.push_back(f.kind == Kind::If ? "{% endif %}" : "{% endfor %}");
  frames_.pop_back();
  return true;
}

bool CodeTranslator::open_if(JsParser& p, CodeResult* r, bool elif) {
  uint32_t at = p.next().begin;  // if
  if (!p.accept("(")) return fail(r, "expected '(' after if", p.peek().begin);
  int cond = p.parse_expression();
  if (cond < 0) return fail(r, "cannot read the JavaScript: " + p.error(), p.error_at());
  if (p.stopped_at_open_body()) {
    return fail(r, "a function in an if condition has no Nunjucks counterpart", at);
  }
  if (!p.accept(")")) return fail(r, "expected ')' after the if condition", p.peek().begin);
  if (!p.accept("{")) {
    return fail(r, "an if without braces has no Nunjucks counterpart", p.peek().begin);
  }
  std::string c;
  if (!expr(cond, &c, r)) return false;
  if (elif) {
    r->tags.push_back("{% elif " + c + " %}");
  } else {
    frames_.emplace_back(Kind::If, at);
    r->tags.push_back("{% if " + c + " %}");
  }
  return true;
}

bool CodeTranslator::open_for(JsParser& p, CodeResult* r) {
  uint32_t at = p.next().begin;  // for
  if (!p.accept("(")) return fail(r, "expected '(' after for", p.peek().begin);
  std::string keyword;
  if (is_keyword_token(p.peek(), "const") || is_keyword_token(p.peek(), "let") ||
      is_keyword_token(p.peek(), "var")) {
    keyword = std::string(p.next().text);
  } else {
    return fail(r, "a for loop without const, let or var (its variable would outlive the loop)",
                p.peek().begin);
  }
  std::vector<std::string> names;
  if (p.peek().is("[")) {
    p.next();
    while (!p.accept("]")) {
      if (!names.empty() && !p.accept(",")) return fail(r, "expected ','", p.peek().begin);
      const JsToken& n = p.next();
      if (n.kind != JsTok::Name || is_js_keyword(n.text)) {
        return fail(r, "only plain names are understood in a for pattern", n.begin);
      }
      names.push_back(std::string(n.text));
    }
    if (names.size() != 2) {
      return fail(r, "only [key, value] of Object.entries(...) is understood in a for pattern", at);
    }
  } else if (p.peek().kind == JsTok::Name && !is_js_keyword(p.peek().text)) {
    names.push_back(std::string(p.next().text));
  } else {
    return fail(r, "only plain names are understood as for loop variables", p.peek().begin);
  }
  for (const std::string& n : names) {
    if (!is_nunjucks_name(n) || n == "loop") {
      return fail(r, "the loop variable '" + n + "' cannot be written in Nunjucks", at);
    }
  }
  std::string head;
  if (is_keyword_token(p.peek(), "of")) {
    p.next();
    int iter = p.parse_expression();
    if (iter < 0) return fail(r, "cannot read the JavaScript: " + p.error(), p.error_at());
    if (names.size() == 2) {
      const JsExpr& call = nodes_[static_cast<size_t>(iter)];
      bool entries =
          call.kind == JsNode::Call && call.kids.size() == 2 &&
          nodes_[static_cast<size_t>(call.kids[0])].kind == JsNode::Member &&
          nodes_[static_cast<size_t>(call.kids[0])].text == "entries" &&
          nodes_[static_cast<size_t>(nodes_[static_cast<size_t>(call.kids[0])].kids[0])].text ==
              "Object";
      if (!entries) {
        return fail(r, "only [key, value] of Object.entries(...) is understood in a for pattern",
                    at);
      }
      iter = call.kids[1];
    }
    std::string it;
    if (!expr(iter, &it, r)) return false;
    head = names.size() == 2 ? names[0] + ", " + names[1] + " in " + it : names[0] + " in " + it;
  } else if (is_keyword_token(p.peek(), "in")) {
    return fail(r, "for...in has no exact Nunjucks counterpart", p.peek().begin);
  } else if (p.peek().is("=") && names.size() == 1) {
    // for (let i = A; i < B; i++)
    p.next();
    const std::string& i = names[0];
    int init = p.parse_assignment();
    if (init < 0) return fail(r, "cannot read the JavaScript: " + p.error(), p.error_at());
    if (!p.accept(";")) return fail(r, "expected ';'", p.peek().begin);
    int cond = p.parse_expression();
    if (cond < 0) return fail(r, "cannot read the JavaScript: " + p.error(), p.error_at());
    if (!p.accept(";")) return fail(r, "expected ';'", p.peek().begin);
    int step = p.parse_expression();
    if (step < 0) return fail(r, "cannot read the JavaScript: " + p.error(), p.error_at());
    auto n = [&](int k) -> const JsExpr& { return nodes_[static_cast<size_t>(k)]; };
    auto is_i = [&](int k) { return n(k).kind == JsNode::Ident && n(k).text == i; };
    auto is_one = [&](int k) { return n(k).kind == JsNode::Number && n(k).text == "1"; };
    const JsExpr& c = n(cond);
    bool cond_ok = c.kind == JsNode::Binary && (c.text == "<" || c.text == "<=") && is_i(c.kids[0]);
    const JsExpr& s = n(step);
    bool step_ok =
        (s.kind == JsNode::Update && s.text == "++" && is_i(s.kids[0])) ||
        (s.kind == JsNode::Assign && s.text == "+=" && is_i(s.kids[0]) && is_one(s.kids[1])) ||
        (s.kind == JsNode::Assign && s.text == "=" && is_i(s.kids[0]) &&
         n(s.kids[1]).kind == JsNode::Binary && n(s.kids[1]).text == "+" &&
         is_i(n(s.kids[1]).kids[0]) && is_one(n(s.kids[1]).kids[1]));
    if (!cond_ok || !step_ok) {
      return fail(r,
                  "only counting loops (for (let i = a; i < b; i++)) are understood; this one "
                  "has no Nunjucks counterpart",
                  at);
    }
    std::string from, to;
    if (!expr(init, &from, r)) return false;
    Translated limit = translate_expression(nodes_, c.kids[1], this);
    if (!limit.ok) return fail(r, limit.reason, limit.at);
    to = limit.atom ? limit.text : "(" + limit.text + ")";
    if (c.text == "<=") to += " + 1";
    head = i + " in range(" + from + ", " + to + ")";
  } else {
    return fail(r, "this for loop has no Nunjucks counterpart", at);
  }
  if (!p.accept(")")) return fail(r, "expected ')'", p.peek().begin);
  if (!p.accept("{")) return fail(r, "a for loop without braces has no Nunjucks counterpart", at);
  frames_.emplace_back(Kind::Loop, at);
  for (const std::string& nm : names) {
    declare(nm, keyword);
    frames_.back().loop_vars.insert(nm);
  }
  r->tags.push_back("{% for " + head + " %}");
  return true;
}

bool CodeTranslator::set_tag(const std::string& name, int value, CodeResult* r,
                             const std::string& how) {
  std::string v;
  if (value >= 0) {
    Translated t = translate_expression(nodes_, value, this);
    if (!t.ok) return fail(r, t.reason, t.at);
    v = t.text;
    if (how != "=") {
      std::string wrapped = t.atom ? t.text : "(" + t.text + ")";
      NameUse use = read(name);
      if (!use.ok) return fail(r, use.reason, nodes_[static_cast<size_t>(value)].begin);
      std::string self = use.replacement.empty() ? name : use.replacement;
      if (how == "+=" || how == "-=" || how == "*=" || how == "/=" || how == "%=") {
        v = self + " " + how.substr(0, 1) + " " + wrapped;
      } else if (how == "**=") {
        v = self + " ** " + wrapped;
      } else if (how == "||=") {
        v = self + " or " + wrapped;
      } else if (how == "&&=") {
        v = self + " and " + wrapped;
      } else if (how == "?\?=") {
        v = wrapped + " if " + self + " == none else " + self;
      } else {
        return fail(r, "the operator " + how + " has no Nunjucks counterpart",
                    nodes_[static_cast<size_t>(value)].begin);
      }
    }
  } else {
    v = "undefined";
  }
  r->tags.push_back("{% set " + name + " = " + v + " %}");
  return true;
}

bool CodeTranslator::assign(const JsExpr& e, CodeResult* r) {
  const JsExpr& target = nodes_[static_cast<size_t>(e.kids[0])];
  std::string name;
  if (target.kind == JsNode::Ident) {
    name = target.text;
  } else if (target.kind == JsNode::Member &&
             nodes_[static_cast<size_t>(target.kids[0])].kind == JsNode::Ident &&
             nodes_[static_cast<size_t>(target.kids[0])].text == "locals") {
    name = target.text;
  } else {
    return fail(r, "assigning to a property or an element has no Nunjucks counterpart", e.begin);
  }
  if (!is_nunjucks_name(name) || name == "loop") {
    return fail(r, "the variable name '" + name + "' cannot be written in Nunjucks", e.begin);
  }
  // Where is it declared, and is there a loop between here and there?
  size_t k = frames_.size();
  bool loop_between = false;
  while (k-- > 0) {
    const Frame& f = frames_[k];
    if (f.loop_vars.count(name) || f.index_name == name) {
      return fail(r, "assigns to the loop variable '" + name + "'", e.begin);
    }
    if (f.names.count(name)) break;
    loop_between = loop_between || f.kind != Kind::If;
  }
  if (loop_between) {
    return fail(r,
                "assigns to '" + name +
                    "' inside a loop, but it lives outside the loop: Nunjucks' set inside a "
                    "for loop does not change the variable outside it",
                e.begin);
  }
  if (e.kind == JsNode::Update) {
    std::string op = e.text == "++" ? "+" : "-";
    NameUse use = read(name);
    if (!use.ok) return fail(r, use.reason, e.begin);
    r->tags.push_back("{% set " + name + " = " + name + " " + op + " 1 %}");
  } else if (!set_tag(name, e.kids[1], r, e.text)) {
    return false;
  }
  dead_.erase(name);
  return true;
}

bool CodeTranslator::expression_statement(JsParser& p, CodeResult* r) {
  uint32_t at = p.peek().begin;
  int root = p.parse_expression();
  if (root < 0) return fail(r, "cannot read the JavaScript: " + p.error(), p.error_at());
  const JsExpr& e = nodes_[static_cast<size_t>(root)];
  if (p.stopped_at_open_body()) {
    // items.forEach((item, i) => {   and   Object.entries(o).forEach(([k, v]) => {
    auto n = [&](int k) -> const JsExpr& { return nodes_[static_cast<size_t>(k)]; };
    bool shape = e.kind == JsNode::Call && e.open && e.kids.size() == 2 &&
                 n(e.kids[0]).kind == JsNode::Member && n(e.kids[0]).text == "forEach" &&
                 n(e.kids[1]).kind == JsNode::Function && n(e.kids[1]).open;
    if (!shape) {
      return fail(r,
                  "a function body here has no Nunjucks counterpart (only forEach loops are "
                  "translated)",
                  at);
    }
    const JsExpr& fn = n(e.kids[1]);
    int array = n(e.kids[0]).kids[0];
    if (fn.strs.empty() || fn.strs.size() > 2) {
      return fail(r, "a forEach callback needs one or two parameters (item, index)", fn.begin);
    }
    std::vector<std::string> names;
    if (fn.strs[0].starts_with("[")) {
      const JsExpr& call = n(array);
      bool entries = call.kind == JsNode::Call && call.kids.size() == 2 &&
                     n(call.kids[0]).kind == JsNode::Member && n(call.kids[0]).text == "entries" &&
                     n(n(call.kids[0]).kids[0]).kind == JsNode::Ident &&
                     n(n(call.kids[0]).kids[0]).text == "Object";
      names = pattern_names(fn.strs[0]);
      if (!entries || names.size() != 2) {
        return fail(r,
                    "only ([key, value]) of Object.entries(...).forEach is understood as a "
                    "pattern",
                    fn.begin);
      }
      array = call.kids[1];
    } else if (fn.strs[0].starts_with("{")) {
      return fail(r, "destructuring a forEach parameter has no Nunjucks counterpart", fn.begin);
    } else {
      names.push_back(fn.strs[0]);
    }
    std::string index = fn.strs.size() == 2 ? fn.strs[1] : "";
    for (const std::string& nm : names) {
      if (!is_nunjucks_name(nm) || nm == "loop") {
        return fail(r, "the loop variable '" + nm + "' cannot be written in Nunjucks", fn.begin);
      }
    }
    if (index.starts_with("[") || index.starts_with("{") || index == "loop") {
      return fail(r, "the forEach index '" + index + "' cannot be written in Nunjucks", fn.begin);
    }
    std::string it;
    if (!expr(array, &it, r)) return false;
    p.resume();
    opened_ = true;
    frames_.emplace_back(Kind::ForEach, at);
    for (const std::string& nm : names) {
      declare(nm, "let");
      frames_.back().loop_vars.insert(nm);
    }
    if (!index.empty()) {
      frames_.back().names.insert(index);
      frames_.back().index_name = index;
    }
    r->tags.push_back("{% for " + (names.size() == 2 ? names[0] + ", " + names[1] : names[0]) +
                      " in " + it + " %}");
    return true;
  }
  std::vector<int> parts;
  if (e.kind == JsNode::Sequence) {
    parts = e.kids;
  } else {
    parts.push_back(root);
  }
  for (int k : parts) {
    const JsExpr& s = nodes_[static_cast<size_t>(k)];
    if (s.kind != JsNode::Assign && s.kind != JsNode::Update) {
      return fail(r,
                  "a statement with no Nunjucks counterpart (assignments, if, for and forEach "
                  "are translated)",
                  s.begin);
    }
    if (!assign(s, r)) return false;
  }
  return true;
}

bool CodeTranslator::declaration(JsParser& p, CodeResult* r) {
  std::string keyword(p.next().text);
  do {
    const JsToken& t = p.peek();
    std::vector<std::string> names;
    bool object = t.is("{"), array = t.is("[");
    if (object || array) {
      p.next();
      const char* close = object ? "}" : "]";
      while (!p.accept(close)) {
        if (!names.empty() && !p.accept(",")) return fail(r, "expected ','", p.peek().begin);
        const JsToken& n = p.next();
        if (n.kind != JsTok::Name || is_js_keyword(n.text) || p.peek().is(":") ||
            p.peek().is("=")) {
          return fail(r, "only plain names are understood in a destructuring declaration", n.begin);
        }
        names.push_back(std::string(n.text));
      }
    } else if (t.kind == JsTok::Name && !is_js_keyword(t.text)) {
      names.push_back(std::string(p.next().text));
    } else {
      return fail(r, "expected a variable name after " + keyword, t.begin);
    }
    for (const std::string& n : names) {
      if (!is_nunjucks_name(n) || n == "loop") {
        return fail(r, "the variable name '" + n + "' cannot be written in Nunjucks", t.begin);
      }
    }
    int value = -1;
    if (p.accept("=")) {
      value = p.parse_assignment();
      if (value < 0) return fail(r, "cannot read the JavaScript: " + p.error(), p.error_at());
      if (p.stopped_at_open_body()) {
        return fail(r, "a function value has no Nunjucks counterpart", t.begin);
      }
    } else if (object || array) {
      return fail(r, "a destructuring declaration needs a value", t.begin);
    }
    if (object || array) {
      Translated v = translate_expression(nodes_, value, this);
      if (!v.ok) return fail(r, v.reason, v.at);
      std::string base = v.atom ? v.text : "(" + v.text + ")";
      for (size_t k = 0; k < names.size(); ++k) {
        std::string part = object ? base + "." + names[k] : base + "[" + std::to_string(k) + "]";
        r->tags.push_back("{% set " + names[k] + " = " + part + " %}");
      }
    } else if (!set_tag(names[0], value, r)) {
      return false;
    }
    for (const std::string& n : names) declare(n, keyword);
  } while (p.accept(","));
  return true;
}

Translated CodeTranslator::output(std::string_view code, uint32_t offset) {
  // EJS drops one ';' at the end (stripSemi).
  std::string_view body = code;
  size_t last = body.find_last_not_of(" \t\r\n");
  std::string stripped;
  if (last != std::string_view::npos && body[last] == ';') {
    stripped = std::string(body.substr(0, last)) + " " + std::string(body.substr(last + 1));
    body = stripped;
  }
  JsLexResult lx = lex_js(body, offset);
  Translated t;
  if (!lx.ok) {
    t.reason = "cannot read the JavaScript: " + lx.error;
    t.at = lx.error_at;
    return t;
  }
  if (lx.tokens.size() == 1) {  // <%= %>: prints nothing
    t.ok = true;
    t.escape_free = true;
    return t;
  }
  JsParser p(lx.tokens, &nodes_);
  int root = p.parse_expression();
  if (root < 0) {
    t.reason = "cannot read the JavaScript: " + p.error();
    t.at = p.error_at();
    return t;
  }
  if (p.stopped_at_open_body() || !p.at_end()) {
    t.reason = "more than one expression in an output tag";
    t.at = p.peek().begin;
    return t;
  }
  return translate_expression(nodes_, root, this);
}

bool CodeTranslator::finish(std::string* reason, uint32_t* at) const {
  if (frames_.empty()) return true;
  *reason = "the block opened here is never closed";
  *at = frames_.back().opened_at;
  return false;
}

}  // namespace unjucks::migrate
