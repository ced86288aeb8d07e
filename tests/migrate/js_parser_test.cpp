#include "migrate/js_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "migrate/js_lexer.h"

namespace unjucks::migrate {
namespace {

// The tree in prefix form: (op a b), names and literals as themselves.
std::string sexp(const std::vector<JsExpr>& n, int i) {
  const JsExpr& e = n[static_cast<size_t>(i)];
  auto kids = [&](std::string head) {
    std::string s = "(" + head;
    for (int k : e.kids) s += " " + sexp(n, k);
    return s + ")";
  };
  switch (e.kind) {
    case JsNode::Number:
      return e.text;
    case JsNode::String:
      return "'" + e.text + "'";
    case JsNode::Ident:
      return e.text;
    case JsNode::Bool:
      return e.text;
    case JsNode::Null:
      return "null";
    case JsNode::Member:
      return sexp(n, e.kids[0]) + "." + e.text;
    case JsNode::Index:
      return kids("[]");
    case JsNode::Call:
      return kids(e.open ? "call-open" : "call");
    case JsNode::Unary:
      return kids(e.text);
    case JsNode::Binary:
      return kids(e.text);
    case JsNode::Conditional:
      return kids("?:");
    case JsNode::Assign:
      return kids(e.text);
    case JsNode::Update:
      return kids(std::string(e.prefix ? "pre" : "post") + e.text);
    case JsNode::Template:
      return kids("`" + std::to_string(e.strs.size()));
    case JsNode::Function: {
      std::string s = "(fn";
      for (const std::string& p : e.strs) s += " " + p;
      return s + (e.open ? " {)" : " => " + sexp(n, e.body) + ")");
    }
    case JsNode::Regex:
      return "/" + e.text + "/" + e.flags;
    default:
      return kids("?");
  }
}

std::string parse(std::string_view src, bool* open = nullptr) {
  JsLexResult lx = lex_js(src);
  if (!lx.ok) return "lex error: " + lx.error;
  std::vector<JsExpr> nodes;
  JsParser p(lx.tokens, &nodes);
  int root = p.parse_expression();
  if (root < 0) return "error: " + p.error();
  if (open) *open = p.stopped_at_open_body();
  if (!p.stopped_at_open_body() && !p.at_end()) return "trailing: " + std::string(p.peek().text);
  return sexp(nodes, root);
}

TEST(JsParser, Precedence) {
  EXPECT_EQ(parse("a || b && c"), "(|| a (&& b c))");
  EXPECT_EQ(parse("a + b * c - d"), "(- (+ a (* b c)) d)");
  EXPECT_EQ(parse("2 ** 3 ** 2"), "(** 2 (** 3 2))");
  EXPECT_EQ(parse("!a == b"), "(== (! a) b)");
  EXPECT_EQ(parse("a ? b : c ? d : e"), "(?: a b (?: c d e))");
  EXPECT_EQ(parse("x = y += 1"), "(= x (+= y 1))");
  EXPECT_EQ(parse("i++"), "(post++ i)");
  EXPECT_EQ(parse("h.changeCase.pascal(name)[0]"), "([] (call h.changeCase.pascal name) 0)");
  EXPECT_EQ(parse("a ?? b"), "(?? a b)");
}

TEST(JsParser, Literals) {
  EXPECT_EQ(parse("'a\\tb' + \"\\u00e9\\x41\""),
            "(+ 'a\tb' '\xC3\xA9"
            "A')");
  EXPECT_EQ(parse("`a${b}c${`d${e}`}`"), "(`3 b (`2 e))");
  EXPECT_EQ(parse("0x1F + 1.50 + .5 + 1e3"), "(+ (+ (+ 31 1.5) 0.5) 1000)");
  EXPECT_EQ(parse("s.replace(/a\\/b[/]/gi, x) / 2"), "(/ (call s.replace /a\\/b[/]/gi x) 2)");
  EXPECT_EQ(parse("'\\uD83D\\uDE00'"), "'\xF0\x9F\x98\x80'");
}

TEST(JsParser, Functions) {
  EXPECT_EQ(parse("xs.map(x => x.name)"), "(call xs.map (fn x => x.name))");
  bool open = false;
  EXPECT_EQ(parse("items.forEach((item, i) => {", &open),
            "(call-open items.forEach (fn item i {))");
  EXPECT_TRUE(open);
  EXPECT_EQ(parse("o.forEach(function ([k, v]) {", &open), "(call-open o.forEach (fn [k,v] {))");
}

TEST(JsParser, Errors) {
  EXPECT_EQ(parse("a +"), "error: unexpected end of the code");
  EXPECT_EQ(parse("'abc"), "lex error: unterminated string");
  EXPECT_EQ(parse("a b"), "trailing: b");
  EXPECT_EQ(parse("'\\uD800'"), "lex error: a lone surrogate in a string");
  EXPECT_EQ(parse("017"), "");  // legacy octal: no Nunjucks form
}

TEST(JsParser, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '(');
  EXPECT_EQ(parse(deep + "1" + std::string(10000, ')')), "error: nested too deeply");
  EXPECT_EQ(parse(std::string(10000, '!') + "a"), "error: nested too deeply");
  std::string nested = "1";
  for (int i = 0; i < 5000; ++i) nested = "`${" + nested + "}`";
  EXPECT_EQ(parse(nested), "lex error: nested too deeply");
}

TEST(JsLexer, LineBreaksAndComments) {
  JsLexResult lx = lex_js("a // c\n/* x\n */ b /* y */ c");
  ASSERT_TRUE(lx.ok);
  ASSERT_EQ(lx.tokens.size(), 4u);
  EXPECT_TRUE(lx.tokens[1].nl_before);
  EXPECT_FALSE(lx.tokens[2].nl_before);
  EXPECT_EQ(lx.tokens[3].kind, JsTok::End);
}

}  // namespace
}  // namespace unjucks::migrate
