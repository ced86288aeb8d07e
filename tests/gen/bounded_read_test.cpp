#include "gen/bounded_read.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace unjucks::gen {
namespace {

namespace fs = std::filesystem;

class BoundedReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/unjucks-bounded-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(BoundedReadTest, ReadsAFileWithinTheLimit) {
  std::ofstream(path("a.txt")) << "hello";
  std::string text, err;
  ASSERT_TRUE(read_file_bounded(path("a.txt"), ReadLimit{5, "data-size", false}, &text, &err))
      << err;
  EXPECT_EQ(text, "hello");
  EXPECT_FALSE(read_file_bounded(path("a.txt"), ReadLimit{4, "data-size", false}, &text, &err));
  EXPECT_EQ(err, path("a.txt") + ": larger than the data-size limit of 4 bytes");
  EXPECT_TRUE(text.empty());
}

TEST_F(BoundedReadTest, ARegularFileIsRefusedByItsSizeBeforeItIsRead) {
  // A sparse terabyte: reading it would take hours, refusing it by fstat takes nothing.
  int fd = ::open(path("huge").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, off_t{1} << 40), 0);
  ::close(fd);
  std::string text, err;
  EXPECT_FALSE(read_file_bounded(path("huge"), ReadLimit{uint64_t{64} << 20, "template-size", true},
                                 &text, &err));
  EXPECT_EQ(err, path("huge") + ": larger than the template-size limit of 64 MiB");
}

TEST_F(BoundedReadTest, AnEndlessDeviceStopsOneChunkPastTheLimit) {
  std::string text, err;
  EXPECT_FALSE(read_file_bounded("/dev/zero", ReadLimit{1 << 20, "data-size", false}, &text, &err));
  EXPECT_EQ(err, "/dev/zero: larger than the data-size limit of 1 MiB");
  // Where only regular files will do, it is not read at all.
  EXPECT_FALSE(read_file_bounded("/dev/zero", ReadLimit{1 << 20, "", true}, &text, &err));
  EXPECT_EQ(err, "refusing to read /dev/zero: it is a device, not a regular file");
}

TEST_F(BoundedReadTest, AFifoIsRefusedWithoutWaitingForAWriter) {
  ASSERT_EQ(::mkfifo(path("p").c_str(), 0644), 0);
  std::string text, err;
  // Without O_NONBLOCK this open would wait forever for a writer.
  EXPECT_FALSE(read_file_bounded(path("p"), ReadLimit{1 << 20, "", true}, &text, &err));
  EXPECT_EQ(err, "refusing to read " + path("p") + ": it is a FIFO, not a regular file");
}

TEST_F(BoundedReadTest, AFolderOrAMissingFileIsAnError) {
  std::string text, err;
  EXPECT_FALSE(read_file_bounded(dir_.string(), ReadLimit{}, &text, &err));
  EXPECT_EQ(err, "cannot read " + dir_.string() + ": it is a folder");
  EXPECT_FALSE(read_file_bounded(path("none"), ReadLimit{}, &text, &err));
  EXPECT_EQ(err, "cannot open " + path("none") + ": No such file or directory");
}

}  // namespace
}  // namespace unjucks::gen
