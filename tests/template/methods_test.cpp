// JavaScript's built-in methods of strings, arrays, numbers and objects that templates call
// (render/methods.h). Each expected string is what Nunjucks 3.2.4 on Node 20 renders for the
// same template.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"

namespace unjucks::tpl {
namespace {

std::string render(std::string_view src, std::string_view json = "{}") {
  Environment env;
  Context ctx;
  ctx.merge_json(json);
  return env.render_string(src, ctx);
}

TEST(MethodsTest, RenderAsNunjucksDoes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"njk({{ "abc".charCodeAt(1) }}|{{ "abc".charCodeAt(5) }}|{{ "😀".charCodeAt(0) }}|{{ "😀".charCodeAt(1) }}|{{ "é".charCodeAt() }})njk",
       R"njk(98|NaN|55357|56832|233)njk"},
      {R"njk({{ "abc".codePointAt(1) }}|{{ "😀".codePointAt(0) }}|{{ "😀".codePointAt(1) }}|{{ "abc".codePointAt(9) }})njk",
       R"njk(98|128512|56832|)njk"},
      {R"njk({{ "abc".at(-1) }}|{{ "abc".at(0) }}|{{ "abc".at(5) }}|{{ "héllo".at(1) }})njk",
       R"njk(c|a||é)njk"},
      {R"njk({{ "abc".concat("d", 1, [2,3], null) }})njk", R"njk(abcd12,3null)njk"},
      {R"njk({{ "abcdef".substr(1, 2) }}|{{ "abcdef".substr(-3) }}|{{ "abcdef".substr(-3, 2) }}|{{ "abcdef".substr(2, -1) }}|{{ "abcdef".substr(10) }})njk",
       R"njk(bc|def|de||)njk"},
      {R"njk({{ "  abc ".trimLeft() }}|{{ "  abc  ".trimRight() }}|{{ "xé".toLocaleUpperCase() }}|{{ "XÉ".toLocaleLowerCase() }})njk",
       R"njk(abc |  abc|XÉ|xé)njk"},
      {R"njk({{ "é".normalize("NFD") | length }}|{{ "é".normalize() | length }}|{{ "ﬁ".normalize("NFKC") }})njk",
       R"njk(2|1|fi)njk"},
      {R"njk({{ [3,1,2].reverse() }}|{{ [3,1,10,2].sort() }}|{{ ["b", undefined, "a", 3, null].sort() | join("|") }})njk",
       R"njk(2,1,3|1,10,2,3|3|a|b||)njk"},
      {R"njk({% macro desc(a, b) %}{{ b - a }}{% endmacro %}{{ [3,1,10,2].sort(desc) }})njk",
       R"njk(10,3,2,1)njk"},
      {R"njk({{ [1,2,3,2].lastIndexOf(2) }}|{{ [1,2,3].lastIndexOf(5) }}|{{ [1,2,3,2].lastIndexOf(2, -2) }})njk",
       R"njk(3|-1|1)njk"},
      {R"njk({% set a = [1,2,3] %}{{ a.shift() }}|{{ a }}|{{ a.unshift(7, 8) }}|{{ a }})njk",
       R"njk(1|2,3|4|7,8,2,3)njk"},
      {R"njk({% set a = [1,2,3,4,5] %}{{ a.splice(1, 2) }}|{{ a }}|{{ a.splice(-1, 1, "x", "y") }}|{{ a }}|{{ a.splice(1) }}|{{ a }})njk",
       R"njk(2,3|1,4,5|5|1,4,x,y|4,x,y|1)njk"},
      {R"njk({% set a = [1,2,3] %}{{ a.splice() | length }}|{{ a.splice(0, 0, 9) | length }}|{{ a }})njk",
       R"njk(0|0|9,1,2,3)njk"},
      {R"njk({{ [1,[2,[3,[4]]]].flat() | length }}|{{ [1,[2,[3,[4]]]].flat(2) | length }}|{{ [1,[2,[3,[4]]]].flat(99) | length }}|{{ [1,[2]].flat(0) | length }})njk",
       R"njk(3|4|4|2)njk"},
      {R"njk({{ [1,2,3].fill(0) }}|{{ [1,2,3,4].fill(9, 1, -1) }}|{{ [1,2,3].at(-1) }}|{{ [1,2,3].at(3) }})njk",
       R"njk(0,0,0|1,9,9,4|3|)njk"},
      {R"njk({{ (3.14159).toPrecision(3) }}|{{ (0.000123).toPrecision(2) }}|{{ (123456).toPrecision(2) }}|{{ (0.125).toPrecision(2) }}|{{ (0).toPrecision(3) }}|{{ (1e-7).toPrecision(1) }}|{{ (99.99).toPrecision(3) }}|{{ (5).toPrecision() }})njk",
       R"njk(3.14|0.00012|1.2e+5|0.13|0.00|NaN|100|5)njk"},
      {R"njk({{ (31415).toExponential(2) }}|{{ (31415).toExponential() }}|{{ (0).toExponential() }}|{{ (0.00015).toExponential(1) }}|{{ (-1.5).toExponential(0) }}|{{ (123).toExponential(5) }})njk",
       R"njk(3.14e+4|3.1415e+4|0e+0|1.5e-4|-2e+0|1.23000e+2)njk"},
      {R"njk({{ (255).toString(16) }}|{{ (5).toString(2) }}|{{ (-255).toString(36) }}|{{ (0.5).toString(2) }}|{{ (3.14159).toString(16) }}|{{ (0.1).toString(3) }}|{{ (10).toString() }})njk",
       R"njk(ff|101|-73|0.1|3.243f3e0370cdc|0.0022002200220022002200220022002201|10)njk"},
      {R"njk({{ true.toString() }}|{{ ({a: 1}).hasOwnProperty("a") }}|{{ ({a: 1}).hasOwnProperty("b") }})njk",
       R"njk(true|true|false)njk"},
  };
  for (const auto& [src, expected] : cases) EXPECT_EQ(render(src), expected) << src;
}

