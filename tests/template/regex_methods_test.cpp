// Regular expressions in templates (r/x/g literals): String.prototype.replace/replaceAll/match/
// search/split and RegExp.prototype.test/exec, with lastIndex. Each expected string is what
// Nunjucks 3.2.4 on Node 20 renders for the same template (tests/conformance has the rest).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"

namespace unjucks::tpl {
namespace {

std::string render(std::string_view src) {
  Environment env;
  Context ctx;
  return env.render_string(src, ctx);
}

TEST(RegexMethodsTest, RenderAsNunjucksDoes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"njk({{ r/ab+/.test("xabbby") }}|{{ r/ab+/g.test("zz") }}|{{ r/undefined/.test() }})njk",
       R"njk(true|false|true)njk"},
      {R"njk({{ "a-b-c".replace(r/-/g, "+") }}|{{ "a-b-c".replace(r/-/, "+") }}|{{ "a-b-c".replace("-", "[$&]") }}|{{ "a-b-c".replace("-", "$$|$`|$'") }}|{{ "a-b-c".replace("x", "y") }})njk",
       R"njk(a+b+c|a+b-c|a[-]b-c|a$|a|b-cb-c|a-b-c)njk"},
      {R"njk({{ "a-b-c".replaceAll("-", "+") }}|{{ "abc".replaceAll("", "-") }}|{{ "a-b-c".replaceAll(r/-/g, "$&$&") }}|{{ "a.b.c".replaceAll(".", "") }})njk",
       R"njk(a+b+c|-a-b-c-|a--b--c|abc)njk"},
      {R"njk({{ r/x/.source }}|{{ r/x/gi.flags }}|{{ r/x/ig.flags }}|{{ r/x/m.multiline }}|{{ r/x/.ignoreCase }}|{{ r/x/g.lastIndex }}|{{ r/x/.global }}|{{ r/x/.foo }})njk",
       R"njk(x|gi|gi|true|false|0|false|)njk"},
      {R"njk({{ r/a(b)/.exec("zab") }}|{{ r/a(b)?c/.exec("zac") | length }}|{{ r/q/.exec("zab") }})njk",
       R"njk(ab,b|2|)njk"},
      {R"njk({{ "a1b2".match(r/\d/g) }}|{{ "a1b2".match(r/\d/) }}|{{ "a1b2".match(r/x/g) }}|{{ "a1b2".match("b") }}|{{ "a1b2".match(r/(?:)/g) | length }}|{{ "AbC".match(r/b/i) }})njk",
       R"njk(1,2|1||b|5|b)njk"},
      {R"njk({{ "a1b2".split(r/\d/) | join("|") }}|{{ "abc".split(r/(?:)/) | join("|") }}|{{ "a1b2c".split(r/(\d)/) | join("|") }}|{{ "a1b2c".split(r/(\d)/, 2) | join("|") }})njk",
       R"njk(a|b||a|b|c|a|1|b|2|c|a|1)njk"},
      {R"njk({{ "".split(r/x/) | length }}|{{ "".split(r/(?:)/) | length }}|{{ "abc".split(r/$/) | join("|") }}|{{ "a,b,".split(r/,/) | join("|") }}|{{ "test".split(r/(t)?/) | join("|") }})njk",
       R"njk(1|0|abc|a|b|||t|e||s|t|)njk"},
      {R"njk({{ "a,b".split(",", "x") | length }}|{{ "a,b".split(",", -1) | length }}|{{ "a,b".split(",", 1.7) | join("|") }}|{{ "a1b22".split(r/\d+/, 0) | length }})njk",
       R"njk(0|2|a|0)njk"},
      {R"njk({{ "x".search(r/y/) }}|{{ "xyz".search(r/z/) }}|{{ "éxz".search(r/z/) }}|{{ "xyz".search("y") }})njk",
       R"njk(-1|2|2|1)njk"},
      {R"njk({% set re = r/a/g %}{{ re.test("aa") }}{{ re.lastIndex }}{{ re.test("aa") }}{{ re.lastIndex }}{{ re.test("aa") }}{{ re.lastIndex }}|{% for i in range(3) %}{{ r/a/g.test("aa") }}{% endfor %})njk",
       R"njk(true1true2false0|truetruetrue)njk"},
      {R"njk({% set re = r/(\w)(\d)?/g %}{{ re.exec("a1b") }}/{{ re.lastIndex }}/{{ re.exec("a1b") }}/{{ re.lastIndex }}/{{ re.exec("a1b") }})njk",
       R"njk(a1,a,1/2/b,b,/3/)njk"},
      {R"njk({{ "Hello World".replace(r/(\w+) (\w+)/, "$2 $1") }}|{{ "aaa".replace(r/a*?/g, "-") }}|{{ "héllo wörld".replace(r/ö/, "o") }}|{{ "héllo".match(r/l+/) }})njk",
       R"njk(World Hello|-a-a-a-|héllo world|ll)njk"},
      {R"njk({% macro up(m) %}{{ m | upper }}{% endmacro %}{{ "abc".replace("b", up) }}|{{ "abc".replaceAll("b", up) }}|{{ "abcb".replace(r/b/g, up) }}|{{ r/x/g.toString() }})njk",
       R"njk(aBc|aBc|aBcB|/x/g)njk"},
  };
  for (const auto& [src, expected] : cases) EXPECT_EQ(render(src), expected) << src;
}

// A match array (exec, match without g, matchAll) has `index` (in UTF-16 units), `input` and
// `groups` (the named groups, undefined without any) beside its elements; printing, dump and
// length see the elements only. A replacement function gets the groups after the string.
TEST(RegexMethodsTest, MatchArraysCarryIndexInputAndGroups) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"njk({% set m = "a1b22".match(r/(\d)(\d)?/) %}{{ m.index }}|{{ m.input }}|{{ m.groups }}|{{ m.groups is defined }}|{{ m }}|{{ m | length }}|{{ m | dump }})njk",
       R"njk(1|a1b22||false|1,1,|3|[&quot;1&quot;,&quot;1&quot;,null])njk"},
      {R"njk({% set m = "on 2026-11-25".match(r/(?<y>\d{4})-(?<mo>\d\d)-(?<d>\d\d)/) %}{{ m.groups.y }}/{{ m.groups.mo }}/{{ m.groups.d }} {{ m.index }} {{ m.groups | dump }} {{ m["index"] }})njk",
       R"njk(2026/11/25 3 {&quot;y&quot;:&quot;2026&quot;,&quot;mo&quot;:&quot;11&quot;,&quot;d&quot;:&quot;25&quot;} 3)njk"},
      {R"njk({{ "ab".match(r/(?<z>z)?(?<b>b)/).groups | dump }}|{{ "ab".match(r/(?<x>z)?b/).groups.x is defined }})njk",
       R"njk({&quot;b&quot;:&quot;b&quot;}|false)njk"},
      {R"njk({% set re = r/o/g %}{% set a = re.exec("foo") %}{% set b = re.exec("foo") %}{{ a.index }}{{ b.index }}{{ a.input }}|{{ "é😀x".match(r/x/).index }})njk",
       R"njk(12foo|3)njk"},
      {R"njk({% for m in "a1b2".matchAll(r/(?<n>\d)/g) %}{{ m.index }}:{{ m.groups.n }}:{{ m.input }};{% endfor %})njk",
       R"njk(1:1:a1b2;3:2:a1b2;)njk"},
      {R"njk({% macro f(m, n, off, s, g) %}[{{ g.n }}@{{ off }}]{% endmacro %}{{ "a1b2".replace(r/(?<n>\d)/g, f) }}|{% macro h(m, off, s, g) %}[{{ g is defined }}]{% endmacro %}{{ "ab".replace(r/b/, h) }})njk",
       R"njk(a[1@1]b[2@3]|a[false])njk"},
      {R"njk({{ "2026-11".replace(r/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>") }}|{{ "a1".match(r/(?<d>\d)/).groups.d | int + 1 }})njk",
       R"njk(11/2026|2)njk"},
  };
  for (const auto& [src, expected] : cases) EXPECT_EQ(render(src), expected) << src;
}

// Errors JavaScript raises: a bad expression when it is made (its properties too), and
// replaceAll with an expression that is not global.
TEST(RegexMethodsTest, ErrorsAsJavaScriptRaisesThem) {
  for (const char* src :
       {R"({{ r/(/.test("x") }})", R"({{ r/[/.source }})", R"({{ "a".replaceAll(r/a/, "b") }})"}) {
    EXPECT_THROW(render(src), TemplateError) << src;
  }
  try {
    render(R"({{ "a".replaceAll(r/a/, "b") }})");
  } catch (const TemplateError& e) {
    EXPECT_NE(std::string(e.what()).find("non-global RegExp"), std::string::npos) << e.what();
  }
}

// A global literal is a new object each time it is evaluated (lastIndex starts at 0), but one
// kept in a variable carries its lastIndex from call to call, as in JavaScript.
TEST(RegexMethodsTest, LastIndexBelongsToTheObject) {
  EXPECT_EQ(render(R"({% for i in range(2) %}{{ r/b/g.test("ab") }}{% endfor %})"), "truetrue");
  EXPECT_EQ(render(R"({% set re = r/b/g %}{{ re.test("ab") }}{{ re.test("ab") }})"), "truefalse");
}

}  // namespace
}  // namespace unjucks::tpl
