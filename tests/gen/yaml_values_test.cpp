#include "gen/yaml_values.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace unjucks::gen {
namespace {

std::string bomb(int levels) {
  std::string y = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < levels; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    y += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) y += (k ? ", " : "") + prev;
    y += "]\n";
  }
  return y;
}

TEST(YamlValues, ConvertsScalarsAsAUserExpects) {
  Json j;
  YamlError err;
  ASSERT_TRUE(yaml_text_to_json("a: 1\nb: true\nc: '1'\nd: ~\ne: [x, 2.5]\nf: 007\n", &j, &err))
      << err.message;
  EXPECT_EQ(j, Json::parse(R"({"a": 1, "b": true, "c": "1", "d": null, "e": ["x", 2.5],
                              "f": "007"})"));
}

TEST(YamlValues, AliasesWithinTheBudgetAreExpanded) {
  Json j;
  YamlError err;
  ASSERT_TRUE(yaml_text_to_json("base: &b {port: 1}\ndev: *b\n" + bomb(4), &j, &err))
      << err.message;
  EXPECT_EQ(j["dev"]["port"], 1);
  EXPECT_EQ(j["a3"][9][9][9].size(), 10u);  // 10^4 values
}

TEST(YamlValues, AnAliasBombStopsAtTheBudget) {
  const std::string text = bomb(9);  // 10^9 values from about 500 bytes
  Json j;
  YamlError err;
  EXPECT_FALSE(yaml_text_to_json(text, &j, &err));
  YamlBudget budget(text.size());
  EXPECT_EQ(budget.max_values(), 100'000 + 2 * text.size());
  EXPECT_EQ(err.message,
            "the YAML makes more than " + std::to_string(budget.max_values()) + " values or " +
                std::to_string(budget.max_bytes()) +
                " bytes of text through its aliases (*name): at most 100,000 values and 16 MiB, "
                "plus two of each per byte of the file");
  EXPECT_GT(err.line, 0u);
  // A long text repeated by aliases counts its bytes each time.
  std::string big = "s: &s '" + std::string(1 << 20, 'x') + "'\nl: [";
  for (int i = 0; i < 60; ++i) big += "*s, ";
  big += "*s]\n";
  EXPECT_FALSE(yaml_text_to_json(big, &j, &err));
  EXPECT_NE(err.message.find("bytes of text through its aliases"), std::string::npos);
}

TEST(YamlValues, AnAliasInsideItsAnchorIsACycleNotACrash) {
  Json j;
  YamlError err;
  EXPECT_FALSE(yaml_text_to_json("x: 1\na: &x [1, [2, *x]]\n", &j, &err));
  EXPECT_EQ(err.message, "an alias (*name) inside the value its anchor names repeats it forever");
  EXPECT_EQ(err.line, 2u);
  EXPECT_EQ(err.col, 4u);
  EXPECT_FALSE(yaml_text_to_json("m: &m {k: *m}\n", &j, &err));
  EXPECT_EQ(err.message, "an alias (*name) inside the value its anchor names repeats it forever");
}

TEST(YamlValues, DeepNestingIsAnErrorNotAStackOverflow) {
  // yaml-cpp reads about 500 levels as written; aliases nest further: each anchor here holds
  // the one before (the comment makes the budget big enough for the 720,000 values).
  std::string deep = "# " + std::string(400'000, '.') + "\na0: &a0 [x]\n";
  for (int i = 1; i < 1200; ++i) {
    deep += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) +
            "]\n";
  }
  Json j;
  YamlError err;
  EXPECT_FALSE(yaml_text_to_json(deep, &j, &err));
  EXPECT_EQ(err.message, "the YAML nests deeper than 1000 levels");
  EXPECT_FALSE(yaml_text_to_json(std::string(600, '[') + std::string(600, ']'), &j, &err));
  EXPECT_EQ(err.message, "invalid YAML: nested too deeply to be read");
}

TEST(YamlValues, ErrorsArePlacedAndWordedByUnjucks) {
  Json j;
  YamlError err;
  EXPECT_FALSE(yaml_text_to_json("a: [1, 2\n", &j, &err));
  EXPECT_EQ(located_message("v.yml", err),
            "v.yml:2:1: error: invalid YAML: a '[' list is not closed with ']'");
  EXPECT_FALSE(yaml_text_to_json("a: \"\\q\"\n", &j, &err));
  EXPECT_EQ(err.message,
            "invalid YAML: an unknown escape in a double-quoted string (write \\\\ for a "
            "backslash): \\q");
  EXPECT_FALSE(yaml_text_to_json("a: *nope\n", &j, &err));
  EXPECT_EQ(err.message, "invalid YAML: an alias (*name) without an anchor (&name) before it");
  EXPECT_EQ(yaml_message("something yaml-cpp says one day"), "invalid YAML here");
  EXPECT_EQ(located_message("v.yml", YamlError{"the top level must be a mapping", 0, 0}),
            "v.yml: the top level must be a mapping");
}

TEST(YamlValues, ConfigFilesShareTheBudget) {
  // Defaults spread over several variables draw on one budget for the file.
  std::string text = "variables:\n";
  std::string b = bomb(8);
  size_t pos = 0;
  while ((pos = b.find('\n', pos)) != std::string::npos && pos + 1 < b.size()) {
    b.insert(pos + 1, "  ");
    pos += 3;
  }
  text += "  " + b;
  MetaInfo meta;
  YamlError err;
  EXPECT_FALSE(parse_meta(text, &meta, &err));
  EXPECT_NE(err.message.find("the YAML makes more than"), std::string::npos) << err.message;
  ProjectConfig pc;
  EXPECT_FALSE(parse_project_config("defaults:\n  " + b, &pc, &err));
  EXPECT_NE(err.message.find("the YAML makes more than"), std::string::npos) << err.message;
}

}  // namespace
}  // namespace unjucks::gen
