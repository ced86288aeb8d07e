#include "template/error.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "template/context.h"
#include "template/environment.h"
#include "template/loader.h"

namespace unjucks::tpl {
namespace {

using TemplateMap = std::map<std::string, std::string, std::less<>>;

// Renders `src` (named `name`) and returns the error it raises; fails the test when none.
Error render_error(std::string_view src, TemplateMap templates = {}, Options opts = {},
                   std::string_view name = "", std::string_view json = "{}") {
  Environment env(std::move(opts), std::make_unique<MapLoader>(std::move(templates)));
  Context ctx;
  ctx.merge_json(json);
  try {
    std::string out = env.render_string(src, ctx, name);
    ADD_FAILURE() << "rendered without an error: " << out;
  } catch (const TemplateError& e) {
    EXPECT_EQ(std::string(e.what()), e.error().format());
    return e.error();
  }
  return {};
}

Error compile_error(std::string source, std::string name = "", Options opts = {}) {
  Environment env(std::move(opts));
  try {
    env.compile(std::move(source), std::move(name));
    ADD_FAILURE() << "compiled without an error";
  } catch (const TemplateError& e) {
    return e.error();
  }
  return {};
}

TEST(ErrorFormatTest, LayoutWithCaretAndTrace) {
  Error e;
  e.kind = ErrorKind::Render;
  e.message = "boom";
  e.template_name = "page.njk";
  e.line = 3;
  e.col = 5;
  e.source_line = "ab\tdef";
  e.trace = {"included from top.njk:1:4", "called from other.njk:2:2"};
  EXPECT_EQ(e.format(),
            "page.njk:3:5: error: boom\n"
            "  ab\tdef\n"
            "    \t ^\n"
            "  included from top.njk:1:4\n"
            "  called from other.njk:2:2");
}

TEST(ErrorFormatTest, UnnamedAndUnlocated) {
  Error e;
  e.message = "no place";
  EXPECT_EQ(e.format(), "(string): error: no place");
  e.line = 1;
  e.col = 3;
  e.source_line = "héllo";  // columns count code points, not bytes
  EXPECT_EQ(e.format(), "(string):1:3: error: no place\n  héllo\n    ^");
}

TEST(ErrorFormatTest, TemplateErrorWhatFollowsRefresh) {
  Error e;
  e.message = "first";
  TemplateError te(e);
  EXPECT_STREQ(te.what(), "(string): error: first");
  te.error().message = "second";
  te.refresh();
  EXPECT_STREQ(te.what(), "(string): error: second");
}

TEST(SyntaxErrorTest, GoldenMessages) {
  Error e = compile_error("line one\n  {{ 1 + }}", "t.njk");
  EXPECT_EQ(e.kind, ErrorKind::Syntax);
  EXPECT_EQ(e.format(),
            "t.njk:2:10: error: unexpected token: }}\n"
            "    {{ 1 + }}\n"
            "           ^");

  e = compile_error("{% if x %}\nno end", "u.njk");
  EXPECT_EQ(e.kind, ErrorKind::Syntax);
  EXPECT_EQ(e.format(),
            "u.njk:2:7: error: parseIf: expected elif, else, or endif, got end of file\n"
            "  no end\n"
            "        ^");

  e = compile_error("ok\n\n{% bogus thing %}");
  EXPECT_EQ(e.format(),
            "(string):3:4: error: unknown block tag: bogus\n"
            "  {% bogus thing %}\n"
            "     ^");

  e = compile_error("{{ 'unterminated }}");
  EXPECT_EQ(e.format(),
            "(string):1:20: error: expected variable end\n"
            "  {{ 'unterminated }}\n"
            "                     ^");

  e = compile_error("{% for x in %}{% endfor %}");
  EXPECT_EQ(e.format(),
            "(string):1:13: error: unexpected token: %}\n"
            "  {% for x in %}{% endfor %}\n"
            "              ^");

  e = compile_error("αβγ {{ [1, 2 }}", "uni.njk");
  // Columns count code points: the [ is the 8th character though the 11th byte.
  EXPECT_EQ(e.format(),
            "uni.njk:1:8: error: parseAggregate: expected comma after expression\n"
            "  αβγ {{ [1, 2 }}\n"
            "         ^");

  e = compile_error("{% endif %}");
  EXPECT_EQ(e.format(),
            "(string):1:4: error: unknown block tag: endif\n"
            "  {% endif %}\n"
            "     ^");
}

TEST(RuntimeErrorTest, GoldenMessages) {
  Error e = render_error("a\n  {{ nope() }}", {}, {}, "page.njk");
  EXPECT_EQ(e.kind, ErrorKind::Render);
  EXPECT_EQ(e.format(),
            "page.njk:2:10: error: Unable to call `nope`, which is undefined or falsey\n"
            "    {{ nope() }}\n"
            "           ^");

  Options strict;
  strict.throw_on_undefined = true;
  e = render_error("{{ ok }}\n{{ missing }}", {}, strict, "", R"({"ok": 1})");
  EXPECT_EQ(e.format(),
            "(string):2:1: error: attempted to output null or undefined value\n"
            "  {{ missing }}\n"
            "  ^");

  e = render_error("{{ 1 in 5 }}");
  EXPECT_EQ(e.format(),
            "(string):1:4: error: Cannot use \"in\" operator to search for \"1\" in unexpected "
            "types.\n"
            "  {{ 1 in 5 }}\n"
            "     ^");
}

TEST(RuntimeErrorTest, UnknownFilterOrTestSuggestsTheClosestNames) {
  Error e = render_error("{{ name | kebabcase }}", {}, {}, "t.njk", R"({"name": "a b"})");
  EXPECT_EQ(e.message, "filter not found: kebabcase; did you mean \"kebabCase\"?");
  EXPECT_EQ(e.suggestions, std::vector<std::string>{"kebabCase"});
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.col, 11u);  // the filter's name

