// All file access of the generator goes through Disk: stat, read, list, mkdir, chmod and
// write-to-a-temporary-file-then-rename. RealDisk talks to the operating system; MemoryDisk
// (memory_disk.h) is an in-memory fake for tests and for the embedded generators.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gen/beneath.h"
#include "gen/bounded_read.h"
#include "mem/buffer_pool.h"
#include "template/output.h"

namespace unjucks::gen {

enum class FileType : uint8_t { Missing, File, Dir, Symlink, Other };

struct FileInfo {
  FileType type = FileType::Missing;
  uint32_t mode = 0;  // permission bits (07777)
  uint64_t size = 0;
  bool exists() const { return type != FileType::Missing; }
};

enum class CommitResult : uint8_t { Done, Exists, Failed };

// A file being written: the body goes into out(), finish() flushes and closes it, commit()
// puts it in place over whatever has the target's name, discard() removes it. Destroying an
// uncommitted file discards it.
// commit_new() puts it in place only where nothing has the target's name (Exists otherwise,
// the pending file unchanged). A file put in place (by either) can be taken out again by undo()
// until keep() is called: a new file is removed, a replaced file is put back as it was (its
// bytes, mode and owner: the same file), each only when the file there is still this one. An
// action commits all its files, then keeps them all, or undoes those it committed when one
// fails. Destroying a committed file keeps it.
class PendingFile {
 public:
  virtual ~PendingFile() = default;
  virtual tpl::Output& out() = 0;
  virtual bool finish(std::string* err) = 0;
  virtual bool commit(std::string* err) = 0;
  virtual CommitResult commit_new(std::string* err) = 0;
  virtual void undo() = 0;
  virtual void keep() = 0;
  virtual void discard() = 0;
  virtual const std::string& temp_path() const = 0;
  virtual const std::string& target() const = 0;
};

// Held while a target is read, changed and renamed into place; released when destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class Disk {
 public:
  virtual ~Disk() = default;
  // Follows symlinks (RealDisk below its anchor follows none: see RealDisk::anchor).
  virtual FileInfo stat(const std::string& path) = 0;
  // Does not follow a final symlink.
  virtual FileInfo lstat(const std::string& path) = 0;
  virtual bool read_link(const std::string& path, std::string* target) = 0;
  // The path with every symbolic link resolved (as realpath(3)); false when it does not exist.
  virtual bool real_path(const std::string& path, std::string* out) = 0;
  // Reads a whole file, refusing one larger than `limit` (see gen/bounded_read.h).
  virtual bool read(const std::string& path, std::string* content, std::string* err,
                    const ReadLimit& limit) = 0;
  // Without a limit: for the files the generator writes (an injection's target), never for
  // what it is given to read.
  bool read(const std::string& path, std::string* content, std::string* err) {
    return read(path, content, err, ReadLimit{});
  }
  // Names in the directory (no "." or ".."), sorted bytewise.
  virtual bool list_dir(const std::string& path, std::vector<std::string>* names,
                        std::string* err) = 0;
  // Creates the directory and its missing parents; appends the ones it created to `created`.
  virtual bool make_dirs(const std::string& path, std::vector<std::string>* created,
                         std::string* err) = 0;
  virtual void remove_dir(const std::string& path) = 0;
  // Opens a temporary file beside `target` that will get permission bits `mode` when finished.
  virtual std::unique_ptr<PendingFile> create_temp(const std::string& target, uint32_t mode,
                                                   std::string* err) = 0;
  virtual bool chmod(const std::string& path, uint32_t mode, std::string* err) = 0;
  // The mode a new file gets by default (0666 less the umask).
  virtual uint32_t default_file_mode() = 0;
  // Locks the existing file `path` against other writers (other processes and other threads)
  // until the returned lock is destroyed; waits up to `timeout_ms` for a lock held elsewhere.
  // Null with `err` when it cannot. The default has nothing to lock against.
  virtual std::unique_ptr<FileLock> lock_file(const std::string& path, int timeout_ms,
                                              std::string* err) {
    (void)path;
    (void)timeout_ms;
    (void)err;
    return std::make_unique<FileLock>();
  }
  // Removes temporary files that a killed run left in `dir` (see create_temp); returns how
  // many. The default has none.
  virtual size_t remove_stale_temps(const std::string& dir) {
    (void)dir;
    return 0;
  }
  // False when the file exists and is read-only: it has no write permission bit, or this
  // process may not write it. It is then refused rather than replaced by a rename, whatever the
  // privileges (root included). The default allows everything.
  virtual bool writable(const std::string& path) {
    (void)path;
    return true;
  }
  // Removes the file (or symlink) `path`; never a folder. False with `err` when it cannot.
  virtual bool remove_file(const std::string& path, std::string* err) = 0;
};

