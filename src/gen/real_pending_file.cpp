#include "gen/real_pending_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace unjucks::gen {

std::string errno_text(const std::string& what, const std::string& path) {
  if (errno == ELOOP) {
    return what + " " + path +
           ": a symlink is in the way (below the destination, files are never reached through "
           "a symlink that appears after their path was checked)";
  }
  return what + " " + path + ": " + std::strerror(errno);
}

std::string temp_leaf_for(std::string_view leaf) {
  static std::atomic<unsigned> counter{0};
  static const std::string pid = std::to_string(::getpid());
  constexpr size_t kMaxLeaf = 200;
  std::string name = ".";
  name.append(leaf.substr(0, kMaxLeaf));
  name += ".unjucks-" + pid + "-" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
  return name;
}

namespace {

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

// Anonymous temporaries (O_TMPFILE) keep their descriptor (and their folder's) open until they
// are linked in and kept (or until the pending file is destroyed); so that an action of thousands
// of files cannot run out of descriptors, at most this many are open at once in the process, and
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

struct Identity {
  dev_t dev = 0;
  ino_t ino = 0;
  bool known = false;
  bool is(const struct stat& st) const { return known && st.st_dev == dev && st.st_ino == ino; }
};

Identity identity_of(const struct stat& st) { return {st.st_dev, st.st_ino, true}; }

// A file being written beside its target, in one of two forms:
// - anonymous: an O_TMPFILE inode in the target's folder, with no name until it is linked in
//   (linkat by descriptor, or through /proc/self/fd). A new file costs one directory entry.
// - named: ".<target>.unjucks-<pid>-<n>" created with O_EXCL and renamed onto the target (file
//   systems without O_TMPFILE, no /proc, or too many anonymous ones open).
// Every name is used relative to a descriptor of the target's folder (an anonymous temporary
// keeps the one it was created in; a named one opens it again for each step), so below the
// destination no step follows a symlink (see Anchor). An existing target is replaced by
// exchanging it with the new file (renameat2(RENAME_EXCHANGE)): the old file stays under the
// temporary's name, locked, until keep() removes it or undo() puts it back.
class RealPendingFile final : public PendingFile {
 public:
  RealPendingFile(const Anchor& anchor, std::string target, int fd, bool anonymous, DirFd dir,
                  std::string temp_leaf, const TempOptions& opts, bool needs_chmod)
      : anchor_(anchor),
        target_(std::move(target)),
        dir_path_(parent_dir(target_)),
        leaf_(base_name(target_)),
        temp_leaf_(std::move(temp_leaf)),
        temp_(anonymous ? fd_path(fd) : dir_path_ + "/" + temp_leaf_),
        dir_(std::move(dir)),
        fd_(fd),
        anonymous_(anonymous),
        mode_(opts.mode),
        needs_chmod_(needs_chmod),
        temp_named_(!anonymous),
        buffer_(std::make_unique<WriteBuffer>(*opts.pool)),
        out_(std::make_unique<tpl::FdOutput>(fd, buffer_->data(), buffer_->size())) {}
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

  CommitResult commit_new(std::string* err) override {
    if (!ready_to_commit(err)) return CommitResult::Failed;
    DirFd dir = folder();
    if (!dir.valid()) {
      *err = errno_text("cannot create", target_);
      return CommitResult::Failed;
    }
    if (!learn_identity(dir)) {
      *err = errno_text("cannot create", target_);
      return CommitResult::Failed;
    }
    bool ok = anonymous_ ? link_as(dir, leaf_) : rename_no_replace(dir);
    if (!ok) {
      if (errno == EEXIST) return CommitResult::Exists;
      *err = errno_text("cannot create", target_);
      return CommitResult::Failed;
    }
    if (!anonymous_) temp_named_ = false;
    placed_ = true;
    created_ = true;
    return CommitResult::Done;
  }

  bool commit(std::string* err) override {
    if (!ready_to_commit(err)) return false;
    DirFd dir = folder();
    if (!dir.valid() || !learn_identity(dir) || !lock_new(dir)) {
      *err = errno_text("cannot create", target_);
      return false;
    }
    if (anonymous_) {
      if (link_as(dir, leaf_)) {  // nothing there (any more): a new file
        placed_ = created_ = true;
        return true;
      }
      if (errno != EEXIST) {
        *err = errno_text("cannot create", target_);
        return false;
      }
      // The inode needs a name to be renamed onto the target.
      for (int attempt = 0;; ++attempt) {
        temp_leaf_ = temp_leaf_for(leaf_);
        if (link_as(dir, temp_leaf_)) break;
        if (errno != EEXIST || attempt == 100) {
          *err = errno_text("cannot create a temporary file for", target_);
          return false;
        }
      }
      temp_named_ = true;
    }
    if (!replace(dir)) {
      *err = errno_text("cannot rename onto", target_);
      return false;
    }
    placed_ = true;
    return true;
  }

