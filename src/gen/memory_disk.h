// An in-memory Disk: a map of absolute paths to files, directories and symlinks. Tests use it to
// check what the generator reads and writes without touching the filesystem, and the embedded
// generators are served from one. Every mutating call is recorded in log().
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "gen/disk.h"

namespace unjucks::gen {

class MemoryDisk final : public Disk {
 public:
  struct Node {
    FileType type = FileType::File;
    std::string content;  // file content, or the symlink's target
    uint32_t mode = 0644;
  };

  // Adds a file (and its missing parent directories).
  void add_file(const std::string& path, std::string content, uint32_t mode = 0644);
  void add_dir(const std::string& path);
  void add_symlink(const std::string& path, std::string target);
  const std::map<std::string, Node>& nodes() const { return nodes_; }
  // "write path", "mkdir path", "chmod path 755", "rename temp path", "unlink path",
  // "restore path" (a replaced file put back).
  const std::vector<std::string>& log() const { return log_; }
  // Makes every write fail (to test error paths).
  void set_read_only(bool ro) { read_only_ = ro; }
  // The next `lookups` stat() and lstat() calls of `path` report it missing (-1: all of them),
  // while putting a new file in place still finds it: a file that appears between the look
  // and the write (another process; or, for a batch, a destination moved away under it).
  void hide(const std::string& path, int lookups) { hidden_[path] = lookups; }
  bool present(const std::string& path) const { return nodes_.count(path) != 0; }
  // Putting a file in place at `target` fails (an I/O error at commit, after planning went
  // well: what the action already put in place must be taken back).
  void fail_commit(const std::string& target) { failing_commits_.insert(target); }

  FileInfo stat(const std::string& path) override;
  FileInfo lstat(const std::string& path) override;
  bool read_link(const std::string& path, std::string* target) override;
  // Resolves symbolic links as the last component only (the model of this disk).
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
  uint32_t default_file_mode() override { return 0644; }
  bool remove_file(const std::string& path, std::string* err) override;
  // False for an existing file without any write permission bit.
  bool writable(const std::string& path) override;

  // Used by the pending files.
  void put(const std::string& path, std::string content, uint32_t mode);
  void restore(const std::string& path, Node node);  // "restore path" in the log
  bool commit_fails(const std::string& target, std::string* err);
  bool rename(const std::string& from, const std::string& to);
  void unlink(const std::string& path);

 private:
  const Node* follow(const std::string& path, int depth = 0) const;
  std::map<std::string, Node> nodes_;
  std::vector<std::string> log_;
  unsigned temp_counter_ = 0;
  bool read_only_ = false;
  std::map<std::string, int> hidden_;  // see hide()
  std::set<std::string> failing_commits_;
  bool hidden_now(const std::string& path);
};

}  // namespace unjucks::gen
