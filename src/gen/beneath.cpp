#include "gen/beneath.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>

namespace unjucks::gen {
namespace {

// Set once openat2 has answered ENOSYS (a kernel before 5.6, or a seccomp filter refusing it).
std::atomic<bool> no_openat2{false};

// close() that keeps errno (the caller reports the error before it).
void close_keeping_errno(int fd) {
  int saved = errno;
  ::close(fd);
  errno = saved;
}

int open_with_openat2(int root, std::string_view rel, int flags, unsigned mode) {
  std::string path = rel.empty() ? std::string(".") : std::string(rel);
  struct open_how how {};
  how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
  // openat2 refuses a mode without O_CREAT or O_TMPFILE.
  how.mode = (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
  for (int attempt = 0;; ++attempt) {
    long fd = ::syscall(SYS_openat2, root, path.c_str(), &how, sizeof how);
    // EAGAIN: a rename elsewhere raced the kernel's check of a ".." (there are none in `rel`,
    // but the kernel may say so anyway); trying again is what it asks for.
    if (fd < 0 && errno == EAGAIN && attempt < 8) continue;
    return static_cast<int>(fd);
  }
}

// ELOOP for a symlink met where a folder was expected (openat with O_NOFOLLOW | O_DIRECTORY says
// ENOTDIR for it), as openat2 reports it.
void symlink_as_eloop(int dir, const char* name) {
  int saved = errno;
  struct stat st;
  if (saved == ENOTDIR && ::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISLNK(st.st_mode)) {
    saved = ELOOP;
  }
  errno = saved;
}

int open_with_walk(int root, std::string_view rel, int flags, unsigned mode) {
  int cur = root;  // owned unless it is `root`
  std::string name;
  size_t i = 0;
  for (;;) {
    size_t slash = rel.find('/', i);
    std::string_view seg = rel.substr(i, slash == std::string_view::npos ? slash : slash - i);
    const bool last = slash == std::string_view::npos;
    if (seg == "..") {
      if (cur != root) ::close(cur);
      errno = EXDEV;
      return -1;
    }
    if (seg.empty() || seg == ".") {
      if (!last) {
        i = slash + 1;
        continue;
      }
      int fd = ::openat(cur, ".", flags | O_CLOEXEC, mode);
      if (cur != root) close_keeping_errno(cur);
      return fd;
    }
    name.assign(seg);
    if (last) {
      int fd = ::openat(cur, name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC, mode);
      if (fd < 0 && (flags & O_DIRECTORY) != 0) symlink_as_eloop(cur, name.c_str());
      // O_PATH | O_NOFOLLOW opens a final symlink itself: refuse it unless that was asked for.
      struct stat st;
      if (fd >= 0 && (flags & O_PATH) != 0 && (flags & O_NOFOLLOW) == 0 && ::fstat(fd, &st) == 0 &&
          S_ISLNK(st.st_mode)) {
        ::close(fd);
        fd = -1;
        errno = ELOOP;
      }
      if (cur != root) close_keeping_errno(cur);
      return fd;
    }
    int next = ::openat(cur, name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) symlink_as_eloop(cur, name.c_str());
    if (cur != root) close_keeping_errno(cur);
    if (next < 0) return -1;
    cur = next;
    i = slash + 1;
  }
}

}  // namespace

int open_beneath(int root, std::string_view rel, int flags, unsigned mode, bool walk) {
  if (!walk && !no_openat2.load(std::memory_order_relaxed)) {
    int fd = open_with_openat2(root, rel, flags, mode);
    if (fd >= 0 || errno != ENOSYS) return fd;
    no_openat2.store(true, std::memory_order_relaxed);
  }
  return open_with_walk(root, rel, flags, mode);
}

bool walk_requested() {
  const char* v = std::getenv("UNJUCKS_NO_OPENAT2");
  return v != nullptr && std::string_view(v) == "1";
}

DirFd& DirFd::operator=(DirFd&& o) noexcept {
  if (this != &o) {
    reset();
    fd_ = o.fd_;
    owned_ = o.owned_;
    o.fd_ = -1;
  }
  return *this;
}

void DirFd::reset() {
  if (fd_ >= 0 && owned_) close_keeping_errno(fd_);
  fd_ = -1;
  owned_ = false;
}

bool Anchor::below(const std::string& p, std::string_view* rel) const {
  if (fd < 0 || path == nullptr) return false;
  const std::string& a = *path;
  if (p.size() == a.size() && p == a) {
    *rel = {};
    return true;
  }
  if (p.size() > a.size() && p[a.size()] == '/' && p.starts_with(a)) {
    *rel = std::string_view(p).substr(a.size() + 1);
    return true;
  }
  return false;
}

int Anchor::open(const std::string& p, int flags, unsigned mode) const {
  std::string_view rel;
  if (below(p, &rel)) return open_beneath(fd, rel, flags, mode, walk);
  return ::open(p.c_str(), flags | O_CLOEXEC, mode);
}

DirFd Anchor::open_dir(const std::string& dir) const {
  std::string_view rel;
  if (below(dir, &rel)) {
    if (rel.empty()) return DirFd(fd, false);
    return DirFd(open_beneath(fd, rel, O_PATH | O_DIRECTORY, 0, walk), true);
  }
  return DirFd(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC), true);
}

}  // namespace unjucks::gen
