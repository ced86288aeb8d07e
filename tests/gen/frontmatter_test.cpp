#include "gen/frontmatter.h"

#include <gtest/gtest.h>

namespace unjucks::gen {
namespace {

TEST(Frontmatter, Split) {
  auto t = split_frontmatter("---\nto: a\n---\nbody\n");
  ASSERT_TRUE(t.has_header);
  EXPECT_EQ(t.header, "to: a\n");
  EXPECT_EQ(t.body, "body\n");
  EXPECT_EQ(t.header_line, 2u);
  EXPECT_EQ(t.body_line, 4u);
  t = split_frontmatter("---\r\nto: a\r\n---\r\nbody");
  ASSERT_TRUE(t.has_header);
  EXPECT_EQ(t.body, "body");
  t = split_frontmatter("no header\n---\n");
  EXPECT_FALSE(t.has_header);
  t = split_frontmatter("---\nunterminated\n");
  EXPECT_FALSE(t.has_header);
  EXPECT_EQ(t.body, "---\nunterminated\n");
}

// The subset reader and yaml-cpp agree on every header: the same options, or the same error.
void expect_same_as_yaml_cpp(const std::string& yaml) {
  Frontmatter a, b;
  FrontmatterError ea, eb;
  bool ra = parse_frontmatter(yaml, &a, &ea);
  bool rb = parse_frontmatter_yaml(yaml, &b, &eb);
  ASSERT_EQ(ra, rb) << yaml << "\n" << ea.message << " / " << eb.message;
  if (ra) {
    EXPECT_TRUE(a == b) << yaml;
    EXPECT_EQ(a.to, b.to) << yaml;
    EXPECT_EQ(a.unknown_keys, b.unknown_keys) << yaml;
  } else {
    EXPECT_EQ(ea.message, eb.message) << yaml;
    EXPECT_EQ(ea.line, eb.line) << yaml;
    EXPECT_EQ(ea.col, eb.col) << yaml;
  }
}

TEST(Frontmatter, TheSubsetReaderAgreesWithYamlCpp) {
  const std::vector<std::string> keys = {
      "to",     "from",    "force",   "unless_exists", "skip_if", "inject", "before",  "after",
      "append", "prepend", "at_line", "eof_last",      "chmod",   "sh",     "message", "other_1",
      "NULL",   "null",    "Null",    "true",          "y",       "No"};
  const std::vector<std::string> values = {
      "", "src/a.ts", "it's done", "a: b", "a #b", "a#b", "~", "null", "Null", "NULL", "nUll",
      "true", "yes", "no", "False", "0", "007", "12", "-1", "+3", "0x1F", "1e3", "a b  ", "'q'",
      "\"q\"", "[a]", "{a: 1}", "- x", "?x", ":x", "x:", "x:y", "%x", "@x", "`x", "|", ">", "&a x",
      "*a", "!t x", "\xC3\xA9", "a\tb", "x, y", "a]b", "99999999999999999999", "755", "0755", "rwx",
      "^import", "a\\nb", "a  b", "...",
      // quoted
      "\"a.ts\"", "'a.ts'", "\"\"", "''", "\"null\"", "'~'", "\"it's\"", "'say \"hi\"'",
      "\"a\\\"b\"", "'it''s'", "\"a\" b", "\"a", "'a", "\"a # b\"", "\"a: b\"", "\"5\"", "\"\\t\"",
      "\"[x]\"", "\"\xC3\xA9\"", "\"{{ x }}\""};
  size_t simple = 0, total = 0;
  for (const std::string& k : keys) {
    for (const std::string& v : values) {
      for (const std::string& shape :
           {std::string("K: V\n"), std::string("K:  V  \r\n"), std::string("# c\nK: V\n\nto: x\n"),
            std::string("inject: true\nK: V\n"), std::string("K: V\nK: V2\n"),
            std::string("  K: V\n"), std::string("K:V\n"), std::string("K: V # note\n")}) {
        std::string yaml = shape;
        for (size_t at; (at = yaml.find('K')) != std::string::npos;) yaml.replace(at, 1, k);
        for (size_t at; (at = yaml.find("V2")) != std::string::npos;) yaml.replace(at, 2, v + "2");
        for (size_t at; (at = yaml.find('V')) != std::string::npos;) yaml.replace(at, 1, v);
        expect_same_as_yaml_cpp(yaml);
        ++total;
        simple += frontmatter_is_simple(yaml) ? 1 : 0;
      }
    }
  }
  // Line ends (a lone carriage return was found by the frontmatter fuzz target).
  for (const char* yaml :
       {"\r", "to: a\r", "\r\n", "to: a\r\n\r\nforce: true\r\n", "to: a\rb\n", "\n\n", "to: a"}) {
    expect_same_as_yaml_cpp(yaml);
  }
  // Bytes yaml-cpp stops at or refuses, in comments (the fuzz target found a NUL).
  for (const std::string& yaml :
       {std::string("#\0\0\0\2\0\nt: t", 11), std::string("# \x01\nto: a\n"),
        std::string("# caf\xC3\xA9\nto: a\n"), std::string("#\tx\nto: a\n")}) {
    expect_same_as_yaml_cpp(yaml);
  }
  // Both paths are exercised.
  EXPECT_GT(simple, total / 5);
  EXPECT_LT(simple, total * 3 / 4);
  EXPECT_TRUE(frontmatter_is_simple("to: src/{{ x }}.ts\n") == false);
  EXPECT_TRUE(frontmatter_is_simple("to: src/Hello.ts\ninject: true\nappend: true\n"));
  EXPECT_TRUE(frontmatter_is_simple("to: \"src/Hello.ts\"\n"));
}

TEST(Frontmatter, EveryKey) {
  Frontmatter fm;
  FrontmatterError err;
  ASSERT_TRUE(parse_frontmatter(
      "to: src/a.ts\nfrom: shared/x\nforce: true\nunless_exists: yes\nskipIf: foo\n"
      "inject: true\nafter: \"^import\"\neof_last: false\nchmod: 755\nsh: echo hi\n"
      "sh_ignore_exit: true\nmessage: done\nweird: 1\n",
      &fm, &err))
      << err.message;
  EXPECT_EQ(fm.to, "src/a.ts");
  EXPECT_EQ(fm.from, "shared/x");
  EXPECT_TRUE(fm.force);
  EXPECT_TRUE(fm.unless_exists);
  EXPECT_EQ(fm.skip_if, "foo");
  EXPECT_EQ(fm.inject_spec.skip_if, "foo");
  EXPECT_TRUE(fm.inject);
  EXPECT_EQ(fm.inject_spec.where, InjectWhere::After);
  EXPECT_EQ(fm.inject_spec.anchor, "^import");
  EXPECT_EQ(fm.inject_spec.eof_last, false);
  EXPECT_EQ(fm.chmod, 0755u);
  EXPECT_EQ(fm.sh, "echo hi");
  EXPECT_TRUE(fm.sh_ignore_exit);
  EXPECT_EQ(fm.message, "done");
  EXPECT_EQ(fm.unknown_keys, std::vector<std::string>{"weird"});
}

TEST(Frontmatter, EmptyToAndAtLine) {
  Frontmatter fm;
  FrontmatterError err;
  ASSERT_TRUE(parse_frontmatter("to:\ninject: true\nat_line: 3\n", &fm, &err));
  ASSERT_TRUE(fm.to.has_value());
  EXPECT_EQ(*fm.to, "");
  EXPECT_EQ(fm.inject_spec.where, InjectWhere::AtLine);
  EXPECT_EQ(fm.inject_spec.at_line, 3);
}

TEST(Frontmatter, Errors) {
  Frontmatter fm;
  FrontmatterError err;
  EXPECT_FALSE(parse_frontmatter("to: [a\n", &fm, &err));
  EXPECT_GT(err.line, 0u);
  EXPECT_FALSE(parse_frontmatter("- a\n- b\n", &fm, &err));
  EXPECT_FALSE(parse_frontmatter("inject: true\nto: a\n", &fm, &err));
  EXPECT_NE(err.message.find("no before, after"), std::string::npos);
  EXPECT_FALSE(parse_frontmatter("chmod: rwx\n", &fm, &err));
  EXPECT_FALSE(parse_frontmatter("to: {a: 1}\n", &fm, &err));
  EXPECT_FALSE(parse_frontmatter("at_line: x\n", &fm, &err));
}

// yaml-cpp refuses deep nesting (2,000 levels of its recursion) with "bad file"; the message
// says what is wrong, and where.
TEST(Frontmatter, TooDeepSaysSo) {
  Frontmatter fm;
  FrontmatterError err;
  std::string yaml = "to: a\ndeep: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  EXPECT_FALSE(parse_frontmatter(yaml, &fm, &err));
  EXPECT_EQ(err.message, "invalid YAML: nested too deeply to be read");
  EXPECT_EQ(err.line, 2u);
}

TEST(Frontmatter, Mode) {
  EXPECT_EQ(parse_mode("644"), 0644u);
  EXPECT_EQ(parse_mode("0755"), 0755u);
  EXPECT_EQ(parse_mode("789"), std::nullopt);
  EXPECT_EQ(parse_mode(""), std::nullopt);
}

}  // namespace
}  // namespace unjucks::gen
