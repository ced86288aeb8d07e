// Values printed into a frontmatter by {{ }} cannot change its structure (issue 13, D4).
#include <gtest/gtest.h>

#include "gen/frontmatter.h"

namespace unjucks::gen {
namespace {

// A rendered header: the template's own text, and values where its {{ }} printed them.
struct Rendered {
  std::string text;
  std::vector<tpl::ValueSpan> values;
};

struct Piece {
  std::string text;
  bool value = false;
};
Piece V(std::string text) { return Piece{std::move(text), true}; }
Piece T(std::string text) { return Piece{std::move(text), false}; }

Rendered render(const std::vector<Piece>& pieces) {
  Rendered r;
  for (const Piece& p : pieces) {
    size_t begin = r.text.size();
    r.text += p.text;
    if (p.value) r.values.push_back({begin, r.text.size()});
  }
  return r;
}

bool parse(const Rendered& r, Frontmatter* fm, FrontmatterError* err) {
  return parse_frontmatter(r.text, fm, err, r.values);
}

TEST(FrontmatterValues, ANewlineInAValueCannotAddAKey) {
  // The issue's reproduction: `generate y a $'victim.txt\nforce: true\n#'` with
  // `to: out/{{ name }}.txt` forced an overwrite.
  Rendered r = render({T("to: out/"), V("victim.txt\nforce: true\n#"), T(".txt\n")});
  Frontmatter fm;
  FrontmatterError err;
  ASSERT_TRUE(parse(r, &fm, &err)) << err.message;
  EXPECT_FALSE(fm.force);
  EXPECT_EQ(fm.keys, std::vector<std::string>{"to"});
  EXPECT_EQ(fm.to, "out/victim.txt\nforce: true\n#.txt");  // the action refuses the line break
  // Read as text, before this fix, the same header has two keys.
  Frontmatter as_text;
  ASSERT_TRUE(parse_frontmatter(r.text, &as_text, &err));
  EXPECT_TRUE(as_text.force);
}

TEST(FrontmatterValues, NoValueAddsOrChangesAKeyWhateverItHolds) {
  const std::vector<std::string> attacks = {
      "x\nforce: true",
      "x\nsh: touch pwned",
      "x\r\nforce: true\r\n#",
      "x\"\nforce: true\n#\"",
      "x'\nforce: true\n#'",
      "a\n  force: true",
      "[force, true]",
      "{force: true}",
      "x # comment",
      "x: y",
      "*alias",
      "&anchor x",
      "!!bool true",
      "|\n  block",
      "\n---\nforce: true",
      "x\n...\nforce: true",
      "\xEE\x80\x80"
      "0\xEE\x80\x81",  // a marker of our own, inside a value
      std::string("nul\0byte", 8),
  };
  const std::vector<std::vector<Piece>> shapes = {
      {T("to: out/"), V(""), T(".txt\nforce: false\n")},
      {T("to: \""), V(""), T(".txt\"\nforce: false\n")},
      {T("to: '"), V(""), T(".txt'\nforce: false\n")},
      {T("message: "), V(""), T("\nto: a.txt\n")},
      {T("sh: |\n  echo "), V(""), T("\nto: a.txt\n")},
      {T("to: a.txt\nskip_if: "), V(""), T("\nmessage: \""), V(""), T("\"\n")},
  };
  for (const auto& shape : shapes) {
    // The keys the template's own text has (the values replaced by a harmless word).
    std::vector<Piece> plain = shape;
    for (Piece& p : plain) {
      if (p.value) p.text = "word";
    }
    Frontmatter ref;
    FrontmatterError err;
    ASSERT_TRUE(parse(render(plain), &ref, &err)) << err.message;
    for (const std::string& a : attacks) {
      std::vector<Piece> pieces = shape;
      for (Piece& p : pieces) {
        if (p.value) p.text = a;
      }
      Rendered r = render(pieces);
      Frontmatter fm;
      if (!parse(r, &fm, &err)) continue;  // an error is fine; a changed key is not
      EXPECT_EQ(fm.keys, ref.keys) << r.text;
      EXPECT_FALSE(fm.force) << r.text;
      // A command only where the template wrote `sh:` (a value printed into one is the
      // template's choice).
      EXPECT_EQ(fm.sh.empty(), ref.sh.empty()) << r.text;
      // Both readers agree.
      Frontmatter y;
      FrontmatterError ye;
      ASSERT_TRUE(parse_frontmatter_yaml(r.text, &y, &ye, r.values)) << r.text;
      EXPECT_TRUE(fm == y) << r.text;
    }
  }
}

TEST(FrontmatterValues, ValuesAreTextNotYaml) {
  Frontmatter fm;
  FrontmatterError err;
  // A quote, a ': ', a '#': each is text of the value.
  ASSERT_TRUE(parse(render({T("to: \"src/"), V("a\"b"), T(".ts\"\nmessage: "), V("Note: x #1"),
                            T("\nskip_if: \"from \\\"./"), V("my-comp"), T("\\\"\"\n")}),
                    &fm, &err))
      << err.message;
  EXPECT_EQ(fm.to, "src/a\"b.ts");
  EXPECT_EQ(fm.message, "Note: x #1");
  EXPECT_EQ(fm.skip_if, "from \"./my-comp\"");  // the template's escapes are still read
  // A multi-line value in a block string keeps its lines.
  ASSERT_TRUE(parse(render({T("sh: |\n  "), V("npm i\nnpm test"), T("\n")}), &fm, &err));
  EXPECT_EQ(fm.sh, "npm i\nnpm test\n");
}

TEST(FrontmatterValues, APlainScalarOfValuesReadsAsYamlWouldForNullBlanksAndIntegers) {
  Frontmatter fm;
  FrontmatterError err;
  for (const char* empty : {"", "null", "~", "  "}) {
    ASSERT_TRUE(parse(render({T("to: "), V(empty), T("\n")}), &fm, &err)) << err.message;
    ASSERT_TRUE(fm.to.has_value());
    EXPECT_EQ(*fm.to, "") << empty;  // skipped, as `to: null` or `to:` are
  }
  ASSERT_TRUE(parse(render({T("to: \""), V("null"), T("\"\n")}), &fm, &err));
  EXPECT_EQ(fm.to, "null");  // quoted: the text
  ASSERT_TRUE(parse(render({T("to: "), V(" a.txt "), T("\n")}), &fm, &err));
  EXPECT_EQ(fm.to, "a.txt");
  ASSERT_TRUE(parse(render({T("force: "), V("true"), T("\nunless_exists: "), V("false"), T("\n")}),
                    &fm, &err));
  EXPECT_TRUE(fm.force);
  EXPECT_FALSE(fm.unless_exists);
  ASSERT_TRUE(parse(render({T("to: a\ninject: true\nat_line: "), V("12"), T("\n")}), &fm, &err))
      << err.message;
  EXPECT_EQ(fm.inject_spec.at_line, 12);
  ASSERT_TRUE(parse(render({T("to: a\ninject: true\nat_line: "), V("0x10"), T("\n")}), &fm, &err));
  EXPECT_EQ(fm.inject_spec.at_line, 16);
  EXPECT_FALSE(parse(render({T("to: a\ninject: true\nat_line: "), V("1\nforce: true"), T("\n")}),
                     &fm, &err));
  EXPECT_EQ(err.message, "frontmatter key 'at_line': expected a line number");
}

TEST(FrontmatterValues, AKeyCannotComeFromAValue) {
  Frontmatter fm;
  FrontmatterError err;
  EXPECT_FALSE(parse(render({T("to: a.txt\n"), V("force"), T(": true\n")}), &fm, &err));
  EXPECT_EQ(err.message,
            "a key cannot come from a {{ }} expression: write the keys in the template (a value "
            "cannot add a key)");
  EXPECT_EQ(err.line, 2u);
  // A value standing alone on a line is no key either.
  EXPECT_FALSE(parse(render({T("to: a.txt\n"), V("force: true"), T("\n")}), &fm, &err));
}

TEST(FrontmatterValues, TheTemplatesOwnTextDecidesItsKeys) {
  // What `{% if withForce %}force: true{% endif %}` renders: the template's text, not a value.
  Frontmatter fm;
  FrontmatterError err;
  ASSERT_TRUE(parse(render({T("to: "), V("a.txt"), T("\nforce: true\n")}), &fm, &err));
  EXPECT_TRUE(fm.force);
  EXPECT_EQ(fm.keys, (std::vector<std::string>{"to", "force"}));
  // The private-use characters of the markers are reserved in the template's text.
  EXPECT_FALSE(parse(render({T("to: \xEE\x80\x80"
                               "0\xEE\x80\x81"),
                             V("x"), T("\n")}),
                     &fm, &err));
  EXPECT_EQ(err.message,
            "the frontmatter contains U+E000 or U+E001, private-use characters unjucks reserves");
  // Without values nothing is reserved: a header that prints nothing reads as before.
  ASSERT_TRUE(
      parse_frontmatter("to: \xEE\x80\x80"
                        "0\xEE\x80\x81\n",
                        &fm, &err));
}

TEST(FrontmatterValues, CommonHeadersStillTakeTheFastReader) {
  Rendered r = render({T("to: src/"), V("my-comp"), T(".ts\n")});
  EXPECT_TRUE(frontmatter_is_simple(r.text, r.values));
  r = render({T("to: \""), V("x"), T(".txt\"\nmessage: made "), V("x"), T("\n")});
  EXPECT_TRUE(frontmatter_is_simple(r.text, r.values));
  Frontmatter fm;
  FrontmatterError err;
  ASSERT_TRUE(parse(r, &fm, &err));
  EXPECT_EQ(fm.to, "x.txt");
  EXPECT_EQ(fm.message, "made x");
}

}  // namespace
}  // namespace unjucks::gen
