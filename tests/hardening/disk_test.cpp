// RealDisk's crash-safety pieces: temporary names, removing what a killed run left, write
// errors that name the target, read-only files.
#include "gen/disk.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "harness.h"

namespace unjucks::hardening {
namespace {

// The names in `dir`, sorted.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(DiskTest, TemporaryNamesAreRecognised) {
  long pid = 0;
  EXPECT_TRUE(gen::is_temp_name(".a.txt.unjucks-1234-0", &pid));
  EXPECT_EQ(pid, 1234);
  EXPECT_TRUE(gen::is_temp_name("..hidden.unjucks-7-12", &pid));
  EXPECT_EQ(pid, 7);
  EXPECT_FALSE(gen::is_temp_name("a.txt.unjucks-1234-0", &pid));  // no leading dot
  EXPECT_FALSE(gen::is_temp_name(".a.txt.unjucks-1234", &pid));
  EXPECT_FALSE(gen::is_temp_name(".a.txt.unjucks-12x4-0", &pid));
  EXPECT_FALSE(gen::is_temp_name(".a.txt.unjucks--0", &pid));
  EXPECT_FALSE(gen::is_temp_name(".a.txt.unjucks-0-0", &pid));
  EXPECT_FALSE(gen::is_temp_name(".unjucks-5-0", &pid));
}

// A pid that is certainly dead: a child that has exited and been reaped.
long dead_pid() {
  pid_t p = ::fork();
  if (p == 0) _exit(0);
  ::waitpid(p, nullptr, 0);
  return p;
}

TEST(DiskTest, StaleTemporariesOfDeadProcessesAreRemovedOthersKept) {
  Scratch s;
  std::string dead = ".a.txt.unjucks-" + std::to_string(dead_pid()) + "-3";
  std::string alive = ".b.txt.unjucks-" + std::to_string(::getppid()) + "-0";  // our parent
  std::string mine = ".c.txt.unjucks-" + std::to_string(::getpid()) + "-0";
  std::string old_alive = ".d.txt.unjucks-" + std::to_string(::getppid()) + "-1";
  for (const std::string& n : {dead, alive, mine, old_alive, std::string("keep.txt")}) {
    s.write(n, "x");
  }
  // A day and a bit old: the pid may belong to another process by now.
  struct timespec times[2] = {{::time(nullptr) - 90000, 0}, {::time(nullptr) - 90000, 0}};
  ::utimensat(AT_FDCWD, (s.path() / old_alive).c_str(), times, 0);
  gen::RealDisk disk;
  EXPECT_EQ(disk.remove_stale_temps(s.path().string()), 2u);
  EXPECT_FALSE(fs::exists(s.path() / dead));
  EXPECT_FALSE(fs::exists(s.path() / old_alive));
  EXPECT_TRUE(fs::exists(s.path() / alive));
  EXPECT_TRUE(fs::exists(s.path() / mine));
  EXPECT_TRUE(fs::exists(s.path() / "keep.txt"));
  // Each folder is looked at once per disk.
  s.write(dead, "x");
  EXPECT_EQ(disk.remove_stale_temps(s.path().string()), 0u);
  EXPECT_EQ(gen::RealDisk().remove_stale_temps(s.path().string()), 1u);
}

TEST(DiskTest, AFailedWriteNamesTheTargetAndIsNeverCommitted) {
  Scratch s;
  s.write("t.txt", "original");
  gen::RealDisk disk;
  std::string err;
  std::unique_ptr<gen::PendingFile> f = disk.create_temp((s.path() / "t.txt").string(), 0644, &err);
  ASSERT_TRUE(f) << err;
  // Make the temporary's descriptor unwritable underneath the writer: /dev/full semantics.
  int full = ::open("/dev/full", O_WRONLY);
  ASSERT_GE(full, 0);
  std::string temp = f->temp_path();
  // The PendingFile writes through its own descriptor; swap /dev/full in at that number (an
  // anonymous temporary's path names it, a named one is found among the open descriptors).
  int fd = -1;
  if (temp.starts_with("/proc/self/fd/")) {
    fd = std::stoi(temp.substr(14));
  } else {
    for (int i = 3; i < 1024; ++i) {
      char link[64], target[4096];
      std::snprintf(link, sizeof link, "/proc/self/fd/%d", i);
      ssize_t n = ::readlink(link, target, sizeof target - 1);
      if (n > 0 && std::string(target, static_cast<size_t>(n)) == temp) fd = i;
    }
  }
  ASSERT_GE(fd, 0);
  ::dup2(full, fd);
  ::close(full);
  f->out().write(std::string(200000, 'x'));
  EXPECT_FALSE(f->finish(&err));
  EXPECT_EQ(err, "cannot write " + (s.path() / "t.txt").string() +
                     ": No space left on device (nothing was changed)");
  EXPECT_FALSE(f->commit(&err));
  f.reset();
  EXPECT_EQ(s.read("t.txt"), "original");
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_EQ(entries(s.path()), std::vector<std::string>{"t.txt"});
}

// A new file has no name in its folder until it is committed, then has its whole content and
// the mode asked for; discarding leaves the folder as it was.
TEST(DiskTest, AFileAppearsOnlyWhenCommittedWithItsMode) {
  Scratch s;
  gen::RealDisk disk;
  std::string err;
  const std::string target = (s.path() / "new.txt").string();
  std::unique_ptr<gen::PendingFile> f = disk.create_temp(target, 0640, &err);
  ASSERT_TRUE(f) << err;
  f->out().write(std::string(100000, 'a'));
  ASSERT_TRUE(f->finish(&err)) << err;
  EXPECT_TRUE(entries(s.path()).empty()) << "an anonymous temporary has no name yet";
  std::string seen;
  ASSERT_TRUE(disk.read(f->temp_path(), &seen, &err)) << err;  // readable before commit
  EXPECT_EQ(seen.size(), 100000u);
  ASSERT_TRUE(f->commit(&err)) << err;
  EXPECT_EQ(s.read("new.txt"), std::string(100000, 'a'));
  EXPECT_EQ(entries(s.path()), std::vector<std::string>{"new.txt"});
  struct stat st;
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);

