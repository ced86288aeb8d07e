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

}  // namespace
}  // namespace unjucks::cli
