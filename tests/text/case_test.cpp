// Case conversions. The ASCII table was generated from the npm `change-case`
// package v4 (camelCase, pascalCase, paramCase, snakeCase, constantCase,
// capitalCase, sentenceCase, dotCase, pathCase); every function is checked
// against its own column. The Unicode tables are where we deliberately differ:
// change-case v4 strips every non-ASCII character.
#include "text/case.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace unjucks::text {
namespace {

struct CaseRow {
  std::string_view input;
  std::string_view camel;
  std::string_view pascal;
  std::string_view kebab;
  std::string_view snake;
  std::string_view constant;
  std::string_view title;
  std::string_view sentence;
  std::string_view dot;
  std::string_view path;
};

void PrintTo(const CaseRow& r, std::ostream* os) { *os << '"' << r.input << '"'; }

// node -e 'for (const s of inputs) console.log(s, c.camelCase(s), c.pascalCase(s), ...)'
constexpr CaseRow kChangeCaseRows[] = {
    {"hello_world", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"HelloWorld", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"helloWorld", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"hello-world", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"hello world", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"hello.world", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"hello/world", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"HTTPServer2", "httpServer2", "HttpServer2", "http-server2", "http_server2", "HTTP_SERVER2",
     "Http Server2", "Http server2", "http.server2", "http/server2"},
    {"HTTPServer", "httpServer", "HttpServer", "http-server", "http_server", "HTTP_SERVER",
     "Http Server", "Http server", "http.server", "http/server"},
    {"XMLHttpRequest", "xmlHttpRequest", "XmlHttpRequest", "xml-http-request", "xml_http_request",
     "XML_HTTP_REQUEST", "Xml Http Request", "Xml http request", "xml.http.request",
     "xml/http/request"},
    {"version2Alpha", "version2Alpha", "Version2Alpha", "version2-alpha", "version2_alpha",
     "VERSION2_ALPHA", "Version2 Alpha", "Version2 alpha", "version2.alpha", "version2/alpha"},
    {"user123Name", "user123Name", "User123Name", "user123-name", "user123_name", "USER123_NAME",
     "User123 Name", "User123 name", "user123.name", "user123/name"},
    {"__leading_and_trailing__", "leadingAndTrailing", "LeadingAndTrailing", "leading-and-trailing",
     "leading_and_trailing", "LEADING_AND_TRAILING", "Leading And Trailing", "Leading and trailing",
     "leading.and.trailing", "leading/and/trailing"},
    {"HELLO_WORLD", "helloWorld", "HelloWorld", "hello-world", "hello_world", "HELLO_WORLD",
     "Hello World", "Hello world", "hello.world", "hello/world"},
    {"  spaced   out  ", "spacedOut", "SpacedOut", "spaced-out", "spaced_out", "SPACED_OUT",
     "Spaced Out", "Spaced out", "spaced.out", "spaced/out"},
    {"version 2 alpha", "version_2Alpha", "Version_2Alpha", "version-2-alpha", "version_2_alpha",
     "VERSION_2_ALPHA", "Version 2 Alpha", "Version 2 alpha", "version.2.alpha", "version/2/alpha"},
    {"a", "a", "A", "a", "a", "A", "A", "A", "a", "a"},
    {"", "", "", "", "", "", "", "", "", ""},
    {"123", "123", "123", "123", "123", "123", "123", "123", "123", "123"},
    {"ABC123def", "abc123def", "Abc123def", "abc123def", "abc123def", "ABC123DEF", "Abc123def",
     "Abc123def", "abc123def", "abc123def"},
    {"getHTTPResponseCode", "getHttpResponseCode", "GetHttpResponseCode", "get-http-response-code",
     "get_http_response_code", "GET_HTTP_RESPONSE_CODE", "Get Http Response Code",
     "Get http response code", "get.http.response.code", "get/http/response/code"},
    {"iOS", "iOs", "IOs", "i-os", "i_os", "I_OS", "I Os", "I os", "i.os", "i/os"},
    {"PDFLoader", "pdfLoader", "PdfLoader", "pdf-loader", "pdf_loader", "PDF_LOADER", "Pdf Loader",
     "Pdf loader", "pdf.loader", "pdf/loader"},
    {"snake_case_2_words", "snakeCase_2Words", "SnakeCase_2Words", "snake-case-2-words",
     "snake_case_2_words", "SNAKE_CASE_2_WORDS", "Snake Case 2 Words", "Snake case 2 words",
     "snake.case.2.words", "snake/case/2/words"},
    {"camelCase2Words", "camelCase2Words", "CamelCase2Words", "camel-case2-words",
     "camel_case2_words", "CAMEL_CASE2_WORDS", "Camel Case2 Words", "Camel case2 words",
     "camel.case2.words", "camel/case2/words"},
    {"foo--bar__baz", "fooBarBaz", "FooBarBaz", "foo-bar-baz", "foo_bar_baz", "FOO_BAR_BAZ",
     "Foo Bar Baz", "Foo bar baz", "foo.bar.baz", "foo/bar/baz"},
    {"x.y.z", "xYZ", "XYZ", "x-y-z", "x_y_z", "X_Y_Z", "X Y Z", "X y z", "x.y.z", "x/y/z"},
    {"MyXMLParser", "myXmlParser", "MyXmlParser", "my-xml-parser", "my_xml_parser", "MY_XML_PARSER",
     "My Xml Parser", "My xml parser", "my.xml.parser", "my/xml/parser"},
    {"test1Test2", "test1Test2", "Test1Test2", "test1-test2", "test1_test2", "TEST1_TEST2",
     "Test1 Test2", "Test1 test2", "test1.test2", "test1/test2"},
    {"A1B2", "a1B2", "A1B2", "a1-b2", "a1_b2", "A1_B2", "A1 B2", "A1 b2", "a1.b2", "a1/b2"},
    {"userID", "userId", "UserId", "user-id", "user_id", "USER_ID", "User Id", "User id", "user.id",
     "user/id"},
    {"IDs", "iDs", "IDs", "i-ds", "i_ds", "I_DS", "I Ds", "I ds", "i.ds", "i/ds"},
    {"v1.2.3", "v1_2_3", "V1_2_3", "v1-2-3", "v1_2_3", "V1_2_3", "V1 2 3", "V1 2 3", "v1.2.3",
     "v1/2/3"},
    {"kebab-Case-Mixed", "kebabCaseMixed", "KebabCaseMixed", "kebab-case-mixed", "kebab_case_mixed",
     "KEBAB_CASE_MIXED", "Kebab Case Mixed", "Kebab case mixed", "kebab.case.mixed",
     "kebab/case/mixed"},
    {"Title Case Words", "titleCaseWords", "TitleCaseWords", "title-case-words", "title_case_words",
     "TITLE_CASE_WORDS", "Title Case Words", "Title case words", "title.case.words",
     "title/case/words"},
    {"$special#chars!", "specialChars", "SpecialChars", "special-chars", "special_chars",
     "SPECIAL_CHARS", "Special Chars", "Special chars", "special.chars", "special/chars"},
    {"UPPER lower Upper", "upperLowerUpper", "UpperLowerUpper", "upper-lower-upper",
     "upper_lower_upper", "UPPER_LOWER_UPPER", "Upper Lower Upper", "Upper lower upper",
     "upper.lower.upper", "upper/lower/upper"},
    {"I", "i", "I", "i", "i", "I", "I", "I", "i", "i"},
    {"aB", "aB", "AB", "a-b", "a_b", "A_B", "A B", "A b", "a.b", "a/b"},
    {"2fa_enabled", "2faEnabled", "2faEnabled", "2fa-enabled", "2fa_enabled", "2FA_ENABLED",
     "2fa Enabled", "2fa enabled", "2fa.enabled", "2fa/enabled"},
    {"already_snake", "alreadySnake", "AlreadySnake", "already-snake", "already_snake",
     "ALREADY_SNAKE", "Already Snake", "Already snake", "already.snake", "already/snake"},
    {"CONSTANT_CASE_2", "constantCase_2", "ConstantCase_2", "constant-case-2", "constant_case_2",
     "CONSTANT_CASE_2", "Constant Case 2", "Constant case 2", "constant.case.2", "constant/case/2"},
};

class ChangeCase : public ::testing::TestWithParam<CaseRow> {};

TEST_P(ChangeCase, CamelCase) { EXPECT_EQ(camel_case(GetParam().input), GetParam().camel); }
TEST_P(ChangeCase, PascalCase) { EXPECT_EQ(pascal_case(GetParam().input), GetParam().pascal); }
TEST_P(ChangeCase, KebabCase) { EXPECT_EQ(kebab_case(GetParam().input), GetParam().kebab); }
TEST_P(ChangeCase, SnakeCase) { EXPECT_EQ(snake_case(GetParam().input), GetParam().snake); }
TEST_P(ChangeCase, ConstantCase) {
  EXPECT_EQ(constant_case(GetParam().input), GetParam().constant);
}
TEST_P(ChangeCase, TitleCase) { EXPECT_EQ(title_case(GetParam().input), GetParam().title); }
TEST_P(ChangeCase, SentenceCase) {
  EXPECT_EQ(sentence_case(GetParam().input), GetParam().sentence);
}
TEST_P(ChangeCase, DotCase) { EXPECT_EQ(dot_case(GetParam().input), GetParam().dot); }
TEST_P(ChangeCase, PathCase) { EXPECT_EQ(path_case(GetParam().input), GetParam().path); }

INSTANTIATE_TEST_SUITE_P(Npm, ChangeCase, ::testing::ValuesIn(kChangeCaseRows));

// Unicode input: words split on Unicode case, case mapped with utf8proc's
// simple mappings, except that `ß` upper-cases to `SS` as in JavaScript.
constexpr CaseRow kUnicodeRows[] = {
    {"ÉcoleNormale", "écoleNormale", "ÉcoleNormale", "école-normale", "école_normale",
     "ÉCOLE_NORMALE", "École Normale", "École normale", "école.normale", "école/normale"},
    {"straße_groß", "straßeGroß", "StraßeGroß", "straße-groß", "straße_groß", "STRASSE_GROSS",
     "Straße Groß", "Straße groß", "straße.groß", "straße/groß"},
    {"ПриветМир", "приветМир", "ПриветМир", "привет-мир", "привет_мир", "ПРИВЕТ_МИР", "Привет Мир",
     "Привет мир", "привет.мир", "привет/мир"},
    {"naïve café", "naïveCafé", "NaïveCafé", "naïve-café", "naïve_café", "NAÏVE_CAFÉ", "Naïve Café",
     "Naïve café", "naïve.café", "naïve/café"},
    {"ÜBER_ÄRGER", "überÄrger", "ÜberÄrger", "über-ärger", "über_ärger", "ÜBER_ÄRGER", "Über Ärger",
     "Über ärger", "über.ärger", "über/ärger"},
    {"日本Tokyo", "日本Tokyo", "日本Tokyo", "日本-tokyo", "日本_tokyo", "日本_TOKYO", "日本 Tokyo",
     "日本 tokyo", "日本.tokyo", "日本/tokyo"},
    {"versión 2 beta", "versión_2Beta", "Versión_2Beta", "versión-2-beta", "versión_2_beta",
     "VERSIÓN_2_BETA", "Versión 2 Beta", "Versión 2 beta", "versión.2.beta", "versión/2/beta"},
    {"ΚΑΛΗΜΕΡΑ κόσμε", "καλημεραΚόσμε", "ΚαλημεραΚόσμε", "καλημερα-κόσμε", "καλημερα_κόσμε",
     "ΚΑΛΗΜΕΡΑ_ΚΌΣΜΕ", "Καλημερα Κόσμε", "Καλημερα κόσμε", "καλημερα.κόσμε", "καλημερα/κόσμε"},
};

class UnicodeCase : public ::testing::TestWithParam<CaseRow> {};

TEST_P(UnicodeCase, AllConversions) {
  const CaseRow& r = GetParam();
  EXPECT_EQ(camel_case(r.input), r.camel);
  EXPECT_EQ(pascal_case(r.input), r.pascal);
  EXPECT_EQ(kebab_case(r.input), r.kebab);
  EXPECT_EQ(snake_case(r.input), r.snake);
  EXPECT_EQ(constant_case(r.input), r.constant);
  EXPECT_EQ(title_case(r.input), r.title);
  EXPECT_EQ(sentence_case(r.input), r.sentence);
  EXPECT_EQ(dot_case(r.input), r.dot);
  EXPECT_EQ(path_case(r.input), r.path);
}

INSTANTIATE_TEST_SUITE_P(Unicode, UnicodeCase, ::testing::ValuesIn(kUnicodeRows));

TEST(Case, DigitWordsAreJoinedWithUnderscoreInCamelAndPascalOnly) {
  EXPECT_EQ(camel_case("version 2 alpha"), "version_2Alpha");
  EXPECT_EQ(pascal_case("version 2 alpha"), "Version_2Alpha");
  EXPECT_EQ(camel_case("version2 alpha"), "version2Alpha");
  // A leading digit word is not prefixed.
  EXPECT_EQ(camel_case("2 fast"), "2Fast");
  // Non-ASCII digits follow the same rule.
  EXPECT_EQ(camel_case("page ٣ end"), "page_٣End");
}

TEST(Case, TitlecaseLettersUseTheTitlecaseForm) {
  // U+01C6 (ǆ) title-cases to U+01C5 (ǅ); JavaScript's toUpperCase gives U+01C4.
  EXPECT_EQ(pascal_case("ǆemal"), "ǅemal");
  EXPECT_EQ(constant_case("ǆemal"), "ǄEMAL");
}

TEST(Case, InvalidUtf8DoesNotLeakIntoOutput) {
  EXPECT_EQ(camel_case("bad\xFF"
                       "input"),
            "badInput");
  EXPECT_EQ(snake_case("\xE2\x82"), "");
}

}  // namespace
}  // namespace unjucks::text
