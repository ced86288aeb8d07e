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

TEST(Frontmatter, Mode) {
  EXPECT_EQ(parse_mode("644"), 0644u);
  EXPECT_EQ(parse_mode("0755"), 0755u);
  EXPECT_EQ(parse_mode("789"), std::nullopt);
  EXPECT_EQ(parse_mode(""), std::nullopt);
}

}  // namespace
}  // namespace unjucks::gen
