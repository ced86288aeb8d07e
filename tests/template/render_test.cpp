#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "template/ast/template.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"
#include "template/output.h"
#include "template/render/renderer.h"

namespace unjucks::tpl {
namespace {

using TemplateMap = std::map<std::string, std::string, std::less<>>;

std::string render(std::string_view src, std::string_view json = "{}", Options opts = {},
                   TemplateMap templates = {}) {
  Environment env(std::move(opts), std::make_unique<MapLoader>(std::move(templates)));
  Context ctx;
  ctx.merge_json(json);
  return env.render_string(src, ctx);
}

// Counts what is written and samples the render arena whenever its small buffer fills.
class CountingOutput final : public Output {
 public:
  explicit CountingOutput(const Environment& env) : env_(env) {
    buf_ = scratch_;
    cap_ = sizeof scratch_;
  }
  ~CountingOutput() override = default;
  size_t max_arena_reserved() const { return max_reserved_; }
  size_t overflows() const { return overflows_; }
  // Digest of the bytes seen so far (order-sensitive), to check the content without storing it.
  uint64_t digest() {
    consume();
    return hash_;
  }

 private:
  void consume() {
    for (size_t i = 0; i < size_; ++i)
      hash_ = (hash_ ^ static_cast<unsigned char>(buf_[i])) * 1099511628211ull;
    flushed_ += size_;
    size_ = 0;
  }
  void overflow(size_t) override {
    ++overflows_;
    max_reserved_ = std::max(max_reserved_, env_.render_arena().reserved());
    consume();
  }
  const Environment& env_;
  char scratch_[4096];
  size_t max_reserved_ = 0;
  size_t overflows_ = 0;
  uint64_t hash_ = 1469598103934665603ull;
};

uint64_t digest_of(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

TEST(RenderTest, DataAndExpressions) {
  EXPECT_EQ(render("plain text"), "plain text");
  EXPECT_EQ(render(""), "");
  EXPECT_EQ(render("{{ a }}-{{ b.c }}-{{ d[1] }}", R"({"a": 1.0, "b": {"c": "x"}, "d": [5, 6]})"),
            "1-x-6");
  EXPECT_EQ(render("{{ missing }}|{{ none }}|{{ nul }}", R"({"nul": null})"), "||");
  EXPECT_EQ(render("{{ 1 + 2 * 3 }} {{ 7 // 2 }} {{ 2 ** 10 }} {{ 7 % 3 }}"), "7 3 1024 1");
  EXPECT_EQ(render("{{ 0.1 + 0.2 }} {{ 1 / 0 }} {{ 0 / 0 }}"), "0.30000000000000004 Infinity NaN");
  EXPECT_EQ(render("{{ n }}", R"({"n": 1e21})"), "1e+21");
}

TEST(RenderTest, AutoescapeAndSafe) {
  const char* ctx = R"({"h": "<a href=\"x\">&'</a>"})";
  EXPECT_EQ(render("{{ h }}", ctx), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(render("{{ h | safe }}", ctx), "<a href=\"x\">&'</a>");
  Options off;
  off.autoescape = false;
  EXPECT_EQ(render("{{ h }}", ctx, off), "<a href=\"x\">&'</a>");
  EXPECT_EQ(render("{{ h | escape }}", ctx, off),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
}

TEST(RenderTest, ControlFlow) {
  EXPECT_EQ(render("{% for x in xs %}{{ loop.index }}{{ x }}{% else %}none{% endfor %}",
                   R"({"xs": ["a", "b"]})"),
            "1a2b");
  EXPECT_EQ(render("{% for x in xs %}{{ x }}{% else %}none{% endfor %}", R"({"xs": []})"), "none");
  EXPECT_EQ(render("{% for k, v in o %}{{ k }}={{ v }};{% endfor %}", R"({"o": {"z": 1, "a": 2}})"),
            "z=1;a=2;");
  EXPECT_EQ(render("{% if a %}A{% elif b %}B{% else %}C{% endif %}", R"({"b": 1})"), "B");
  EXPECT_EQ(render("{% switch x %}{% case 1 %}{% case 2 %}low{% default %}high{% endswitch %}",
                   R"({"x": 1})"),
            "low");
}

TEST(RenderTest, MacrosCallerAndScoping) {
  EXPECT_EQ(render("{% macro f(a, b=2) %}{{ a }}{{ b }}{% endmacro %}{{ f(1) }}{{ f(1, b=3) }}"),
            "1213");
  EXPECT_EQ(render("{% macro w() %}[{{ caller() }}]{% endmacro %}{% call w() %}in{% endcall %}"),
            "[in]");
  EXPECT_EQ(
      render("{% set x = 1 %}{% macro m() %}{% set x = 2 %}{{ x }}{% endmacro %}{{ m() }}{{ x }}"),
      "21");
}

TEST(RenderTest, TemplatesFromTheLoader) {
  TemplateMap t = {{"base.njk", "<{% block b %}base{% endblock %}>"},
                   {"lib.njk", "{% macro hi(n) %}hi {{ n }}{% endmacro %}"},
                   {"item.njk", "({{ x }})"}};
  EXPECT_EQ(
      render("{% extends 'base.njk' %}{% block b %}child+{{ super() }}{% endblock %}", "{}", {}, t),
      "<child+base>");
  EXPECT_EQ(render("{% from 'lib.njk' import hi %}{{ hi('x') }}", "{}", {}, t), "hi x");
  EXPECT_EQ(render("{% for x in [1, 2] %}{% include 'item.njk' %}{% endfor %}", "{}", {}, t),
            "(1)(2)");
}

TEST(RenderTest, RenderStringUsesTheNameForRelativeIncludes) {
  Environment env({}, std::make_unique<MapLoader>(TemplateMap{{"dir/part.njk", "part"}}));
  Context ctx;
  EXPECT_EQ(env.render_string("{% include './part.njk' %}", ctx, "dir/page.njk"), "part");
}

TEST(RenderTest, OneEnvironmentRendersManyTimes) {
  Environment env;
  TemplatePtr t = env.compile("{% for i in range(n) %}{{ i }}{% endfor %}");
  for (int n = 0; n < 5; ++n) {
    Context ctx;
    ctx.set("n", Value::number(n));
    std::string expected;
    for (int i = 0; i < n; ++i) expected += std::to_string(i);
    EXPECT_EQ(env.render_to_string(*t, ctx), expected);
  }
}

TEST(RenderTest, ErrorsLeaveTheEnvironmentUsable) {
  Environment env;
  Context ctx;
  EXPECT_THROW(env.render_string("{{ nope() }}", ctx), TemplateError);
  EXPECT_EQ(env.render_string("{{ 'ok' }}", ctx), "ok");
}

// Number.prototype.toFixed as JavaScript has it: NaN digits (an absent or non-numeric argument)
// are 0, fractions are truncated, and outside 0-100 is a RangeError (render_fuzz found NaN
// cast to int, undefined behaviour).
TEST(RenderTest, ToFixedDigits) {
  EXPECT_EQ(render("{{ x.toFixed(2) }}", R"({"x": 3.14159})"), "3.14");
  EXPECT_EQ(render("{{ x.toFixed() }}|{{ x.toFixed('a') }}|{{ x.toFixed(1.9) }}", R"({"x": 2.7})"),
            "3|3|2.7");
  Environment env;
  Context ctx;
  ctx.merge_json(R"({"x": 1, "big": 1e300})");
  for (const char* src : {"{{ x.toFixed(-1) }}", "{{ x.toFixed(101) }}", "{{ x.toFixed(big) }}",
                          "{{ x.toFixed(-big) }}"}) {
    EXPECT_THROW(env.render_string(src, ctx), TemplateError) << src;
  }
}

// padStart/padEnd with a fill of invalid UTF-8 (a lone continuation byte, one U+FFFD to
// JavaScript) finish with the fill repeated per unit; it used to loop for ever.
TEST(RenderTest, PaddingWithAnInvalidByteFinishes) {
  EXPECT_EQ(render("{{ '5'.padStart(3, '\xb0') }}|{{ '5'.padEnd(2, '\xb0') }}"),
            "\xb0\xb0"
            "5|5\xb0");
}

// Number.prototype.toFixed rounds the exact value of the double half up (printf rounds an
// exact tie to even), and NaN, the infinities and |x| >= 1e21 are String(x). Expected strings
// are Node 20's.
TEST(RenderTest, ToFixedRoundsTiesUpAsJavaScriptDoes) {
  EXPECT_EQ(render("{{ (2.5).toFixed(0) }}|{{ (0.5).toFixed(0) }}|{{ (1.25).toFixed(1) }}|"
                   "{{ (0.125).toFixed(2) }}|{{ (-2.5).toFixed(0) }}|{{ (-0.125).toFixed(2) }}"),
            "3|1|1.3|0.13|-3|-0.13");
  // Not ties: the doubles nearest 1.005 and 99.995 lie below and above them.
  EXPECT_EQ(render("{{ (1.005).toFixed(2) }}|{{ (99.995).toFixed(2) }}|{{ (9.5).toFixed(0) }}"),
            "1.00|100.00|10");
  EXPECT_EQ(render("{{ (-0).toFixed(2) }}|{{ (-0.001).toFixed(2) }}|{{ (0/0).toFixed(2) }}|"
                   "{{ (1/0).toFixed(1) }}|{{ big.toFixed(2) }}|{{ (-big).toFixed(1) }}",
                   R"({"big": 1e21})"),
            "0.00|-0.00|NaN|Infinity|1e+21|-1e+21");
  EXPECT_EQ(render("{{ x.toFixed(2) }}", R"({"x": 1e20})"), "100000000000000000000.00");
}

// join() with a separator: an array that contains itself (made with push) joins as "" where it
// recurs, whether the separator is the default or not; nested arrays join with ",".
TEST(RenderTest, JoinOfACyclicArrayStops) {
  EXPECT_EQ(render("{% set a = [1] %}{{ a.push(a) }}|{{ a.join('-') }}|{{ a.join() }}|{{ a }}"),
            "2|1-|1,|1,");
  EXPECT_EQ(render("{{ [[1, 2], [3]].join(' ; ') }}"), "1,2 ; 3");
}

// .length of invalid UTF-8 counts what Node decodes it to: one U+FFFD (one unit) per stray
// byte or truncated sequence.
TEST(RenderTest, LengthOfInvalidUtf8CountsReplacementCharacters) {
  EXPECT_EQ(
      render("{{ '\xb0\xb0'.length }}|{{ 'a\xe2\x82'.length }}|{{ '\xf0\x9f\x98\x80'.length }}"),
      "2|2|2");
}

TEST(RenderTest, OutputTotalCountsEverything) {
  Environment env;
  Context ctx;
  TemplatePtr t = env.compile("{% for i in range(3000) %}abcdefghij{% endfor %}");
  CountingOutput out(env);
  env.render(*t, ctx, out);
  EXPECT_EQ(out.total(), 30000u);
  EXPECT_GT(out.overflows(), 5u);  // went through the slow path many times
}

TEST(RenderTest, DiscardOutputCountsBytes) {
  Environment env;
  Context ctx;
  TemplatePtr t = env.compile("{% for i in range(1000) %}0123456789{% endfor %}");
  DiscardOutput out;
  env.render(*t, ctx, out);
  EXPECT_EQ(out.total(), 10000u);
}

// Regression test for the per-iteration rewind of the render arena: a long loop that makes a
// temporary string per iteration must not grow the arena.
TEST(RenderMemoryTest, LongLoopRunsInConstantArenaMemory) {
  Environment env;
  Context ctx;
  TemplatePtr t =
      env.compile(R"({% for i in range(200000) %}{{ i }}-{{ "x" | upper }}{% endfor %})");
  CountingOutput out(env);
  env.render(*t, ctx, out);
  std::string expected;
  for (int i = 0; i < 200000; ++i) expected += std::to_string(i) + "-X";
  const size_t expected_bytes = expected.size();
  const uint64_t h = digest_of(expected);
  EXPECT_EQ(out.total(), expected_bytes);
  EXPECT_EQ(out.digest(), h);
  EXPECT_GT(out.overflows(), 100u);
  EXPECT_LT(out.max_arena_reserved(), size_t{1} << 20);
  EXPECT_LT(env.render_arena().reserved(), size_t{1} << 20);
}

// DISABLED: engine bug. Renderer::call_macro (render/eval.cpp) calls note_side_effect()
// unconditionally, so an iteration that calls a macro is never rewound: its frame and 256-byte
// capture buffer stay in the render arena, ~160-650 bytes per iteration (this test: 64 MiB for
// 100,000 rows). The macro's frame is isolated and `set`/context writes already note their own
// side effects, so the macro's result need not pin the iteration unless it is stored.
TEST(RenderMemoryTest, LoopWithMacroCallsAndFiltersStaysSmall) {
  Environment env;
  Context ctx;
  TemplatePtr t = env.compile(
      "{% macro cell(v) %}<td>{{ v | string | upper }}</td>{% endmacro %}"
      "{% for i in range(100000) %}{{ cell('c' ~ i) }}{% endfor %}");
  CountingOutput out(env);
  env.render(*t, ctx, out);
  size_t expected = 0;
  for (int i = 0; i < 100000; ++i) expected += 9 + 1 + std::to_string(i).size();
  EXPECT_EQ(out.total(), expected);
  EXPECT_LT(out.max_arena_reserved(), size_t{1} << 20);
}

// Values made inside an iteration that must outlive it survive the rewind.
TEST(RenderMemoryTest, SetInsideALongLoopKeepsItsValue) {
  EXPECT_EQ(render(R"({% set last = "" %}{% for i in range(200000) %})"
                   R"({% set last = i ~ "-" ~ ("x" | upper) %}{% endfor %}{{ last }})"),
            "199999-X");
  EXPECT_EQ(render("{% set keep = '' %}{% for i in range(5000) %}{% set b %}<{{ i }}>{% endset %}"
                   "{% if i == 2500 %}{% set keep = b %}{% endif %}{% endfor %}{{ keep }}"),
            "&lt;2500&gt;");
  // Built up across iterations.
  std::string expected;
  for (int i = 0; i < 300; ++i) expected += std::to_string(i) + ",";
  EXPECT_EQ(
      render(
          "{% set s = '' %}{% for i in range(300) %}{% set s = s ~ i ~ ',' %}{% endfor %}{{ s }}"),
      expected);
  // An object made inside a loop, stored, then read after many more iterations that each make
  // temporaries.
  EXPECT_EQ(render("{% set o = none %}{% for i in range(20000) %}"
                   "{% if i == 3 %}{% set o = {k: 'v' ~ i, list: [i, i * 2]} %}{% endif %}"
                   "{% set tmp = ('t' ~ i) | upper %}{% endfor %}{{ o.k }}:{{ o.list }}"),
            "v3:3,6");
}

TEST(RenderMemoryTest, MacroResultsInALoopSurvive) {
  EXPECT_EQ(render("{% macro w(i) %}[{{ i }}]{% endmacro %}{% set got = '' %}"
                   "{% for i in range(3000) %}{% set r = w(i) %}"
                   "{% if i == 1234 %}{% set got = r %}{% endif %}{% endfor %}{{ got }}"),
            "[1234]");
  EXPECT_EQ(
      render("{% macro w() %}<{{ caller() | upper }}>{% endmacro %}{% set got = '' %}"
             "{% for i in range(3000) %}{% set r %}{% call w() %}c{{ i }}{% endcall %}{% endset %}"
             "{% if i == 77 %}{% set got = r %}{% endif %}{% endfor %}{{ got | safe }}"),
      "<C77>");
}

}  // namespace
}  // namespace unjucks::tpl