  std::unique_ptr<gen::PendingFile> g =
      disk.create_temp((s.path() / "gone.txt").string(), 0644, &err);
  ASSERT_TRUE(g) << err;
  g->out().write("never");
  g.reset();
  EXPECT_EQ(entries(s.path()), std::vector<std::string>{"new.txt"});
}

// Committing onto an existing file replaces it whole (a forced write or an injection), with
// the mode asked for, even a mode the umask would take bits from; no temporary is left once it
// is kept.
TEST(DiskTest, CommitReplacesAnExistingFileAtomically) {
  Scratch s;
  s.write("t.sh", "old");
  gen::RealDisk disk;
  std::string err;
  const std::string target = (s.path() / "t.sh").string();
  std::unique_ptr<gen::PendingFile> f = disk.create_temp(target, 0777, &err);
  ASSERT_TRUE(f) << err;
  f->out().write("new");
  EXPECT_EQ(s.read("t.sh"), "old");
  ASSERT_TRUE(f->commit(&err)) << err;
  EXPECT_EQ(s.read("t.sh"), "new");
  f->keep();  // the old file was kept aside for undo() until now
  struct stat st;
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0777u);
  EXPECT_EQ(entries(s.path()), std::vector<std::string>{"t.sh"});
}

// More files pending at once than anonymous temporaries are allowed (each holds a
// descriptor): the rest are named ones, and every file is committed whole.
TEST(DiskTest, ManyPendingFilesAtOnceAllCommit) {
  Scratch s;
  gen::RealDisk disk;
  std::string err;
  std::vector<std::unique_ptr<gen::PendingFile>> files;
  for (int i = 0; i < 300; ++i) {
    files.push_back(disk.create_temp((s.path() / ("f" + std::to_string(i))).string(), 0644, &err));
    ASSERT_TRUE(files.back()) << err;
    files.back()->out().write("file " + std::to_string(i));
    ASSERT_TRUE(files.back()->finish(&err)) << err;
  }
  size_t named = 0;
  for (const auto& f : files) named += f->temp_path().starts_with("/proc/") ? 0 : 1;
  EXPECT_GE(named, 300u - 128u);
  for (auto& f : files) ASSERT_TRUE(f->commit(&err)) << err;
  files.clear();
  EXPECT_EQ(entries(s.path()).size(), 300u);
  for (int i = 0; i < 300; i += 37)
    EXPECT_EQ(s.read("f" + std::to_string(i)), "file " + std::to_string(i));
}

