// `+` and `~` build strings in the render arena (issue 13, D14): each link of `"a" + "a" + ...`
// copied everything before it, so memory grew with the square of the result (a 40 KB result
// needed more than the 512 MiB render-memory limit). Appending to the string made last now grows
// it in place; the working memory follows the result.
#include <gtest/gtest.h>

#include <string>

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

// 3,000 links of one character: copying the whole left side at each link needs 4.5 MB; 1 MiB
// of working memory holds the 3 KB result many times over.
TEST(ConcatMemoryTest, ALongChainNeedsMemoryForItsResultNotItsSquare) {
  Options opts;
  opts.limits.max_parse_depth = 10000;
  opts.limits.max_render_bytes = 1 << 20;
  Environment env(opts);
  Context ctx;
  ctx.merge_json(R"({"s": "a"})");
  for (std::string op : {" + ", " ~ "}) {
    std::string src = "{{ s" + repeat(op + "s", 3000) + " }}";
    EXPECT_EQ(env.render_string(src, ctx), std::string(3001, 'a')) << op;
    EXPECT_LE(env.render_arena().reserved(), size_t{1} << 20);
    // Literals and numbers on the right append in place too (numbers are formatted on the
    // stack, not in the arena).
    src = "{{ 'a'" + repeat(op + "'b'" + op + "1", 1500) + " }}";
    EXPECT_EQ(env.render_string(src, ctx), "a" + repeat("b1", 1500)) << op;
  }
}

// The same in a loop, the usual way of building a string: 100,000 appends of 2 bytes. Copying
// would need 10 GB; the limit here is 4 MiB.
TEST(ConcatMemoryTest, AppendingInALoopIsLinear) {
  Options opts;
  opts.limits.max_render_bytes = 4 << 20;
  Environment env(opts);
  Context ctx;
  EXPECT_EQ(env.render_string("{% set s = '' %}{% for i in range(100000) %}{% set s = s + 'ab' %}"
                              "{% endfor %}{{ s | length }}",
                              ctx),
            "200000");
  EXPECT_EQ(env.render_string("{% set s = '' %}{% for i in range(100000) %}{% set s = s ~ i % 10 %}"
                              "{% endfor %}{{ s | length }}",
                              ctx),
            "100000");
}

// Growing in place writes only past the end of the string it grows: every other value that
// shares those bytes keeps its own length and text.
TEST(ConcatMemoryTest, GrowingAStringLeavesTheValuesBeforeItAlone) {
  Environment env;
  Context ctx;
  EXPECT_EQ(env.render_string("{% set a = 'x' + 'y' %}{% set b = a + 'z' %}{% set c = a + 'w' %}"
                              "{% set d = b + b %}{{ a }} {{ b }} {{ c }} {{ d }} {{ a ~ a }}",
                              ctx),
            "xy xyz xyw xyzxyz xyxy");
  // A loop body that leaves nothing behind is rewound: values from before it are intact.
  EXPECT_EQ(env.render_string("{% set s = 'ab' + 'cd' %}{% for i in range(3) %}{{ s + i }}"
                              "{% endfor %}{{ s }}",
                              ctx),
            "abcd0abcd1abcd2abcd");
}

}  // namespace
}  // namespace unjucks::tpl
