#include "cli/text_diff.h"

#include <gtest/gtest.h>

#include <string>

namespace unjucks::cli {
namespace {

TEST(TextDiffTest, QuotesMakeWhitespaceVisible) {
  EXPECT_EQ(json_quoted("a\tb\n\"c\""), R"("a\tb\n\"c\"")");
  EXPECT_EQ(json_quoted("\xff"), "\"\xEF\xBF\xBD\"");  // invalid UTF-8 is replaced
}

TEST(TextDiffTest, WindowElidesLongTexts) {
  std::string text(1000, 'a');
  text[600] = 'b';
  std::string w = json_quoted_window(text, 600, 100);
  EXPECT_EQ(w.rfind("... 575 bytes ... \"", 0), 0u) << w;
  EXPECT_NE(w.find('b'), std::string::npos);
  EXPECT_NE(w.find(" ... 325 bytes ..."), std::string::npos) << w;
  EXPECT_EQ(json_quoted_window("short", 3, 100), "\"short\"");
  // Never cuts inside a UTF-8 sequence.
  std::string wide;
  for (int i = 0; i < 100; ++i) wide += "\xC3\xA9";
  EXPECT_EQ(json_quoted_window(wide, 51, 10).find("\\u"), std::string::npos);
}

TEST(TextDiffTest, LineDiffShowsTheChangedLinesWithContext) {
  std::string diff = line_diff("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nX\ne\nf\n", 1);
  EXPECT_EQ(diff,
            "first difference at byte 6 (line 4, column 1); expected 12 bytes, got 12\n"
            "    \"c\\n\"\n"
            "  - \"d\\n\"\n"
            "  + \"X\\n\"\n"
            "    \"e\\n\"\n");
}

TEST(TextDiffTest, LineDiffHandlesMissingLinesAndLimits) {
  std::string diff = line_diff("same\n", "same\nextra", 2);
  EXPECT_NE(diff.find("byte 5 (line 2, column 1)"), std::string::npos) << diff;
  EXPECT_NE(diff.find("  + \"extra\"\n"), std::string::npos) << diff;
  std::string many;
  for (int i = 0; i < 50; ++i) many += std::to_string(i) + "\n";
  diff = line_diff("", many, 2, 5);
  EXPECT_NE(diff.find("  + ... 45 more line(s)"), std::string::npos) << diff;
}

TEST(TextDiffTest, UnifiedDiffAsDiffU) {
  EXPECT_EQ(unified_diff("same\n", "same\n", "a", "b"), "");
  EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nB\nc\n", "x", "y"),
            "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  // A new file, and a text without its last line break.
  EXPECT_EQ(unified_diff("", "n\n", "/dev/null", "y"),
            "--- /dev/null\n+++ y\n@@ -0,0 +1,1 @@\n+n\n");
  EXPECT_EQ(unified_diff("a", "b", "x", "y"),
            "--- x\n+++ y\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n"
            "\\ No newline at end of file\n");
  // Changes far apart make two hunks, with three lines of context each.
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  std::string d = unified_diff(before, after, "x", "y");
  EXPECT_NE(d.find("@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"), std::string::npos) << d;
  EXPECT_NE(d.find("@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n"), std::string::npos)
      << d;
}

}  // namespace
}  // namespace unjucks::cli
