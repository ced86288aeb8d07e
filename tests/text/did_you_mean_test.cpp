#include "text/did_you_mean.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace unjucks::text {
namespace {

using Names = std::vector<std::string>;

TEST(EditDistance, CountsEditsAndSwapsIgnoringAsciiCase) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("lst", "list"), 1u);    // insertion
  EXPECT_EQ(edit_distance("lisst", "list"), 1u);  // deletion
  EXPECT_EQ(edit_distance("lust", "list"), 1u);   // substitution
  EXPECT_EQ(edit_distance("lsit", "list"), 1u);   // swap of neighbours
  EXPECT_EQ(edit_distance("kebabcase", "kebabCase"), 0u);
  EXPECT_EQ(edit_distance("outt", "output"), 2u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // optimal string alignment (true DL: 2)
}

TEST(Suggest, CommandsFromTypos) {
  const Names commands = {"generate", "batch", "list", "help", "init", "render", "completion"};
  EXPECT_EQ(suggest("lst", commands), Names{"list"});
  EXPECT_EQ(suggest("gnerate", commands), Names{"generate"});
  EXPECT_EQ(suggest("rednre", commands), Names{"render"});
  EXPECT_EQ(suggest("hepl", commands), Names{"help"});
  EXPECT_EQ(suggest("completoin", commands), Names{"completion"});
  EXPECT_EQ(suggest("bach", commands), Names{"batch"});
}

TEST(Suggest, NothingWhenNothingIsClose) {
  const Names commands = {"generate", "batch", "list", "help", "init", "render"};
  EXPECT_TRUE(suggest("component", commands).empty());
  EXPECT_TRUE(suggest("x", commands).empty());
  EXPECT_TRUE(suggest("a", Names{"b"}).empty());  // one edit, but all of the word
  EXPECT_TRUE(suggest("", commands).empty());
  EXPECT_TRUE(suggest("list", Names{}).empty());
}

TEST(Suggest, TheWordItselfIsNotSuggested) {
  EXPECT_TRUE(suggest("list", Names{"list"}).empty());
  EXPECT_EQ(suggest("list", Names{"list", "lists"}), Names{"lists"});
}

TEST(Suggest, CaseDifferenceIsTheBestMatch) {
  const Names filters = {"kebab", "kebabCase", "camelCase", "pascalCase", "snakeCase"};
  EXPECT_EQ(suggest("kebabcase", filters), Names{"kebabCase"});
  EXPECT_EQ(suggest("PascalCase", filters), Names{"pascalCase"});
  EXPECT_EQ(suggest("camelcse", filters), Names{"camelCase"});
}

TEST(Suggest, PrefixesAreSuggestedShortestFirst) {
  const Names options = {"output", "out-dir", "include", "data"};
  EXPECT_EQ(suggest("out", options), (Names{"output", "out-dir"}));
  EXPECT_EQ(suggest("outt", options), Names{"output"});  // 2 edits; out-dir is 4
  EXPECT_EQ(suggest("inc", options), Names{"include"});
  SuggestOptions no_prefixes;
  no_prefixes.prefixes = false;
  EXPECT_TRUE(suggest("inc", options, no_prefixes).empty());
  // A single character is not a prefix worth suggesting from.
  EXPECT_TRUE(suggest("o", options).empty());
}

TEST(Suggest, OnlyTheBestDistanceIsKept) {
  // "dest" is one edit from "dst"; "dry" is two: only "dest" is offered.
  EXPECT_EQ(suggest("dst", Names{"dry", "dest"}), Names{"dest"});
  // Ties keep candidate order (after length), up to max_results.
  const Names many = {"cat", "bat", "hat", "mat", "rat"};
  EXPECT_EQ(suggest("fat", many), (Names{"cat", "bat", "hat"}));
  SuggestOptions one;
  one.max_results = 1;
  EXPECT_EQ(suggest("fat", many, one), Names{"cat"});
}

TEST(Suggest, LongerWordsAllowMoreEdits) {
  const Names vars = {"description", "componentName", "withTests"};
  EXPECT_EQ(suggest("descripton", vars), Names{"description"});
  EXPECT_EQ(suggest("dscriptn", vars), Names{"description"});  // 3 edits of an 8-long word
  EXPECT_TRUE(suggest("dscrptn", vars).empty());               // 4 edits of a 7-long word
  EXPECT_EQ(suggest("componentname", vars), Names{"componentName"});
}

TEST(Suggest, DuplicateCandidatesAreSuggestedOnce) {
  EXPECT_EQ(suggest("lst", Names{"list", "list"}), Names{"list"});
}

TEST(DidYouMean, Phrases) {
  EXPECT_EQ(did_you_mean({}), "");
  EXPECT_EQ(did_you_mean({"list"}), "did you mean \"list\"?");
  EXPECT_EQ(did_you_mean({"a", "b"}), "did you mean \"a\" or \"b\"?");
  EXPECT_EQ(did_you_mean({"a", "b", "c"}), "did you mean \"a\", \"b\" or \"c\"?");
  EXPECT_EQ(did_you_mean({"output"}, "--"), "did you mean \"--output\"?");
}

}  // namespace
}  // namespace unjucks::text
