#include "migrate/js_to_nunjucks.h"

#include <gtest/gtest.h>

#include <string>

#include "migrate/code_translator.h"

namespace unjucks::migrate {
namespace {

// The Nunjucks text of an output tag's expression, or "refused: <reason>".
std::string expr(std::string_view js) {
  CodeTranslator ct;
  Translated t = ct.output(js, 0);
  if (!t.ok) return "refused: " + t.reason;
  return t.text + (t.escape_free ? "  [safe]" : "");
}

// The block tags of a sequence of <% %> tags, or "refused: <reason>".
std::string code(std::initializer_list<std::string_view> tags) {
  CodeTranslator ct;
  std::string out;
  for (std::string_view c : tags) {
    CodeResult r = ct.statements(c, 0);
    if (!r.ok) return "refused: " + r.reason;
    for (const std::string& t : r.tags) out += t;
    if (!r.comment.empty()) out += "{# " + r.comment + " #}";
  }
  std::string why;
  uint32_t at = 0;
  if (!ct.finish(&why, &at)) return "refused: " + why;
  return out;
}

TEST(JsToNunjucks, Operators) {
  EXPECT_EQ(expr("a && b || !c"), "(a and b) or (not c)");
  EXPECT_EQ(expr("!a == b"), "(not a) == b  [safe]");
  EXPECT_EQ(expr("!(a == b)"), "not (a == b)  [safe]");
  EXPECT_EQ(expr("a + b + c"), "a + b + c");
  EXPECT_EQ(expr("a - (b - c)"), "a - (b - c)  [safe]");
  EXPECT_EQ(expr("2 ** 3 ** 2"), "2 ** (3 ** 2)  [safe]");
  EXPECT_EQ(expr("x === 1 ? 'one' : 'other'"), "\"one\" if (x === 1) else \"other\"  [safe]");
  EXPECT_EQ(expr("a ?? 'd'"), "\"d\" if a == none else a");
  EXPECT_EQ(expr("-n"), "-n  [safe]");
}

TEST(JsToNunjucks, Values) {
  EXPECT_EQ(expr("'it\\'s'"), "\"it's\"");
  EXPECT_EQ(expr("'plain'"), "\"plain\"  [safe]");
  EXPECT_EQ(expr("\"a\\\"b\\\\c\\nd\""), "\"a\\\"b\\\\c\\nd\"");
  EXPECT_EQ(expr("'<%'"), "\"<\\%\"");  // never EJS's delimiter in a converted template
  EXPECT_EQ(expr("`${a}-${b + 1}`"), "a ~ \"-\" ~ (b + 1)");
  EXPECT_EQ(expr("`${n}`"), "\"\" ~ n");  // a string even when n is a number
  EXPECT_EQ(expr("[1, 'x']"), "[1, \"x\"]");
  EXPECT_EQ(expr("{a: 1, 'b c': x}"), "{ \"a\": 1, \"b c\": x }");
  EXPECT_EQ(expr("null"), "none  [safe]");
  EXPECT_EQ(expr("undefined"), "undefined  [safe]");
  EXPECT_EQ(expr("x.replace(/a+/g, '-')"), "x.replace(r/a+/g, \"-\")");
  EXPECT_EQ(expr("2 .toFixed(1)"), "(2).toFixed(1)");
}

TEST(JsToNunjucks, NamesAndHelpers) {
  EXPECT_EQ(expr("locals.name"), "name");
  EXPECT_EQ(expr("locals['name']"), "name");
  EXPECT_EQ(expr("h.changeCase.pascal(name)"), "h.changeCase.pascal(name)  [safe]");
  EXPECT_EQ(expr("h.inflection.pluralize(name)"), "h.inflection.pluralize(name)");
  EXPECT_EQ(expr("h.capitalize(name)"), "h.capitalize(name)");
  EXPECT_EQ(expr("h.path.join(a, h.path.sep)"), "h.path.join(a, h.path.sep)");
  EXPECT_EQ(expr("name.toUpperCase().length"), "name.toUpperCase().length  [safe]");
  EXPECT_EQ(expr("JSON.stringify(o, null, 2)"), "o | dump(2)");
  EXPECT_EQ(expr("String(n)"), "\"\" ~ n");
  EXPECT_EQ(expr("typeof x === 'undefined'"), "x is undefined  [safe]");
  EXPECT_EQ(expr("'string' !== typeof x"), "x is not string  [safe]");
}

TEST(JsToNunjucks, RefusedWithTheReason) {
  EXPECT_EQ(expr("h.extended(x)"),
            "refused: h.extended is not one of Hygen's helpers (a .hygen.js helper?)");
  EXPECT_EQ(expr("xs.map(x => x.a)"),
            "refused: a JavaScript function as an argument (of map()) has no Nunjucks counterpart");
  EXPECT_EQ(expr("Math.max(a, b)"), "refused: calls Math.max(), which has no Nunjucks counterpart");
  EXPECT_EQ(expr("a | 1"), "refused: the operator | has no Nunjucks counterpart");
  EXPECT_EQ(expr("'k' in o"), "refused: the operator in has no Nunjucks counterpart");
  EXPECT_EQ(expr("x.frobnicate()"),
            "refused: the method frobnicate() has no counterpart in unjucks");
  EXPECT_EQ(expr("a = 1"),
            "refused: an assignment inside an expression has no Nunjucks counterpart");
  EXPECT_EQ(expr("not"), "refused: the variable name 'not' cannot be written in Nunjucks");
  EXPECT_EQ(expr("typeof x === 'object'"),
            "refused: typeof x === \"object\" has no Nunjucks counterpart");
  EXPECT_EQ(expr("a; b"), "refused: more than one expression in an output tag");
  // A long chain is a deep tree: refused, not a stack overflow.
  std::string chain = "a";
  for (int i = 0; i < 100000; ++i) chain += "+a";
  EXPECT_EQ(expr(chain), "refused: nested too deeply");
  std::string members = "h";
  for (int i = 0; i < 100000; ++i) members += ".a";
  EXPECT_EQ(expr(members + "()").substr(0, 9), "refused: ");
}

TEST(CodeTranslator, Blocks) {
  EXPECT_EQ(code({"if (a) {", "} else if (b) {", "} else {", "}"}),
            "{% if a %}{% elif b %}{% else %}{% endif %}");
  EXPECT_EQ(code({"for (const x of xs) {", "}"}), "{% for x in xs %}{% endfor %}");
  EXPECT_EQ(code({"for (const [k, v] of Object.entries(o)) {", "}"}),
            "{% for k, v in o %}{% endfor %}");
  EXPECT_EQ(code({"for (let i = 1; i <= n; i++) {", "}"}),
            "{% for i in range(1, n + 1) %}{% endfor %}");
  EXPECT_EQ(code({"xs.forEach((x, i) => {", "})"}), "{% for x in xs %}{% endfor %}");
  EXPECT_EQ(code({"xs.forEach(function (x) { y = 1 }); if (a) { b = 2 }"}),
            "refused: assigns to 'y' inside a loop, but it lives outside the loop: Nunjucks' set "
            "inside a for loop does not change the variable outside it");
  EXPECT_EQ(code({"// a note"}), "{# a note #}");
}

TEST(CodeTranslator, Assignments) {
  EXPECT_EQ(code({"const a = 1, b = a + 1\nc = 'x'; d += 2; e++"}),
            "{% set a = 1 %}{% set b = a + 1 %}{% set c = \"x\" %}{% set d = d + 2 %}"
            "{% set e = e + 1 %}");
  EXPECT_EQ(code({"const { a, b } = o; let [x] = xs"}),
            "{% set a = o.a %}{% set b = o.b %}{% set x = xs[0] %}");
  EXPECT_EQ(code({"xs.forEach((x) => { let n = x; n += 1 })"}),
            "{% for x in xs %}{% set n = x %}{% set n = n + 1 %}{% endfor %}");
}

TEST(CodeTranslator, ScopesThatDiffer) {
  EXPECT_EQ(code({"if (a) { const t = 1 }", "x = t"}),
            "refused: 't' is declared with const/let inside an if block and read after it: in "
            "Nunjucks it would keep the block's value");
  EXPECT_EQ(code({"for (var i of xs) { }", "y = i"}),
            "refused: 'i' is declared with var inside a loop and read after it: Nunjucks' loop "
            "variables end with the loop");
  EXPECT_EQ(code({"for (const x of xs) { x = 2 }"}), "refused: assigns to the loop variable 'x'");
  EXPECT_EQ(code({"xs.forEach((x, i) => { ys.forEach((y) => { z = i }) })"}),
            "refused: assigns to 'z' inside a loop, but it lives outside the loop: Nunjucks' set "
            "inside a for loop does not change the variable outside it");
  EXPECT_EQ(code({"if (a) {"}), "refused: the block opened here is never closed");
  EXPECT_EQ(code({"}"}), "refused: this '}' closes no block opened in the template");
  EXPECT_EQ(code({"while (a) {"}), "refused: `while` statements have no Nunjucks counterpart");
  EXPECT_EQ(code({"console.log(a)"}),
            "refused: a statement with no Nunjucks counterpart (assignments, if, for and "
            "forEach are translated)");
}

}  // namespace
}  // namespace unjucks::migrate
