// Golden tests of the whole CLI: each folder under tests/cli/golden/ holds
//   args          the arguments after `unjucks`, one per line
//   before/       the files the run starts with (the working directory and --dest)
//   after/        the files expected afterwards (absent: the same as before/)
//   stdout, stderr  the expected output ($DEST stands for the working directory)
//   exit          the expected exit code (absent: 0)
//   modes         optional "path octal-mode" lines checked after the run
// The run happens in-process in a forked child, in a fresh copy of before/.
// UNJUCKS_UPDATE_GOLDEN=1 rewrites stdout, stderr, exit and after/ from what the run did.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli_child.h"

namespace fs = std::filesystem;

namespace {

const fs::path kGolden = fs::path(UNJUCKS_TEST_DATA) / "cli" / "golden";

using unjucks::cli::testing::read_file;

void write_file(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

// Every regular file and symlink below `root`, by relative path, with its content.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root)) return files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    std::string rel = it->path().lexically_relative(root).string();
    if (it->is_symlink()) {
      files[rel] = "-> " + fs::read_symlink(it->path()).string();
      it.disable_recursion_pending();
    } else if (it->is_regular_file()) {
      files[rel] = read_file(it->path());
    }
  }
  return files;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

using RunOutput = unjucks::cli::testing::CliRun;

RunOutput run_cli(const fs::path& dir, const std::vector<std::string>& args) {
  return unjucks::cli::testing::run_in_child(dir, dir.parent_path(), args);
}

std::vector<std::string> golden_cases() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kGolden)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, Matches) {
  const fs::path cdir = kGolden / GetParam();
  const bool update = std::getenv("UNJUCKS_UPDATE_GOLDEN") != nullptr;
  ASSERT_TRUE(fs::exists(cdir / "args")) << "missing args in " << cdir;
  std::vector<std::string> args;
  {
    std::istringstream in(read_file(cdir / "args"));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) args.push_back(line);
    }
  }
  char tmpl[] = "/tmp/unjucks-golden-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const fs::path tmp = fs::canonical(tmpl);
  const fs::path work = tmp / "work";
  fs::create_directories(work);
  if (fs::exists(cdir / "before")) {
    fs::copy(cdir / "before", work, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  }
  for (std::string& a : args) a = replace_all(a, "$DEST", work.string());
  RunOutput r = run_cli(work, args);
  std::string out = replace_all(r.out, work.string(), "$DEST");
  std::string err = replace_all(r.err, work.string(), "$DEST");
  auto after = snapshot(work);

  if (update) {
    write_file(cdir / "stdout", out);
    write_file(cdir / "stderr", err);
    if (r.exit_code != 0) {
      write_file(cdir / "exit", std::to_string(r.exit_code) + "\n");
    } else {
      fs::remove(cdir / "exit");
    }
    if (after != snapshot(cdir / "before")) {
      fs::remove_all(cdir / "after");
      fs::create_directories(cdir / "after");
      fs::copy(work, cdir / "after", fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    } else {
      fs::remove_all(cdir / "after");
    }
  } else {
    int want_exit = fs::exists(cdir / "exit") ? std::stoi(read_file(cdir / "exit")) : 0;
    EXPECT_EQ(r.exit_code, want_exit) << "stderr:\n" << err;
    EXPECT_EQ(out, read_file(cdir / "stdout"));
    EXPECT_EQ(err, read_file(cdir / "stderr"));
    auto expected = snapshot(fs::exists(cdir / "after") ? cdir / "after" : cdir / "before");
    EXPECT_EQ(after.size(), expected.size());
    for (const auto& [path, content] : expected) {
      auto it = after.find(path);
      if (it == after.end()) {
        ADD_FAILURE() << "missing after the run: " << path;
      } else {
        EXPECT_EQ(it->second, content) << "in " << path;
      }
    }
    for (const auto& [path, content] : after) {
      if (!expected.count(path)) ADD_FAILURE() << "unexpected file after the run: " << path;
    }
  }
  if (fs::exists(cdir / "modes")) {
    std::istringstream in(read_file(cdir / "modes"));
    std::string path, mode;
    while (in >> path >> mode) {
      struct stat st;
      ASSERT_EQ(stat((work / path).c_str(), &st), 0) << path;
      EXPECT_EQ(st.st_mode & 07777, std::stoul(mode, nullptr, 8)) << "mode of " << path;
    }
  }
  fs::remove_all(tmp);
}

INSTANTIATE_TEST_SUITE_P(Cli, GoldenTest, ::testing::ValuesIn(golden_cases()),
                         [](const ::testing::TestParamInfo<std::string>& case_info) {
                           return case_info.param;
                         });

}  // namespace
