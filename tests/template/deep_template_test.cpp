// Templates as deep or as long as an attacker likes (issue 13, D2): chains of operators,
// filters, calls and lookups, elif chains and nested constructs must end in a syntax error or
// render, never overflow the stack in the parser, the re-association, the renderer or the
// variable scan (`help`, the generator).
#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>
#include <string>
#include <vector>

#include "template/ast/depth.h"
#include "template/ast/template.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"

namespace unjucks::tpl {
namespace {

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

struct Shape {
  const char* name;
  std::function<std::string(size_t)> make;  // a template with n links
};

// Every left-associative chain of the grammar.
std::vector<Shape> chain_shapes() {
  auto chain = [](std::string head, std::string link) {
    return [head, link](size_t n) { return "{{ " + head + repeat(link, n) + " }}"; };
  };
  return {
      {"+", chain("1", "+1")},
      {"-", chain("1", "-1")},
      {"*", chain("1", "*1")},
      {"/", chain("1", "/1")},
      {"//", chain("1", "//1")},
      {"%", chain("1", "%1")},
      {"**", chain("1", "**1")},
      {"~", chain("1", "~1")},
      {"and", chain("1", " and 1")},
      {"or", chain("0", " or 0")},
      {"in", chain("1", " in x")},
      {"<", chain("1", "<1")},
      {"==", chain("1", "==1")},
      {"|upper", chain("x", "|upper")},
      {"|upper on a literal (folded)", chain("'a'", "|upper")},
      {"|default(1)", chain("x", " | default(1)")},
      {".b", chain("a", ".b")},
      {"[0]", chain("x", "[0]")},
      {"()", chain("f", "()")},
      {".b()", chain("a", ".b()")},
  };
}

TemplatePtr compile(const std::string& src, Options opts = {}) {
  Environment env(std::move(opts));
  return env.compile(src, "t.njk");
}

Error compile_error(const std::string& src, Options opts = {}) {
  try {
    compile(src, std::move(opts));
    ADD_FAILURE() << "compiled without an error: " << src.substr(0, 80);
  } catch (const TemplateError& e) {
    return e.error();
  }
  return {};
}

// ---------------------------------------------------------------- chains

TEST(DeepTemplateTest, EveryChainAt200kLinksIsASyntaxErrorEvenInADeadBranch) {
  for (const Shape& s : chain_shapes()) {
    for (bool dead : {false, true}) {
      std::string src = s.make(200000);
      if (dead) src = "{% if false %}" + src + "{% endif %}";
      Error e = compile_error(src);
      EXPECT_EQ(e.kind, ErrorKind::Syntax) << s.name;
      EXPECT_EQ(e.template_name, "t.njk") << s.name;
      EXPECT_EQ(e.line, 1u) << s.name;
      EXPECT_GT(e.col, 500u) << s.name << ": at the link that crossed the limit";
      EXPECT_NE(e.message.find("limit parse-depth"), std::string::npos) << s.name << e.message;
    }
  }
  // The message and the position, in full, for the first shape of the issue.
  Error e = compile_error(chain_shapes()[0].make(200000));
  EXPECT_EQ(e.message,
            "expression is too long (more than 500 levels of nesting and of chained operators, "
            "filters, calls and lookups; limit parse-depth)");
  // `{{ 1` then `+1` per link: the 499th `+` (depth 2 + 499) is the first one too many.
  EXPECT_EQ(e.col, 4u + 2u * 498u + 1u);
}

TEST(DeepTemplateTest, ChainsUnderTheLimitCompileRenderAndScan) {
  Environment env;
  Context ctx;
  ctx.merge_json(R"({"x": "abc", "a": {"b": 2}})");
  // 240 links: `a // b` is Math.floor(a / b) and `a ~ b` is `a + "" + b`, two levels a link
  // once re-associated.
  for (const Shape& s : chain_shapes()) {
    TemplatePtr t = env.compile(s.make(240), "t.njk");
    EXPECT_LE(ast::expression_depth(static_cast<const ast::Emit*>(t->root()[0])->expr), 482u)
        << s.name;
    try {
      env.render_to_string(*t, ctx);
    } catch (const TemplateError& e) {
      // Calling what a call returned fails at run time, as in Nunjucks; nothing else may.
      EXPECT_EQ(e.error().kind, ErrorKind::Render) << s.name;
      EXPECT_NE(e.error().message.find("Unable to call"), std::string::npos) << s.name;
    }
    env.referenced_variables(*t);
  }
  EXPECT_EQ(env.render_string(chain_shapes()[0].make(490), ctx), "491");
  EXPECT_EQ(env.render_string(chain_shapes()[1].make(490), ctx), "-489");
  // `a ~ b` is `a + "" + b` in JavaScript: two levels a link.
  EXPECT_EQ(env.render_string(chain_shapes()[7].make(240), ctx), std::string(241, '1'));
  EXPECT_THROW(env.render_string(chain_shapes()[7].make(260), ctx), TemplateError);
  EXPECT_EQ(env.render_string(chain_shapes()[13].make(490), ctx), "ABC");
  EXPECT_EQ(env.referenced_variables(*env.compile(chain_shapes()[16].make(490))),
            std::vector<std::string>{"a"});
}

TEST(DeepTemplateTest, TheLimitIsTheParseDepthOption) {
  Options opts;
  opts.limits.max_parse_depth = 50;
  Error e = compile_error(chain_shapes()[0].make(60), opts);
  EXPECT_NE(e.message.find("more than 50 levels"), std::string::npos) << e.message;
  EXPECT_NO_THROW(compile(chain_shapes()[0].make(40), opts));
  // Raised, long chains render.
  opts.limits.max_parse_depth = 5000;
  Environment env(opts);
  Context ctx;
  EXPECT_EQ(env.render_string(chain_shapes()[0].make(3000), ctx), "3001");
}

// `a - b - c + d - e - f`: Nunjucks gives `-` its own level above `+`, so the parser builds a
// `+` chain of short `-` chains; re-associated with JavaScript's precedence (one level for
// both) it is one chain as long as all of them together.
TEST(DeepTemplateTest, AChainDeepenedByReassociationIsASyntaxError) {
  std::string src = "{{ 1" + repeat(repeat("-1", 240) + "+1", 240) + " }}";
  Error e = compile_error(src);
  EXPECT_EQ(e.kind, ErrorKind::Syntax);
  EXPECT_NE(e.message.find("expression is too deep (57842 levels once its operators are grouped "
                           "by precedence, more than 500; limit parse-depth)"),
            std::string::npos)
      << e.message;
  EXPECT_EQ(e.col, 4u);
  // Short enough, the same shape renders (and means what it means in Nunjucks).
  Environment env;
  Context ctx;
  EXPECT_EQ(env.render_string("{{ 1" + repeat(repeat("-1", 10) + "+1", 10) + " }}", ctx), "-89");
}

// ---------------------------------------------------------------- elif

TEST(DeepTemplateTest, AnElifChainOfAnyLengthRendersAndScans) {
  std::string src =
      "{% if a %}A" + repeat("{% elif b %}B", 200000) + "{% elif last %}L{% else %}E{% endif %}";
  Environment env;
  TemplatePtr t = env.compile(src, "t.njk");
  Context none;
  EXPECT_EQ(env.render_to_string(*t, none), "E");
  Context last;
  last.merge_json(R"({"last": true})");
  EXPECT_EQ(env.render_to_string(*t, last), "L");
  EXPECT_EQ(env.referenced_variables(*t), (std::vector<std::string>{"a", "b", "last"}));
  // `elseif` too, and without an else.
  EXPECT_EQ(
      env.render_string("{% if 0 %}" + repeat("{% elseif 0 %}", 200000) + "{% endif %}x", none),
      "x");
}

// ---------------------------------------------------------------- nesting

TEST(DeepTemplateTest, DeepNestingOfEveryConstructIsASyntaxError) {
  struct Nest {
    const char* name;
    std::string open, middle, close;
  };
  const std::vector<Nest> nests = {
      {"(", "{{ (", "1", ") }}"},
      {"[", "{{ [", "1", "] }}"},
      {"{", "{{ {a: ", "1", "} }}"},
      {"not", "{{ not ", "1", " }}"},
      {"-", "{{ -", "1", " }}"},
      {"- ", "{{ - ", "1", " }}"},
      {"+", "{{ +", "1", " }}"},
      {"ternary", "{{ (1 if 0 else ", "1", ") }}"},
      {"call arguments", "{{ f(", "1", ") }}"},
      {"filter arguments", "{{ x | default(", "1", ") }}"},
      {"if", "{% if 1 %}", "x", "{% endif %}"},
      {"for", "{% for i in [1] %}", "x", "{% endfor %}"},
      {"macro", "{% macro m() %}", "x", "{% endmacro %}"},
      {"call block", "{% call m() %}", "x", "{% endcall %}"},
      {"filter block", "{% filter upper %}", "x", "{% endfilter %}"},
      {"set block", "{% set s %}", "x", "{% endset %}"},
      {"switch", "{% switch 1 %}{% case 1 %}", "x", "{% endswitch %}"},
  };
  for (const Nest& n : nests) {
    // The opening and closing halves of `n` repeated: `{{ ((...1...)) }}` style nests have their
    // delimiters only once.
    std::string src;
    if (n.open.rfind("{{", 0) == 0) {
      std::string inner = n.open.substr(3), end = n.close.substr(0, n.close.size() - 3);
      src = "{{ " + repeat(inner, 200000) + n.middle + repeat(end, 200000) + " }}";
    } else {
      src = repeat(n.open, 200000) + n.middle + repeat(n.close, 200000);
    }
    Error e = compile_error(src);
    EXPECT_EQ(e.kind, ErrorKind::Syntax) << n.name;
    EXPECT_NE(e.message.find("limit parse-depth"), std::string::npos) << n.name << e.message;
  }
}

// ---------------------------------------------------------------- the stack

// Each limit is safe alone, but they multiply: an expression 200 calls deep inside a macro
// that calls itself 200 times is 40,000 levels of evaluation. The renderer checks the stack
// itself and fails instead of crashing.
TEST(DeepTemplateTest, RecursionTimesDeepExpressionsRunsOutOfStackWithAnError) {
  std::string src = "{% macro m(n) %}{% if n > 0 %}{{ " + repeat("range(", 200) + "m(n-1)" +
                    repeat(")", 200) + " }}{% endif %}x{% endmacro %}{{ m(199) }}";
  Environment env;
  Context ctx;
  try {
    env.render_string(src, ctx, "t.njk");
    ADD_FAILURE() << "rendered";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error().kind, ErrorKind::Render);
    EXPECT_NE(e.error().message.find("the template nests too deeply for the stack"),
              std::string::npos)
        << e.error().message;
    EXPECT_EQ(e.error().template_name, "t.njk");
    EXPECT_FALSE(e.error().trace.empty()) << "the macro calls are named";
  }
  // The environment renders on afterwards.
  EXPECT_EQ(env.render_string("{{ 1 + 1 }}", ctx), "2");
}

// A thread with a small stack: each recursive walk stops with an error where the stack ends,
// whatever the limits allow.
struct SmallStackRun {
  std::function<void()> fn;
  std::string error;
  ErrorKind kind = ErrorKind::Io;
  bool threw = false;
};

void* small_stack_main(void* arg) {
  auto* run = static_cast<SmallStackRun*>(arg);
  try {
    run->fn();
  } catch (const TemplateError& e) {
    run->threw = true;
    run->kind = e.error().kind;
    run->error = e.error().message;
  }
  return nullptr;
}

SmallStackRun on_small_stack(std::function<void()> fn) {
  SmallStackRun run{std::move(fn), {}, ErrorKind::Io, false};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t{512} << 10);
  pthread_t t;
  EXPECT_EQ(pthread_create(&t, &attr, small_stack_main, &run), 0);
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
  return run;
}

