// Issue 13, D2: a 100 KB template of one long chain crashed every command with a stack overflow
// (exit 139), even in a branch never taken, and a batch lost all its records with it. Through
// the real binary, each command must answer with the template's name, line and column and exit
// status 2.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness.h"

namespace unjucks::hardening {
namespace {

ChildResult in(const Scratch& s, const std::vector<std::string>& args) {
  ChildOptions co;
  co.cwd = s.path().string();
  return run_unjucks(args, co);
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The shapes of the issue, 200,000 links each.
std::vector<std::pair<std::string, std::string>> shapes() {
  const size_t n = 200000;
  return {
      {"plus", "{{ 1" + repeat("+1", n) + " }}"},
      {"upper", "{{ x" + repeat("|upper", n) + " }}"},
      {"lookup", "{{ a" + repeat(".b", n) + " }}"},
      {"index", "{{ x" + repeat("[0]", n) + " }}"},
      {"concat", "{{ 1" + repeat("~1", n) + " }}"},
      {"pow", "{{ 1" + repeat("**1", n) + " }}"},
      {"and", "{{ 1" + repeat(" and 1", n) + " }}"},
      {"call", "{{ f" + repeat("()", n) + " }}"},
      {"default", "{{ x" + repeat(" | default(1)", n) + " }}"},
  };
}

TEST(LongTemplatesTest, RenderAnswersEveryShapeWithAnError) {
  Scratch s;
  for (const auto& [name, body] : shapes()) {
    s.write(name + ".njk", "{% if false %}" + body + "{% endif %}");
    ChildResult r = in(s, {"render", name + ".njk"});
    EXPECT_EQ(r.status, 2) << name << ": " << r.err.substr(0, 300);
    EXPECT_EQ(r.err.rfind(name + ".njk:1:", 0), 0u) << name << ": " << r.err.substr(0, 300);
    EXPECT_NE(r.err.find("limit parse-depth"), std::string::npos) << r.err.substr(0, 300);
  }
  // 200,000 elifs are no nesting: the chain renders.
  s.write("elif.njk", "{% if 0 %}" + repeat("{% elif 0 %}", 200000) + "{% else %}E{% endif %}");
  ChildResult r = in(s, {"render", "elif.njk"});
  EXPECT_EQ(r.status, 0) << r.err.substr(0, 300);
  EXPECT_EQ(r.out, "E");
}

TEST(LongTemplatesTest, GenerateHelpAndBatchAnswerWithAnError) {
  Scratch s;
  std::string chain = "{{ 1" + repeat("+1", 200000) + " }}";
  s.write("_templates/g/a/x.t",
          "---\nto: out/{{ name }}.txt\n---\n{% if false %}" + chain + "{% endif %}\n");
  s.write("_templates/g/ok/x.t", "---\nto: out/{{ name }}.txt\n---\nfine\n");
  // The variable scan of `help` walks every template of the generator.
  ChildResult r = in(s, {"help", "g"});
  EXPECT_EQ(r.status, 2) << r.out << r.err.substr(0, 300);
  EXPECT_EQ(r.err.rfind("_templates/g/a/x.t:4:", 0), 0u) << r.err.substr(0, 300);
  r = in(s, {"generate", "g", "a", "one"});
  EXPECT_EQ(r.status, 2) << r.err.substr(0, 300);
  EXPECT_EQ(r.err.rfind("_templates/g/a/x.t:4:", 0), 0u) << r.err.substr(0, 300);
  EXPECT_NE(r.err.find("error: expression is too long"), std::string::npos) << r.err.substr(0, 300);
  EXPECT_FALSE(fs::exists(s.path() / "out/one.txt"));
  s.write("records.jsonl", "{\"name\": \"a\"}\n{\"name\": \"b\"}\n{\"name\": \"c\"}\n");
  r = in(s, {"batch", "g", "a", "--data", "records.jsonl", "-j", "2"});
  EXPECT_EQ(r.status, 2) << r.out << r.err.substr(0, 300);
  EXPECT_NE(r.err.find("_templates/g/a/x.t:4:"), std::string::npos) << r.err.substr(0, 300);
  // The other actions of the generator are unaffected.
  r = in(s, {"generate", "g", "ok", "two"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(s.read("out/two.txt"), "fine\n");
}

}  // namespace
}  // namespace unjucks::hardening