// commit_new puts a file in place only where nothing has its name (a file, a dangling symlink),
// leaving what is there untouched; undo_new takes out only the file it put there. Both kinds
// of temporary.
class CommitNewTest : public ::testing::TestWithParam<bool> {};

TEST_P(CommitNewTest, NeverReplacesAndUndoesOnlyItsOwnFile) {
  const bool named = GetParam();
  if (named) ::setenv("UNJUCKS_NAMED_TEMPORARIES", "1", 1);
  gen::RealDisk disk;
  ::unsetenv("UNJUCKS_NAMED_TEMPORARIES");
  Scratch s;
  s.write("old.txt", "old");
  ASSERT_EQ(::symlink("nowhere", (s.path() / "link").c_str()), 0);
  std::string err;
  auto make = [&](const std::string& name) {
    std::unique_ptr<gen::PendingFile> f = disk.create_temp((s.path() / name).string(), 0640, &err);
    EXPECT_TRUE(f) << err;
    if (f) f->out().write("new " + name);
    return f;
  };
  for (const char* taken : {"old.txt", "link"}) {
    auto f = make(taken);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->temp_path().starts_with("/proc/"), !named);
    EXPECT_EQ(f->commit_new(&err), gen::CommitResult::Exists) << taken;
  }
  EXPECT_EQ(s.read("old.txt"), "old");
  EXPECT_EQ(entries(s.path()), (std::vector<std::string>{"link", "old.txt"}))
      << "nothing replaced, no temporary left";

  auto f = make("new.txt");
  ASSERT_EQ(f->commit_new(&err), gen::CommitResult::Done) << err;
  EXPECT_EQ(s.read("new.txt"), "new new.txt");
  struct stat st;
  ASSERT_EQ(::stat((s.path() / "new.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  f->undo();
  f.reset();
  EXPECT_EQ(entries(s.path()), (std::vector<std::string>{"link", "old.txt"}));

  // Replaced by someone else after commit_new: undo_new leaves the other file alone.
  auto g = make("raced.txt");
  ASSERT_EQ(g->commit_new(&err), gen::CommitResult::Done) << err;
  s.write("other", "someone else's");
  ASSERT_EQ(::rename((s.path() / "other").c_str(), (s.path() / "raced.txt").c_str()), 0);
  g->undo();
  g.reset();
  EXPECT_EQ(s.read("raced.txt"), "someone else's");
}

INSTANTIATE_TEST_SUITE_P(Temporaries, CommitNewTest, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "Named" : "Anonymous"; });

// Issue 13 D5: a file that replaced another can be taken back until it is kept: undo() puts
// the old file back (the same file: its bytes and its mode), keep() drops it; a file committed
// where nothing was is removed by undo(); a file another writer replaced meanwhile is left to
// them. Until keep() or undo(), the new file is locked (a writer waiting for the old one waits
// for it too). No temporary is left in any case.
class CommitUndoTest : public ::testing::TestWithParam<bool> {};

TEST_P(CommitUndoTest, AReplacedFileComesBackWhole) {
  const bool named = GetParam();
  if (named) ::setenv("UNJUCKS_NAMED_TEMPORARIES", "1", 1);
  gen::RealDisk disk;
  ::unsetenv("UNJUCKS_NAMED_TEMPORARIES");
  Scratch s;
  const std::string target = (s.path() / "t.txt").string();
  std::string err;
  auto replace_with = [&](const std::string& text) {
    std::unique_ptr<gen::PendingFile> f = disk.create_temp(target, 0644, &err);
    EXPECT_TRUE(f) << err;
    if (!f) return f;
    f->out().write(text);
    EXPECT_TRUE(f->commit(&err)) << err;
    EXPECT_EQ(s.read("t.txt"), text);
    return f;
  };
  s.write("t.txt", "old");
  ::chmod(target.c_str(), 0600);
  struct stat before;
  ASSERT_EQ(::stat(target.c_str(), &before), 0);

  std::unique_ptr<gen::PendingFile> f = replace_with("new");
  ASSERT_TRUE(f);
  EXPECT_FALSE(disk.lock_file(target, 50, &err)) << "the new file is locked until kept";
  f->undo();
  f.reset();
  EXPECT_EQ(s.read("t.txt"), "old");
  struct stat after;
  ASSERT_EQ(::stat(target.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino) << "the same file is back";
  EXPECT_EQ(after.st_mode & 07777, 0600u);
  EXPECT_EQ(entries(s.path()), std::vector<std::string>{"t.txt"});
  EXPECT_TRUE(disk.lock_file(target, 50, &err)) << err;

  f = replace_with("kept");
  ASSERT_TRUE(f);
  f->keep();
  EXPECT_TRUE(disk.lock_file(target, 50, &err)) << err;
  f->undo();  // too late: kept
  f.reset();
  EXPECT_EQ(s.read("t.txt"), "kept");
  EXPECT_EQ(entries(s.path()), std::vector<std::string>{"t.txt"});

  // Committed where nothing was: undo removes it.
  fs::remove(target);
  f = replace_with("fresh");
  ASSERT_TRUE(f);
  f->undo();
  f.reset();
  EXPECT_TRUE(entries(s.path()).empty());

  // Replaced by another writer after the commit: theirs stays, and the old file goes.
  s.write("t.txt", "old");
  f = replace_with("mine");
  ASSERT_TRUE(f);
  s.write("other", "theirs");
  ASSERT_EQ(::rename((s.path() / "other").c_str(), target.c_str()), 0);
  f->undo();
  f.reset();
  EXPECT_EQ(s.read("t.txt"), "theirs");
  EXPECT_EQ(entries(s.path()), std::vector<std::string>{"t.txt"});
}

INSTANTIATE_TEST_SUITE_P(Temporaries, CommitUndoTest, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "Named" : "Anonymous"; });

// A disk anchored at a directory creates, links, replaces and undoes the files under it
// relative to a descriptor of it (both kinds of temporary), and paths elsewhere as before; the
// files follow the directory if it is renamed, anchor_intact() tells when it was, and a
// missing directory cannot be an anchor.
class AnchorTest : public ::testing::TestWithParam<bool> {
 protected:
  // A disk with no anchor is always intact.
  static bool fresh_intact() {
    gen::RealDisk d;
    std::string e;
    return d.anchor_intact(&e);
  }
};

TEST_P(AnchorTest, FilesUnderTheAnchorAndElsewhereAllLand) {
  const bool named = GetParam();
  if (named) ::setenv("UNJUCKS_NAMED_TEMPORARIES", "1", 1);
  gen::RealDisk disk;
  ::unsetenv("UNJUCKS_NAMED_TEMPORARIES");
  Scratch s, other;
  const fs::path dest = s.path() / "dest";
  ASSERT_TRUE(fs::create_directory(dest));
  std::string err;
  ASSERT_TRUE(disk.anchor(dest.string(), &err)) << err;
  auto put = [&](const fs::path& target, const std::string& text, bool replace) {
    std::unique_ptr<gen::PendingFile> f = disk.create_temp(target.string(), 0644, &err);
    if (!f) return std::string("create: ") + err;
    EXPECT_EQ(f->temp_path().starts_with("/proc/"), !named);
    f->out().write(text);
    if (replace) return f->commit(&err) ? std::string() : "commit: " + err;
    gen::CommitResult r = f->commit_new(&err);
    return r == gen::CommitResult::Done     ? std::string()
           : r == gen::CommitResult::Exists ? std::string("exists")
                                            : "commit_new: " + err;
  };
  EXPECT_EQ(put(dest / "a.txt", "a", false), "");
  ASSERT_TRUE(fs::create_directory(dest / "sub"));
  EXPECT_EQ(put(dest / "sub" / "b.txt", "b", false), "");
  EXPECT_EQ(put(dest / "a.txt", "again", false), "exists");
  EXPECT_EQ(put(dest / "a.txt", "replaced", true), "");
  EXPECT_EQ(put(other.path() / "c.txt", "c", false), "");  // not under the anchor
  EXPECT_EQ(s.read("dest/a.txt"), "replaced");
  EXPECT_EQ(s.read("dest/sub/b.txt"), "b");
  EXPECT_EQ(other.read("c.txt"), "c");
  EXPECT_EQ(entries(dest), (std::vector<std::string>{"a.txt", "sub"})) << "no temporary left";

  // undo_new through the anchor takes out the file it put there.
  std::unique_ptr<gen::PendingFile> f =
      disk.create_temp((dest / "undone.txt").string(), 0644, &err);
  ASSERT_TRUE(f) << err;
  f->out().write("u");
  ASSERT_EQ(f->commit_new(&err), gen::CommitResult::Done) << err;
  EXPECT_TRUE(fs::exists(dest / "undone.txt"));
  f->undo();
  f.reset();
  EXPECT_EQ(entries(dest), (std::vector<std::string>{"a.txt", "sub"}));

  // Renamed meanwhile: new files go where the directory went, nothing at the old path, and
  // anchor_intact() says so (a batch stops on it); a new folder at the old path is not it.
  EXPECT_TRUE(disk.anchor_intact(&err)) << err;
  fs::rename(dest, s.path() / "moved");
  EXPECT_FALSE(disk.anchor_intact(&err));
  EXPECT_NE(err.find("was moved, removed or replaced"), std::string::npos) << err;
  EXPECT_EQ(put(dest / "d.txt", "d", false), "");
  EXPECT_EQ(s.read("moved/d.txt"), "d");
  EXPECT_FALSE(fs::exists(dest));
  ASSERT_TRUE(fs::create_directory(dest));
  EXPECT_FALSE(disk.anchor_intact(&err));
  fs::remove(dest);
  fs::rename(s.path() / "moved", dest);
  EXPECT_TRUE(disk.anchor_intact(&err)) << err;
  EXPECT_TRUE(fresh_intact());

  EXPECT_FALSE(disk.anchor(other.path().string(), &err)) << "anchored once only";
  EXPECT_NE(err.find("already"), std::string::npos) << err;
  gen::RealDisk fresh;
  EXPECT_FALSE(fresh.anchor((s.path() / "missing").string(), &err));
  EXPECT_NE(err.find("missing"), std::string::npos) << err;
}

INSTANTIATE_TEST_SUITE_P(Temporaries, AnchorTest, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "Named" : "Anonymous"; });