  e = render_error("{{ items | pluralise }}", {}, {}, "t.njk", R"({"items": "cat"})");
  EXPECT_EQ(e.message, "filter not found: pluralise; did you mean \"pluralize\"?");

  e = render_error("{% filter uper %}x{% endfilter %}");
  EXPECT_EQ(e.message, "filter not found: uper; did you mean \"upper\"?");

  e = render_error("{{ 1 | zzzzzzzz }}");
  EXPECT_EQ(e.message, "filter not found: zzzzzzzz");
  EXPECT_TRUE(e.suggestions.empty());

  e = render_error("{{ 1 is odd1 }}");
  EXPECT_EQ(e.message, "test not found: odd1; did you mean \"odd\"?");
}

TEST(RuntimeErrorTest, IncludedFromTrace) {
  TemplateMap t = {{"outer.njk", "o\n{% include 'inner.njk' %}"}, {"inner.njk", "i {{ x.y() }}"}};
  Error e = render_error("top {% include 'outer.njk' %}", t, {}, "top.njk");
  EXPECT_EQ(e.format(),
            "inner.njk:1:9: error: Unable to call `x[\"y\"]`, which is undefined or falsey\n"
            "  i {{ x.y() }}\n"
            "          ^\n"
            "  included from outer.njk:2:4\n"
            "  included from top.njk:1:8");
  EXPECT_EQ(e.template_name, "inner.njk");
  EXPECT_EQ(e.trace.size(), 2u);
}

TEST(RuntimeErrorTest, CalledFromTrace) {
  TemplateMap t = {{"lib.njk", "{% macro bad(v) %}\n  {{ v.f() }}\n{% endmacro %}"}};
  Error e = render_error("{% from 'lib.njk' import bad %}\n{{ bad(1) }}", t, {}, "main.njk");
  EXPECT_EQ(e.format(),
            "lib.njk:2:9: error: Unable to call `v[\"f\"]`, which is undefined or falsey\n"
            "    {{ v.f() }}\n"
            "          ^\n"
            "  called from main.njk:2:7");
  EXPECT_EQ(e.template_name, "lib.njk");
  ASSERT_FALSE(e.trace.empty());
}

TEST(RuntimeErrorTest, MissingTemplates) {
  Error e = render_error("{% include 'nope.njk' %}", {}, {}, "main.njk");
  EXPECT_EQ(e.format(),
            "main.njk:1:4: error: template not found: nope.njk\n"
            "  {% include 'nope.njk' %}\n"
            "     ^");
  e = render_error("x{% extends 'gone.njk' %}");
  EXPECT_EQ(e.format(),
            "(string):1:5: error: template not found: gone.njk\n"
            "  x{% extends 'gone.njk' %}\n"
            "      ^");
  e = render_error("{% import 'gone.njk' as g %}");
  EXPECT_NE(e.message.find("gone.njk"), std::string::npos);
}

// ---------------------------------------------------------------- limits: errors, never crashes

TEST(LimitTest, DeeplyNestedParenthesesAreASyntaxError) {
  std::string src = "{{ " + std::string(10000, '(') + "1" + std::string(10000, ')') + " }}";
  Error e = compile_error(src);
  EXPECT_EQ(e.kind, ErrorKind::Syntax);
  EXPECT_NE(e.message.find("nest"), std::string::npos) << e.message;
  // Unbalanced, too.
  e = compile_error("{{ " + std::string(10000, '(') + " }}");
  EXPECT_EQ(e.kind, ErrorKind::Syntax);
}

TEST(LimitTest, DeeplyNestedStatementsAreASyntaxError) {
  std::string src;
  for (int i = 0; i < 5000; ++i) src += "{% if true %}";
  Error e = compile_error(src);
  EXPECT_EQ(e.kind, ErrorKind::Syntax);
  std::string arrays = "{{ " + std::string(10000, '[') + std::string(10000, ']') + " }}";
  EXPECT_EQ(compile_error(arrays).kind, ErrorKind::Syntax);
  std::string nots = "{{ ";
  for (int i = 0; i < 10000; ++i) nots += "not ";
  nots += "1 }}";
  EXPECT_EQ(compile_error(nots).kind, ErrorKind::Syntax);
}

TEST(LimitTest, ModerateNestingStillParses) {
  Environment env;
  Context ctx;
  std::string src = "{{ " + std::string(100, '(') + "1" + std::string(100, ')') + " }}";
  EXPECT_EQ(env.render_string(src, ctx), "1");
}

TEST(LimitTest, HugeRangeFailsFastWithAClearError) {
  // `for ... in range(n)` is lazy: the limit is checked before the first iteration.
  Error e =
      render_error("{% for i in range(n) %}{{ i }}{% endfor %}", {}, {}, "", R"({"n": 1e12})");
  EXPECT_EQ(e.kind, ErrorKind::Render);
  EXPECT_EQ(e.format(),
            "(string):1:4: error: loop iteration limit exceeded (100000000 per render)\n"
            "  {% for i in range(n) %}{{ i }}{% endfor %}\n"
            "     ^");
  e = render_error("x\n{% for i in range(1000000000000) %}{% endfor %}");
  EXPECT_NE(e.message.find("loop iteration limit exceeded"), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.col, 4u);
  // A negative step counts down just as far.
  e = render_error("{% for i in range(0, -n, -1) %}{% endfor %}", {}, {}, "", R"({"n": 1e12})");
  EXPECT_NE(e.message.find("loop iteration limit exceeded"), std::string::npos) << e.message;
  // `1e12` is not a number literal in Nunjucks (a symbol, undefined): range() of it is empty.
  Environment env;
  Context ctx;
  EXPECT_EQ(env.render_string("{% for i in range(1e12) %}{{ i }}{% else %}empty{% endfor %}", ctx),
            "empty");
}

// DISABLED: engine bug. range() called outside a for loop (`{{ range(n) | length }}`, or
// `for i in range(n) | reverse`) builds the array element by element up to a hard-coded 50
// million entries before failing "range() is too large" (render/builtins.cpp g_range): about
// 17 s and 1.8 GB of memory, and the render arena keeps its largest chunk (~800 MB) afterwards.
// It should compute the count from start/stop/step first and refuse it against
// Limits::max_loop_iterations before allocating anything.
TEST(LimitTest, RangeOutsideAForLoopIsRefusedBeforeAllocating) {
  Environment env;
  Context ctx;
  ctx.merge_json(R"({"n": 1e12})");
  EXPECT_THROW(env.render_string("{{ range(n) | length }}", ctx), TemplateError);
  EXPECT_LT(env.render_arena().reserved(), size_t{64} << 20);
}

// A render that keeps building bigger values stops at its working-memory limit with the
// statement that asked for more, instead of taking the machine's memory.
TEST(LimitTest, RenderMemoryIsBounded) {
  Options opts;
  opts.limits.max_render_bytes = 1 << 20;
  const char* doubling =
      "{% set s = 'xxxxxxxxxxxxxxxx' %}\n"
      "{% for i in range(40) %}{% set s = s + s %}{% endfor %}\n"
      "{{ s | length }}";
  Error e = render_error(doubling, {}, opts);
  EXPECT_EQ(e.kind, ErrorKind::Render);
  EXPECT_EQ(e.message,
            "the render needs more than 1048576 bytes of working memory (limit render-memory)");
  EXPECT_EQ(e.line, 2u);
  // Under the limit the same template renders; the environment is usable after a failure.
  Environment env(opts);
  Context ctx;
  EXPECT_THROW(env.render_string(doubling, ctx), TemplateError);
  EXPECT_LE(env.render_arena().reserved(), size_t{1} << 20);
  EXPECT_EQ(env.render_string("{% set s = 'ab' %}{% for i in range(10) %}{% set s = s + s %}"
                              "{% endfor %}{{ s | length }}",
                              ctx),
            "2048");
  // The default is generous: 2^20 x 16 bytes is fine.
  Environment roomy;
  EXPECT_EQ(roomy.render_string("{% set s = 'xxxxxxxxxxxxxxxx' %}{% for i in range(20) %}"
                                "{% set s = s + s %}{% endfor %}{{ s | length }}",
                                ctx),
            "16777216");
}

TEST(LimitTest, LoopIterationLimitCountsAllLoops) {
  Options opts;
  opts.limits.max_loop_iterations = 1000;
  Environment env(opts);
  Context ctx;
  EXPECT_EQ(env.render_string(
                "{% for i in range(10) %}{% for j in range(99) %}{% endfor %}{% endfor %}x", ctx),
            "x");
  EXPECT_THROW(env.render_string(
                   "{% for i in range(11) %}{% for j in range(99) %}{% endfor %}{% endfor %}", ctx),
               TemplateError);
}

TEST(LimitTest, UnboundedMacroRecursion) {
  Error e = render_error("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
  EXPECT_NE(e.message.find("maximum call depth exceeded"), std::string::npos) << e.message;
}

TEST(LimitTest, IncludeCycle) {
  TemplateMap t = {{"a.njk", "a{% include 'b.njk' %}"}, {"b.njk", "b{% include 'a.njk' %}"}};
  Error e = render_error("{% include 'a.njk' %}", t);
  EXPECT_NE(e.message.find("maximum call depth exceeded"), std::string::npos) << e.message;
  TemplateMap self = {{"s.njk", "{% include 's.njk' %}"}};
  e = render_error("{% include 's.njk' %}", self);
  EXPECT_FALSE(e.message.empty());
}

TEST(LimitTest, ExtendsCycle) {
  TemplateMap t = {{"a.njk", "{% extends 'b.njk' %}"}, {"b.njk", "{% extends 'a.njk' %}"}};
  Error e = render_error("{% extends 'a.njk' %}", t);
  EXPECT_FALSE(e.message.empty());
  TemplateMap self = {{"s.njk", "{% extends 's.njk' %}{% block x %}{% endblock %}"}};
  e = render_error("{% extends 's.njk' %}", self);
  EXPECT_FALSE(e.message.empty());
}

TEST(LimitTest, ImportCycle) {
  TemplateMap t = {{"a.njk", "{% import 'b.njk' as b %}"}, {"b.njk", "{% import 'a.njk' as a %}"}};
  Error e = render_error("{% import 'a.njk' as a %}", t);
  EXPECT_FALSE(e.message.empty());
}

TEST(LimitTest, CallerRecursionAndSelfCallingBlocks) {
  Error e = render_error(
      "{% macro f() %}{{ caller() }}{% endmacro %}"
      "{% macro g() %}{% call f() %}{{ g() }}{% endcall %}{% endmacro %}{{ g() }}");
  EXPECT_NE(e.message.find("maximum call depth exceeded"), std::string::npos) << e.message;
}

TEST(LimitTest, OutputLimit) {
  Options opts;
  opts.limits.max_output_bytes = 1000;
  Error e = render_error("{% for i in range(1000) %}{{ '0123456789' }}{% endfor %}", {}, opts);
  EXPECT_EQ(e.message, "output exceeds the limit of 1000 bytes");
  EXPECT_EQ(e.kind, ErrorKind::Render);
}

// DISABLED: engine bug. Limits::max_output_bytes is checked only after `{{ }}` (exec_emit in
// render/renderer.cpp), never after template data, so a loop over literal text (or a raw block)
// writes without bound: this renders all 10,000 bytes.
TEST(LimitTest, OutputLimitCountsTemplateData) {
  Options opts;
  opts.limits.max_output_bytes = 1000;
  Error e = render_error("{% for i in range(1000) %}0123456789{% endfor %}", {}, opts);
  EXPECT_EQ(e.message, "output exceeds the limit of 1000 bytes");
}

TEST(LimitTest, TemplateSizeLimit) {
  Options opts;
  opts.limits.max_template_bytes = 10;
  Error e = compile_error("01234567890", "big.njk", opts);
  EXPECT_EQ(e.kind, ErrorKind::Limit);
  EXPECT_EQ(e.format(), "big.njk: error: template is larger than the limit of 10 bytes");
}

}  // namespace
}  // namespace unjucks::tpl
