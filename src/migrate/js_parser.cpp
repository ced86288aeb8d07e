#include "migrate/js_parser.h"

#include <utility>

namespace unjucks::migrate {
namespace {

// Nesting deeper than this is refused (the parser recurses once per level).
constexpr int kMaxDepth = 200;

// JavaScript's binary operators and their precedence (higher binds tighter).
int binary_precedence(const JsToken& t) {
  if (t.kind == JsTok::Name) {
    return t.text == "in" || t.text == "instanceof" ? 9 : 0;
  }
  if (t.kind != JsTok::Punct) return 0;
  std::string_view o = t.text;
  if (o == "??") return 3;
  if (o == "||") return 3;
  if (o == "&&") return 4;
  if (o == "|") return 5;
  if (o == "^") return 6;
  if (o == "&") return 7;
  if (o == "==" || o == "!=" || o == "===" || o == "!==") return 8;
  if (o == "<" || o == ">" || o == "<=" || o == ">=") return 9;
  if (o == "<<" || o == ">>" || o == ">>>") return 10;
  if (o == "+" || o == "-") return 11;
  if (o == "*" || o == "/" || o == "%") return 12;
  if (o == "**") return 13;
  return 0;
}

bool is_assign_op(const JsToken& t) {
  if (t.kind != JsTok::Punct) return false;
  for (std::string_view o : {"=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=",
                             "|=", "^=", "&&=", "||=", "?\?="}) {
    if (t.text == o) return true;
  }
  return false;
}

}  // namespace

JsParser::JsParser(const std::vector<JsToken>& tokens, std::vector<JsExpr>* nodes)
    : toks_(tokens), nodes_(nodes) {}

const JsToken& JsParser::peek(size_t ahead) const {
  size_t i = pos_ + ahead;
  return i < toks_.size() ? toks_[i] : toks_.back();
}

const JsToken& JsParser::next() {
  const JsToken& t = peek();
  if (pos_ + 1 < toks_.size()) ++pos_;
  return t;
}

bool JsParser::accept(std::string_view punct) {
  if (peek().kind == JsTok::Punct && peek().text == punct) {
    next();
    return true;
  }
  return false;
}

void JsParser::fail(std::string message, uint32_t at) {
  if (!error_.empty()) return;
  error_ = std::move(message);
  error_at_ = at;
}

int JsParser::add(JsExpr e) {
  nodes_->push_back(std::move(e));
  return static_cast<int>(nodes_->size() - 1);
}

int JsParser::parse_expression() {
  uint32_t begin = peek().begin;
  int first = parse_assignment();
  if (first < 0 || open_ || !(peek().kind == JsTok::Punct && peek().text == ",")) return first;
  JsExpr seq;
  seq.kind = JsNode::Sequence;
  seq.begin = begin;
  seq.kids.push_back(first);
  while (accept(",")) {
    int k = parse_assignment();
    if (k < 0) return -1;
    seq.kids.push_back(k);
    if (open_) break;
  }
  seq.end = node(seq.kids.back()).end;
  return add(std::move(seq));
}

int JsParser::parse_assignment() {
  if (++depth_ > kMaxDepth) {
    fail("nested too deeply", peek().begin);
    --depth_;
    return -1;
  }
  struct Leave {
    int& d;
    ~Leave() { --d; }
  } leave{depth_};
  const JsToken& t = peek();
  if (t.is("function") && t.kind == JsTok::Name) return parse_function(false);
  if ((t.kind == JsTok::Name && !is_js_keyword(t.text) && peek(1).is("=>")) ||
      (t.is("(") && arrow_ahead())) {
    return parse_function(true);
  }
  int target = parse_conditional();
  if (target < 0 || open_) return target;
  if (is_assign_op(peek())) {
    const JsToken& op = next();
    JsExpr a;
    a.kind = JsNode::Assign;
    a.text = std::string(op.text);
    a.begin = node(target).begin;
    a.kids.push_back(target);
    int value = parse_assignment();
    if (value < 0) return -1;
    a.kids.push_back(value);
    a.end = node(value).end;
    return add(std::move(a));
  }
  return target;
}

// Is the `(` at pos_ the start of an arrow function's parameters?
bool JsParser::arrow_ahead() const {
  int depth = 0;
  for (size_t i = pos_; i < toks_.size(); ++i) {
    const JsToken& t = toks_[i];
    if (t.kind == JsTok::End) return false;
    if (t.kind != JsTok::Punct) continue;
    if (t.text == "(" || t.text == "[" || t.text == "{") ++depth;
    if (t.text == ")" || t.text == "]" || t.text == "}") {
      if (--depth == 0) return i + 1 < toks_.size() && toks_[i + 1].is("=>");
    }
  }
  return false;
}

bool JsParser::parse_pattern(std::string* out) {
  const JsToken& open = next();
  std::string close = open.text == "[" ? "]" : "}";
  *out = std::string(open.text);
  bool first = true;
  while (!accept(close)) {
    if (!first && !accept(",")) {
      fail("expected ',' in a parameter pattern", peek().begin);
      return false;
    }
    if (accept(close)) break;  // trailing comma
    const JsToken& n = next();
    if (n.kind != JsTok::Name || is_js_keyword(n.text)) {
      fail("only plain names are understood in a parameter pattern", n.begin);
      return false;
    }
    if (!first) *out += ",";
    *out += std::string(n.text);
    first = false;
  }
  *out += close;
  return true;
}

bool JsParser::parse_params(std::vector<std::string>* params) {
  if (!accept("(")) {
    fail("expected '('", peek().begin);
    return false;
  }
  while (!accept(")")) {
    if (!params->empty() && !accept(",")) {
      fail("expected ',' between parameters", peek().begin);
      return false;
    }
    if (accept(")")) break;
    const JsToken& p = peek();
    if (p.is("[") || p.is("{")) {
      std::string pat;
      if (!parse_pattern(&pat)) return false;
      params->push_back(std::move(pat));
    } else if (p.kind == JsTok::Name && !is_js_keyword(p.text)) {
      params->push_back(std::string(next().text));
      if (peek().is("=")) {
        fail("default parameter values are not understood", peek().begin);
        return false;
      }
    } else {
      fail("a parameter that is not a name", p.begin);
      return false;
    }
  }
  return true;
}

int JsParser::parse_function(bool arrow) {
  JsExpr f;
  f.kind = JsNode::Function;
  f.arrow = arrow;
  f.begin = peek().begin;
  if (!arrow) {
    next();                                                     // function
    if (peek().kind == JsTok::Name && !peek().is("(")) next();  // its name
  }
  if (arrow && peek().kind == JsTok::Name) {
    f.strs.push_back(std::string(next().text));
  } else if (!parse_params(&f.strs)) {
    return -1;
  }
  if (arrow && !accept("=>")) {
    fail("expected '=>'", peek().begin);
    return -1;
  }
  if (peek().is("{")) {
    f.end = next().end;
    f.open = true;
    open_ = true;
    return add(std::move(f));
  }
  if (!arrow) {
    fail("expected '{'", peek().begin);
    return -1;
  }
  int body = parse_assignment();
  if (body < 0) return -1;
  f.body = body;
  f.end = node(body).end;
  return add(std::move(f));
}

int JsParser::parse_conditional() {
  int test = parse_binary(1);
  if (test < 0 || open_ || !peek().is("?") || peek().kind != JsTok::Punct) return test;
  next();
  JsExpr c;
  c.kind = JsNode::Conditional;
  c.begin = node(test).begin;
  c.kids.push_back(test);
  int yes = parse_assignment();
  if (yes < 0) return -1;
  if (!accept(":")) {
    fail("expected ':' in a conditional expression", peek().begin);
    return -1;
  }
  int no = parse_assignment();
  if (no < 0) return -1;
  c.kids.push_back(yes);
  c.kids.push_back(no);
  c.end = node(no).end;
  return add(std::move(c));
}

int JsParser::parse_binary(int min_prec) {
  int left = parse_unary();
  if (left < 0 || open_) return left;
  for (;;) {
    const JsToken& op = peek();
    int prec = binary_precedence(op);
    if (prec == 0 || prec < min_prec) return left;
    next();
    // ** is right-associative; the others are left-associative.
    int right = parse_binary(op.text == "**" ? prec : prec + 1);
    if (right < 0) return -1;
    JsExpr b;
    b.kind = JsNode::Binary;
    b.text = std::string(op.text);
    b.begin = node(left).begin;
    b.end = node(right).end;
    b.kids = {left, right};
    left = add(std::move(b));
    if (open_) return left;
  }
}

int JsParser::parse_unary() {
  const JsToken& t = peek();
  bool unary = (t.kind == JsTok::Punct &&
                (t.text == "!" || t.text == "-" || t.text == "+" || t.text == "~")) ||
               (t.kind == JsTok::Name && (t.text == "typeof" || t.text == "void" ||
                                          t.text == "delete" || t.text == "await"));
  if (unary || t.is("++") || t.is("--")) {
    if (++depth_ > kMaxDepth) {
      fail("nested too deeply", t.begin);
      --depth_;
      return -1;
    }
    next();
    int operand = parse_unary();
    --depth_;
    if (operand < 0) return -1;
    JsExpr u;
    u.kind = unary ? JsNode::Unary : JsNode::Update;
    u.prefix = true;
    u.text = std::string(t.text);
    u.begin = t.begin;
    u.end = node(operand).end;
    u.kids.push_back(operand);
    return add(std::move(u));
  }
  return parse_postfix();
}

int JsParser::parse_postfix() {
  int e = parse_call_member();
  if (e < 0 || open_) return e;
  if ((peek().is("++") || peek().is("--")) && !peek().nl_before) {
    const JsToken& op = next();
    JsExpr u;
    u.kind = JsNode::Update;
    u.text = std::string(op.text);
    u.begin = node(e).begin;
    u.end = op.end;
    u.kids.push_back(e);
    return add(std::move(u));
  }
  return e;
}

int JsParser::parse_args(int callee, JsNode kind, uint32_t begin) {
  JsExpr c;
  c.kind = kind;
  c.begin = begin;
  c.kids.push_back(callee);
  next();  // (
  while (!accept(")")) {
    if (c.kids.size() > 1 && !accept(",")) {
      fail("expected ',' or ')' in a call", peek().begin);
      return -1;
    }
    if (accept(")")) break;
    int arg;
    if (peek().is("...")) {
      uint32_t b = next().begin;
      int inner = parse_assignment();
      if (inner < 0) return -1;
      JsExpr s;
      s.kind = JsNode::Spread;
      s.begin = b;
      s.end = node(inner).end;
      s.kids.push_back(inner);
      arg = add(std::move(s));
    } else {
      arg = parse_assignment();
      if (arg < 0) return -1;
    }
    c.kids.push_back(arg);
    if (open_) {
      c.open = true;
      c.end = node(arg).end;
      return add(std::move(c));
    }
  }
  c.end = toks_[pos_ - 1].end;
  return add(std::move(c));
}

int JsParser::parse_call_member() {
  int e;
  uint32_t begin = peek().begin;
  if (peek().is("new") && peek().kind == JsTok::Name) {
    next();
    int callee = parse_primary();
    if (callee < 0) return -1;
    while (peek().is(".")) {
      next();
      const JsToken& n = next();
      if (n.kind != JsTok::Name) {
        fail("expected a property name", n.begin);
        return -1;
      }
      JsExpr m;
      m.kind = JsNode::Member;
      m.text = std::string(n.text);
      m.begin = begin;
      m.end = n.end;
      m.kids.push_back(callee);
      callee = add(std::move(m));
    }
    if (peek().is("(")) {
      e = parse_args(callee, JsNode::New, begin);
    } else {
      JsExpr n;
      n.kind = JsNode::New;
      n.begin = begin;
      n.end = node(callee).end;
      n.kids.push_back(callee);
      e = add(std::move(n));
    }
  } else {
    e = parse_primary();
  }
  while (e >= 0 && !open_) {
    const JsToken& t = peek();
    bool optional = t.is("?.");
    if (t.is(".") || optional) {
      next();
      if (optional && (peek().is("(") || peek().is("["))) {
        // a?.(x) and a?.[x]: fall through to the call or index below, marked optional.
      } else {
        const JsToken& n = next();
        if (n.kind != JsTok::Name) {
          fail("expected a property name after '.'", n.begin);
          return -1;
        }
        JsExpr m;
        m.kind = JsNode::Member;
        m.text = std::string(n.text);
        m.optional = optional;
        m.begin = begin;
        m.end = n.end;
        m.kids.push_back(e);
        e = add(std::move(m));
        continue;
      }
    }
    if (peek().is("[")) {
      next();
      int index = parse_expression();
      if (index < 0) return -1;
      if (!accept("]")) {
        fail("expected ']'", peek().begin);
        return -1;
      }
      JsExpr ix;
      ix.kind = JsNode::Index;
      ix.optional = optional;
      ix.begin = begin;
      ix.end = toks_[pos_ - 1].end;
      ix.kids = {e, index};
      e = add(std::move(ix));
    } else if (peek().is("(")) {
      e = parse_args(e, JsNode::Call, begin);
      if (e >= 0) (*nodes_)[static_cast<size_t>(e)].optional = optional;
    } else if (peek().kind == JsTok::Template && !optional) {
      fail("tagged template literals are not understood", peek().begin);
      return -1;
    } else {
      break;
    }
  }
  return e;
}

int JsParser::parse_object(const JsToken& open) {
  JsExpr o;
  o.kind = JsNode::Object;
  o.begin = open.begin;
  while (!accept("}")) {
    if (!o.kids.empty() && !accept(",")) {
      fail("expected ',' or '}' in an object literal", peek().begin);
      return -1;
    }
    if (accept("}")) break;
    const JsToken& k = peek();
    if (k.is("...")) {
      next();
      int v = parse_assignment();
      if (v < 0) return -1;
      JsExpr s;
      s.kind = JsNode::Spread;
      s.begin = k.begin;
      s.end = node(v).end;
      s.kids.push_back(v);
      o.strs.emplace_back();
      o.kids.push_back(add(std::move(s)));
      continue;
    }
    std::string key;
    if (k.kind == JsTok::Name || k.kind == JsTok::String) {
      key = k.kind == JsTok::Name ? std::string(k.text) : k.value;
    } else if (k.kind == JsTok::Number && !k.value.empty()) {
      key = k.value;
    } else {
      fail("an object key that is not a name, a string or a number", k.begin);
      return -1;
    }
    next();
    if (accept(":")) {
      int v = parse_assignment();
      if (v < 0) return -1;
      o.strs.push_back(std::move(key));
      o.kids.push_back(v);
    } else if (k.kind == JsTok::Name && (peek().is(",") || peek().is("}"))) {
      JsExpr id;
      id.kind = JsNode::Ident;
      id.text = key;
      id.begin = k.begin;
      id.end = k.end;
      o.strs.push_back(std::move(key));
      o.kids.push_back(add(std::move(id)));
    } else {
      fail("methods and getters in object literals are not understood", peek().begin);
      return -1;
    }
    if (open_) {
      fail("a function with a block body inside an object literal", peek().begin);
      return -1;
    }
  }
  o.end = toks_[pos_ - 1].end;
  return add(std::move(o));
}

int JsParser::parse_primary() {
  if (++depth_ > kMaxDepth) {
    fail("nested too deeply", peek().begin);
    --depth_;
    return -1;
  }
  struct Leave {
    int& d;
    ~Leave() { --d; }
  } leave{depth_};
  const JsToken& t = next();
  JsExpr e;
  e.begin = t.begin;
  e.end = t.end;
  switch (t.kind) {
    case JsTok::Number:
      e.kind = JsNode::Number;
      e.text = t.value;
      e.raw = std::string(t.text);
      return add(std::move(e));
    case JsTok::String:
      e.kind = JsNode::String;
      e.text = t.value;
      return add(std::move(e));
    case JsTok::Regex:
      e.kind = JsNode::Regex;
      e.text = t.value;
      e.flags = t.flags;
      return add(std::move(e));
    case JsTok::Template: {
      e.kind = JsNode::Template;
      e.strs = t.parts;
      for (const std::vector<JsToken>& sub : t.subs) {
        JsParser p(sub, nodes_);
        int k = p.parse_expression();
        if (k < 0 || !p.at_end() || p.stopped_at_open_body()) {
          if (p.ok()) p.fail("unexpected token in a template literal substitution", p.peek().begin);
          fail(p.error(), p.error_at());
          return -1;
        }
        e.kids.push_back(k);
      }
      return add(std::move(e));
    }
    case JsTok::Name:
      if (t.text == "true" || t.text == "false") {
        e.kind = JsNode::Bool;
        e.text = std::string(t.text);
      } else if (t.text == "null") {
        e.kind = JsNode::Null;
      } else if (t.text == "this") {
        e.kind = JsNode::This;
      } else if (is_js_keyword(t.text)) {
        fail("unexpected keyword '" + std::string(t.text) + "'", t.begin);
        return -1;
      } else {
        e.kind = JsNode::Ident;
        e.text = std::string(t.text);
      }
      return add(std::move(e));
    case JsTok::Punct:
      if (t.text == "(") {
        int inner = parse_expression();
        if (inner < 0) return -1;
        if (open_) return inner;
        if (!accept(")")) {
          fail("expected ')'", peek().begin);
          return -1;
        }
        return inner;
      }
      if (t.text == "[") {
        e.kind = JsNode::Array;
        while (!accept("]")) {
          if (!e.kids.empty() && !accept(",")) {
            fail("expected ',' or ']' in an array literal", peek().begin);
            return -1;
          }
          if (accept("]")) break;
          if (peek().is(",")) {
            fail("holes in array literals are not understood", peek().begin);
            return -1;
          }
          int k = peek().is("...") ? -2 : parse_assignment();
          if (k == -2) {
            uint32_t b = next().begin;
            int inner = parse_assignment();
            if (inner < 0) return -1;
            JsExpr s;
            s.kind = JsNode::Spread;
            s.begin = b;
            s.end = node(inner).end;
            s.kids.push_back(inner);
            k = add(std::move(s));
          }
          if (k < 0) return -1;
          e.kids.push_back(k);
          if (open_) {
            fail("a function with a block body inside an array literal", peek().begin);
            return -1;
          }
        }
        e.end = toks_[pos_ - 1].end;
        return add(std::move(e));
      }
      if (t.text == "{") return parse_object(t);
      fail("unexpected '" + std::string(t.text) + "'", t.begin);
      return -1;
    case JsTok::End:
      fail("unexpected end of the code", t.begin);
      return -1;
  }
  return -1;
}

}  // namespace unjucks::migrate
