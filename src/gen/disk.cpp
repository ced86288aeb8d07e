#include "gen/disk.h"

#include <dirent.h>
#include <fcntl.h>
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

namespace unjucks::gen {
namespace {

std::string errno_text(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

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

// A pooled buffer, or (when every buffer of the pool is on loan) one of its own: a writer
// never waits for another file to finish.
class WriteBuffer {
 public:
  explicit WriteBuffer(mem::BufferPool& pool) : handle_(pool.try_acquire()) {
    if (handle_) {
      data_ = handle_.data();
      size_ = handle_.size();
    } else {
      own_ = std::make_unique<char[]>(pool.buffer_size());
      data_ = own_.get();
      size_ = pool.buffer_size();
    }
  }
  char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  mem::BufferPool::Handle handle_;
  std::unique_ptr<char[]> own_;
  char* data_ = nullptr;
  size_t size_ = 0;
};

// Anonymous temporaries (O_TMPFILE) keep their descriptor open until they are linked in (put in
// place by commit_new, until the pending file is destroyed); so that an action of thousands of
// files cannot run out of descriptors, at most this many are open at once in the process, and
// the others get a named temporary.
constexpr int kMaxAnonymousOpen = 128;
std::atomic<int> anonymous_open{0};

// /proc/self/fd names an anonymous temporary: to read it back before it is linked in, and to
// link it in where the kernel refuses linkat(AT_EMPTY_PATH) (before Linux 6.10, unprivileged).
bool proc_fd_available() {
  static const bool available = ::access("/proc/self/fd", X_OK) == 0;
  return available;
}

std::string fd_path(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

// An absolute path as the *at() system calls take it: relative to the disk's anchor directory
// when it is under it (RealDisk::anchor), else as it is.
struct At {
  int dir;
  const char* path;
};
struct Anchor {
  const std::string& path;
  int fd;
  At at(const std::string& p) const {
    if (fd >= 0 && p.size() > path.size() && p[path.size()] == '/' && p.starts_with(path)) {
      return {fd, p.c_str() + path.size() + 1};
    }
    if (fd >= 0 && p == path) return {fd, "."};
    return {AT_FDCWD, p.c_str()};
  }
};

// The name of a named temporary beside `target`: ".<name>.unjucks-<pid>-<n>".
std::string temp_name_for(const std::string& target) {
  static std::atomic<unsigned> counter{0};
  static const std::string pid = std::to_string(::getpid());
  return parent_dir(target) + "/." + base_name(target) + ".unjucks-" + pid + "-" +
         std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
}

// A file being written beside its target, in one of two forms:
// - anonymous (`anonymous_`): an O_TMPFILE inode in the target's directory, with no name until
//   commit() links it in (linkat by descriptor, or through /proc/self/fd). A killed process
//   leaves nothing behind, and a new file costs one directory entry instead of a create plus a
//   rename. When the target exists by then, the inode is linked under a temporary name and
//   renamed over it (commit_new instead reports that it exists).
// - named: ".<target>.unjucks-<pid>-<n>" created with O_EXCL and renamed onto the target (file
//   systems without O_TMPFILE, no /proc, or too many anonymous ones open).
class RealPendingFile final : public PendingFile {
 public:
  RealPendingFile(std::string target, std::string temp, int fd, bool anonymous, uint32_t mode,
                  bool needs_chmod, mem::BufferPool& pool, Anchor anchor)
      : anchor_(anchor),
        target_(std::move(target)),
        temp_(std::move(temp)),
        fd_(fd),
        anonymous_(anonymous),
        mode_(mode),
        needs_chmod_(needs_chmod),
        buffer_(std::make_unique<WriteBuffer>(pool)),
        out_(std::make_unique<tpl::FdOutput>(fd, buffer_->data(), buffer_->size())) {}
  // A file put in place by commit_new keeps its descriptor until now (undo_new checks with it
  // that the file there is still this one).
  ~RealPendingFile() override { discard(); }

  tpl::Output& out() override { return *out_; }
  // For an anonymous temporary, its /proc/self/fd path: readable until commit or discard.
  const std::string& temp_path() const override { return temp_; }
  const std::string& target() const override { return target_; }

  bool finish(std::string* err) override {
    if (finished_) return !failed_;
    finished_ = true;
    bool ok = out_->flush();
    // The first failed write's errno (ENOSPC, EFBIG, EIO...): later calls may have changed errno.
    int saved = ok ? 0 : out_->error();
    out_.reset();
    buffer_.reset();
    if (ok && needs_chmod_ && ::fchmod(fd_, mode_) != 0) {
      ok = false;
      saved = errno;
    }
    // A named temporary is closed now (close reports delayed write errors); an anonymous one
    // stays open, it has no other name until it is linked in.
    if (!anonymous_) {
      if (::close(fd_) != 0 && ok) {
        ok = false;
        saved = errno;
      }
      fd_ = -1;
    }
    if (!ok) {
      errno = saved;
      *err = errno_text("cannot write", target_) + " (nothing was changed)";
      failed_ = true;
    }
    return ok;
  }

  bool commit(std::string* err) override {
    if (!ready_to_commit(err)) return false;
    if (anonymous_) {
      if (!link_in(err)) return false;
      close_fd();
    } else if (!rename_into_place(temp_)) {
      *err = errno_text("cannot rename onto", target_);
      return false;
    }
    committed_ = true;
    return true;
  }

  CommitResult commit_new(std::string* err) override {
    if (!ready_to_commit(err)) return CommitResult::Failed;
    if (anonymous_) {
      if (!link_as(target_)) {
        if (errno == EEXIST) return CommitResult::Exists;
        *err = errno_text("cannot create", target_);
        return CommitResult::Failed;
      }
    } else {
      // Its identity, for undo_new (the descriptor is closed by now).
      struct stat st;
      const At temp = anchor_.at(temp_);
      if (::fstatat(temp.dir, temp.path, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        dev_ = st.st_dev;
        ino_ = st.st_ino;
      }
      if (!rename_no_replace()) {
        if (errno == EEXIST) return CommitResult::Exists;
        *err = errno_text("cannot rename onto", target_);
        return CommitResult::Failed;
      }
      removed_ = true;  // the temporary's name is gone
    }
    committed_ = true;
    made_new_ = true;
    return CommitResult::Done;
  }

  void undo_new() override {
    if (!committed_ || !made_new_) return;
    struct stat there;
    const At target = anchor_.at(target_);
    bool ours = ::fstatat(target.dir, target.path, &there, AT_SYMLINK_NOFOLLOW) == 0;
    if (ours && fd_ >= 0) {
      struct stat mine;
      ours = ::fstat(fd_, &mine) == 0 && mine.st_dev == there.st_dev && mine.st_ino == there.st_ino;
    } else if (ours) {
      ours = ino_ != 0 && there.st_dev == dev_ && there.st_ino == ino_;
    }
    if (ours) ::unlinkat(target.dir, target.path, 0);
    committed_ = false;
    removed_ = true;
  }

  void discard() override {
    if (out_) {
      out_.reset();
      buffer_.reset();
    }
    close_fd();
    if (!committed_ && !removed_ && !anonymous_) {
      const At temp = anchor_.at(temp_);
      ::unlinkat(temp.dir, temp.path, 0);
      removed_ = true;
    }
  }

 private:
  // Finished, and never failed: a temporary whose write failed must not be put in place.
  bool ready_to_commit(std::string* err) {
    if (failed_) {
      *err = "cannot write " + target_ + ": an earlier write failed";
      return false;
    }
    return finish(err);
  }

  void close_fd() {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
    if (anonymous_) anonymous_open.fetch_sub(1, std::memory_order_relaxed);
  }

  // Links the anonymous temporary in as `path`: by its descriptor (AT_EMPTY_PATH, allowed for
  // a file this process opened since Linux 6.10, and to the privileged before), else through
  // /proc/self/fd. False with errno set (EEXIST when `path` exists).
  bool link_as(const std::string& path) {
    static std::atomic<bool> by_descriptor{true};
    const At to = anchor_.at(path);
    if (by_descriptor.load(std::memory_order_relaxed)) {
      if (::linkat(fd_, "", to.dir, to.path, AT_EMPTY_PATH) == 0) return true;
      // An older kernel refuses the unprivileged with ENOENT (or EPERM): tell that apart from a
      // real ENOENT by trying /proc; if that works, /proc it is from now on.
      if (errno != ENOENT && errno != EPERM && errno != EINVAL) return false;
      if (::linkat(AT_FDCWD, temp_.c_str(), to.dir, to.path, AT_SYMLINK_FOLLOW) != 0) {
        return false;
      }
      by_descriptor.store(false, std::memory_order_relaxed);
      return true;
    }
    return ::linkat(AT_FDCWD, temp_.c_str(), to.dir, to.path, AT_SYMLINK_FOLLOW) == 0;
  }

  // rename(`from`, target_), both under the anchor when they are.
  bool rename_into_place(const std::string& from) {
    const At temp = anchor_.at(from), target = anchor_.at(target_);
    return ::renameat(temp.dir, temp.path, target.dir, target.path) == 0;
  }

  // rename() that fails with EEXIST instead of replacing (link + unlink where the file system
  // has no RENAME_NOREPLACE).
  bool rename_no_replace() {
    const At temp = anchor_.at(temp_), target = anchor_.at(target_);
    if (::renameat2(temp.dir, temp.path, target.dir, target.path, RENAME_NOREPLACE) == 0) {
      return true;
    }
    if (errno != EINVAL && errno != ENOSYS) return false;
    if (::linkat(temp.dir, temp.path, target.dir, target.path, 0) != 0) return false;
    ::unlinkat(temp.dir, temp.path, 0);
    return true;
  }

  bool link_in(std::string* err) {
    if (link_as(target_)) return true;
    if (errno != EEXIST) {
      *err = errno_text("cannot create", target_);
      return false;
    }
    // The target exists (a forced write or an injection): link under a temporary name and
    // rename that over it, which replaces it atomically.
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string named = temp_name_for(target_);
      if (!link_as(named)) {
        if (errno == EEXIST) continue;
        *err = errno_text("cannot create a temporary file for", target_);
        return false;
      }
      if (!rename_into_place(named)) {
        *err = errno_text("cannot rename onto", target_);
        const At temp = anchor_.at(named);
        ::unlinkat(temp.dir, temp.path, 0);
        return false;
      }
      return true;
    }
    *err = "cannot create a temporary file for " + target_;
    return false;
  }

  Anchor anchor_;
  std::string target_;
  std::string temp_;
  int fd_;
  bool anonymous_;
  uint32_t mode_;
  bool needs_chmod_;  // the mode asked for has bits the umask took away at creation
  std::unique_ptr<WriteBuffer> buffer_;  // given back when finished
  std::unique_ptr<tpl::FdOutput> out_;
  bool finished_ = false;
  bool committed_ = false;
  bool made_new_ = false;  // by commit_new
  bool removed_ = false;
  dev_t dev_ = 0;  // a named temporary's identity once renamed by commit_new
  ino_t ino_ = 0;
  bool failed_ = false;  // finish() failed: the temporary must never be put in place
};

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
      anonymous_ok_(!named_temporaries_only()) {
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
  if (::stat(path.c_str(), &st) != 0) return {};
  return to_info(st);
}

FileInfo RealDisk::lstat(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return {};
  return to_info(st);
}

bool RealDisk::read_link(const std::string& path, std::string* target) {
  char buf[4096];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
  if (n < 0 || static_cast<size_t>(n) >= sizeof buf) return false;
  target->assign(buf, static_cast<size_t>(n));
  return true;
}

bool RealDisk::read(const std::string& path, std::string* content, std::string* err) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = errno_text("cannot read", path);
    return false;
  }
  content->clear();
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) content->reserve(static_cast<size_t>(st.st_size));
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = errno_text("cannot read", path);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    content->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

bool RealDisk::list_dir(const std::string& path, std::vector<std::string>* names,
                        std::string* err) {
  DIR* dir = ::opendir(path.c_str());
  if (!dir) {
    *err = errno_text("cannot list", path);
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

bool RealDisk::make_dirs(const std::string& path, std::vector<std::string>* created,
                         std::string* err) {
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

void RealDisk::remove_dir(const std::string& path) { ::rmdir(path.c_str()); }

std::unique_ptr<PendingFile> RealDisk::create_temp(const std::string& target, uint32_t mode,
                                                   std::string* err) {
  const std::string dir = parent_dir(target);
  // Created with the final mode when the umask leaves it whole; fchmod'ed at finish otherwise.
  const uint32_t perms = mode & 0777;
  const bool needs_chmod = (perms & umask_) != 0 || mode != perms;
  bool anonymous = anonymous_ok_.load(std::memory_order_relaxed) && proc_fd_available();
  if (anonymous && anonymous_open.fetch_add(1, std::memory_order_relaxed) >= kMaxAnonymousOpen) {
    anonymous_open.fetch_sub(1, std::memory_order_relaxed);
    anonymous = false;
  }
  if (anonymous) {
    const Anchor anchor{anchor_, anchor_fd_};
    const At at = anchor.at(dir);
    int fd =
        ::openat(at.dir, at.path, O_TMPFILE | O_WRONLY | O_CLOEXEC, static_cast<mode_t>(perms));
    if (fd >= 0) {
      return std::make_unique<RealPendingFile>(target, fd_path(fd), fd, true, mode, needs_chmod,
                                               *pool_, anchor);
    }
    int saved = errno;
    anonymous_open.fetch_sub(1, std::memory_order_relaxed);
    if (saved != EOPNOTSUPP && saved != EISDIR && saved != EINVAL) {
      errno = saved;
      *err = errno_text("cannot create a temporary file for", target);
      return nullptr;
    }
    // The file system (or the kernel) has no O_TMPFILE: named temporaries from now on.
    anonymous_ok_.store(false, std::memory_order_relaxed);
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp = temp_name_for(target);
    const At at = Anchor{anchor_, anchor_fd_}.at(temp);
    int fd = ::openat(at.dir, at.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      return std::make_unique<RealPendingFile>(target, temp, fd, false, mode, true, *pool_,
                                               Anchor{anchor_, anchor_fd_});
    }
    if (errno != EEXIST) {
      *err = errno_text("cannot create a temporary file for", target);
      return nullptr;
    }
  }
  *err = "cannot create a temporary file for " + target;
  return nullptr;
}

bool RealDisk::chmod(const std::string& path, uint32_t mode, std::string* err) {
  if (::chmod(path.c_str(), static_cast<mode_t>(mode)) != 0) {
    *err = errno_text("cannot chmod", path);
    return false;
  }
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
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
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
      if (::stat(path.c_str(), &now) != 0) {
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
  DIR* d = ::opendir(dir.c_str());
  if (!d) return 0;
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
  return ::access(path.c_str(), W_OK) == 0 || errno == ENOENT;
}

}  // namespace unjucks::gen
