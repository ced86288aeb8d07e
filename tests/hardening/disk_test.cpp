// RealDisk's crash-safety pieces: temporary names, removing what a killed run left, write
// errors that name the target, read-only files.
#include "gen/disk.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "harness.h"

namespace unjucks::hardening {
namespace {

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
  // The PendingFile writes through its own descriptor; swap /dev/full in at that number.
  int fd = -1;
  for (int i = 3; i < 1024; ++i) {
    char link[64], target[4096];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", i);
    ssize_t n = ::readlink(link, target, sizeof target - 1);
    if (n > 0 && std::string(target, static_cast<size_t>(n)) == temp) fd = i;
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
}

}  // namespace
}  // namespace unjucks::hardening