TEST(DeepTemplateTest, EveryWalkStopsAtTheEndOfASmallStack) {
  Options opts;
  opts.limits.max_parse_depth = 100000;  // the limit alone would allow all of it
  Environment env(opts);
  Context ctx;
  // The parser.
  std::string parens = "{{ " + repeat("(", 20000) + "1" + repeat(")", 20000) + " }}";
  SmallStackRun r = on_small_stack([&] { env.compile(parens, "t.njk"); });
  EXPECT_TRUE(r.threw);
  EXPECT_EQ(r.kind, ErrorKind::Syntax);
  EXPECT_NE(r.error.find("for the stack"), std::string::npos) << r.error;
  // The renderer and the variable scan, on a tree the main thread's stack could parse.
  std::string chain = "{{ x" + repeat(" ~ x", 8000) + " }}";
  TemplatePtr t = env.compile(chain, "t.njk");
  r = on_small_stack([&] { env.render_to_string(*t, ctx); });
  EXPECT_TRUE(r.threw);
  EXPECT_EQ(r.kind, ErrorKind::Render);
  EXPECT_NE(r.error.find("for the stack"), std::string::npos) << r.error;
  r = on_small_stack([&] { env.referenced_variables(*t); });
  EXPECT_TRUE(r.threw);
  EXPECT_EQ(r.kind, ErrorKind::Limit);
  EXPECT_NE(r.error.find("for the stack"), std::string::npos) << r.error;
  // The re-association (an expression whose parse fits, whose rewrite would not).
  std::string sum = "{{ x" + repeat(" + x", 8000) + " }}";
  r = on_small_stack([&] { env.compile(sum, "t.njk"); });
  EXPECT_TRUE(r.threw);
  EXPECT_EQ(r.kind, ErrorKind::Syntax);
  EXPECT_NE(r.error.find("for the stack"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace unjucks::tpl