// The operating system's files. Output is streamed through buffers taken from a
// mem::BufferPool (64 KiB each; its own pool, or a shared one given to the constructor) and
// given back as soon as the file is finished, so a run writing thousands of files reuses a
// handful of buffers. Safe to use from several threads at once.
class RealDisk final : public Disk {
 public:
  explicit RealDisk(mem::BufferPool* shared_pool = nullptr);
  ~RealDisk() override;
  RealDisk(const RealDisk&) = delete;
  RealDisk& operator=(const RealDisk&) = delete;
  mem::BufferPool& buffer_pool() { return *pool_; }

  // Confines the disk to `dir` (an absolute, canonical directory): a descriptor of it is
  // opened now, and every path below it is reached from that descriptor one component at a
  // time, following no symlink (openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, or a walk
  // of O_NOFOLLOW opens where the kernel has no openat2; see gen/beneath.h): files are created,
  // linked, renamed, read, locked, made and removed relative to a descriptor of their folder so
  // obtained. A symlink below `dir` is never followed by the disk, not even by stat(): the
  // caller resolves the ones it allows first (gen::resolve_inside follows those that stay
  // inside), so one met here appeared after that check, and the operation fails (ELOOP) instead
  // of leaving `dir`. Paths elsewhere are used by name, as before. A batch writes thousands of
  // files into one destination, and this also saves walking each path from the root.
  // If `dir` is moved away meanwhile, the disk keeps working in the moved folder while lookups
  // by others see what is at the path now; anchor_intact() tells the caller (a batch stops).
  // Once per disk, before other threads use it. False with `err` when `dir` cannot be opened,
  // or the disk is anchored already. UNJUCKS_NO_OPENAT2=1 at construction uses the walk.
  bool anchor(const std::string& dir, std::string* err);
  // True when the anchored path still names the folder anchor() opened (or there is no
  // anchor); false with a message otherwise.
  bool anchor_intact(std::string* err) const;

  FileInfo stat(const std::string& path) override;
  FileInfo lstat(const std::string& path) override;
  bool read_link(const std::string& path, std::string* target) override;
  bool real_path(const std::string& path, std::string* out) override;
  using Disk::read;
  bool read(const std::string& path, std::string* content, std::string* err,
            const ReadLimit& limit) override;
  bool list_dir(const std::string& path, std::vector<std::string>* names,
                std::string* err) override;
  bool make_dirs(const std::string& path, std::vector<std::string>* created,
                 std::string* err) override;
  void remove_dir(const std::string& path) override;
  std::unique_ptr<PendingFile> create_temp(const std::string& target, uint32_t mode,
                                           std::string* err) override;
  bool chmod(const std::string& path, uint32_t mode, std::string* err) override;
  uint32_t default_file_mode() override;
  // flock() on a separately opened descriptor: excludes other processes and other threads of
  // this one alike (POSIX fcntl locks would not exclude threads). Rechecks after locking that
  // `path` still names the locked file (a writer that held the lock may have renamed a new
  // file onto it) and locks the new one if not.
  std::unique_ptr<FileLock> lock_file(const std::string& path, int timeout_ms,
                                      std::string* err) override;
  // Temporaries are anonymous (O_TMPFILE, linked in at commit) where the file system has them,
  // and otherwise named ".<target>.unjucks-<pid>-<n>". Replacing an existing file needs a name
  // either way (the new file is exchanged with the old one, which keeps that name until the
  // action keeps or undoes it), so a process killed at that moment leaves one behind. A named
  // one is stale when its process is gone, or when it is a day old (the pid may have been
  // reused). Each directory is looked at once per RealDisk; temporaries of this process are
  // never touched.
  size_t remove_stale_temps(const std::string& dir) override;
  bool writable(const std::string& path) override;
  bool remove_file(const std::string& path, std::string* err) override;

 private:
  std::unique_ptr<mem::BufferPool> own_pool_;  // when no shared pool was given
  mem::BufferPool* pool_;
  uint32_t umask_;  // read once, at construction (changing it later would race other threads)
  std::atomic<bool> anonymous_ok_;  // O_TMPFILE is used (until it is refused once)
  bool walk_;                       // see gen/beneath.h (UNJUCKS_NO_OPENAT2)
  std::mutex cleaned_mutex_;
  std::set<std::string> cleaned_;  // directories remove_stale_temps has looked at
  uint64_t id_ = 0;                // this disk among all (remove_stale_temps' per-thread memo)
  std::string anchor_;             // see anchor(); empty: none
  int anchor_fd_ = -1;
  Anchor where() const { return Anchor{&anchor_, anchor_fd_, walk_}; }
};

// True when `name` (a file name, no directory) has the form of a temporary file of create_temp;
// `pid` receives the process id it carries.
bool is_temp_name(std::string_view name, long* pid);

// Path helpers shared by the disks: the parent directory and the last component of a
// '/'-separated path.
std::string parent_dir(const std::string& path);
std::string base_name(const std::string& path);

}  // namespace unjucks::gen
