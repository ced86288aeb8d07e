#include "gen/memory_disk.h"

#include <fmt/format.h>

#include <optional>

#include "gen/paths.h"

namespace unjucks::gen {
namespace {

class MemoryPendingFile final : public PendingFile {
 public:
  MemoryPendingFile(MemoryDisk* disk, std::string target, std::string temp, uint32_t mode)
      : disk_(disk), target_(std::move(target)), temp_(std::move(temp)), mode_(mode) {}
  ~MemoryPendingFile() override {
    if (!committed_) discard();
  }
  tpl::Output& out() override { return out_; }
  const std::string& temp_path() const override { return temp_; }
  const std::string& target() const override { return target_; }
  bool finish(std::string* err) override {
    (void)err;
    if (!finished_) {
      disk_->put(temp_, out_.take(), mode_);
      finished_ = true;
    }
    return true;
  }
  bool commit(std::string* err) override {
    if (!finish(err)) return false;
    if (disk_->commit_fails(target_, err)) return false;
    auto it = disk_->nodes().find(target_);
    if (it != disk_->nodes().end()) previous_ = it->second;
    if (!disk_->rename(temp_, target_)) {
      *err = "cannot rename onto " + target_;
      previous_.reset();
      return false;
    }
    committed_ = true;
    return true;
  }
  CommitResult commit_new(std::string* err) override {
    if (!finish(err)) return CommitResult::Failed;
    if (disk_->present(target_)) return CommitResult::Exists;
    if (disk_->commit_fails(target_, err)) return CommitResult::Failed;
    if (!disk_->rename(temp_, target_)) {
      *err = "cannot rename onto " + target_;
      return CommitResult::Failed;
    }
    committed_ = true;
    return CommitResult::Done;
  }
  void undo() override {
    if (!committed_ || kept_) return;
    if (previous_) {
      disk_->restore(target_, std::move(*previous_));
      previous_.reset();
    } else {
      disk_->unlink(target_);
    }
    committed_ = false;
    discarded_ = true;
  }
  void keep() override {
    if (committed_) kept_ = true;
    previous_.reset();
  }
  void discard() override {
    if (!committed_ && !discarded_) {
      if (finished_) disk_->unlink(temp_);
      discarded_ = true;
    }
  }

