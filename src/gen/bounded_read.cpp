#include "gen/bounded_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace unjucks::gen {
namespace {

constexpr size_t kChunk = 64 * 1024;

std::string errno_text(const char* what, const std::string& path, int error) {
  return std::string(what) + " " + path + ": " + std::strerror(error);
}

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a folder";
  return "not a regular file";
}

}  // namespace

std::string too_large_message(const std::string& path, const ReadLimit& limit) {
  std::string m = path + ": larger than the ";
  if (!limit.name.empty()) m += std::string(limit.name) + " ";
  const uint64_t n = limit.max_bytes;
  std::string size = std::to_string(n) + " bytes";
  for (auto [unit, shift] : {std::pair{"GiB", 30}, std::pair{"MiB", 20}, std::pair{"KiB", 10}}) {
    if (n >= (uint64_t{1} << shift) && n % (uint64_t{1} << shift) == 0) {
      size = std::to_string(n >> shift) + " " + unit;
      break;
    }
  }
  return m + "limit of " + size;
}

bool read_fd_bounded(int fd, const std::string& path, const ReadLimit& limit, std::string* out,
                     std::string* err) {
  out->clear();
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    *err = errno_text("cannot read", path, errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    *err = "cannot read " + path + ": it is a folder";
    return false;
  }
  if (limit.regular_only && !S_ISREG(st.st_mode)) {
    *err = "refusing to read " + path + ": it is " + kind_of(st.st_mode) + ", not a regular file";
    return false;
  }
  if (S_ISREG(st.st_mode)) {
    // Refused by its size before a byte is read.
    if (static_cast<uint64_t>(st.st_size) > limit.max_bytes) {
      *err = too_large_message(path, limit);
      return false;
    }
    out->reserve(static_cast<size_t>(st.st_size));
  }
  // Regular files may grow while read, and the others have no size: count what comes.
  char buf[kChunk];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = errno_text("cannot read", path, errno);
      out->clear();
      return false;
    }
    if (n == 0) return true;
    if (out->size() + static_cast<uint64_t>(n) > limit.max_bytes) {
      *err = too_large_message(path, limit);
      out->clear();
      out->shrink_to_fit();
      return false;
    }
    out->append(buf, static_cast<size_t>(n));
  }
}

bool read_file_bounded(const std::string& path, const ReadLimit& limit, std::string* out,
                       std::string* err) {
  if (path == "-") return read_fd_bounded(STDIN_FILENO, "stdin", limit, out, err);
  // O_NONBLOCK keeps open() from waiting for a FIFO's writer when only regular files will do;
  // it changes nothing for a regular file. Without it a FIFO (`--data <(command)`) is waited
  // for, as the user asked.
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (limit.regular_only ? O_NONBLOCK : 0);
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    *err = errno_text("cannot open", path, errno);
    return false;
  }
  bool ok = read_fd_bounded(fd, path, limit, out, err);
  ::close(fd);
  return ok;
}

}  // namespace unjucks::gen
