#include "gen/disk.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "gen/real_pending_file.h"

namespace unjucks::gen {
namespace {

FileInfo to_info(const struct stat& st) {
  FileInfo info;
  if (S_ISREG(st.st_mode)) {
    info.type = FileType::File;
  } else if (S_ISDIR(st.st_mode)) {
    info.type = FileType::Dir;
  } else if (S_ISLNK(st.st_mode)) {
    info.type = FileType::Symlink;
  } else {
    info.type = FileType::Other;
  }
  info.mode = st.st_mode & 07777;
  info.size = static_cast<uint64_t>(st.st_size);
  return info;
}

// The folder of `path` (resolved as `anchor` resolves paths) and its last component: where the
// *at() calls act on it.
struct Place {
  DirFd dir;
  std::string leaf;
};

Place place_of(const Anchor& anchor, const std::string& path) {
  return {anchor.open_dir(parent_dir(path)), base_name(path)};
}

// stat(2) of `path`: below the anchor, following no symlink (the final one included);
// elsewhere stat or lstat by name. False with errno.
bool look(const Anchor& anchor, const std::string& path, struct stat* st, bool follow) {
  std::string_view rel;
  if (!anchor.below(path, &rel)) {
    return (follow ? ::stat(path.c_str(), st) : ::lstat(path.c_str(), st)) == 0;
  }
  if (rel.empty()) return ::fstat(anchor.fd, st) == 0;
  Place p = place_of(anchor, path);
  return p.dir.valid() && ::fstatat(p.dir.get(), p.leaf.c_str(), st, AT_SYMLINK_NOFOLLOW) == 0;
}

class RealFileLock final : public FileLock {
 public:
  explicit RealFileLock(int fd) : fd_(fd) {}
  ~RealFileLock() override { ::close(fd_); }  // closing the descriptor releases the flock

 private:
  int fd_;
};

}  // namespace

std::string parent_dir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

namespace {

// The process umask without changing it: /proc/self/status has it (Linux 4.7+); otherwise
// the umask() round trip, done once before any file is written.
uint32_t read_umask() {
  if (std::FILE* f = std::fopen("/proc/self/status", "re")) {
    char line[256];
    unsigned value = 0;
    bool found = false;
    while (std::fgets(line, sizeof line, f)) {
      if (std::sscanf(line, "Umask: %o", &value) == 1) {
        found = true;
        break;
      }
    }
    std::fclose(f);
    if (found) return value & 0777;
  }
  mode_t old = ::umask(022);
  ::umask(old);
  return old;
}

bool named_temporaries_only() {
  const char* v = std::getenv("UNJUCKS_NAMED_TEMPORARIES");
  return v != nullptr && std::string_view(v) == "1";
}

}  // namespace

RealDisk::RealDisk(mem::BufferPool* shared_pool)
    : own_pool_(shared_pool ? nullptr : std::make_unique<mem::BufferPool>()),
      pool_(shared_pool ? shared_pool : own_pool_.get()),
      umask_(read_umask()),
      // UNJUCKS_NAMED_TEMPORARIES=1: named temporaries only (tests of that path; file systems
      // that claim O_TMPFILE but misbehave with it).
      anonymous_ok_(!named_temporaries_only()),
      walk_(walk_requested()) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1, std::memory_order_relaxed);
}

RealDisk::~RealDisk() {
  if (anchor_fd_ >= 0) ::close(anchor_fd_);
}

bool RealDisk::anchor_intact(std::string* err) const {
  if (anchor_fd_ < 0) return true;
  struct stat opened, named;
  if (::fstat(anchor_fd_, &opened) == 0 && ::stat(anchor_.c_str(), &named) == 0 &&
      opened.st_dev == named.st_dev && opened.st_ino == named.st_ino) {
    return true;
  }
  *err = "the destination " + anchor_ +
         " was moved, removed or replaced while files were being written into it: stopped";
  return false;
}

bool RealDisk::anchor(const std::string& dir, std::string* err) {
  if (anchor_fd_ >= 0) {  // pending files may hold the one there is
    *err = "cannot anchor at " + dir + ": anchored at " + anchor_ + " already";
    return false;
  }
  int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    *err = errno_text("cannot open directory", dir);
    return false;
  }
  anchor_fd_ = fd;
  anchor_ = dir;
  return true;
}

FileInfo RealDisk::stat(const std::string& path) {
  struct stat st;
  if (!look(where(), path, &st, true)) return {};
  return to_info(st);
}

FileInfo RealDisk::lstat(const std::string& path) {
  struct stat st;
  if (!look(where(), path, &st, false)) return {};
  return to_info(st);
}

bool RealDisk::read_link(const std::string& path, std::string* target) {
  char buf[4096];
  ssize_t n = -1;
  std::string_view rel;
  if (where().below(path, &rel)) {
    Place p = place_of(where(), path);
    if (p.dir.valid()) n = ::readlinkat(p.dir.get(), p.leaf.c_str(), buf, sizeof buf);
  } else {
    n = ::readlink(path.c_str(), buf, sizeof buf);
  }
  if (n < 0 || static_cast<size_t>(n) >= sizeof buf) return false;
  target->assign(buf, static_cast<size_t>(n));
  return true;
}

