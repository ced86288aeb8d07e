// UTF-8 helpers. Expected utf16_length values are JavaScript's String#length;
// sanitize_utf8 follows the WHATWG decoder (TextDecoder) replacement rules.
#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::text {
namespace {

struct ValidRow {
  std::string_view input;
  bool valid;
};

class ValidUtf8 : public ::testing::TestWithParam<ValidRow> {};

TEST_P(ValidUtf8, Classifies) { EXPECT_EQ(valid_utf8(GetParam().input), GetParam().valid); }

INSTANTIATE_TEST_SUITE_P(Table, ValidUtf8,
                         ::testing::Values(ValidRow{"", true}, ValidRow{"ascii", true},
                                           ValidRow{"café", true}, ValidRow{"日本語", true},
                                           ValidRow{"😀", true},
                                           ValidRow{"\xF4\x8F\xBF\xBF", true},  // U+10FFFF
                                           ValidRow{"\xEF\xBF\xBD", true},      // U+FFFD
                                           ValidRow{"\x80", false},             // lone continuation
                                           ValidRow{"\xC3", false},             // truncated
                                           ValidRow{"\xC0\xAF", false},         // overlong '/'
                                           ValidRow{"\xE0\x80\xAF", false},     // overlong
                                           ValidRow{"\xED\xA0\x80", false},     // surrogate
                                           ValidRow{"\xF4\x90\x80\x80", false},  // > U+10FFFF
                                           ValidRow{"\xF5\x80\x80\x80", false},  // invalid lead
                                           ValidRow{"\xFF", false}, ValidRow{"ok\xE2\x82", false},
                                           ValidRow{std::string_view("a\0b", 3), true}));

TEST(DecodeAt, DecodesEveryLength) {
  const std::string_view s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  std::vector<char32_t> values;
  std::vector<std::size_t> lengths;
  for (const CodePoint& cp : CodePoints(s)) {
    values.push_back(cp.value);
    lengths.push_back(cp.length);
    EXPECT_TRUE(cp.valid);
  }
  EXPECT_EQ(values, (std::vector<char32_t>{U'a', 0xE9, 0x20AC, 0x1F600}));
  EXPECT_EQ(lengths, (std::vector<std::size_t>{1, 2, 3, 4}));
}

TEST(DecodeAt, InvalidSequencesCoverTheirMaximalSubpart) {
  const CodePoint truncated = decode_at(
      "\xE2\x82"
      "a",
      0);
  EXPECT_FALSE(truncated.valid);
  EXPECT_EQ(truncated.value, kReplacementChar);
  EXPECT_EQ(truncated.length, 2U);
  const CodePoint surrogate = decode_at("\xED\xA0\x80", 0);
  EXPECT_FALSE(surrogate.valid);
  EXPECT_EQ(surrogate.length, 1U);
}

TEST(CodePoints, EmptyStringHasNoCodePoints) {
  const CodePoints cps("");
  EXPECT_TRUE(cps.begin() == cps.end());
}

TEST(AppendUtf8, RoundTripsAndReplacesInvalidValues) {
  std::string out;
  for (char32_t cp : {U'A', char32_t{0xE9}, char32_t{0x20AC}, char32_t{0x10FFFF}}) {
    append_utf8(out, cp);
  }
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x82\xAC\xF4\x8F\xBF\xBF");
  std::string bad;
  append_utf8(bad, 0xD800);
  append_utf8(bad, 0x110000);
  EXPECT_EQ(bad, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

struct CaseRow {
  std::string_view input;
  std::string_view upper;
  std::string_view lower;
};

class CaseMapping : public ::testing::TestWithParam<CaseRow> {};

TEST_P(CaseMapping, UpperAndLower) {
  EXPECT_EQ(to_upper(GetParam().input), GetParam().upper);
  EXPECT_EQ(to_lower(GetParam().input), GetParam().lower);
}

// Same results as JavaScript's toUpperCase/toLowerCase.
INSTANTIATE_TEST_SUITE_P(
    Table, CaseMapping,
    ::testing::Values(CaseRow{"", "", ""},
                      CaseRow{"Hello, World 42!", "HELLO, WORLD 42!", "hello, world 42!"},
                      CaseRow{"École", "ÉCOLE", "école"}, CaseRow{"straße", "STRASSE", "straße"},
                      CaseRow{"ẞ", "ẞ", "ß"}, CaseRow{"Привет", "ПРИВЕТ", "привет"},
                      CaseRow{"Ωμέγα", "ΩΜΈΓΑ", "ωμέγα"},
                      // The final-sigma rule.
                      CaseRow{"ΣΑΣ", "ΣΑΣ", "σας"},
                      // İ lowers to i + U+0307 (SpecialCasing).
                      CaseRow{"İ", "İ", "i\xCC\x87"}, CaseRow{"ı", "I", "ı"},
                      CaseRow{"ǅ", "Ǆ", "ǆ"}, CaseRow{"日本", "日本", "日本"},
                      CaseRow{"😀a", "😀A", "😀a"},
                      CaseRow{"a\xFF"
                              "b",
                              "A\xEF\xBF\xBD"
                              "B",
                              "a\xEF\xBF\xBD"
                              "b"},
                      CaseRow{"ÀÉÎÕÜ", "ÀÉÎÕÜ", "àéîõü"}));

// JavaScript's full mappings (expected strings from Node 20): characters whose uppercase is
// several (SpecialCasing.txt), İ's lowercase, and the final sigma (ς at the end of a word,
// case-ignorable characters such as ' skipped; σ elsewhere).
TEST(CaseMapping, FullMappingsAsJavaScript) {
  EXPECT_EQ(to_upper("ŉ ﬀ straße ᾳ"), "ʼN FF STRASSE ΑΙ");
  EXPECT_EQ(to_upper("ΐ"), "\xCE\x99\xCC\x88\xCC\x81");  // Ι, diaeresis, acute
  EXPECT_EQ(to_lower("İ"), "i̇");
  EXPECT_EQ(to_lower("ΣΑΣ ΟΔΟΣ. Σ ΑΣ1 aΣb"), "σας οδος. σ ας1 aσb");
  EXPECT_EQ(to_lower("ΑΣ'"), "ας'");
  EXPECT_EQ(to_lower("Σ\xb0"), "σ\xef\xbf\xbd");  // an invalid byte is U+FFFD, as elsewhere
}

TEST(CaseMapping, FirstLetterOnly) {
  EXPECT_EQ(upper_first("hello world"), "Hello world");
  EXPECT_EQ(upper_first("élan"), "Élan");
  EXPECT_EQ(upper_first("ǆemal"), "ǅemal");  // title case, not upper case
  EXPECT_EQ(upper_first("ßa"), "Ssa");
  EXPECT_EQ(upper_first(""), "");
  EXPECT_EQ(lower_first("HELLO"), "hELLO");
  EXPECT_EQ(lower_first("Ärger"), "ärger");
  EXPECT_EQ(lower_first(""), "");
}

TEST(CharClasses, FollowUnicodeCategories) {
  EXPECT_TRUE(is_letter(U'a'));
  EXPECT_TRUE(is_letter(0x65E5));  // 日
  EXPECT_FALSE(is_letter(U'1'));
  EXPECT_TRUE(is_upper(0xC9));   // É
  EXPECT_TRUE(is_upper(0x1C5));  // ǅ (Lt)
  EXPECT_FALSE(is_upper(0xE9));
  EXPECT_TRUE(is_lower(0xDF));  // ß
  EXPECT_TRUE(is_mark(0x301));
  EXPECT_TRUE(is_digit(0x663));  // ٣
  EXPECT_FALSE(is_digit(0xB2));  // ² is No
  EXPECT_TRUE(is_number(0xB2));
  EXPECT_TRUE(is_alnum(0x301));
  EXPECT_FALSE(is_alnum(U'_'));
  EXPECT_FALSE(is_alnum(0x1F600));
}

struct Utf16Row {
  std::string_view input;
  std::size_t units;
};

class Utf16Length : public ::testing::TestWithParam<Utf16Row> {};

TEST_P(Utf16Length, MatchesJavaScriptLength) {
  EXPECT_EQ(utf16_length(GetParam().input), GetParam().units);
}

INSTANTIATE_TEST_SUITE_P(Table, Utf16Length,
                         ::testing::Values(Utf16Row{"", 0}, Utf16Row{"abc", 3}, Utf16Row{"café", 4},
                                           Utf16Row{"日本語", 3}, Utf16Row{"😀", 2},
                                           Utf16Row{"a😀b", 4}, Utf16Row{"e\u0301", 2},
                                           Utf16Row{"\xFF\xFE", 2},        // two U+FFFD
                                           Utf16Row{"\xF0\x9F\x98", 1}));  // one U+FFFD

struct SanitizeRow {
  std::string_view input;
  std::string_view output;
};

class SanitizeUtf8 : public ::testing::TestWithParam<SanitizeRow> {};

TEST_P(SanitizeUtf8, ReplacesMaximalSubparts) {
  const std::string out = sanitize_utf8(GetParam().input);
  EXPECT_EQ(out, GetParam().output);
  EXPECT_TRUE(valid_utf8(out));
}

// Expectations from node: new TextDecoder().decode(Buffer.from(hex, "hex")).
INSTANTIATE_TEST_SUITE_P(
    Table, SanitizeUtf8,
    ::testing::Values(SanitizeRow{"", ""}, SanitizeRow{"plain", "plain"},
                      SanitizeRow{"café 😀", "café 😀"},
                      SanitizeRow{"a\xFF"
                                  "b",
                                  "a\uFFFD"
                                  "b"},
                      SanitizeRow{"\xE2\x82", "\uFFFD"},
                      SanitizeRow{"\xE2\x82"
                                  "a",
                                  "\uFFFD"
                                  "a"},
                      SanitizeRow{"\xF0\x9F\x98"
                                  "x",
                                  "\uFFFD"
                                  "x"},
                      SanitizeRow{"\xC0\xAF", "\uFFFD\uFFFD"},
                      SanitizeRow{"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
                      SanitizeRow{"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},
                      SanitizeRow{"\x80\x80", "\uFFFD\uFFFD"}, SanitizeRow{"ok\xC3", "ok\uFFFD"}));

}  // namespace
}  // namespace unjucks::text
