// Word splitting. The ASCII table was generated from the npm `no-case` package
// (change-case v4) with an identity transform, so it is change-case's split.
#include "text/words.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::text {
namespace {

struct SplitCase {
  std::string_view input;
  std::vector<std::string> words;
};

void PrintTo(const SplitCase& c, std::ostream* os) { *os << '"' << c.input << '"'; }

class SplitWordsAscii : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitWordsAscii, MatchesNoCase) {
  EXPECT_EQ(split_words(GetParam().input), GetParam().words);
}

// node -e 'c.noCase(s, {transform: x => x, delimiter: "\u0001"}).split("\u0001")'
INSTANTIATE_TEST_SUITE_P(
    ChangeCase, SplitWordsAscii,
    ::testing::Values(
        SplitCase{"hello_world", {"hello", "world"}}, SplitCase{"HelloWorld", {"Hello", "World"}},
        SplitCase{"helloWorld", {"hello", "World"}}, SplitCase{"hello-world", {"hello", "world"}},
        SplitCase{"hello world", {"hello", "world"}}, SplitCase{"hello.world", {"hello", "world"}},
        SplitCase{"hello/world", {"hello", "world"}}, SplitCase{"HTTPServer2", {"HTTP", "Server2"}},
        SplitCase{"HTTPServer", {"HTTP", "Server"}},
        SplitCase{"XMLHttpRequest", {"XML", "Http", "Request"}},
        SplitCase{"version2Alpha", {"version2", "Alpha"}},
        SplitCase{"user123Name", {"user123", "Name"}},
        SplitCase{"__leading_and_trailing__", {"leading", "and", "trailing"}},
        SplitCase{"HELLO_WORLD", {"HELLO", "WORLD"}},
        SplitCase{"  spaced   out  ", {"spaced", "out"}},
        SplitCase{"version 2 alpha", {"version", "2", "alpha"}}, SplitCase{"a", {"a"}},
        SplitCase{"", {}}, SplitCase{"123", {"123"}}, SplitCase{"ABC123def", {"ABC123def"}},
        SplitCase{"getHTTPResponseCode", {"get", "HTTP", "Response", "Code"}},
        SplitCase{"iOS", {"i", "OS"}}, SplitCase{"PDFLoader", {"PDF", "Loader"}},
        SplitCase{"snake_case_2_words", {"snake", "case", "2", "words"}},
        SplitCase{"camelCase2Words", {"camel", "Case2", "Words"}},
        SplitCase{"foo--bar__baz", {"foo", "bar", "baz"}}, SplitCase{"x.y.z", {"x", "y", "z"}},
        SplitCase{"MyXMLParser", {"My", "XML", "Parser"}},
        SplitCase{"test1Test2", {"test1", "Test2"}}, SplitCase{"A1B2", {"A1", "B2"}},
        SplitCase{"userID", {"user", "ID"}}, SplitCase{"IDs", {"I", "Ds"}},
        SplitCase{"v1.2.3", {"v1", "2", "3"}},
        SplitCase{"kebab-Case-Mixed", {"kebab", "Case", "Mixed"}},
        SplitCase{"Title Case Words", {"Title", "Case", "Words"}},
        SplitCase{"$special#chars!", {"special", "chars"}},
        SplitCase{"UPPER lower Upper", {"UPPER", "lower", "Upper"}}, SplitCase{"I", {"I"}},
        SplitCase{"aB", {"a", "B"}}, SplitCase{"2fa_enabled", {"2fa", "enabled"}},
        SplitCase{"already_snake", {"already", "snake"}},
        SplitCase{"CONSTANT_CASE_2", {"CONSTANT", "CASE", "2"}}));

// Unicode letters and marks are word characters (change-case v4 only knows
// ASCII and would drop them); the split rules are applied to Unicode case.
class SplitWordsUnicode : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitWordsUnicode, SplitsOnUnicodeCase) {
  EXPECT_EQ(split_words(GetParam().input), GetParam().words);
}

INSTANTIATE_TEST_SUITE_P(
    Unicode, SplitWordsUnicode,
    ::testing::Values(
        SplitCase{"ÉcoleNormale", {"École", "Normale"}},
        SplitCase{"straße_groß", {"straße", "groß"}},
        SplitCase{"E\u0301coleNormale", {"E\u0301cole", "Normale"}},  // decomposed É
        SplitCase{"ПриветМир", {"Привет", "Мир"}},
        SplitCase{"καλημέραΚόσμε", {"καλημέρα", "Κόσμε"}},
        SplitCase{"日本Tokyo", {"日本", "Tokyo"}}, SplitCase{"naïve-café", {"naïve", "café"}},
        SplitCase{"ÀÉÎÕÜ_ÇÑ", {"ÀÉÎÕÜ", "ÇÑ"}}, SplitCase{"ÜBERÄrger", {"ÜBER", "Ärger"}},
        SplitCase{"x²y", {"x²y"}}, SplitCase{"emoji😀test", {"emoji", "test"}},
        SplitCase{"\u00a0non\u2003breaking\u3000space", {"non", "breaking", "space"}},
        SplitCase{"«quoted»—dash", {"quoted", "dash"}},
        SplitCase{"versión2Beta", {"versión2", "Beta"}},
        SplitCase{"ǅemalǅemal", {"ǅemal", "ǅemal"}}, SplitCase{"\u0301mark", {"\u0301mark"}}));

TEST(SplitWords, InvalidUtf8IsASeparator) {
  EXPECT_EQ(split_words("ab\xFF"
                        "cd"),
            (std::vector<std::string>{"ab", "cd"}));
  EXPECT_EQ(split_words("\xC3"), std::vector<std::string>{});
  EXPECT_EQ(split_words("caf\xC3"), std::vector<std::string>{"caf"});
}

TEST(SplitWords, OnlySeparators) {
  EXPECT_TRUE(split_words("").empty());
  EXPECT_TRUE(split_words("___").empty());
  EXPECT_TRUE(split_words(" -_./ ").empty());
}

TEST(SplitWords, WordsAreSubstringsWithOriginalCase) {
  const auto words = split_words("getHTTPResponse_CODE");
  ASSERT_EQ(words.size(), 4U);
  EXPECT_EQ(words[0], "get");
  EXPECT_EQ(words[1], "HTTP");
  EXPECT_EQ(words[2], "Response");
  EXPECT_EQ(words[3], "CODE");
}

}  // namespace
}  // namespace unjucks::text
