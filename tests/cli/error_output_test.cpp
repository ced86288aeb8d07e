// How errors come out: "error:" in red when stderr is a terminal (a real pseudo-terminal here),
// plain when it is not or when NO_COLOR is set; the JSON form's shape; a diagnostic's place
// parsed back out of its text.
#include "cli/error_output.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli_child.h"
#include "template/error.h"

namespace unjucks::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRedError = "\x1b[1;31merror:\x1b[0m";

// Runs `unjucks <args>` in `cwd` with stderr on a pseudo-terminal; returns what it printed there.
std::string stderr_on_terminal(const fs::path& cwd, const std::vector<std::string>& args,
                               const char* no_color) {
  int master = -1, slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
    ADD_FAILURE() << "openpty failed";
    return "";
  }
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(master);
    ::dup2(slave, 2);
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    if (::chdir(cwd.c_str()) != 0) ::_exit(99);
    if (no_color) {
      ::setenv("NO_COLOR", no_color, 1);
    } else {
      ::unsetenv("NO_COLOR");
    }
    std::vector<std::string> storage = {"unjucks"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    int rc = run(static_cast<int>(storage.size()), argv.data());
    std::fflush(stderr);
    ::_exit(rc);
  }
  ::close(slave);
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) break;
    ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has closed its side
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(master);
  ::waitpid(pid, nullptr, 0);
  return out;
}

class ErrorColour : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("unjucks-colour-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "bad.njk") << "{{ x | uper }}";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ErrorColour, RedOnATerminal) {
  std::string err = stderr_on_terminal(dir_, {"lst"}, nullptr);
  EXPECT_NE(
      err.find(std::string("unjucks: ") + kRedError + " unknown command or generator \"lst\""),
      std::string::npos)
      << err;
  // A template's diagnostic too: the label after its place.
  err = stderr_on_terminal(dir_, {"render", "bad.njk"}, nullptr);
  EXPECT_NE(err.find(std::string("bad.njk:1:8: ") + kRedError + " filter not found: uper"),
            std::string::npos)
      << err;
  // An empty NO_COLOR counts as unset.
  err = stderr_on_terminal(dir_, {"lst"}, "");
  EXPECT_NE(err.find(kRedError), std::string::npos) << err;
}

TEST_F(ErrorColour, PlainWithNoColorOrWithoutATerminal) {
  std::string err = stderr_on_terminal(dir_, {"lst"}, "1");
  EXPECT_NE(err.find("unjucks: error: unknown command"), std::string::npos) << err;
  EXPECT_EQ(err.find('\x1b'), std::string::npos) << err;
  testing::CliRun r = testing::run_in_child(dir_, dir_, {"lst"}, {{"NO_COLOR", ""}});
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unjucks: error: unknown command"), std::string::npos) << r.err;
}

TEST(ErrorJson, OneShapeForEveryKind) {
  CliError e;
  e.kind = kErrorUnknownGenerator;
  e.message = "m";
  e.suggestions = {"a"};
  EXPECT_EQ(error_json(e).dump(),
            R"({"kind":"unknown-generator","message":"m","suggestions":["a"]})");
  e = CliError{};
  e.kind = kErrorMissingVariables;
  e.message = "m";
  e.variables = {"x", "y"};
  EXPECT_EQ(error_json(e).dump(),
            R"({"kind":"missing-variables","message":"m","suggestions":[],"variables":["x","y"]})");
  tpl::Error te;
  te.message = "boom";
  te.template_name = "t.njk";
  te.line = 3;
  te.col = 4;
  te.suggestions = {"upper"};
  EXPECT_EQ(
      error_json(template_error(te)).dump(),
      R"({"kind":"template","message":"boom","suggestions":["upper"],"template":"t.njk","line":3,"column":4})");
  te.line = te.col = 0;
  EXPECT_EQ(error_json(template_error(te))["line"], nullptr);
}

TEST(ErrorJson, DiagnosticTextIsParsedForItsPlace) {
  CliError e = diagnostic_error("_templates/g/a/x.njk:12:5: error: bad thing\n  src\n  ^");
  EXPECT_EQ(e.kind, kErrorTemplate);
  EXPECT_EQ(e.template_name, "_templates/g/a/x.njk");
  EXPECT_EQ(e.line, 12u);
  EXPECT_EQ(e.column, 5u);
  EXPECT_EQ(e.message, "bad thing");
  EXPECT_EQ(e.diagnostic, "_templates/g/a/x.njk:12:5: error: bad thing\n  src\n  ^");
  e = diagnostic_error("big.njk: error: too large");
  EXPECT_EQ(e.template_name, "big.njk");
  EXPECT_EQ(e.line, 0u);
  EXPECT_EQ(e.message, "too large");
  e = diagnostic_error("C:12:x: error: odd");
  EXPECT_EQ(e.template_name, "C:12:x");
  e = diagnostic_error("no diagnostic at all");
  EXPECT_EQ(e.message, "no diagnostic at all");
  EXPECT_TRUE(e.template_name.empty());
}

TEST(PaintErrorLabel, OnlyTheFirstLabelAndOnlyWithColour) {
  EXPECT_EQ(paint_error_label("a: error: b error: c", false), "a: error: b error: c");
  EXPECT_EQ(paint_error_label("a: error: b error: c", true),
            std::string("a: ") + kRedError + " b error: c");
  EXPECT_EQ(paint_error_label("no label", true), "no label");
}

}  // namespace
}  // namespace unjucks::cli