// Issue 13 D1: below its anchor, a disk resolves every path from the anchor's descriptor and
// follows no symlink (gen::resolve_inside resolves the symlinks that stay inside before the
// disk is used, so one found here appeared after that check): nothing is created, replaced,
// read, locked, made or removed through one, whether it leads outside or stays inside, at any
// depth, for both resolutions (openat2, the component walk) and both kinds of temporary.
struct ConfinedMode {
  const char* name;
  bool walk;
  bool named;
};

class ConfinedDiskTest : public ::testing::TestWithParam<ConfinedMode> {
 protected:
  void SetUp() override {
    if (GetParam().walk) ::setenv("UNJUCKS_NO_OPENAT2", "1", 1);
    if (GetParam().named) ::setenv("UNJUCKS_NAMED_TEMPORARIES", "1", 1);
    disk_ = std::make_unique<gen::RealDisk>();
    ::unsetenv("UNJUCKS_NO_OPENAT2");
    ::unsetenv("UNJUCKS_NAMED_TEMPORARIES");
    dest_ = s_.path() / "dest";
    outside_ = s_.path() / "outside";
    s_.write("outside/f.txt", "outside");
    s_.write("dest/real/f.txt", "real");
    s_.write("dest/real/deeper/f.txt", "deeper");
    fs::create_directory_symlink(outside_, dest_ / "abs");            // absolute, leads out
    fs::create_directory_symlink("../outside", dest_ / "rel");        // relative, leads out
    fs::create_directory_symlink("real", dest_ / "in");               // stays inside
    fs::create_directory_symlink(outside_, dest_ / "real" / "down");  // deeper, leads out
    fs::create_symlink(outside_ / "f.txt", dest_ / "leaf.txt");       // a final component
    std::string err;
    ASSERT_TRUE(disk_->anchor(dest_.string(), &err)) << err;
  }