bool RealDisk::real_path(const std::string& path, std::string* out) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return false;
  *out = buf;
  return true;
}

bool RealDisk::read(const std::string& path, std::string* content, std::string* err,
                    const ReadLimit& limit) {
  // O_NONBLOCK: where only a regular file will do, a FIFO is refused without waiting for a
  // writer (see gen/bounded_read.h).
  int fd = where().open(path, O_RDONLY | O_NOCTTY | (limit.regular_only ? O_NONBLOCK : 0));
  if (fd < 0) {
    *err = errno_text("cannot read", path);
    return false;
  }
  bool ok = read_fd_bounded(fd, path, limit, content, err);
  ::close(fd);
  return ok;
}

bool RealDisk::list_dir(const std::string& path, std::vector<std::string>* names,
                        std::string* err) {
  int fd = where().open(path, O_RDONLY | O_DIRECTORY);
  DIR* dir = fd >= 0 ? ::fdopendir(fd) : nullptr;
  if (!dir) {
    *err = errno_text("cannot list", path);
    if (fd >= 0) ::close(fd);
    return false;
  }
  names->clear();
  while (struct dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    names->emplace_back(e->d_name);
  }
  ::closedir(dir);
  std::sort(names->begin(), names->end());
  return true;
}

namespace {

// make_dirs below the anchor: each component opened from the one before without following a
// symlink, and made (mkdirat) where it is missing.
bool make_dirs_beneath(int anchor_fd, const std::string& anchor, std::string_view rel,
                       std::vector<std::string>* created, std::string* err) {
  DirFd cur(anchor_fd, false);
  std::string so_far = anchor;
  while (!rel.empty()) {
    size_t slash = rel.find('/');
    const std::string name(rel.substr(0, slash));
    rel = slash == std::string_view::npos ? std::string_view() : rel.substr(slash + 1);
    if (name.empty() || name == ".") continue;
    so_far += "/" + name;
    constexpr int kFlags = O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int next = ::openat(cur.get(), name.c_str(), kFlags);
    if (next < 0 && errno == ENOENT) {
      if (::mkdirat(cur.get(), name.c_str(), 0777) == 0) {
        if (created) created->push_back(so_far);
      } else if (errno != EEXIST) {
        // (EEXIST: made meanwhile by another process or batch worker: not this action's to
        // remove on rollback.)
        *err = errno_text("cannot create directory", so_far);
        return false;
      }
      next = ::openat(cur.get(), name.c_str(), kFlags);
    }
    if (next < 0) {
      int saved = errno;
      struct stat st;
      if (saved == ENOTDIR && ::fstatat(cur.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (!S_ISLNK(st.st_mode)) {
          *err = "cannot create directory " + so_far + ": a file is in the way";
          return false;
        }
        saved = ELOOP;
      }
      errno = saved;
      *err = errno_text("cannot create directory", so_far);
      return false;
    }
    cur = DirFd(next, true);
  }
  return true;
}

}  // namespace

bool RealDisk::make_dirs(const std::string& path, std::vector<std::string>* created,
                         std::string* err) {
  std::string_view rel;
  if (where().below(path, &rel)) return make_dirs_beneath(anchor_fd_, anchor_, rel, created, err);
  FileInfo info = stat(path);
  if (info.type == FileType::Dir) return true;
  if (info.exists()) {
    *err = "cannot create directory " + path + ": a file is in the way";
    return false;
  }
  std::string parent = parent_dir(path);
  if (parent != path && !make_dirs(parent, created, err)) return false;
  if (::mkdir(path.c_str(), 0777) == 0) {
    if (created) created->push_back(path);
    return true;
  }
  if (errno != EEXIST) {
    *err = errno_text("cannot create directory", path);
    return false;
  }
  // Made meanwhile by another process or batch worker: not this action's to remove on rollback.
  return true;
}

void RealDisk::remove_dir(const std::string& path) {
  std::string_view rel;
  if (!where().below(path, &rel)) {
    ::rmdir(path.c_str());
    return;
  }
  if (rel.empty()) return;
  Place p = place_of(where(), path);
  if (p.dir.valid()) ::unlinkat(p.dir.get(), p.leaf.c_str(), AT_REMOVEDIR);
}

std::unique_ptr<PendingFile> RealDisk::create_temp(const std::string& target, uint32_t mode,
                                                   std::string* err) {
  TempOptions opts;
  opts.mode = mode;
  opts.umask = umask_;
  opts.anonymous_ok = &anonymous_ok_;
  opts.pool = pool_;
  return create_real_pending(where(), target, opts, err);
}

bool RealDisk::chmod(const std::string& path, uint32_t mode, std::string* err) {
  std::string_view rel;
  if (!where().below(path, &rel)) {
    if (::chmod(path.c_str(), static_cast<mode_t>(mode)) == 0) return true;
    *err = errno_text("cannot chmod", path);
    return false;
  }
  // Below the anchor, through an O_PATH descriptor reached without following a symlink:
  // /proc/self/fd names it.
  int fd = where().open(path, O_PATH);
  if (fd < 0 || ::fchmodat(AT_FDCWD, ("/proc/self/fd/" + std::to_string(fd)).c_str(),
                           static_cast<mode_t>(mode), 0) != 0) {
    *err = errno_text("cannot chmod", path);
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

uint32_t RealDisk::default_file_mode() { return 0666 & ~umask_; }

bool RealDisk::remove_file(const std::string& path, std::string* err) {
  if (::unlink(path.c_str()) != 0) {
    *err = errno_text("cannot remove", path);
    return false;
  }
  return true;
}

std::unique_ptr<FileLock> RealDisk::lock_file(const std::string& path, int timeout_ms,
                                              std::string* err) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  auto pause = std::chrono::microseconds(500);
  int fd = -1;
  for (;;) {
    if (fd < 0) {
      fd = where().open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
      if (fd < 0) {
        *err = errno_text("cannot open to lock", path);
        return nullptr;
      }
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      // Locked; but a writer that held the lock may have renamed a new file onto `path`
      // meanwhile, and our lock is then on a file nobody will read again.
      struct stat held, now;
      if (::fstat(fd, &held) != 0) {
        *err = errno_text("cannot lock", path);
        ::close(fd);
        return nullptr;
      }
      if (!look(where(), path, &now, true)) {
        *err = errno_text("cannot lock", path);  // removed while we waited
        ::close(fd);
        return nullptr;
      }
      if (held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
        return std::make_unique<RealFileLock>(fd);
      }
      ::close(fd);
      fd = -1;
      continue;  // lock the file that is there now
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
      *err = errno_text("cannot lock", path);
      ::close(fd);
      return nullptr;
    }
    if (Clock::now() >= deadline) {
      ::close(fd);
      *err = "cannot lock " + path + ": another process is changing it (waited " +
             std::to_string(timeout_ms / 1000) + "." + std::to_string(timeout_ms % 1000 / 100) +
             " s)";
      return nullptr;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(20000));
  }
}

bool is_temp_name(std::string_view name, long* pid) {
  // ".<target name>.unjucks-<pid>-<n>"
  if (name.size() < 2 || name[0] != '.') return false;
  size_t at = name.rfind(".unjucks-");
  if (at == std::string_view::npos || at < 2) return false;
  std::string_view rest = name.substr(at + 9);
  size_t dash = rest.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == rest.size()) return false;
  long value = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (i == dash) continue;
    if (rest[i] < '0' || rest[i] > '9') return false;
    if (i < dash) {
      if (value > 100'000'000) return false;
      value = value * 10 + (rest[i] - '0');
    }
  }
  if (value <= 0) return false;
  *pid = value;
  return true;
}

