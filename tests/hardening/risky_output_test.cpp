// Issue 13: outputs that are legal but dangerous. A `chmod:` with the set-user-ID or
// set-group-ID bit (a generator run as root would make set-id programs) is refused unless
// --allow-setid is given; a path into a .git folder (git runs its hooks) is written, with a
// warning on stderr (generate and batch).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "harness.h"

namespace unjucks::hardening {
namespace {

uint32_t mode_of(const fs::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
}

TEST(RiskyOutputTest, SetIdBitsAreRefusedUnlessAllowed) {
  Scratch s;
  s.write("_templates/g/a/1.njk", "---\nto: plain.txt\n---\nplain\n");
  s.write("_templates/g/a/2.njk", "---\nto: tool\nchmod: 6777\n---\n#!/bin/sh\n");
  s.write("_templates/g/keep/1.njk", "---\nto: old\ninject: true\nappend: true\n---\nmore\n");
  s.write("old", "setuid already\n");
  ::chmod((s.path() / "old").c_str(), 04755);
  ChildOptions co;
  co.cwd = s.path().string();
  for (const char* command : {"generate", "batch"}) {
    SCOPED_TRACE(command);
    std::vector<std::string> args = {command, "g", "a", "--dest", "."};
    if (std::string(command) == "batch") {
      s.write("records.jsonl", "{\"name\": \"one\"}\n");
      args.insert(args.end(), {"--data", "records.jsonl", "-j1"});
    }
    ChildResult r = run_unjucks(args, co);
    EXPECT_EQ(r.status, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("--allow-setid"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(s.path() / "tool"));
    EXPECT_FALSE(fs::exists(s.path() / "plain.txt"));
    args.push_back("--allow-setid");
    r = run_unjucks(args, co);
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_EQ(mode_of(s.path() / "tool"), 06777u);
    fs::remove(s.path() / "tool");
    fs::remove(s.path() / "plain.txt");
  }
  // A set-id file that is there already keeps its mode when changed: that needs the flag too.
  ChildResult r = run_unjucks({"generate", "g", "keep", "--dest", "."}, co);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("--allow-setid"), std::string::npos) << r.err;
  EXPECT_EQ(s.read("old"), "setuid already\n");
  r = run_unjucks({"generate", "g", "keep", "--dest", ".", "--allow-setid"}, co);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(s.read("old"), "setuid already\nmore\n");
  EXPECT_EQ(mode_of(s.path() / "old"), 04755u);
}

TEST(RiskyOutputTest, WritingIntoAGitFolderIsWarnedAbout) {
  Scratch s;
  s.write("_templates/g/a/1.njk", "---\nto: .git/hooks/pre-commit\n---\n#!/bin/sh\n");
  s.write("_templates/g/a/2.njk", "---\nto: src/.GIT/config\n---\nx\n");
  s.write("_templates/g/a/3.njk", "---\nto: .github/ok.yml\n---\nx\n");
  ChildOptions co;
  co.cwd = s.path().string();
  ChildResult r = run_unjucks({"generate", "g", "a", "--dest", "."}, co);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("warning: .git/hooks/pre-commit is inside a .git folder"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("warning: src/.GIT/config is inside a .git folder"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find(".github"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(s.path() / ".git/hooks/pre-commit"));
  // A batch says it once per file, with the record.
  fs::remove_all(s.path() / ".git");
  fs::remove_all(s.path() / "src");
  fs::remove_all(s.path() / ".github");
  s.write("records.jsonl", "{\"name\": \"one\"}\n");
  r = run_unjucks({"batch", "g", "a", "--data", "records.jsonl", "-j1", "--dest", "."}, co);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("warning: record 1: .git/hooks/pre-commit is inside a .git folder"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(fs::exists(s.path() / ".git/hooks/pre-commit"));
}

}  // namespace
}  // namespace unjucks::hardening
