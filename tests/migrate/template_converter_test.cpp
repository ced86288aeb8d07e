#include "migrate/template_converter.h"

#include <gtest/gtest.h>

#include <string>

#include "migrate/hygen_frontmatter.h"
#include "migrate/nunjucks_emitter.h"

namespace unjucks::migrate {
namespace {

std::string convert(std::string_view src) {
  ConvertedTemplate r = convert_hygen_template(src);
  if (!r.ok) return "refused: " + r.attention.at(0).message;
  if (r.generates_nothing) return "nothing";
  return r.text;
}

TEST(HygenFrontmatter, BodyAfterFrontMattersPattern) {
  // front-matter's ^---\s*$\n? swallows every blank line after the closing fence.
  HygenFrontmatter f = split_hygen_frontmatter("---\nto: a\n---\n\n  \n\tbody\n\nend");
  ASSERT_TRUE(f.has);
  EXPECT_EQ(f.header, "to: a\n");
  EXPECT_EQ(f.body, "\tbody\n\nend");
  EXPECT_EQ(f.to, "a");
  f = split_hygen_frontmatter("---\r\nto: a\r\n...  \r\n\r\nx");
  ASSERT_TRUE(f.has);
  EXPECT_EQ(f.line_break, "\r\n");
  EXPECT_EQ(f.body, "x");
  f = split_hygen_frontmatter("---\nto: a\n---  \n\n");
  EXPECT_EQ(f.body, "");
  EXPECT_FALSE(split_hygen_frontmatter("--- \nto: a\n---\n").has);
  EXPECT_TRUE(split_hygen_frontmatter("--- \nto: a\n---\n").unusual);
  EXPECT_FALSE(split_hygen_frontmatter("---\nto: a\n").has);  // never closed: all body
}

TEST(TemplateConverter, Frontmatter) {
  EXPECT_EQ(convert("---\nto: <%= name %>.md\n---\n\n\nhi <%- name %>\n"),
            "---\nto: {{ name | ejsEscape }}.md\n---\nhi {{ name }}\n");
  EXPECT_EQ(convert("---\r\nto: x\r\n...\r\n\r\nbody\r\n"), "---\r\nto: x\r\n---\r\nbody\r\n");
  // -%> ends no YAML line.
  EXPECT_EQ(convert("---\nto: <%= a -%>\nforce: true\n---\n"),
            "---\nto: {{ a | ejsEscape }}\nforce: true\n---\n");
  EXPECT_EQ(convert("---\nto: x\ninject: true\nbefore: !!js/regexp /^end(\\s|$)/gm\n---\ny\n"),
            "---\nto: x\ninject: true\nbefore: '^end(\\s|$)'\neof_last: true\n---\ny\n");
  // Hygen injects the body as it is (its last line break too): eof_last: true in unjucks.
  EXPECT_EQ(convert("---\nto: x\ninject: true\nappend: true\n---\ny\n"),
            "---\nto: x\ninject: true\nappend: true\neof_last: true\n---\ny\n");
  EXPECT_EQ(convert("---\nto: x\ninject: true\nappend: true\neof_last: false\n---\ny\n"),
            "---\nto: x\ninject: true\nappend: true\neof_last: false\n---\ny\n");
  // Blank lines EJS prints first stay: Hygen's rules would swallow them if they were text.
  EXPECT_EQ(convert("---\nto: x\n---\n%>\n\nbody\n"), "---\nto: x\n---\n{{ \"\\n\\n\" }}body\n");
  EXPECT_EQ(convert("---\nto: x\n---\n %>"), "---\nto: x\n---\n{{ \" \" }}");
  EXPECT_EQ(convert("---\nto: x\n---\n  x"), "---\nto: x\n---\n  x");
  // Tags whose rendering changes the YAML's shape (Hygen reads the YAML first).
  EXPECT_EQ(convert("---\nto: a\n  b\n%>c: d\n---\n"),
            "refused: the EJS of this frontmatter changes its YAML's shape when rendered first "
            "(as unjucks does): convert it by hand");
  EXPECT_EQ(convert("---\nto: \"<%= a %>\"\nforce: <% if (f) { %>true<% } %>\n---\n"),
            "---\nto: \"{{ a | ejsEscape }}\"\nforce: {% if f %}true{% endif %}\n\n---\n");
  EXPECT_EQ(convert("---\nsh: x\n--- _%>\n---\n").substr(0, 44),
            "refused: the EJS of this frontmatter changes");
  // A line added after an odd one could continue it: refused rather than guessed.
  EXPECT_EQ(convert("---\nto: x\ninject: true\nappen:t drue\n---\ny\n"),
            "refused: the frontmatter needs eof_last: true or a plain anchor, and this YAML "
            "cannot take them safely: add them by hand");
  EXPECT_EQ(convert("---\nto: x\nafter: !!js/regexp /a/i\n---\n"),
            "refused: the regular expression flags 'i' cannot be given to an unjucks anchor");
}

TEST(TemplateConverter, WhatHygenNeverWrites) {
  EXPECT_EQ(convert("no frontmatter <%= x %>"), "nothing");
  EXPECT_EQ(convert("---\nforce: true\n---\nbody"), "nothing");
  EXPECT_NE(convert("---\nsh: echo <%= x %>\n---\n"), "nothing");
  EXPECT_EQ(convert("---\nsetup: <%= name %>\n---\n"),
            "refused: setup: (Hygen's download of a generator with degit) has no unjucks "
            "counterpart");
  EXPECT_EQ(convert("---\nto: [a\n---\n").substr(0, 47),
            "refused: the frontmatter is not valid YAML: end");
  EXPECT_EQ(convert("---\nto: a\nto: b\n---\n"),
            "refused: the frontmatter is not valid YAML: duplicated mapping key 'to'");
  EXPECT_EQ(convert("----\nto: a\n---\n"),
            "refused: the frontmatter's fences are not lines both Hygen and unjucks read as "
            "fences (exactly \"---\", ending with \\n or \\r\\n); not converted");
  EXPECT_EQ(convert("---\rto: a\r---\rx").substr(0, 40),
            "refused: the frontmatter's fences are no");
  // Each fence keeps its own line break.
  EXPECT_EQ(convert("---\r\nto: a\r\n---\nx"), "---\r\nto: a\r\n---\nx");
}

TEST(TemplateConverter, RefusedFilesCarryPositions) {
  std::string src = "---\nto: x\n---\nline\n  <%= h.mine(a) %>\n";
  ConvertedTemplate r = convert_hygen_template(src);
  ASSERT_FALSE(r.ok);
  ASSERT_EQ(r.attention.size(), 1u);
  EXPECT_EQ(src.substr(r.attention[0].offset, 6), "h.mine");
  EXPECT_TRUE(r.text.empty());
}

TEST(NunjucksEmitter, WhitespaceUnderTrimAndLstrip) {
  using K = NjItem::Kind;
  // EJS printed the line break after the tag: the template gets one more.
  EXPECT_EQ(emit_nunjucks({{K::Block, "{% if a %}", ""}, {K::Text, "\nx", ""}}), "{% if a %}\n\nx");
  // EJS removed it: the tag keeps its own line.
  EXPECT_EQ(emit_nunjucks({{K::Block, "{% if a %}", "\n"}, {K::Text, "x", ""}}), "{% if a %}\nx");
  // Blanks EJS printed before a block tag that starts a line.
  EXPECT_EQ(emit_nunjucks({{K::Text, "a\n  ", ""}, {K::Block, "{% if a %}", ""}}),
            "a\n{{ \"  \" }}{% if a %}");
  EXPECT_EQ(emit_nunjucks({{K::Text, "\t", ""}, {K::Block, "{% if a %}", ""}}),
            "{{ \"\\t\" }}{% if a %}");
  // Not at a line start: lstrip does not apply.
  EXPECT_EQ(
      emit_nunjucks({{K::Output, "x", ""}, {K::Text, "  ", ""}, {K::Block, "{% if a %}", ""}}),
      "{{ x }}  {% if a %}");
  // -%> after an output tag.
  EXPECT_EQ(emit_nunjucks({{K::Output, "x", "\n"}, {K::Text, "y", ""}}), "{{ x -}}\ny");
  EXPECT_EQ(emit_nunjucks({{K::Output, "x", "\n"}, {K::Text, " y", ""}}), "{{ x }} y");
}

TEST(NunjucksEmitter, TextThatLooksLikeTags) {
  EXPECT_EQ(escape_nunjucks_text("{{ a }} {% b %} {# c #} <% d %>"),
            "{{ \"{{\" }} a }} {{ \"{%\" }} b %} {{ \"{#\" }} c {{ \"#}\" }} {{ \"<\\%\" }} d "
            "{{ \"%\\>\" }}");
  using K = NjItem::Kind;
  EXPECT_EQ(emit_nunjucks({{K::Text, "{", ""}, {K::Output, "x", ""}}), "{{ \"{\" }}{{ x }}");
  EXPECT_EQ(escape_nunjucks_text("{<%>}"), "{{ \"{\" }}{{ \"<\\%\" }}>}");
}

TEST(TemplateConverter, Dialects) {
  EXPECT_EQ(classify_template("a.ejs.t", "---\nto: x\n---\n<%= a %>"), Dialect::Ejs);
  EXPECT_EQ(classify_template("a.t", "---\nto: x\n---\n{{ a }}"), Dialect::Nunjucks);
  EXPECT_EQ(classify_template("a.njk", "<%= a %>"), Dialect::Nunjucks);
  EXPECT_EQ(classify_template("a.t", "---\nto: x\nejs: output\n---\n<%= a %>"), Dialect::Nunjucks);
  EXPECT_EQ(classify_template("a.t", "{% raw %}<%= a %>{% endraw %}{{ b }}"), Dialect::Nunjucks);
  EXPECT_EQ(classify_template("a.t", "plain"), Dialect::Plain);
  EXPECT_EQ(find_ejs_syntax("{{ \"<\\%\" }}"), std::string::npos);
}

TEST(TemplateConverter, FileNames) {
  ConvertOptions raw;
  raw.exact_escaping = false;
  ConvertedTemplate r = convert_ejs_text("<%= h.changeCase.pascal(name) %>.tsx.njk", raw);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.text, "{{ h.changeCase.pascal(name) }}.tsx.njk");
  EXPECT_EQ(r.tags, 1u);
}

}  // namespace
}  // namespace unjucks::migrate