size_t RealDisk::remove_stale_temps(const std::string& dir) {
  // The folder this thread asked about last, for this disk: most calls repeat it (a batch
  // writing one folder), and they then take no lock.
  thread_local uint64_t last_disk = 0;
  thread_local std::string last_dir;
  if (last_disk == id_ && last_dir == dir) return 0;
  {
    std::lock_guard<std::mutex> hold(cleaned_mutex_);
    bool fresh = cleaned_.insert(dir).second;
    last_disk = id_;
    last_dir = dir;
    if (!fresh) return 0;
  }
  int fd = where().open(dir, O_RDONLY | O_DIRECTORY);
  DIR* d = fd >= 0 ? ::fdopendir(fd) : nullptr;
  if (!d) {
    if (fd >= 0) ::close(fd);
    return 0;
  }
  constexpr time_t kOld = 24 * 3600;
  const long self = static_cast<long>(::getpid());
  const time_t now = ::time(nullptr);
  size_t removed = 0;
  while (struct dirent* e = ::readdir(d)) {
    long pid = 0;
    if (!is_temp_name(e->d_name, &pid) || pid == self) continue;
    struct stat st;
    if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) {
      continue;
    }
    bool dead = ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    if (dead || now - st.st_mtime > kOld) {
      if (::unlinkat(::dirfd(d), e->d_name, 0) == 0) ++removed;
    }
  }
  ::closedir(d);
  return removed;
}

bool RealDisk::writable(const std::string& path) {
  struct stat st;
  if (!look(where(), path, &st, true)) return true;  // missing (or unreachable: refused later)
  // No write permission bit at all: read-only, even for root (which access() lets write).
  if ((st.st_mode & 0222) == 0) return false;
  std::string_view rel;
  if (!where().below(path, &rel)) return ::access(path.c_str(), W_OK) == 0 || errno == ENOENT;
  Place p = place_of(where(), path);
  return !p.dir.valid() || ::faccessat(p.dir.get(), p.leaf.c_str(), W_OK, 0) == 0 ||
         errno == ENOENT;
}

}  // namespace unjucks::gen
