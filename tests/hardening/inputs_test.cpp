// Hostile or unusual inputs through the real binary: each has a defined behaviour (README,
// "Hardening"). Invalid UTF-8 passes through byte for byte, NUL bytes make a template a binary
// file (copied verbatim), CRLF and a BOM before the frontmatter work, empty files are fine,
// paths never leave their folders, and every limit answers with an error instead of a crash.
#include <gtest/gtest.h>

#include <fstream>

#include "harness.h"

namespace unjucks::hardening {
namespace {

ChildResult in(const Scratch& s, const std::vector<std::string>& args) {
  ChildOptions co;
  co.cwd = s.path().string();
  return run_unjucks(args, co);
}

// ---- templates and data

TEST(InputsTest, InvalidUtf8InTemplatesPassesThroughByteForByte) {
  Scratch s;
  s.write("t.njk", "\xff\xfe text \xc3 {{ x | upper }} {{ '\xe2\x82' | lower }}|\n");
  s.write("d.json", R"({"x": "caf\u00e9"})");
  ChildResult r = in(s, {"render", "t.njk", "--data", "d.json"});
  EXPECT_EQ(r.status, 0) << r.err;
  // Template text and printed values keep their bytes; a filter that works on characters
  // (upper, lower, ...) reads each invalid byte as U+FFFD, as JavaScript would have decoded it.
  EXPECT_EQ(r.out, "\xff\xfe text \xc3 CAF\xc3\x89 \xef\xbf\xbd\xef\xbf\xbd|\n");
}

TEST(InputsTest, InvalidUtf8InJsonDataIsAClearError) {
  Scratch s;
  s.write("t.njk", "{{ x }}");
  s.write("d.json", "{\"x\": \"a\xff\"}");
  ChildResult r = in(s, {"render", "t.njk", "--data", "d.json"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("d.json: invalid JSON at line 1, column"), std::string::npos) << r.err;
  // Variables given on the command line are JSON inside: refused the same way.
  s.write("_templates/g/a/x.t", "---\nto: x.txt\n---\n{{ a }}\n");
  r = in(s, {"generate", "g", "a", "--a", "x\xff", "--dest", "."});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "unjucks: error: variables: the value of 'a' is not valid UTF-8\n");
  EXPECT_FALSE(fs::exists(s.path() / "x.txt"));
}

TEST(InputsTest, NulBytesInTemplateTextAndDataAreKept) {
  Scratch s;
  s.write("t.njk", std::string("a\0b {{ x }}", 11));
  s.write("d.json", R"({"x": "c\u0000d"})");
  ChildResult r = in(s, {"render", "t.njk", "--data", "d.json"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, std::string("a\0b c\0d", 7));
}

TEST(InputsTest, ANulByteInAnOutputPathIsRefused) {
  Scratch s;
  // The NUL comes from the data.
  s.write("_templates/g/b/x.t", "---\nto: \"out{{ nul }}.txt\"\n---\nx\n");
  s.write("nul.json", R"({"nul": "\u0000"})");
  ChildResult r = in(s, {"generate", "g", "b", "--vars", "nul.json", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("the path contains a NUL byte"), std::string::npos)
      << r.out << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out"));
}

TEST(InputsTest, CrlfFrontmatterWorksAndTheBodyKeepsItsLineEndings) {
  Scratch s;
  s.write("_templates/g/a/x.t", "---\r\nto: out/{{ name }}.txt\r\n---\r\nline 1\r\n{{ name }}\r\n");
  ChildResult r = in(s, {"generate", "g", "a", "hello", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("out/hello.txt"), "line 1\r\nhello\r\n");
}

TEST(InputsTest, ABomBeforeFrontmatterIsDroppedElsewhereKept) {
  Scratch s;
  // Like Hygen (its front-matter reader allows a BOM before the fence): the frontmatter is read
  // and the BOM goes with it.
  s.write("_templates/g/a/x.t", "\xEF\xBB\xBF---\nto: with-fm.txt\n---\nbody\n");
  // Without frontmatter the BOM is template text: it is written out, as Nunjucks renders it.
  s.write("_templates/g/a/plain.txt", "\xEF\xBB\xBFplain\n");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("with-fm.txt"), "body\n");
  EXPECT_EQ(s.read("plain.txt"), "\xEF\xBB\xBFplain\n");
  s.write("t.njk", "\xEF\xBB\xBFx");
  r = in(s, {"render", "t.njk"});
  EXPECT_EQ(r.out, "\xEF\xBB\xBFx");
}

TEST(InputsTest, EmptyTemplatesWriteEmptyFilesAndEmptyDataIsAClearError) {
  Scratch s;
  s.write("_templates/g/a/empty.txt", "");
  s.write("_templates/g/a/only-fm.t", "---\nto: fm.txt\n---\n");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(fs::exists(s.path() / "empty.txt"));
  EXPECT_EQ(s.read("empty.txt"), "");
  EXPECT_EQ(s.read("fm.txt"), "");
  s.write("t.njk", "");
  s.write("empty.json", "");
  r = in(s, {"render", "t.njk"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
  r = in(s, {"render", "t.njk", "--data", "empty.json"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("empty.json: invalid JSON at line 1, column 1"), std::string::npos) << r.err;
}

TEST(InputsTest, BinaryFilesInATemplatesFolderAreCopiedVerbatim) {
  Scratch s;
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR{{ not a template }}\xff\x00", 34);
  s.write("_templates/g/a/{{ name }}.png", png);
  s.write("_templates/g/a/readme.md", "# {{ name }}\n");
  ChildResult r = in(s, {"generate", "g", "a", "logo", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("logo.png"), png);
  EXPECT_EQ(s.read("readme.md"), "# logo\n");
  // Existing binary outputs follow the usual rules: skipped without --force.
  r = in(s, {"generate", "g", "a", "logo", "--dest", "."});
  EXPECT_NE(r.out.find("skipped"), std::string::npos) << r.out;
}

TEST(InputsTest, InvalidUtf8InFileNamesIsKeptAndTheJsonReportStaysValid) {
  Scratch s;
  s.write("_templates/g/a/caf\xe9.txt", "x\n");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", ".", "--json"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(fs::exists(s.path() / "caf\xe9.txt"));
  EXPECT_NE(r.out.find("caf\xef\xbf\xbd.txt"), std::string::npos) << r.out;  // U+FFFD in JSON
}

// ---- folders

TEST(InputsTest, IncludesCannotLeaveTheTemplatesFolder) {
  Scratch s;
  s.write("secret.txt", "secret");
  // Names are relative to the templates folder: this one climbs above it.
  s.write("_templates/g/a/x.t",
          "---\nto: x.txt\n---\nline\n{% include \"../../../../secret.txt\" %}\n");
  ChildResult r = in(s, {"generate", "g", "a", "--dest", "out"});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("x.t:5:4: error: template \"../../../../secret.txt\" is outside the "
                       "template folder (refused)"),
            std::string::npos)
      << r.err;
  s.write("_templates/g/b/x.t",
          "---\nto: x.txt\n---\n{% include \"" + s.path().string() + "/secret.txt\" %}\n");
  r = in(s, {"generate", "g", "b", "--dest", "out"});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("is outside the template folder"), std::string::npos) << r.err;
  fs::create_symlink(s.path() / "secret.txt", s.path() / "_templates/link.njk");
  s.write("_templates/g/c/x.t", "---\nto: x.txt\n---\n{% include \"link.njk\" %}\n");
  r = in(s, {"generate", "g", "c", "--dest", "out"});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(
      r.err.find("x.t:4:4: error: template \"link.njk\" resolves outside the template folder"),
      std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("secret"), std::string::npos);
  EXPECT_FALSE(fs::exists(s.path() / "out/x.txt"));
}

// ---- limits

TEST(InputsTest, TenThousandLevelsOfJsonDataAreAClearError) {
  Scratch s;
  std::string deep = "{\"a\": " + std::string(10000, '[') + std::string(10000, ']') + "}";
  s.write("deep.json", deep);
  s.write("deep.yml", "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  s.write("t.njk", "{{ a }}");
  ChildResult r = in(s, {"render", "t.njk", "--data", "deep.json"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("nesting deeper than"), std::string::npos) << r.err;
  s.write("_templates/g/a/x.t", "---\nto: x.txt\n---\n{{ a }}\n");
  r = in(s, {"generate", "g", "a", "--vars", "deep.json", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("nesting deeper than"), std::string::npos) << r.err;
  r = in(s, {"generate", "g", "a", "--vars", "deep.yml", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("deep.yml:1:20004: error: invalid YAML: nested too deeply to be read"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "x.txt"));
}

TEST(InputsTest, DataJustUnderTheNestingLimitsWorks) {
  // Read, copied, converted and printed without running out of stack (the ASan build has
  // larger frames on the same stack): 9,990 levels of --data, 990 of generator variables
  // (their JSON goes through recursive copies), 450 of YAML.
  Scratch s;
  s.write("ok.json", "{\"a\": " + std::string(9990, '[') + std::string(9990, ']') + "}");
  s.write("vars.json", "{\"a\": " + std::string(990, '[') + std::string(990, ']') + "}");
  s.write("vars-deep.json", "{\"a\": " + std::string(1000, '[') + std::string(1000, ']') + "}");
  s.write("ok.yml", "a: " + std::string(450, '[') + std::string(450, ']') + "\n");
  s.write("t.njk", "[{{ a }}]{{ a | length }}");
  ChildResult r = in(s, {"render", "t.njk", "--data", "ok.json"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "[]1");
  s.write("_templates/g/a/x.t", "---\nto: x{{ a | length }}.txt\n---\n[{{ a }}]\n");
  r = in(s, {"generate", "g", "a", "--vars", "vars.json", "--dest", "."});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("x1.txt"), "[]\n");
  r = in(s, {"generate", "g", "a", "--vars", "ok.yml", "--dest", ".", "--force"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  r = in(s, {"generate", "g", "a", "--vars", "vars-deep.json", "--dest", ".", "--force"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("vars-deep.json:1:1006: error: nesting deeper than 1000 levels"),
            std::string::npos)
      << r.err;
}

TEST(InputsTest, DeepAndCyclicValuesBuiltByATemplatePrintWithoutCrashing) {
  Scratch s;
  // 300,000 levels of arrays (JavaScript prints nested empty arrays as ""), and an array that
  // contains itself (V8 prints the inner occurrence as "").
  s.write("t.njk",
          "{% set a = [] %}{% for i in range(300000) %}{% set a = [a] %}{% endfor %}"
          "[{{ a }}][{{ a | join('-') }}][{{ (a + 'x') | length }}]"
          "{% set c = [1, 2] %}{% set _ = c.push(c) %}[{{ c }}]");
  ChildResult r = in(s, {"render", "t.njk"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "[][][1][1,2,]");
  // dump (JSON.stringify) refuses such depth as JavaScript does.
  s.write("dump.njk",
          "{% set a = [] %}{% for i in range(300000) %}{% set a = [a] %}{% endfor %}"
          "{{ a | dump | length }}");
  r = in(s, {"render", "dump.njk"});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("RangeError: Maximum call stack size exceeded"), std::string::npos) << r.err;
}

TEST(InputsTest, RunawayTemplatesFailFast) {
  Scratch s;
  s.write("range.njk", "{% for i in range(n) %}x{% endfor %}");
  s.write("n.json", R"({"n": 1e12})");
  ChildResult r = in(s, {"render", "range.njk", "--data", "n.json"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("range.njk:1:4: error: loop iteration limit exceeded"), std::string::npos)
      << r.err;
  // A macro calling itself twice, 60 levels deep: 2^60 calls, no loop anywhere.
  s.write("tree.njk",
          "{% macro f(n) %}{% if n < 60 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}"
          "{{ f(0) }}");
  r = in(s, {"render", "tree.njk"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: call limit exceeded (1000000 macro calls, includes and imports "
                       "per render)"),
            std::string::npos)
      << r.err.substr(0, 300);
  r = in(s, {"render", "tree.njk", "--limit", "calls=1000"});
  EXPECT_NE(r.err.find("call limit exceeded (1000 macro"), std::string::npos) << r.err;
  r = in(s, {"render", "range.njk", "--limit", "bogus=1"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("unknown limit bogus"), std::string::npos) << r.err;
}

TEST(InputsTest, LimitsFromTheProjectConfigApplyToGenerators) {
  Scratch s;
  s.write("unjucks.config.yml", "limits:\n  maxOutputSize: 1K\n  maxTemplateSize: 2K\n");
  s.write("_templates/g/big/x.t",
          "---\nto: big.txt\n---\n{% for i in range(1000) %}0123456789{% endfor %}\n");
  s.write("_templates/g/huge/x.t", "---\nto: huge.txt\n---\n" + std::string(3000, 'x'));
  ChildResult r = in(s, {"generate", "g", "big", "--dest", "."});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("output exceeds the limit of 1024 bytes"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "big.txt"));
  EXPECT_TRUE(temp_files(s.path()).empty());
  r = in(s, {"generate", "g", "huge", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("template is larger than the limit of 2048 bytes"), std::string::npos)
      << r.err;
  s.write("unjucks.config.yml", "limits:\n  maxOutputSize: lots\n");
  r = in(s, {"generate", "g", "big", "--dest", "."});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("limit maxOutputSize: expected a size such as 512K, 64M or 1G"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace unjucks::hardening
