#include "cli/render_command.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace unjucks::cli {
namespace {

namespace fs = std::filesystem;

class RenderCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("unjucks-render-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& rel) const { return (dir_ / rel).string(); }

  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }

  std::string read(const std::string& rel) const {
    std::ifstream in(dir_ / rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  // Runs `unjucks render ARGS...`; stderr is captured into err_.
  int run(std::vector<std::string> args) {
    CLI::App app;
    int code = -1;
    add_render_command(app, &code);
    args.insert(args.begin(), "render");
    std::reverse(args.begin(), args.end());  // CLI11 takes the vector reversed
    fflush(stderr);
    int saved = ::dup(2);
    std::string err_path = path(".stderr");
    int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    ::close(fd);
    app.parse(args);
    fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    err_ = read(".stderr");
    fs::remove(err_path);
    return code;
  }

  fs::path dir_;
  std::string err_;
};

TEST_F(RenderCommandTest, RendersDataAndTypedSetsToAFile) {
  write("t.njk",
        "{{ name }} {{ n + 1 }} {{ flag and 'yes' }} {{ list | join('-') }} {{ zero }} {{ s }} "
        "{{ nothing === null }} {{ q }}");
  write("d.json", R"({"name": "<b>", "n": 1, "s": "from data"})");
  int code = run({path("t.njk"), "--data", path("d.json"), "--set", "n=41", "--set", "flag=true",
                  "--set", "list=[1,2]", "--set", "zero=007", "--set", "nothing=null", "--set",
                  "q=\"quoted\"", "-o", path("out.txt")});
  EXPECT_EQ(code, kExitOk) << err_;
  EXPECT_EQ(read("out.txt"), "&lt;b&gt; 42 yes 1-2 007 from data true quoted");
}

TEST_F(RenderCommandTest, DottedSetMakesNestedObjects) {
  write("t.njk", "{{ a.b.c }} {{ a.keep }} {{ x.y }}");
  write("d.json", R"({"a": {"keep": "k"}, "x": 5})");
  int code = run({path("t.njk"), "-d", path("d.json"), "-s", "a.b.c=deep", "-s", "x.y=2", "-o",
                  path("out.txt")});
  EXPECT_EQ(code, kExitOk) << err_;
  EXPECT_EQ(read("out.txt"), "deep k 2");
}

TEST_F(RenderCommandTest, OptionsReachTheEnvironment) {
  write("t.njk", "{% if true %}\n  {{ v }}\n{% endif %}\n");
  int code = run(
      {path("t.njk"), "--set", "v=<i>", "--no-autoescape", "--trim-blocks", "-o", path("out.txt")});
  EXPECT_EQ(code, kExitOk) << err_;
  EXPECT_EQ(read("out.txt"), "  <i>\n");
  write("u.njk", "{{ missing }}");
  EXPECT_EQ(run({path("u.njk"), "--throw-on-undefined", "-o", path("out2.txt")}),
            kExitTemplateError);
  EXPECT_FALSE(fs::exists(dir_ / "out2.txt"));
}

TEST_F(RenderCommandTest, IncludeDirsResolveRelativeNames) {
  write("tpl/base.njk", "[{% block b %}{% endblock %}]");
  write("tpl/pages/page.njk", "{% extends '../base.njk' %}{% block b %}page{% endblock %}");
  int code = run({path("tpl/pages/page.njk"), "-I", path("tpl"), "-o", path("out.txt")});
  EXPECT_EQ(code, kExitOk) << err_;
  EXPECT_EQ(read("out.txt"), "[page]");
  // Without -I the template's own folder is searched.
  write("tpl/pages/inc.njk", "<{% include 'part.njk' %}>");
  write("tpl/pages/part.njk", "part");
  EXPECT_EQ(run({path("tpl/pages/inc.njk"), "-o", path("out.txt")}), kExitOk) << err_;
  EXPECT_EQ(read("out.txt"), "<part>");
}

TEST_F(RenderCommandTest, TemplateErrorKeepsTheOldFileAndLeavesNoTemporary) {
  write("out.txt", "old");
  write("bad.njk", "ok {{ x | no_such_filter }}");
  EXPECT_EQ(run({path("bad.njk"), "-o", path("out.txt")}), kExitTemplateError);
  EXPECT_NE(err_.find("bad.njk:1:"), std::string::npos) << err_;
  EXPECT_EQ(read("out.txt"), "old");
  EXPECT_EQ(files(), (std::vector<std::string>{"bad.njk", "out.txt"}));
  write("runtime.njk", "{{ 'a' }}{{ x.y() }}");  // fails after some output
  EXPECT_EQ(run({path("runtime.njk"), "-o", path("out.txt")}), kExitTemplateError);
  EXPECT_EQ(read("out.txt"), "old");
  EXPECT_EQ(files(), (std::vector<std::string>{"bad.njk", "out.txt", "runtime.njk"}));
}

TEST_F(RenderCommandTest, UserErrorsExitOne) {
  write("t.njk", "x");
  EXPECT_EQ(run({path("missing.njk")}), kExitUserError);
  EXPECT_NE(err_.find("missing.njk"), std::string::npos) << err_;
  EXPECT_EQ(run({path("t.njk"), "--data", path("missing.json")}), kExitUserError);
  write("bad.json", "{\"a\": }");
  EXPECT_EQ(run({path("t.njk"), "--data", path("bad.json")}), kExitUserError);
  EXPECT_NE(err_.find("line 1, column 7"), std::string::npos) << err_;
  write("arr.json", "[1]");
  EXPECT_EQ(run({path("t.njk"), "--data", path("arr.json")}), kExitUserError);
  EXPECT_EQ(run({path("t.njk"), "--set", "novalue"}), kExitUserError);
  EXPECT_EQ(run({path("t.njk"), "--set", "a..b=1"}), kExitUserError);
  EXPECT_EQ(run({path("t.njk"), "-o", path("no/such/dir/out.txt")}), kExitUserError);
  EXPECT_EQ(run({path("t.njk"), "-I", path("nodir")}), kExitUserError);
}

TEST_F(RenderCommandTest, WritesToStdout) {
  write("t.njk", "{% for i in range(3) %}{{ i }}{% endfor %}");
  fflush(stdout);
  int saved = ::dup(1);
  int fd = ::open(path("stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(fd, 1);
  ::close(fd);
  int code = run({path("t.njk")});
  ::dup2(saved, 1);
  ::close(saved);
  EXPECT_EQ(code, kExitOk) << err_;
  EXPECT_EQ(read("stdout"), "012");
}

TEST_F(RenderCommandTest, RepeatPrintsABenchmarkLine) {
  write("w/template.njk", "{% for i in range(100) %}x{% endfor %}");
  fflush(stdout);
  int saved = ::dup(1);
  int fd = ::open(path("stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(fd, 1);
  ::close(fd);
  int code = run({path("w/template.njk"), "--repeat", "7"});
  fflush(stdout);
  ::dup2(saved, 1);
  ::close(saved);
  EXPECT_EQ(code, kExitOk) << err_;
  std::string line = read("stdout");
  EXPECT_NE(line.find("\"workload\":\"w\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"renders\":7,"), std::string::npos) << line;
  EXPECT_NE(line.find("\"bytes_per_render\":100.0"), std::string::npos) << line;
  EXPECT_NE(line.find("\"rss_mb\":"), std::string::npos) << line;
}

}  // namespace
}  // namespace unjucks::cli
