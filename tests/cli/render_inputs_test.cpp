// `unjucks render` as nunjucks-cli is used: the data as the second argument, a glob of
// templates rendered into --out-dir (paths kept, extension changed, partials left out).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli_child.h"

namespace unjucks::cli {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::read_file;

class RenderInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("unjucks-render-inputs-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "work");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / "work" / rel).parent_path());
    std::ofstream(dir_ / "work" / rel, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) { return read_file(dir_ / "work" / rel); }
  bool exists(const std::string& rel) { return fs::exists(dir_ / "work" / rel); }
  CliRun run(const std::vector<std::string>& args) {
    return testing::run_in_child(dir_ / "work", dir_, args);
  }
  fs::path dir_;
};

TEST_F(RenderInputs, DataFileAsTheSecondArgument) {
  write("t.njk", "Hello {{ name }}!");
  write("data.json", R"({"name": "World"})");
  CliRun r = run({"render", "t.njk", "data.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hello World!");
  // --data still works, and both at once is refused rather than one silently winning.
  r = run({"render", "t.njk", "--data", "data.json"});
  EXPECT_EQ(r.out, "Hello World!");
  r = run({"render", "t.njk", "data.json", "--data", "data.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("the data is given twice"), std::string::npos) << r.err;
  r = run({"render", "t.njk", "missing.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot open missing.json"), std::string::npos) << r.err;
}

TEST_F(RenderInputs, GlobRendersEachTemplateIntoOutDirKeepingPaths) {
  write("pages/index.njk", "{% include '_nav.njk' %}|{{ site }}|index");
  write("pages/blog/post.njk", "{% extends '_layout.njk' %}{% block b %}post{% endblock %}");
  write("pages/_nav.njk", "NAV");
  write("pages/_layout.njk", "<{% block b %}{% endblock %}>{{ site }}");
  write("pages/notes.txt", "not a template");
  write("data.json", R"({"site": "S"})");
  CliRun r = run({"render", "pages/**/*.njk", "data.json", "--out-dir", "dist"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read("dist/index.html"), "NAV|S|index");
  EXPECT_EQ(read("dist/blog/post.html"), "<post>S");  // _layout.njk found from a subfolder
  // Partials are not rendered on their own, other files are not matched.
  EXPECT_FALSE(exists("dist/_nav.html"));
  EXPECT_FALSE(exists("dist/_layout.html"));
  EXPECT_FALSE(exists("dist/notes.html"));
  std::vector<std::string> all;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "work/dist")) {
    if (e.is_regular_file()) all.push_back(e.path().lexically_relative(dir_ / "work").string());
  }
  EXPECT_EQ(all.size(), 2u);

  // --extension, "" dropping it.
  r = run({"render", "pages/*.njk", "-e", "txt", "--out-dir", "out"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read("out/index.txt"), "NAV||index");
  r = run({"render", "pages/*.njk", "--extension", "", "--out-dir", "bare"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("bare/index"));
  // One template into --out-dir.
  r = run({"render", "pages/index.njk", "--out-dir", "one"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read("one/index.html"), "NAV||index");
}

TEST_F(RenderInputs, GlobMistakesAreErrorsThatSayWhatToDo) {
  write("pages/index.njk", "x");
  CliRun r = run({"render", "pages/*.njk"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("give --out-dir DIR"), std::string::npos) << r.err;
  r = run({"render", "pages/*.njk", "-o", "x.html"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not --output"), std::string::npos) << r.err;
  r = run({"render", "nothing/*.njk", "--out-dir", "d"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no template matches nothing/*.njk"), std::string::npos) << r.err;
  EXPECT_FALSE(exists("d"));
  // The output must not replace its own template.
  r = run({"render", "pages/*.njk", "--out-dir", "pages", "-e", "njk"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("would replace the template itself"), std::string::npos) << r.err;
  EXPECT_EQ(read("pages/index.njk"), "x");
}

TEST_F(RenderInputs, OneBadTemplateInAGlobFailsTheRunButNotTheOthers) {
  write("pages/a.njk", "A");
  write("pages/b.njk", "{{ x | uper }}");
  write("pages/c.njk", "C");
  CliRun r = run({"render", "pages/*.njk", "--out-dir", "dist"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("b.njk:1:8: error: filter not found: uper; did you mean \"upper\"?"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read("dist/a.html"), "A");
  EXPECT_EQ(read("dist/c.html"), "C");
  EXPECT_FALSE(exists("dist/b.html"));
}

}  // namespace
}  // namespace unjucks::cli
