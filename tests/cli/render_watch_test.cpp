// `unjucks render --watch`, run as a user would: the built binary in a child process, files
// edited beside it (in place, or replaced by a rename as editors save), the output checked after
// each edit, then SIGINT. The waits poll with a generous deadline; nothing here times the
// program.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "cli_child.h"

namespace {

namespace fs = std::filesystem;
using unjucks::cli::testing::read_file;

constexpr auto kDeadline = std::chrono::seconds(20);

class RenderWatch : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("unjucks-watch-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "work");
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  fs::path at(const std::string& rel) const { return dir_ / "work" / rel; }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories(at(rel).parent_path());
    std::ofstream(at(rel), std::ios::binary) << text;
  }
  // As vim and most editors save: a new file renamed over the old one.
  void replace(const std::string& rel, const std::string& text) const {
    std::ofstream(at(rel.substr(0, rel.rfind('/') + 1) + ".tmp-save"), std::ios::binary) << text;
    fs::rename(at(rel.substr(0, rel.rfind('/') + 1) + ".tmp-save"), at(rel));
  }
  std::string err() const { return read_file(dir_ / "stderr.txt"); }
  std::string read(const std::string& rel) const { return read_file(at(rel)); }

  void start(const std::vector<std::string>& args) {
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      int e = ::open((dir_ / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int o = ::open((dir_ / "stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(e, 2);
      ::dup2(o, 1);
      if (::chdir(at("").c_str()) != 0) ::_exit(99);
      ::setenv("NO_COLOR", "1", 1);
      std::vector<std::string> storage = {UNJUCKS_BIN};
      storage.insert(storage.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (std::string& s : storage) argv.push_back(s.data());
      argv.push_back(nullptr);
      ::execv(UNJUCKS_BIN, argv.data());
      ::_exit(98);
    }
  }

  // Waits until `ready` holds; false (with what was seen) at the deadline.
  bool eventually(const std::function<bool()>& ready) const {
    auto until = std::chrono::steady_clock::now() + kDeadline;
    while (std::chrono::steady_clock::now() < until) {
      if (ready()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return ready();
  }
  // The number of "watching" lines so far: one per rendering.
  size_t renders() const {
    std::string e = err();
    size_t n = 0;
    for (size_t p = e.find("watching for changes"); p != std::string::npos;
         p = e.find("watching for changes", p + 1)) {
      ++n;
    }
    return n;
  }
  // Sends SIGINT and returns the exit code (-1 if it did not exit by the deadline or was killed).
  int interrupt() {
    ::kill(pid_, SIGINT);
    int status = 0;
    bool done = eventually([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; });
    pid_ = -1;
    if (!done || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }

  fs::path dir_;
  pid_t pid_ = -1;
};

TEST_F(RenderWatch, RendersAgainWhenTheTemplateAnIncludeOrTheDataChanges) {
  write("t.njk", "{% include 'part.njk' %}|{{ v }}");
  write("part.njk", "P1");
  write("data.json", R"({"v": "a"})");
  start({"render", "t.njk", "data.json", "-o", "out.txt", "--watch"});
  size_t n = 1;  // renderings so far (each ends with its "watching" line)
  ASSERT_TRUE(eventually([&] { return renders() == n; })) << err();
  EXPECT_EQ(read("out.txt"), "P1|a");

  replace("part.njk", "P2");  // an include, saved by rename
  ASSERT_TRUE(eventually([&] { return renders() == n + 1; })) << err();
  EXPECT_EQ(read("out.txt"), "P2|a");
  write("data.json", R"({"v": "b"})");  // the data, written in place
  ASSERT_TRUE(eventually([&] { return read("out.txt") == "P2|b" && renders() >= n + 2; })) << err();
  write("t.njk", "[{% include 'part.njk' %}]|{{ v }}");  // the template itself
  ASSERT_TRUE(eventually([&] { return read("out.txt") == "[P2]|b" && renders() >= n + 3; }))
      << err();
  n = renders();

  // A mistake is reported and the last good output stays; fixing it renders again.
  write("t.njk", "{{ v | uper }}");
  ASSERT_TRUE(eventually([&] { return err().find("1 failed") != std::string::npos; })) << err();
  EXPECT_NE(err().find("t.njk:1:8: error: filter not found: uper; did you mean \"upper\"?"),
            std::string::npos)
      << err();
  EXPECT_EQ(read("out.txt"), "[P2]|b");
  write("t.njk", "{{ v | upper }}!");
  ASSERT_TRUE(eventually([&] { return read("out.txt") == "B!"; })) << err();
  ASSERT_TRUE(eventually([&] { return renders() > n + 1; })) << err();

  // A file nothing reads changes nothing.
  n = renders();
  write("other.txt", "x");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(renders(), n);

  // SIGINT ends it cleanly: exit 0 (the last rendering was good), no temporary file left.
  EXPECT_EQ(interrupt(), 0) << err();
  for (const auto& e : fs::directory_iterator(at(""))) {
    EXPECT_EQ(e.path().filename().string().find(".unjucks-"), std::string::npos) << e.path();
  }
}

TEST_F(RenderWatch, AGlobRendersNewTemplatesAndOnlyTheChangedOnes) {
  write("pages/a.njk", "A{% include '_p.njk' %}");
  write("pages/b.njk", "B");
  write("pages/_p.njk", "1");
  start({"render", "pages/**/*.njk", "--out-dir", "dist", "--watch"});
  ASSERT_TRUE(eventually([&] { return renders() == 1; })) << err();
  EXPECT_EQ(read("dist/a.html"), "A1");
  EXPECT_EQ(read("dist/b.html"), "B");
  EXPECT_NE(err().find("2 templates rendered;"), std::string::npos) << err();

  // A partial: only the template that includes it.
  write("pages/_p.njk", "2");
  ASSERT_TRUE(eventually([&] { return read("dist/a.html") == "A2"; })) << err();
  EXPECT_NE(err().find("1 template rendered;"), std::string::npos) << err();
  // A new template in a new folder.
  write("pages/sub/c.njk", "C");
  ASSERT_TRUE(eventually([&] { return read("dist/sub/c.html") == "C"; })) << err();
  EXPECT_EQ(interrupt(), 0) << err();
}

TEST_F(RenderWatch, StdinCannotBeWatched) {
  write("t.njk", "x");
  start({"render", "-", "--watch"});
  int status = 0;
  ASSERT_TRUE(eventually([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }));
  pid_ = -1;
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(err().find("--watch needs files to watch, not stdin"), std::string::npos) << err();
}

}  // namespace