// Callbacks are macros: their output is a SafeString, an object to JavaScript, so truthy even
// when empty (filter keeps every element of [1, 2, 3] below when the macro prints 0).
TEST(MethodsTest, CallbacksAreMacros) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"njk({% macro e() %}{% endmacro %}{% if e() %}yes{% else %}no{% endif %})njk",
       R"njk(yes)njk"},
      {R"njk({% macro dbl(x) %}{{ x * 2 }}{% endmacro %}{{ [1,2].map(dbl) }})njk", R"njk(2,4)njk"},
      {R"njk({% macro odd(x) %}{{ x % 2 }}{% endmacro %}{{ [1,2,3].filter(odd) }})njk",
       R"njk(1,2,3)njk"},
      {R"njk({% macro odd(x) %}{% if x % 2 %}y{% endif %}{% endmacro %}{{ [1,2,3].filter(odd) }}|{{ [1,2,3].find(odd) }}|{{ [1,2,3].some(odd) }}|{{ [1,2,3].every(odd) }}|{{ [1,2,3].findIndex(odd) }})njk",
       R"njk(1,2,3|1|true|true|0)njk"},
      {R"njk({% macro add(a, b) %}{{ a + b }}{% endmacro %}{{ [1,2,3].reduce(add) }}|{{ [1,2,3].reduce(add, 10) }})njk",
       R"njk(33|1123)njk"},
      {R"njk({% macro p(x) %}{{ x }}{% endmacro %}{{ [1,2].forEach(p) }})njk", R"njk()njk"},
      {R"njk({{ [1,2,3].includes(2) }}|{{ [[1],[2]].join(";") }})njk", R"njk(true|1;2)njk"},
      {R"njk({{ "abc".split("") }})njk", R"njk(a,b,c)njk"},
  };
  for (const auto& [src, expected] : cases) EXPECT_EQ(render(src), expected) << src;
  EXPECT_THROW(render("{{ [1].map(3) }}"), TemplateError);
  EXPECT_THROW(render("{% macro f(a, b) %}{% endmacro %}{{ [].reduce(f) }}"), TemplateError);
}

