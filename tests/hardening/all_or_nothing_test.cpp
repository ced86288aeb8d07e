// Issue 13 D5: an action is all-or-nothing even when the failure is one file's (an anchor that
// is not there, a target that may not be written, a name too long for the file system): no file
// of the action is written, the error is on stderr, the exit status is 1. Run through the
// binary as `generate` and as one record of a batch.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "harness.h"

namespace unjucks::hardening {
namespace {

struct FailingCase {
  const char* name;
  const char* second_template;  // between a new file and another new file
  const char* error;            // part of the message on stderr
};

class AllOrNothingTest : public ::testing::TestWithParam<FailingCase> {
 protected:
  void SetUp() override {
    s_.write("_templates/g/a/1.njk", "---\nto: a_new.txt\n---\na\n");
    s_.write("_templates/g/a/2.njk", GetParam().second_template);
    s_.write("_templates/g/a/3.njk", "---\nto: z_new.txt\n---\nz\n");
    s_.write("index.ts", "first\nlast\n");
    s_.write("readonly.ts", "first\n// anchor\n");
    ::chmod((s_.path() / "readonly.ts").c_str(), 0444);
  }

  // Nothing of the action is there, the files it would have changed are as they were.
  void expect_nothing_written() {
    EXPECT_FALSE(fs::exists(s_.path() / "a_new.txt"));
    EXPECT_FALSE(fs::exists(s_.path() / "z_new.txt"));
    EXPECT_EQ(s_.read("index.ts"), "first\nlast\n");
    EXPECT_EQ(s_.read("readonly.ts"), "first\n// anchor\n");
    EXPECT_TRUE(temp_files(s_.path()).empty());
  }

  Scratch s_;
};

INSTANTIATE_TEST_SUITE_P(
    Failures, AllOrNothingTest,
    ::testing::Values(
        FailingCase{"MissingAnchor",
                    "---\nto: index.ts\ninject: true\nafter: \"^// anchor\"\n---\nX\n",
                    "anchor /^// anchor/ not found"},
        FailingCase{"ReadOnlyInjectionTarget",
                    "---\nto: readonly.ts\ninject: true\nafter: \"^// anchor\"\n---\nX\n",
                    "read-only"},
        FailingCase{"NameTooLong",
                    "---\nto: "
                    "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
                    "nnnnnnnnnnnnnnnnnnnnnn"
                    "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
                    "nnnnnnnnnnnnnnnnnnnnnn"
                    "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
                    "nnnnnnnnnnnnnnnnnnnnnn"
                    ".txt\n---\nlong\n",
                    "longer than"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST_P(AllOrNothingTest, GenerateWritesNothing) {
  ChildOptions co;
  co.cwd = s_.path().string();
  ChildResult r = run_unjucks({"generate", "g", "a", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find(GetParam().error), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was written"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("error"), std::string::npos) << "errors go to stderr: " << r.out;
  EXPECT_EQ(r.out.find("added"), std::string::npos) << r.out;
  expect_nothing_written();
  // As an unprivileged user too (root may write a read-only file's folder).
  co.unprivileged = true;
  ::chmod(s_.path().c_str(), 0777);
  r = run_unjucks({"generate", "g", "a", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  expect_nothing_written();
}

TEST_P(AllOrNothingTest, ABatchRecordWritesNothing) {
  s_.write("records.jsonl", "{\"name\": \"one\"}\n");
  ChildOptions co;
  co.cwd = s_.path().string();
  ChildResult r =
      run_unjucks({"batch", "g", "a", "--data", "records.jsonl", "-j1", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find(GetParam().error), std::string::npos) << r.err;
  expect_nothing_written();
}

}  // namespace
}  // namespace unjucks::hardening
