#include "gen/ignore_rules.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "gen/discover.h"
#include "gen/memory_disk.h"

namespace unjucks::gen {
namespace {

TEST(GlobTest, StarsQuestionMarksClassesAndEscapes) {
  EXPECT_TRUE(glob_match("*.md", "README.md"));
  EXPECT_TRUE(glob_match("*.md", ".md"));
  EXPECT_FALSE(glob_match("*.md", "a/b.md"));  // '*' stays within a name
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "a/c"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[!a-c]x", "bx"));
  EXPECT_TRUE(glob_match("[^a-c]x", "dx"));
  EXPECT_TRUE(glob_match("[]]", "]"));
  EXPECT_TRUE(glob_match("\\*", "*"));
  EXPECT_FALSE(glob_match("\\*", "a"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYY"));
  EXPECT_TRUE(glob_match("[ab", "[ab"));  // unclosed: literal
}

TEST(GlobTest, DoubleStarSpansFolders) {
  EXPECT_TRUE(glob_match("**/x.t", "x.t"));
  EXPECT_TRUE(glob_match("**/x.t", "a/b/x.t"));
  EXPECT_TRUE(glob_match("a/**", "a/b/c"));
  EXPECT_TRUE(glob_match("a/**", "a/b"));
  EXPECT_FALSE(glob_match("a/**", "a"));  // what is inside, not the folder itself
  EXPECT_FALSE(glob_match("a/**", "b/c"));
  EXPECT_TRUE(glob_match("a/**/b", "a/b"));
  EXPECT_TRUE(glob_match("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(glob_match("a/**/b", "a/x/y/c"));
  // Many '**' against a deep path that does not match: answered at once, not exponentially.
  std::string many, deep;
  for (int i = 0; i < 40; ++i) many += "**/";
  many += "z";
  for (int i = 0; i < 60; ++i) deep += "d/";
  deep += "y";
  EXPECT_FALSE(glob_match(many, deep));
  EXPECT_TRUE(glob_match(many, deep.substr(0, deep.size() - 1) + "z"));
  // A very long chain of them does not overflow the stack.
  std::string chain;
  for (int i = 0; i < 200000; ++i) chain += "**/";
  EXPECT_FALSE(glob_match(chain + "zz", "a/b/c"));
  EXPECT_TRUE(glob_match(chain + "c", "a/b/c"));
  std::string literal;
  for (int i = 0; i < 200000; ++i) literal += "a/";
  EXPECT_FALSE(glob_match(literal + "**", "a/a"));
  // A trailing backslash matches nothing.
  EXPECT_FALSE(glob_match("a\\", "a\\"));
  EXPECT_FALSE(glob_match("a\\", "a"));
}

TEST(IgnoreRulesTest, GitignoreSemantics) {
  IgnoreRules r;
  r.add("# notes\n\n*.md\n!KEEP.md\n/top.txt\nbuild/\ndocs/*.txt\n  \n\\#hash\n", "");
  EXPECT_TRUE(r.ignored("README.md", false));
  EXPECT_TRUE(r.ignored("sub/deep/x.md", false));  // no '/': any depth
  EXPECT_FALSE(r.ignored("KEEP.md", false));       // negated
  EXPECT_FALSE(r.ignored("sub/KEEP.md", false));
  EXPECT_TRUE(r.ignored("top.txt", false));
  EXPECT_FALSE(r.ignored("sub/top.txt", false));  // anchored
  EXPECT_TRUE(r.ignored("build", true));
  EXPECT_FALSE(r.ignored("build", false));  // folders only
  EXPECT_TRUE(r.ignored("docs/a.txt", false));
  EXPECT_FALSE(r.ignored("docs/sub/a.txt", false));
  EXPECT_TRUE(r.ignored("#hash", false));
  EXPECT_FALSE(r.ignored("x.t", false));
}

TEST(IgnoreRulesTest, WhatIsInsideAFolderCanBeTakenBack) {
  IgnoreRules r;
  r.add(
      "\xEF\xBB\xBF"
      "a/**\n!a/keep.md\n",
      "");  // a BOM before the first rule
  EXPECT_FALSE(r.ignored("a", true));
  EXPECT_TRUE(r.ignored("a/x.t", false));
  EXPECT_FALSE(r.ignored("a/keep.md", false));
  IgnoreRules long_line;
  long_line.add(std::string(IgnoreRules::kMaxPatternBytes + 1, '*') + "\n", "");
  EXPECT_TRUE(long_line.empty());
}

TEST(IgnoreRulesTest, RulesOfASubfolderApplyBelowItOnly) {
  IgnoreRules r;
  r.add("*.bak\n/only-here.t\n", "sub");
  EXPECT_TRUE(r.ignored("sub/a.bak", false));
  EXPECT_TRUE(r.ignored("sub/deeper/a.bak", false));
  EXPECT_FALSE(r.ignored("a.bak", false));
  EXPECT_FALSE(r.ignored("subway/a.bak", false));
  EXPECT_TRUE(r.ignored("sub/only-here.t", false));
  EXPECT_FALSE(r.ignored("sub/deeper/only-here.t", false));
}

TEST(IgnoreRulesTest, ActionsLeaveOutWhatTheirHygenignoreSays) {
  MemoryDisk disk;
  disk.add_file("/t/gen/act/.hygenignore", "*.md\nfixtures/\n");
  disk.add_file("/t/gen/act/README.md", "about this generator");
  disk.add_file("/t/gen/act/a.njk", "");
  disk.add_file("/t/gen/act/fixtures/x.njk", "");
  disk.add_file("/t/gen/act/sub/.hygenignore", "!NOTES.md\n*.tmp\n");
  disk.add_file("/t/gen/act/sub/NOTES.md", "");
  disk.add_file("/t/gen/act/sub/b.njk", "");
  disk.add_file("/t/gen/act/sub/c.tmp", "");
  disk.add_file("/t/gen/act/c.tmp", "");
  TemplateSet set{&disk, "/t", false};
  ActionInfo info;
  std::string err;
  ASSERT_TRUE(load_action(set, "gen", "act", &info, &err)) << err;
  EXPECT_EQ(info.templates,
            (std::vector<std::string>{"a.njk", "c.tmp", "sub/NOTES.md", "sub/b.njk"}));

  // Hooks are found whatever it says (unjucks says it does not run them).
  disk.add_file("/t/gen/act/.hygenignore", "*.js\n");
  disk.add_file("/t/gen/act/prompt.js", "");
  disk.add_file("/t/gen/act/helper.js", "");
  ASSERT_TRUE(load_action(set, "gen", "act", &info, &err)) << err;
  EXPECT_EQ(info.hooks, std::vector<std::string>{"/t/gen/act/prompt.js"});
  EXPECT_EQ(std::count(info.templates.begin(), info.templates.end(), "helper.js"), 0);

  // Too large: an error, not a silent guess.
  disk.add_file("/t/gen/act/.hygenignore", std::string(IgnoreRules::kMaxFileBytes + 1, '#'));
  EXPECT_FALSE(load_action(set, "gen", "act", &info, &err));
  EXPECT_NE(err.find(".hygenignore: larger than the limit of 1 MiB"), std::string::npos) << err;
}

}  // namespace
}  // namespace unjucks::gen