// Exact ties and the carry of toPrecision/toExponential, and digits past 2^53 in toString(radix).
TEST(MethodsTest, NumberFormattingEdges) {
  EXPECT_EQ(render("{{ x.toPrecision(2) }}|{{ x.toExponential(1) }}", R"({"x": 0.125})"),
            "0.13|1.3e-1");
  EXPECT_EQ(render("{{ x.toPrecision(2) }}|{{ x.toExponential(0) }}", R"({"x": 9.96})"), "10|1e+1");
  EXPECT_EQ(
      render("{{ x.toString(36) }}|{{ x.toString(2) }}", R"({"x": 1e21})"),
      "5v1j4f4ds7c000|1101100011010111001001101011011100010111011110101000000000000000000000");
}

// Position arguments (indexOf/includes/startsWith/endsWith/lastIndexOf), matchAll (walked by
// `for`; an empty match moves on a character), findLast/findLastIndex.
TEST(MethodsTest, PositionsMatchAllAndFindLast) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"njk({% for m in "a1b2".matchAll(r/\d/g) %}[{{ m }}]{% endfor %})njk", R"njk([1][2])njk"},
      {R"njk({% for m in "a1b22".matchAll(r/(\d)(\d)?/g) %}[{{ m[0] }}:{{ m[1] }}:{{ m[2] }}]{% endfor %})njk",
       R"njk([1:1:][22:2:2])njk"},
      {R"njk({% for m in "abc".matchAll(r/(?:)/g) %}[{{ m }}]{% endfor %})njk",
       R"njk([][][][])njk"},
      {R"njk({% for m in "a.b.c".matchAll(".") %}[{{ m }}]{% endfor %})njk",
       R"njk([a][.][b][.][c])njk"},
      {R"njk({{ [1,2,3].indexOf(2, 2) }}|{{ [1,2,3].indexOf(2, -2) }}|{{ [1,2,3].includes(1, 1) }}|{{ [1,2,3].includes(3, -1) }}|{{ "abcabc".indexOf("b", 2) }}|{{ "abc".includes("a", 1) }}|{{ "abc".includes("c", -5) }})njk",
       R"njk(-1|1|false|true|4|false|true)njk"},
      {R"njk({{ "abc".startsWith("b", 1) }}|{{ "abc".endsWith("b", 2) }}|{{ "abc".startsWith("a", 1) }}|{{ "abc".endsWith("c", 9) }}|{{ "héllo".startsWith("l", 2) }})njk",
       R"njk(true|true|false|true|true)njk"},
      {R"njk({{ "abc".lastIndexOf("c", 1) }}|{{ "abcabc".lastIndexOf("b", 3) }}|{{ "abcabc".lastIndexOf("b") }}|{{ "abc".lastIndexOf("a", -5) }}|{{ "abc".lastIndexOf("") }})njk",
       R"njk(-1|1|4|0|3)njk"},
      {R"njk({% macro big(x) %}{% if x > 1 %}y{% endif %}{% endmacro %}{{ [1,2,3].findLast(big) }}|{{ [1,2,3].findLastIndex(big) }}|{{ [].findLast(big) }}|{{ [1].findLastIndex(big) }})njk",
       R"njk(3|2||0)njk"},
  };
  for (const auto& [src, expected] : cases) EXPECT_EQ(render(src), expected) << src;
  EXPECT_THROW(render(R"({{ "a".matchAll(r/a/) }})"), TemplateError);
}

TEST(MethodsTest, RangeErrors) {
  for (const char* src :
       {"{{ (1).toString(1) }}", "{{ (1).toString(37) }}", "{{ (1).toPrecision(0) }}",
        "{{ (1).toExponential(101) }}", "{{ 'a'.normalize('X') }}", "{{ [1].sort(3) }}"}) {
    EXPECT_THROW(render(src), TemplateError) << src;
  }
}

}  // namespace
}  // namespace unjucks::tpl
