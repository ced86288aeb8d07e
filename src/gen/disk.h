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
// renames it onto its target, discard() removes it. Destroying an uncommitted file discards it.
// commit_new() puts it in place only where nothing has the target's name (Exists otherwise,
// the pending file unchanged), and undo_new() takes a file so put in place out again (when it
// is still the one there; it does nothing to a file commit_new did not put in place).
class PendingFile {
 public:
  virtual ~PendingFile() = default;
  virtual tpl::Output& out() = 0;
  virtual bool finish(std::string* err) = 0;
  virtual bool commit(std::string* err) = 0;
  virtual CommitResult commit_new(std::string* err) = 0;
  virtual void undo_new() = 0;
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
  // Follows symlinks.
  virtual FileInfo stat(const std::string& path) = 0;
  // Does not follow a final symlink.
  virtual FileInfo lstat(const std::string& path) = 0;
  virtual bool read_link(const std::string& path, std::string* target) = 0;
  virtual bool read(const std::string& path, std::string* content, std::string* err) = 0;
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
  // False when the file exists and this process may not write it (read-only): it is then
  // refused rather than replaced by a rename. The default allows everything.
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

  // New files under `dir` (an absolute path without a trailing '/') are created and named
  // relative to a descriptor of `dir` opened now, instead of walking the whole path from the
  // root twice per file (a batch writes thousands into one destination). Other operations
  // (lookups, reads, folders) keep using paths, so if `dir` is moved away meanwhile the two
  // disagree: new files go into the moved folder, lookups see what is at the path now. A file
  // planned as new is only ever put in place where nothing has its name (gen::run_action
  // stops rather than replace it), and anchor_intact() tells the caller to stop. Once per
  // disk, before other threads use it. False with `err` when `dir` cannot be opened, or the
  // disk is anchored already.
  bool anchor(const std::string& dir, std::string* err);
  // True when the anchored path still names the folder anchor() opened (or there is no
  // anchor); false with a message otherwise.
  bool anchor_intact(std::string* err) const;

  FileInfo stat(const std::string& path) override;
  FileInfo lstat(const std::string& path) override;
  bool read_link(const std::string& path, std::string* target) override;
  bool read(const std::string& path, std::string* content, std::string* err) override;
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
  // Temporaries are anonymous (O_TMPFILE, linked in at commit; nothing is left when the process
  // dies) where the file system has them, and otherwise named
  // ".<target>.unjucks-<pid>-<n>". A named one is stale when its process is
  // gone, or when it is a day old (the pid may have been reused). Each directory is looked at
  // once per RealDisk; temporaries of this process are never touched.
  size_t remove_stale_temps(const std::string& dir) override;
  bool writable(const std::string& path) override;
  bool remove_file(const std::string& path, std::string* err) override;

 private:
  std::unique_ptr<mem::BufferPool> own_pool_;  // when no shared pool was given
  mem::BufferPool* pool_;
  uint32_t umask_;  // read once, at construction (changing it later would race other threads)
  std::atomic<bool> anonymous_ok_;  // O_TMPFILE is used (until it is refused once)
  std::mutex cleaned_mutex_;
  std::set<std::string> cleaned_;  // directories remove_stale_temps has looked at
  uint64_t id_ = 0;                // this disk among all (remove_stale_temps' per-thread memo)
  std::string anchor_;             // see anchor(); empty: none
  int anchor_fd_ = -1;
};

// True when `name` (a file name, no directory) has the form of a temporary file of create_temp;
// `pid` receives the process id it carries.
bool is_temp_name(std::string_view name, long* pid);

// Path helpers shared by the disks: the parent directory and the last component of a
// '/'-separated path.
std::string parent_dir(const std::string& path);
std::string base_name(const std::string& path);

}  // namespace unjucks::gen
