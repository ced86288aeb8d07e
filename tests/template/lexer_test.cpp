#include "template/lexer/lexer.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "mem/arena.h"
#include "template/lexer/syntax_error.h"
#include "template/options.h"

namespace unjucks::tpl {
namespace {

struct Lexed {
  Tok type;
  std::string value;
  bool operator==(const Lexed& o) const { return type == o.type && value == o.value; }
};

std::ostream& operator<<(std::ostream& os, const Lexed& t) {
  return os << token_name(t.type) << "(" << t.value << ")";
}

// All tokens up to (not including) Eof, whitespace tokens dropped unless asked for.
std::vector<Lexed> lex(std::string_view src, const Options& opts = {}, bool keep_ws = false) {
  mem::Arena arena;
  Lexer lexer(src, opts, arena);
  std::vector<Lexed> out;
  for (int guard = 0; guard < 10000; ++guard) {
    Token t = lexer.next();
    if (t.type == Tok::Eof) return out;
    if (t.type == Tok::Whitespace && !keep_ws) continue;
    out.push_back({t.type, std::string(t.value)});
  }
  ADD_FAILURE() << "lexer did not reach the end";
  return out;
}

SyntaxError lex_error(std::string_view src, const Options& opts = {}) {
  try {
    lex(src, opts);
  } catch (const SyntaxError& e) {
    return e;
  }
  ADD_FAILURE() << "no lexical error in: " << src;
  return {};
}

TEST(LexerTest, DataVariablesAndBlocks) {
  std::vector<Lexed> expected = {
      {Tok::Data, "a "},      {Tok::VariableStart, "{{"}, {Tok::Whitespace, " "},
      {Tok::Symbol, "x"},     {Tok::Whitespace, " "},     {Tok::VariableEnd, "}}"},
      {Tok::Data, " b "},     {Tok::BlockStart, "{%"},    {Tok::Whitespace, " "},
      {Tok::Symbol, "if"},    {Tok::Whitespace, " "},     {Tok::Symbol, "y"},
      {Tok::Whitespace, " "}, {Tok::BlockEnd, "%}"},
  };
  EXPECT_EQ(lex("a {{ x }} b {% if y %}", {}, true), expected);
}

TEST(LexerTest, TokenPositionsAreByteOffsets) {
  mem::Arena arena;
  Options opts;
  Lexer lexer("ab{{ foo }}", opts, arena);
  Token t = lexer.next();
  EXPECT_EQ(t.type, Tok::Data);
  EXPECT_EQ(t.pos, 0u);
  t = lexer.next();
  EXPECT_EQ(t.type, Tok::VariableStart);
  EXPECT_EQ(t.pos, 2u);
  lexer.next();  // whitespace
  t = lexer.next();
  EXPECT_EQ(t.type, Tok::Symbol);
  EXPECT_EQ(t.value, "foo");
  EXPECT_EQ(t.pos, 5u);
}

TEST(LexerTest, WhitespaceControlMarkersStayOnTheDelimiters) {
  std::vector<Lexed> expected = {
      {Tok::Data, "a "},           {Tok::BlockStart, "{%-"}, {Tok::Symbol, "if"},
      {Tok::Symbol, "x"},          {Tok::BlockEnd, "-%}"},   {Tok::Data, " b "},
      {Tok::VariableStart, "{{-"}, {Tok::Symbol, "y"},       {Tok::VariableEnd, "-}}"},
  };
  EXPECT_EQ(lex("a {%- if x -%} b {{- y -}}"), expected);
}

TEST(LexerTest, MinusInsideAnExpressionIsAnOperator) {
  std::vector<Lexed> expected = {
      {Tok::VariableStart, "{{"}, {Tok::Int, "1"}, {Tok::Operator, "-"}, {Tok::Int, "2"},
      {Tok::VariableEnd, "}}"},
  };
  EXPECT_EQ(lex("{{ 1 - 2 }}"), expected);
}

TEST(LexerTest, LiteralsAndOperators) {
  std::vector<Lexed> expected = {
      {Tok::VariableStart, "{{"}, {Tok::Int, "12"},        {Tok::Float, "1.5"},
      {Tok::Boolean, "true"},     {Tok::Boolean, "false"}, {Tok::None, "none"},
      {Tok::None, "null"},        {Tok::Operator, "==="},  {Tok::Operator, "!=="},
      {Tok::Operator, "//"},      {Tok::Operator, "**"},   {Tok::Operator, "<="},
      {Tok::Operator, ">="},      {Tok::Operator, "!="},   {Tok::Operator, "=="},
      {Tok::Operator, "<"},       {Tok::Operator, "%"},    {Tok::Tilde, "~"},
      {Tok::Pipe, "|"},           {Tok::Comma, ","},       {Tok::Colon, ":"},
      {Tok::LeftParen, "("},      {Tok::RightParen, ")"},  {Tok::LeftBracket, "["},
      {Tok::RightBracket, "]"},   {Tok::LeftCurly, "{"},   {Tok::RightCurly, "}"},
      {Tok::Operator, "."},       {Tok::Symbol, "True"},   {Tok::VariableEnd, "}}"},
  };
  EXPECT_EQ(
      lex("{{ 12 1.5 true false none null === !== // ** <= >= != == < % ~ | , : ( ) [ ] { } . "
          "True }}"),
      expected);
}

TEST(LexerTest, StringEscapesAreDecoded) {
  std::vector<Lexed> tokens = lex(R"({{ "a\"b\n\t\\c" 'it\'s' "plain" '\q' }})");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[1], (Lexed{Tok::String, "a\"b\n\t\\c"}));
  EXPECT_EQ(tokens[2], (Lexed{Tok::String, "it's"}));
  EXPECT_EQ(tokens[3], (Lexed{Tok::String, "plain"}));
  // An unknown escape keeps the character, as Nunjucks does.
  EXPECT_EQ(tokens[4], (Lexed{Tok::String, "q"}));
}