  std::string at(const std::string& rel) const { return (dest_ / rel).string(); }

  // The files outside, and their contents: only f.txt, unchanged.
  void expect_outside_untouched() {
    EXPECT_EQ(entries(outside_), std::vector<std::string>{"f.txt"});
    EXPECT_EQ(s_.read("outside/f.txt"), "outside");
  }

  Scratch s_;
  fs::path dest_, outside_;
  std::unique_ptr<gen::RealDisk> disk_;
};

INSTANTIATE_TEST_SUITE_P(Resolution, ConfinedDiskTest,
                         ::testing::Values(ConfinedMode{"Openat2", false, false},
                                           ConfinedMode{"ComponentWalk", true, false},
                                           ConfinedMode{"Openat2Named", false, true},
                                           ConfinedMode{"ComponentWalkNamed", true, true}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST_P(ConfinedDiskTest, NothingGoesThroughASymlinkBelowTheAnchor) {
  std::string err, text;
  for (const char* link : {"abs", "rel", "in", "real/down"}) {
    SCOPED_TRACE(link);
    const std::string dir = link;
    // A new file, and one replacing an existing file.
    for (bool replace : {false, true}) {
      std::unique_ptr<gen::PendingFile> f = disk_->create_temp(at(dir + "/f.txt"), 0644, &err);
      if (f) {
        f->out().write("written through " + dir);
        if (replace) {
          EXPECT_FALSE(f->commit(&err));
        } else {
          EXPECT_EQ(f->commit_new(&err), gen::CommitResult::Failed);
        }
      }
    }
    EXPECT_FALSE(disk_->read(at(dir + "/f.txt"), &text, &err)) << text;
    EXPECT_FALSE(disk_->lstat(at(dir + "/f.txt")).exists());
    EXPECT_FALSE(disk_->stat(at(dir + "/f.txt")).exists());
    EXPECT_FALSE(disk_->lock_file(at(dir + "/f.txt"), 100, &err));
    EXPECT_FALSE(disk_->chmod(at(dir + "/f.txt"), 0600, &err));
    std::vector<std::string> made;
    EXPECT_FALSE(disk_->make_dirs(at(dir + "/new/deeper"), &made, &err));
    EXPECT_TRUE(made.empty());
    EXPECT_FALSE(fs::exists(outside_ / "new"));
    s_.write("outside/.g.txt.unjucks-" + std::to_string(dead_pid()) + "-0", "stale");
    EXPECT_EQ(disk_->remove_stale_temps(at(dir)), 0u);
    for (const auto& e : fs::directory_iterator(outside_)) {
      if (e.path().filename() != "f.txt") fs::remove(e.path());
    }
    expect_outside_untouched();
  }
  EXPECT_EQ(s_.read("dest/real/f.txt"), "real");
  EXPECT_EQ(entries(dest_ / "real"), (std::vector<std::string>{"deeper", "down", "f.txt"}));

  // A symlink as the final component: not read, not locked, and a forced write replaces the
  // link itself (what is outside stays as it is).
  EXPECT_FALSE(disk_->read(at("leaf.txt"), &text, &err)) << text;
  EXPECT_FALSE(disk_->lock_file(at("leaf.txt"), 100, &err));
  EXPECT_EQ(disk_->stat(at("leaf.txt")).type, gen::FileType::Symlink);
  std::unique_ptr<gen::PendingFile> f = disk_->create_temp(at("leaf.txt"), 0644, &err);
  ASSERT_TRUE(f) << err;
  f->out().write("replaced the link");
  ASSERT_TRUE(f->commit(&err)) << err;
  f.reset();
  EXPECT_FALSE(fs::is_symlink(dest_ / "leaf.txt"));
  EXPECT_EQ(s_.read("dest/leaf.txt"), "replaced the link");
  expect_outside_untouched();

  // Without symlinks, every operation works at any depth.
  ASSERT_TRUE(disk_->read(at("real/deeper/f.txt"), &text, &err)) << err;
  EXPECT_EQ(text, "deeper");
  std::vector<std::string> made;
  ASSERT_TRUE(disk_->make_dirs(at("real/deeper/a/b"), &made, &err)) << err;
  EXPECT_EQ(made, (std::vector<std::string>{at("real/deeper/a"), at("real/deeper/a/b")}));
  EXPECT_EQ(disk_->lstat(at("real/deeper/a/b")).type, gen::FileType::Dir);
  f = disk_->create_temp(at("real/deeper/a/b/new.txt"), 0600, &err);
  ASSERT_TRUE(f) << err;
  f->out().write("deep");
  ASSERT_EQ(f->commit_new(&err), gen::CommitResult::Done) << err;
  f.reset();
  EXPECT_EQ(s_.read("dest/real/deeper/a/b/new.txt"), "deep");
  EXPECT_TRUE(disk_->lock_file(at("real/deeper/a/b/new.txt"), 100, &err)) << err;
  ASSERT_TRUE(disk_->chmod(at("real/deeper/a/b/new.txt"), 0640, &err)) << err;
  EXPECT_EQ(disk_->lstat(at("real/deeper/a/b/new.txt")).mode, 0640u);
  EXPECT_FALSE(disk_->make_dirs(at("real/f.txt/sub"), &made, &err));
  EXPECT_EQ(err, "cannot create directory " + at("real/f.txt") + ": a file is in the way");
  disk_->remove_dir(at("real/deeper/a/b"));  // not empty: stays
  EXPECT_TRUE(fs::exists(dest_ / "real/deeper/a/b/new.txt"));
}

// The folder a file is being written into is swapped for a symlink that leads out between the
// temporary's creation and its commit: the file lands in the folder it was created in (which
// is inside), or nowhere; never outside.
TEST_P(ConfinedDiskTest, AFolderSwappedForASymlinkBeforeTheCommit) {
  std::string err;
  for (bool replace : {false, true}) {
    SCOPED_TRACE(replace ? "replace" : "new");
    fs::create_directories(dest_ / "sub");
    if (replace) s_.write("dest/sub/t.txt", "old");
    std::unique_ptr<gen::PendingFile> f = disk_->create_temp(at("sub/t.txt"), 0644, &err);
    ASSERT_TRUE(f) << err;
    f->out().write("new");
    ASSERT_TRUE(f->finish(&err)) << err;
    fs::rename(dest_ / "sub", dest_ / "moved");
    fs::create_directory_symlink(outside_, dest_ / "sub");
    if (replace) {
      f->commit(&err);
    } else {
      f->commit_new(&err);
    }
    f.reset();
    expect_outside_untouched();
    fs::remove(dest_ / "sub");
    fs::remove_all(dest_ / "moved");
  }
}

}  // namespace
}  // namespace unjucks::hardening