  void keep() override {
    if (!placed_) return;
    if (!backup_.empty()) {
      DirFd dir = folder();
      if (dir.valid()) ::unlinkat(dir.get(), backup_.c_str(), 0);
      backup_.clear();
    }
    release_new();
    kept_ = true;
  }

  void undo() override {
    if (!placed_ || kept_) return;
    placed_ = false;
    DirFd dir = folder();
    if (!dir.valid()) return;
    struct stat mine;
    if (anonymous_ && fd_ >= 0 && ::fstat(fd_, &mine) == 0) identity_ = identity_of(mine);
    struct stat there;
    const bool ours = ::fstatat(dir.get(), leaf_.c_str(), &there, AT_SYMLINK_NOFOLLOW) == 0 &&
                      identity_.is(there);
    if (!backup_.empty()) {
      // The old file back over the new one (atomic); when another writer replaced the new one
      // meanwhile, theirs stays and the old file goes.
      if (ours) {
        ::renameat(dir.get(), backup_.c_str(), dir.get(), leaf_.c_str());
      } else {
        ::unlinkat(dir.get(), backup_.c_str(), 0);
      }
      backup_.clear();
    } else if (created_ && ours) {
      ::unlinkat(dir.get(), leaf_.c_str(), 0);
    }
    release_new();
  }

