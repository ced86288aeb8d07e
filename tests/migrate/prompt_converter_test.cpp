#include "migrate/prompt_converter.h"

#include <gtest/gtest.h>

#include <string>

#include "gen/config.h"
#include "gen/yaml_values.h"
#include "migrate/hygen_order.h"

namespace unjucks::migrate {
namespace {

TEST(PromptConverter, QuestionListBecomesPromptYml) {
  ConvertedPrompt r = convert_prompt_js(R"(// questions
'use strict';
module.exports = [
  { type: 'input', name: 'name', message: "What's the name?" },
  { type: 'select', name: 'kind', message: `Kind?`, choices: ['a', { name: 'b', hint: 'the b' }],
    initial: 1 },
  { type: 'confirm', name: 'yes', initial: false, hint: 'y/N' },
  { name: 'count', type: 'numeral', initial: -2 },
];
)",
                                        "prompt.js");
  ASSERT_TRUE(r.ok) << r.attention.at(0).message;
  EXPECT_EQ(r.questions, 4u);
  EXPECT_EQ(r.yaml,
            "# Converted by unjucks migrate from prompt.js (Hygen's questions).\n"
            "prompts:\n"
            "  - name: name\n    type: input\n    message: \"What's the name?\"\n"
            "  - name: kind\n    type: select\n    message: \"Kind?\"\n    default: b\n"
            "    choices:\n      - a\n      - b\n"
            "  - name: \"yes\"\n    type: confirm\n    default: false\n"
            "  - name: count\n    type: number\n    default: -2\n");
  // unjucks reads it back as the same questions.
  gen::MetaInfo meta;
  gen::YamlError err;
  ASSERT_TRUE(gen::parse_meta(r.yaml, &meta, &err)) << err.message;
  ASSERT_EQ(meta.variables.size(), 4u);
  EXPECT_EQ(meta.variables[0].message, "What's the name?");
  EXPECT_FALSE(meta.variables[0].default_value.has_value());
  EXPECT_EQ(meta.variables[1].default_value, gen::Json("b"));
  EXPECT_EQ(meta.variables[2].name, "yes");
  EXPECT_EQ(meta.variables[2].default_value, gen::Json(false));
}

std::string refused(std::string_view src, size_t* at = nullptr) {
  ConvertedPrompt r = convert_prompt_js(src, "prompt.js");
  if (r.ok) return "converted";
  if (at) *at = r.attention.at(0).offset;
  return r.attention.at(0).message;
}

TEST(PromptConverter, CodeIsLeftAsItIs) {
  size_t at = 0;
  std::string src = "module.exports = {\n  prompt: ({ prompter }) => prompter.prompt({})\n}\n";
  EXPECT_EQ(refused(src, &at),
            "exports a prompt handler (JavaScript that unjucks does not run): its questions go in "
            "prompt.yml, other variables on the command line or in --vars");
  EXPECT_EQ(src.substr(at, 6), "prompt");
  src = "module.exports = [{ name: 'a', validate: (v) => v.length > 0 }]";
  EXPECT_EQ(refused(src, &at), "a function (JavaScript that unjucks does not run)");
  EXPECT_EQ(src.substr(at, 3), "(v)");
  EXPECT_EQ(refused("const x = require('x')\nmodule.exports = []"),
            "code other than `module.exports = [questions]`: JavaScript that unjucks does not "
            "run");
  EXPECT_EQ(refused("module.exports = [{ name: 'a', message: `Hi ${who}` }]"),
            "a message computed with ${...} (JavaScript)");
  EXPECT_EQ(refused("module.exports = [{ name: 'a', type: 'snippet' }]"),
            "the question type 'snippet' has no prompt.yml counterpart");
  EXPECT_EQ(refused("module.exports = [{ name: 'a', result: 1 }]"),
            "the question key 'result' has no prompt.yml counterpart");
  EXPECT_EQ(refused("module.exports = [{ type: 'input' }]"), "a question without a name");
  EXPECT_EQ(refused("module.exports = [];\nfoo()"), "more code after the list of questions");
}

// Node's localeCompare (recorded with node 20, en-US) for names Hygen sorts.
TEST(HygenOrder, AsNodesLocaleCompare) {
  struct Pair {
    const char* a;
    const char* b;
    int sign;
  };
  const Pair pairs[] = {{"Zebra.ejs.t", "apple.ejs.t", 1},
                        {"_a.t", "a.t", -1},
                        {"a.ejs.t", "a.f.ejs.t", -1},
                        {"a.njk", "a.f.njk", 1},
                        {"B.t", "a.t", 1},
                        {"a.t", "A.t", -1},
                        {"item10.t", "item2.t", -1},
                        {"z_inject.ejs.t", "mailer.ejs.t", 1},
                        {"x-y.t", "x_y.t", 1},
                        {"ab", "Aa", 1}};
  for (const Pair& p : pairs) {
    int got = hygen_compare(p.a, p.b);
    EXPECT_EQ((got > 0) - (got < 0), p.sign) << p.a << " vs " << p.b;
  }
}

}  // namespace
}  // namespace unjucks::migrate
