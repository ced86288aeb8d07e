// Disk full (a file-size limit: writes fail with EFBIG exactly as they fail with ENOSPC) and
// permission denied while generating: a clear error, the original file intact, no temporary
// file left behind.
#include <gtest/gtest.h>
#include <sys/stat.h>

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

}  // namespace
}  // namespace unjucks::hardening