TEST(LexerTest, StringsMayContainDelimitersAndUnicode) {
  std::vector<Lexed> tokens = lex("{{ '}} %} {{' \"héllo😀\" }}");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1], (Lexed{Tok::String, "}} %} {{"}));
  EXPECT_EQ(tokens[2], (Lexed{Tok::String, "héllo😀"}));
  EXPECT_EQ(tokens[3].type, Tok::VariableEnd);
}

TEST(LexerTest, RegexLiterals) {
  mem::Arena arena;
  Options opts;
  Lexer lexer(R"({{ r/a\/b+/gi r/x/ }})", opts, arena);
  EXPECT_EQ(lexer.next().type, Tok::VariableStart);
  EXPECT_EQ(lexer.next().type, Tok::Whitespace);
  Token re = lexer.next();
  EXPECT_EQ(re.type, Tok::Regex);
  EXPECT_EQ(re.value, R"(a\/b+)");
  EXPECT_EQ(re.flags, "gi");
  EXPECT_EQ(lexer.next().type, Tok::Whitespace);
  re = lexer.next();
  EXPECT_EQ(re.type, Tok::Regex);
  EXPECT_EQ(re.value, "x");
  EXPECT_EQ(re.flags, "");
}

TEST(LexerTest, CommentsAreOneToken) {
  std::vector<Lexed> expected = {
      {Tok::Data, "a"}, {Tok::Comment, "{# {{ not code }} %} #}"}, {Tok::Data, "b"}};
  EXPECT_EQ(lex("a{# {{ not code }} %} #}b"), expected);
}

TEST(LexerTest, UnterminatedCommentFails) {
  SyntaxError e = lex_error("ab{# never closed");
  EXPECT_EQ(e.message, "expected end of comment, got end of file");
  EXPECT_EQ(e.pos, 2u);
}

TEST(LexerTest, StrayCommentEndFails) {
  SyntaxError e = lex_error("abc #} d");
  EXPECT_EQ(e.message, "unexpected end of comment");
  EXPECT_EQ(e.pos, 4u);
}

TEST(LexerTest, CustomTags) {
  Options opts;
  opts.tags.block_start = "<%";
  opts.tags.block_end = "%>";
  opts.tags.variable_start = "${";
  opts.tags.variable_end = "}";
  opts.tags.comment_start = "<#";
  opts.tags.comment_end = "#>";
  std::vector<Lexed> expected = {
      {Tok::BlockStart, "<%"}, {Tok::Symbol, "if"},        {Tok::Symbol, "x"},
      {Tok::BlockEnd, "%>"},   {Tok::VariableStart, "${"}, {Tok::Symbol, "y"},
      {Tok::VariableEnd, "}"}, {Tok::Comment, "<# c #>"},  {Tok::Data, "{{ z }} {% w %}"},
  };
  EXPECT_EQ(lex("<% if x %>${ y }<# c #>{{ z }} {% w %}", opts), expected);
}