 private:
  MemoryDisk* disk_;
  std::string target_;
  std::string temp_;
  uint32_t mode_;
  tpl::StringOutput out_;
  bool finished_ = false;
  bool committed_ = false;
  bool kept_ = false;
  bool discarded_ = false;
  std::optional<MemoryDisk::Node> previous_;  // what commit() replaced, until keep or undo
};

}  // namespace

void MemoryDisk::add_dir(const std::string& path) {
  if (path.empty() || path == "/" || nodes_.count(path)) return;
  add_dir(parent_dir(path));
  nodes_[path] = Node{FileType::Dir, "", 0755};
}

void MemoryDisk::add_file(const std::string& path, std::string content, uint32_t mode) {
  add_dir(parent_dir(path));
  nodes_[path] = Node{FileType::File, std::move(content), mode};
}

void MemoryDisk::add_symlink(const std::string& path, std::string target) {
  add_dir(parent_dir(path));
  nodes_[path] = Node{FileType::Symlink, std::move(target), 0777};
}

const MemoryDisk::Node* MemoryDisk::follow(const std::string& path, int depth) const {
  auto it = nodes_.find(path);
  if (it == nodes_.end()) return nullptr;
  if (it->second.type != FileType::Symlink) return &it->second;
  if (depth > 20) return nullptr;
  const std::string& t = it->second.content;
  return follow(t.starts_with("/") ? t : parent_dir(path) + "/" + t, depth + 1);
}

bool MemoryDisk::hidden_now(const std::string& path) {
  auto it = hidden_.find(path);
  if (it == hidden_.end() || it->second == 0) return false;
  if (it->second > 0) --it->second;
  return true;
}

FileInfo MemoryDisk::stat(const std::string& path) {
  if (hidden_now(path)) return {};
  const Node* n = follow(path);
  if (!n) return {};
  return FileInfo{n->type, n->mode, n->content.size()};
}

FileInfo MemoryDisk::lstat(const std::string& path) {
  if (hidden_now(path)) return {};
  auto it = nodes_.find(path);
  if (it == nodes_.end()) return {};
  return FileInfo{it->second.type, it->second.mode, it->second.content.size()};
}

bool MemoryDisk::read_link(const std::string& path, std::string* target) {
  auto it = nodes_.find(path);
  if (it == nodes_.end() || it->second.type != FileType::Symlink) return false;
  *target = it->second.content;
  return true;
}

bool MemoryDisk::real_path(const std::string& path, std::string* out) {
  std::string p = path;
  for (int depth = 0;; ++depth) {
    auto it = nodes_.find(p);
    if (it == nodes_.end() || depth > 20) return false;
    if (it->second.type != FileType::Symlink) break;
    const std::string& t = it->second.content;
    std::string next = t.starts_with("/") ? t : parent_dir(p) + "/" + t;
    if (!normalize_path(next, &p)) return false;
  }
  *out = p;
  return true;
}

bool MemoryDisk::read(const std::string& path, std::string* content, std::string* err,
                      const ReadLimit& limit) {
  const Node* n = follow(path);
  if (!n || n->type != FileType::File) {
    *err = "cannot read " + path + ": No such file or directory";
    return false;
  }
  if (n->content.size() > limit.max_bytes) {
    *err = too_large_message(path, limit);
    return false;
  }
  *content = n->content;
  return true;
}

bool MemoryDisk::list_dir(const std::string& path, std::vector<std::string>* names,
                          std::string* err) {
  const Node* n = follow(path);
  if (!n || n->type != FileType::Dir) {
    *err = "cannot list " + path + ": No such file or directory";
    return false;
  }
  names->clear();
  std::string prefix = path == "/" ? "/" : path + "/";
  for (auto it = nodes_.lower_bound(prefix); it != nodes_.end(); ++it) {
    if (!it->first.starts_with(prefix)) break;
    std::string rest = it->first.substr(prefix.size());
    if (!rest.empty() && rest.find('/') == std::string::npos) names->push_back(rest);
  }
  return true;  // the map keeps them sorted
}

bool MemoryDisk::make_dirs(const std::string& path, std::vector<std::string>* created,
                           std::string* err) {
  FileInfo info = stat(path);
  if (info.type == FileType::Dir || path == "/") return true;  // the root always exists
  if (info.exists() || read_only_) {
    *err = "cannot create directory " + path;
    return false;
  }
  if (!make_dirs(parent_dir(path), created, err)) return false;
  nodes_[path] = Node{FileType::Dir, "", 0755};
  log_.push_back("mkdir " + path);
  if (created) created->push_back(path);
  return true;
}

void MemoryDisk::remove_dir(const std::string& path) {
  log_.push_back("rmdir " + path);
  nodes_.erase(path);
}

std::unique_ptr<PendingFile> MemoryDisk::create_temp(const std::string& target, uint32_t mode,
                                                     std::string* err) {
  if (read_only_) {
    *err = "cannot create a temporary file for " + target + ": read-only";
    return nullptr;
  }
  std::string temp =
      parent_dir(target) + "/." + base_name(target) + ".tmp" + std::to_string(temp_counter_++);
  return std::make_unique<MemoryPendingFile>(this, target, std::move(temp), mode);
}

bool MemoryDisk::chmod(const std::string& path, uint32_t mode, std::string* err) {
  auto it = nodes_.find(path);
  if (it == nodes_.end() || read_only_) {
    *err = "cannot chmod " + path;
    return false;
  }
  it->second.mode = mode;
  log_.push_back(fmt::format("chmod {} {:o}", path, mode));
  return true;
}

void MemoryDisk::put(const std::string& path, std::string content, uint32_t mode) {
  nodes_[path] = Node{FileType::File, std::move(content), mode};
  log_.push_back("write " + path);
}

bool MemoryDisk::rename(const std::string& from, const std::string& to) {
  auto it = nodes_.find(from);
  if (it == nodes_.end()) return false;
  Node n = std::move(it->second);
  nodes_.erase(it);
  nodes_[to] = std::move(n);
  log_.push_back("rename " + from + " " + to);
  return true;
}

bool MemoryDisk::remove_file(const std::string& path, std::string* err) {
  auto it = nodes_.find(path);
  if (read_only_ || it == nodes_.end() || it->second.type == FileType::Dir) {
    *err = "cannot remove " + path + (read_only_ ? ": read-only" : ": no such file");
    return false;
  }
  unlink(path);
  return true;
}

void MemoryDisk::restore(const std::string& path, Node node) {
  nodes_[path] = std::move(node);
  log_.push_back("restore " + path);
}

bool MemoryDisk::commit_fails(const std::string& target, std::string* err) {
  if (!failing_commits_.count(target)) return false;
  *err = "cannot create " + target + ": Input/output error";
  return true;
}

bool MemoryDisk::writable(const std::string& path) {
  const Node* n = follow(path);
  return n == nullptr || (n->mode & 0222) != 0;
}

void MemoryDisk::unlink(const std::string& path) {
  nodes_.erase(path);
  log_.push_back("unlink " + path);
}

}  // namespace unjucks::gen
