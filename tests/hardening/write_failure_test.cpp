// Disk full (a file-size limit: writes fail with EFBIG exactly as they fail with ENOSPC) and
// permission denied while generating: a clear error, the original file intact, no temporary
// file left behind.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "harness.h"

namespace unjucks::hardening {
namespace {

void big_generator(const Scratch& s) {
  s.write("_templates/hard/big/out.txt.njk",
          "---\nto: out.txt\n---\n{% for i in range(20000) %}line {{ i }} of a big file\n"
          "{% endfor %}");
  s.write("_templates/hard/inject/x.t",
          "---\nto: out.txt\ninject: true\nappend: true\n---\nappended\n");
}

TEST(WriteFailureTest, DiskFullLeavesTheOriginalAndNoTemporary) {
  Scratch s;
  big_generator(s);
  s.write("out.txt", "the original\n");
  ChildOptions co;
  co.cwd = s.path().string();
  co.max_file_size = 64 * 1024;  // the rendered file is ~450 KB
  ChildResult r = run_unjucks({"generate", "hard", "big", "--force", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  std::string all = r.out + r.err;
  EXPECT_NE(all.find("cannot write " + (s.path() / "out.txt").string() + ": File too large"),
            std::string::npos)
      << all;
  EXPECT_EQ(s.read("out.txt"), "the original\n");
  EXPECT_TRUE(temp_files(s.path()).empty());
}

TEST(WriteFailureTest, DiskFullOnANewFileWritesNothing) {
  Scratch s;
  big_generator(s);
  ChildOptions co;
  co.cwd = s.path().string();
  co.max_file_size = 64 * 1024;
  ChildResult r = run_unjucks({"generate", "hard", "big", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_FALSE(fs::exists(s.path() / "out.txt"));
  EXPECT_TRUE(temp_files(s.path()).empty());
}

TEST(WriteFailureTest, ReadOnlyFolderIsAClearErrorAndTheFileIsKept) {
  Scratch s;
  big_generator(s);
  s.write("ro/out.txt", "the original\n");
  ::chmod((s.path() / "ro/out.txt").c_str(), 0666);  // only the folder is read-only
  fs::permissions(s.path() / "ro", fs::perms::owner_read | fs::perms::owner_exec |
                                       fs::perms::group_read | fs::perms::group_exec |
                                       fs::perms::others_read | fs::perms::others_exec);
  ChildOptions co;
  co.cwd = s.path().string();
  co.unprivileged = true;  // root writes anywhere
  ChildResult r = run_unjucks({"generate", "hard", "big", "--force", "--dest", "ro"}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  std::string all = r.out + r.err;
  EXPECT_NE(all.find("Permission denied"), std::string::npos) << all;
  EXPECT_NE(all.find("out.txt"), std::string::npos) << all;
  EXPECT_EQ(s.read("ro/out.txt"), "the original\n");
  EXPECT_TRUE(temp_files(s.path()).empty());
}

TEST(WriteFailureTest, ReadOnlyFileIsNotReplaced) {
  Scratch s;
  big_generator(s);
  s.write("out.txt", "the original\n");
  ::chmod((s.path() / "out.txt").c_str(), 0444);
  ::chmod(s.path().c_str(), 0777);  // the folder is writable: a rename would go through
  ChildOptions co;
  co.cwd = s.path().string();
  co.unprivileged = true;
  ChildResult r = run_unjucks({"generate", "hard", "inject", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  std::string all = r.out + r.err;
  EXPECT_NE(all.find("permission denied: the file is read-only (left unchanged)"),
            std::string::npos)
      << all;
  EXPECT_EQ(s.read("out.txt"), "the original\n");
  r = run_unjucks({"generate", "hard", "big", "--force", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_EQ(s.read("out.txt"), "the original\n");
  EXPECT_TRUE(temp_files(s.path()).empty());
}

// Issue 13 D12: a file without write permission bits is refused even for a process that could
// write it anyway (root, as ctest runs here: access(W_OK) says yes to root), for an injection and
// for a forced write; and also when the memory options wrap the disk (a wrapper that did not
// pass the check on let the injection through).
TEST(WriteFailureTest, ReadOnlyFileIsRefusedWhateverThePrivileges) {
  Scratch s;
  big_generator(s);
  s.write("out.txt", "the original\n");
  ::chmod((s.path() / "out.txt").c_str(), 0444);
  ChildOptions co;
  co.cwd = s.path().string();
  std::printf("running as uid %d%s\n", static_cast<int>(::geteuid()),
              ::geteuid() == 0 ? " (root: the mode bits are all that refuse)" : "");
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, std::vector<std::string>{"--memory-limit", "1GiB"}}) {
    std::vector<std::string> inject = {"generate", "hard", "inject", "--dest", "."};
    std::vector<std::string> force = {"generate", "hard", "big", "--force", "--dest", "."};
    inject.insert(inject.end(), extra.begin(), extra.end());
    force.insert(force.end(), extra.begin(), extra.end());
    for (const auto& args : {inject, force}) {
      ChildResult r = run_unjucks(args, co);
      EXPECT_EQ(r.status, 1) << args[2] << " " << extra.size() << r.out << r.err;
      EXPECT_NE(r.err.find("the file is read-only"), std::string::npos) << r.err;
      EXPECT_EQ(s.read("out.txt"), "the original\n");
      struct stat st;
      ASSERT_EQ(::stat((s.path() / "out.txt").c_str(), &st), 0);
      EXPECT_EQ(st.st_mode & 07777, 0444u);
    }
  }
  EXPECT_TRUE(temp_files(s.path()).empty());
}

}  // namespace
}  // namespace unjucks::hardening
