#include "migrate/ejs_lexer.h"

#include <gtest/gtest.h>

#include <string>

namespace unjucks::migrate {
namespace {

// The pieces as one line each: text as [text], tags as <kind code close>.
std::string dump(const EjsLexResult& r) {
  std::string out;
  for (const EjsPiece& p : r.pieces) {
    if (p.kind == EjsPiece::Kind::Text) {
      out += "[" + p.text + "]";
      continue;
    }
    const char* k = p.tag == EjsTag::Eval      ? "eval"
                    : p.tag == EjsTag::Escaped ? "esc"
                    : p.tag == EjsTag::Raw     ? "raw"
                                               : "comment";
    out += std::string("<") + k + (p.slurp ? "_" : "") + " " + p.code + " " + p.close;
    if (!p.eaten_line_break.empty()) out += " ate" + std::to_string(p.eaten_line_break.size());
    out += ">";
  }
  return out;
}

TEST(EjsLexer, SplitsTextAndTags) {
  EjsLexResult r = lex_ejs("a <%= x %> b <%- y %> c <% z %> d <%# n %>");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(dump(r), "[a ]<esc  x  %>[ b ]<raw  y  %>[ c ]<eval  z  %>[ d ]<comment  n  %>");
  EXPECT_EQ(r.tags, 4u);
}

TEST(EjsLexer, DashAndUnderscoreRemoveOneLineBreak) {
  EXPECT_EQ(dump(lex_ejs("<% a -%>\n\nx")), "<eval  a  - ate1>[\nx]");
  EXPECT_EQ(dump(lex_ejs("<% a -%>\r\nx")), "<eval  a  - ate2>[x]");
  EXPECT_EQ(dump(lex_ejs("<% a %>\nx")), "<eval  a  %>[\nx]");
  // _%> also removes the blanks before the line break; <%_ the blanks before it.
  EXPECT_EQ(dump(lex_ejs("x\n  \t<%_ a _%>  \ny")), "[x\n]<eval_  a  _ ate1>[y]");
}

TEST(EjsLexer, KeepLineBreaksForFrontmatter) {
  EjsLexOptions o;
  o.keep_line_breaks = true;
  EXPECT_EQ(dump(lex_ejs("to: <%= a -%>\nfrom: x", o)), "[to: ]<esc  a  ->[\nfrom: x]");
}

TEST(EjsLexer, LiteralsAndStrayCloses) {
  // <%% prints <%, %%> prints %>; a %> outside a tag prints nothing, after a <%% or %%> literal
  // it prints itself (as ejs 3.1.10 does: checked with node).
  EXPECT_EQ(dump(lex_ejs("<%%= b %%> and 5%> x")), "[<%= b %> and 5%> x]");
  EXPECT_EQ(dump(lex_ejs("<%% a %> b")), "[<% a %> b]");
  EXPECT_EQ(dump(lex_ejs("x %> y")), "[x  y]");
  EXPECT_EQ(dump(lex_ejs("a -%>\nb")), "[a b]");
  EjsLexResult r = lex_ejs("<%%= x %%>");
  EXPECT_EQ(r.tags, 0u);
  EXPECT_EQ(r.literals, 2u);
}

TEST(EjsLexer, UnclosedTagsAreEjsErrors) {
  EjsLexResult r = lex_ejs("ab\n<% if (x) { ");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "Could not find matching close tag for \"<%\"");
  EXPECT_EQ(r.error_at, 3u);
  EXPECT_FALSE(lex_ejs("<%= a <%= b %>").ok);
  // An empty tag is one too: the token after its opening one is not its content.
  EXPECT_FALSE(lex_ejs("<%=%> x").ok);
}

TEST(EjsLexer, OffsetsPointIntoTheSource) {
  std::string src = "ab  <%_ x _%>   cd <%= y %>";
  EjsLexResult r = lex_ejs(src);
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.pieces.size(), 4u);
  EXPECT_EQ(src.substr(r.pieces[1].begin, 3), "<%_");
  EXPECT_EQ(src.substr(r.pieces[1].code_begin, 3), " x ");
  EXPECT_EQ(src.substr(r.pieces[3].code_begin, 3), " y ");
  LineCol lc = line_col("a\nbc\nd", 4);
  EXPECT_EQ(lc.line, 2u);
  EXPECT_EQ(lc.col, 3u);
}

TEST(EjsLexer, Detection) {
  EXPECT_TRUE(has_ejs_syntax("<% x %>"));
  EXPECT_TRUE(has_ejs_syntax("50 %> 40"));
  EXPECT_FALSE(has_ejs_syntax("{{ x }} <b>"));
  EXPECT_EQ(find_ejs_opener("ab<%"), 2u);
}

}  // namespace
}  // namespace unjucks::migrate
