// Reading a batch's state file back (--resume): what is not a state file this program wrote is
// refused with a message of ours, without blocking and without reading it whole.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "batch/resume_state.h"

namespace unjucks::batch {
namespace {

namespace fs = std::filesystem;

class ResumeStateLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/unjucks-state-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(ResumeStateLoad, ADamagedStateSaysSoInOurWords) {
  std::ofstream(path("state")) << "{\"version\": tru\n";
  DoneSet done;
  std::string err;
  EXPECT_FALSE(load_state(path("state"), BatchIdentity{}, &done, &err));
  EXPECT_EQ(err, "cannot resume: " + path("state") + " is damaged (invalid literal)");
}

TEST_F(ResumeStateLoad, AFifoOrAHugeFileIsRefusedWithoutReadingIt) {
  ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0644), 0);
  DoneSet done;
  std::string err;
  EXPECT_FALSE(load_state(path("fifo"), BatchIdentity{}, &done, &err));  // does not block
  EXPECT_EQ(err, "cannot resume: refusing to read " + path("fifo") +
                     ": it is a FIFO, not a regular file");
  int fd = ::open(path("huge").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, off_t{1} << 40), 0);
  ::close(fd);
  EXPECT_FALSE(load_state(path("huge"), BatchIdentity{}, &done, &err));
  EXPECT_EQ(err, "cannot resume: " + path("huge") + ": larger than the limit of 64 MiB");
}

}  // namespace
}  // namespace unjucks::batch