  void discard() override {
    if (out_) {
      out_.reset();
      buffer_.reset();
    }
    if (placed_) {
      keep();  // committed: the commit stands
      return;
    }
    if (temp_named_) {
      DirFd dir = folder();
      if (dir.valid()) ::unlinkat(dir.get(), temp_leaf_.c_str(), 0);
      temp_named_ = false;
    }
    close_fd();
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

  // The target's folder: the descriptor an anonymous temporary was created in, else resolved
  // again (below the anchor, without following a symlink).
  DirFd folder() const {
    if (dir_.valid()) return DirFd(dir_.get(), false);
    return anchor_.open_dir(dir_path_);
  }

  void close_fd() {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
    if (anonymous_) anonymous_open.fetch_sub(1, std::memory_order_relaxed);
    dir_.reset();
  }

  // The new file's identity, so that undo() touches only what is still this file. An anonymous
  // temporary keeps its descriptor until keep() or undo(): it is asked then (a new file costs
  // no system call for it); a named one's name is gone once it is in place: asked now.
  bool learn_identity(const DirFd& dir) {
    if (anonymous_) return true;
    struct stat st;
    if (::fstatat(dir.get(), temp_leaf_.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return false;
    identity_ = identity_of(st);
    return true;
  }

  // Locks the new file before it replaces the old one (whose lock the action holds): a writer
  // waiting for the old one then waits for this one too, until keep() or undo() decide.
  bool lock_new(const DirFd& dir) {
    int fd = anonymous_ ? fd_
                        : ::openat(dir.get(), temp_leaf_.c_str(),
                                   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (!anonymous_) ::close(fd);
      return false;
    }
    if (!anonymous_) lock_fd_ = fd;
    return true;
  }

  void release_new() {
    if (lock_fd_ >= 0) ::close(lock_fd_);
    lock_fd_ = -1;
    close_fd();  // an anonymous temporary's descriptor holds its lock
  }

  // Links the anonymous temporary in as `name` in `dir`: by its descriptor (AT_EMPTY_PATH,
  // allowed for a file this process opened since Linux 6.10, and to the privileged before), else
  // through /proc/self/fd. False with errno set (EEXIST when `name` exists).
  bool link_as(const DirFd& dir, const std::string& name) {
    static std::atomic<bool> by_descriptor{true};
    if (by_descriptor.load(std::memory_order_relaxed)) {
      if (::linkat(fd_, "", dir.get(), name.c_str(), AT_EMPTY_PATH) == 0) return true;
      // An older kernel refuses the unprivileged with ENOENT (or EPERM): tell that apart from a
      // real ENOENT by trying /proc; if that works, /proc it is from now on.
      if (errno != ENOENT && errno != EPERM && errno != EINVAL) return false;
      if (::linkat(AT_FDCWD, temp_.c_str(), dir.get(), name.c_str(), AT_SYMLINK_FOLLOW) != 0) {
        return false;
      }
      by_descriptor.store(false, std::memory_order_relaxed);
      return true;
    }
    return ::linkat(AT_FDCWD, temp_.c_str(), dir.get(), name.c_str(), AT_SYMLINK_FOLLOW) == 0;
  }

  // rename() of the named temporary onto the target that fails with EEXIST instead of replacing
  // (link + unlink where the file system has no RENAME_NOREPLACE).
  bool rename_no_replace(const DirFd& dir) {
    const int d = dir.get();
    if (::renameat2(d, temp_leaf_.c_str(), d, leaf_.c_str(), RENAME_NOREPLACE) == 0) return true;
    if (errno != EINVAL && errno != ENOSYS) return false;
    if (::linkat(d, temp_leaf_.c_str(), d, leaf_.c_str(), 0) != 0) return false;
    ::unlinkat(d, temp_leaf_.c_str(), 0);
    return true;
  }

  // Puts the named temporary (of either kind, by now) onto the target, keeping what was there
  // under the temporary's name (backup_) for undo(). Where the file system cannot exchange two
  // names, a hard link keeps the old file; where it has no hard links either, it is replaced
  // for good. A target that is gone by now is simply created.
  bool replace(const DirFd& dir) {
    const int d = dir.get();
    const char* temp = temp_leaf_.c_str();
    if (::renameat2(d, temp, d, leaf_.c_str(), RENAME_EXCHANGE) == 0) {
      backup_ = temp_leaf_;
      temp_named_ = false;
      return true;
    }
    if (errno == ENOENT) {
      struct stat st;
      if (::fstatat(d, leaf_.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) {
        if (!rename_no_replace(dir)) return false;
        temp_named_ = false;
        created_ = true;
        return true;
      }
      errno = ENOENT;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return false;
    std::string saved;
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string name = temp_leaf_for(leaf_);
      if (::linkat(d, leaf_.c_str(), d, name.c_str(), 0) == 0) {
        saved = std::move(name);
        break;
      }
      if (errno != EEXIST) break;
    }
    if (::renameat(d, temp, d, leaf_.c_str()) != 0) {
      int e = errno;
      if (!saved.empty()) ::unlinkat(d, saved.c_str(), 0);
      errno = e;
      return false;
    }
    temp_named_ = false;
    backup_ = std::move(saved);
    return true;
  }

  Anchor anchor_;
  std::string target_;
  std::string dir_path_;
  std::string leaf_;
  std::string temp_leaf_;  // the named temporary's name in the folder (both kinds, at times)
  std::string temp_;       // temp_path()
  DirFd dir_;              // an anonymous temporary's folder, while its descriptor is open
  int fd_;
  bool anonymous_;
  uint32_t mode_;
  bool needs_chmod_;  // the mode asked for has bits the umask took away at creation
  bool temp_named_;   // a name of ours holds the new content (temp_leaf_)
  std::unique_ptr<WriteBuffer> buffer_;  // given back when finished
  std::unique_ptr<tpl::FdOutput> out_;
  bool finished_ = false;
  bool failed_ = false;   // finish() failed: the temporary must never be put in place
  bool placed_ = false;   // the new file is at the target (commit or commit_new)
  bool created_ = false;  // ... where nothing was: undo() removes it
  bool kept_ = false;
  std::string backup_;  // the name holding the file the commit replaced, until keep or undo
  Identity identity_;   // the new file's
  int lock_fd_ = -1;    // a named temporary's lock, from commit to keep or undo
};

}  // namespace

std::unique_ptr<PendingFile> create_real_pending(const Anchor& anchor, const std::string& target,
                                                 const TempOptions& opts, std::string* err) {
  DirFd dir = anchor.open_dir(parent_dir(target));
  if (!dir.valid()) {
    *err = errno_text("cannot create a temporary file for", target);
    return nullptr;
  }
  // Created with the final mode when the umask leaves it whole; fchmod'ed at finish otherwise.
  const uint32_t perms = opts.mode & 0777;
  const bool needs_chmod = (perms & opts.umask) != 0 || opts.mode != perms;
  bool anonymous = opts.anonymous_ok->load(std::memory_order_relaxed) && proc_fd_available();
  if (anonymous && anonymous_open.fetch_add(1, std::memory_order_relaxed) >= kMaxAnonymousOpen) {
    anonymous_open.fetch_sub(1, std::memory_order_relaxed);
    anonymous = false;
  }
  if (anonymous) {
    int fd = ::openat(dir.get(), ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, static_cast<mode_t>(perms));
    if (fd >= 0) {
      return std::make_unique<RealPendingFile>(anchor, target, fd, true, std::move(dir), "", opts,
                                               needs_chmod);
    }
    int saved = errno;
    anonymous_open.fetch_sub(1, std::memory_order_relaxed);
    if (saved != EOPNOTSUPP && saved != EISDIR && saved != EINVAL) {
      errno = saved;
      *err = errno_text("cannot create a temporary file for", target);
      return nullptr;
    }
    // The file system (or the kernel) has no O_TMPFILE: named temporaries from now on.
    opts.anonymous_ok->store(false, std::memory_order_relaxed);
  }
  const std::string leaf = base_name(target);
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp = temp_leaf_for(leaf);
    int fd = ::openat(dir.get(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      0600);
    if (fd >= 0) {
      return std::make_unique<RealPendingFile>(anchor, target, fd, false, DirFd(), std::move(temp),
                                               opts, true);
    }
    if (errno != EEXIST) {
      *err = errno_text("cannot create a temporary file for", target);
      return nullptr;
    }
  }
  *err = "cannot create a temporary file for " + target;
  return nullptr;
}

}  // namespace unjucks::gen