TEST(LexerTest, TrimBlocksEatsOneNewlineAfterABlockOnly) {
  Options opts;
  opts.trim_blocks = true;
  std::vector<Lexed> expected = {
      {Tok::BlockStart, "{%"}, {Tok::Symbol, "if"},      {Tok::Symbol, "x"},
      {Tok::BlockEnd, "%}"},   {Tok::Data, "\nA"},       {Tok::VariableStart, "{{"},
      {Tok::Symbol, "y"},      {Tok::VariableEnd, "}}"}, {Tok::Data, "\nB"},
  };
  // The first newline after %} goes, the second stays; none goes after }}.
  EXPECT_EQ(lex("{% if x %}\n\nA{{ y }}\nB", opts), expected);
  // \r\n counts as one newline.
  std::vector<Lexed> crlf = lex("{% if x %}\r\nA", opts);
  ASSERT_EQ(crlf.size(), 5u);
  EXPECT_EQ(crlf[4], (Lexed{Tok::Data, "A"}));
  // Without the option the newline is data.
  std::vector<Lexed> plain = lex("{% if x %}\nA");
  ASSERT_EQ(plain.size(), 5u);
  EXPECT_EQ(plain[4], (Lexed{Tok::Data, "\nA"}));
}

TEST(LexerTest, LstripBlocksRemovesIndentBeforeBlocksNotVariables) {
  Options opts;
  opts.lstrip_blocks = true;
  std::vector<Lexed> tokens = lex("a\n  \t{% if x %}\n  {{ y }}", opts);
  std::vector<Lexed> expected = {
      {Tok::Data, "a\n"},         {Tok::BlockStart, "{%"}, {Tok::Symbol, "if"},
      {Tok::Symbol, "x"},         {Tok::BlockEnd, "%}"},   {Tok::Data, "\n  "},
      {Tok::VariableStart, "{{"}, {Tok::Symbol, "y"},      {Tok::VariableEnd, "}}"},
  };
  EXPECT_EQ(tokens, expected);
  // Text before the tag on the same line keeps the spaces.
  std::vector<Lexed> kept = lex("x  {% if y %}", opts);
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(kept[0], (Lexed{Tok::Data, "x  "}));
  // A line holding only indentation before the tag produces no data token at all.
  std::vector<Lexed> only = lex("   {% if y %}", opts);
  ASSERT_FALSE(only.empty());
  EXPECT_EQ(only[0].type, Tok::BlockStart);
}

TEST(LexerTest, RawBodyIsExtractedWithNesting) {
  mem::Arena arena;
  Options opts;
  std::string_view src = "{% raw %}a {% raw %}{{ b }}{% endraw %} c{%  endraw  %}tail";
  Lexer lexer(src, opts, arena);
  std::vector<Tok> head;
  for (int i = 0; i < 5; ++i) head.push_back(lexer.next().type);
  EXPECT_EQ(head, (std::vector<Tok>{Tok::BlockStart, Tok::Whitespace, Tok::Symbol, Tok::Whitespace,
                                    Tok::BlockEnd}));
  std::string_view body;
  ASSERT_TRUE(lexer.extract_raw("raw", &body));
  EXPECT_EQ(body, "a {% raw %}{{ b }}{% endraw %} c");
  Token t = lexer.next();
  EXPECT_EQ(t.type, Tok::Data);
  EXPECT_EQ(t.value, "tail");
}

TEST(LexerTest, UnclosedRawLeavesThePositionAlone) {
  mem::Arena arena;
  Options opts;
  Lexer lexer("{% raw %}never closed", opts, arena);
  for (int i = 0; i < 5; ++i) lexer.next();
  size_t before = lexer.position();
  std::string_view body = "sentinel";
  EXPECT_FALSE(lexer.extract_raw("raw", &body));
  EXPECT_TRUE(body.empty());
  EXPECT_EQ(lexer.position(), before);
}

TEST(LexerTest, TokenNamesMatchNunjucks) {
  EXPECT_EQ(token_name(Tok::BlockEnd), "block-end");
  EXPECT_EQ(token_name(Tok::VariableStart), "variable-start");
  EXPECT_EQ(token_name(Tok::LeftParen), "left-paren");
  EXPECT_EQ(token_name(Tok::Eof), "end of file");
  EXPECT_EQ(token_name(Tok::Symbol), "symbol");
}

TEST(LexerTest, SymbolsStopAtDelimiters) {
  std::vector<Lexed> expected = {
      {Tok::VariableStart, "{{"},
      {Tok::Symbol, "a"},
      {Tok::Operator, "."},
      {Tok::Symbol, "b_c"},
      {Tok::LeftBracket, "["},
      {Tok::Int, "0"},
      {Tok::RightBracket, "]"},
      {Tok::Pipe, "|"},
      {Tok::Symbol, "f"},
      {Tok::LeftParen, "("},
      {Tok::Symbol, "x"},
      {Tok::Operator, "="},
      {Tok::Int, "1"},
      {Tok::RightParen, ")"},
      {Tok::VariableEnd, "}}"},
  };
  EXPECT_EQ(lex("{{a.b_c[0]|f(x=1)}}"), expected);
}

}  // namespace
}  // namespace unjucks::tpl
