#include "migrate/migrate_apply.h"

#include <map>
#include <set>

namespace unjucks::migrate {
namespace {

bool write_file(gen::Disk& disk, const std::string& path, const std::string& content, uint32_t mode,
                bool must_be_new, std::string* err) {
  std::vector<std::string> created;
  if (!disk.make_dirs(gen::parent_dir(path), &created, err)) return false;
  std::unique_ptr<gen::PendingFile> f = disk.create_temp(path, mode, err);
  if (!f) return false;
  f->out().write(content);
  if (!f->finish(err)) return false;
  if (!must_be_new) return f->commit(err);
  switch (f->commit_new(err)) {
    case gen::CommitResult::Done:
      return true;
    case gen::CommitResult::Exists:
      *err = path + " exists already (left as it is)";
      return false;
    case gen::CommitResult::Failed:
      return false;
  }
  return false;
}

}  // namespace

ApplyResult apply_in_place(gen::Disk& disk, const MigrateOptions& opts, const MigratePlan& plan) {
  ApplyResult r;
  for (const FileChange& c : plan.changes) {
    std::string err;
    const std::string to = opts.root + "/" + c.to;
    const std::string from = c.from.empty() ? "" : opts.root + "/" + c.from;
    if (opts.backup && !from.empty() && c.kind != FileChange::Kind::Ignore) {
      if (!write_file(disk, from + ".orig", c.before, c.mode, true, &err)) {
        r.errors.push_back(c.from + ": not converted: the backup " + c.from + ".orig: " + err);
        continue;
      }
      ++r.written;
    }
    if (from.empty() || from == to) {
      if (!write_file(disk, to, c.after, c.mode, from.empty(), &err)) {
        r.errors.push_back(c.to + ": " + err);
        continue;
      }
      ++r.written;
      continue;
    }
    if (!write_file(disk, to, c.after, c.mode, true, &err)) {
      r.errors.push_back(c.from + ": not converted: " + err);
      continue;
    }
    ++r.written;
    if (!disk.remove_file(from, &err)) {
      r.errors.push_back(c.from + ": converted to " + c.to + " but not removed: " + err);
    }
  }
  return r;
}

ApplyResult write_copy(gen::Disk& disk, const MigrateOptions& opts, const MigratePlan& plan,
                       const std::string& out_dir) {
  ApplyResult r;
  std::string err;
  gen::FileInfo info = disk.stat(out_dir);
  if (info.exists()) {
    std::vector<std::string> names;
    if (info.type != gen::FileType::Dir || !disk.list_dir(out_dir, &names, &err) ||
        !names.empty()) {
      r.errors.push_back(out_dir + " exists and is not an empty folder");
      return r;
    }
  }
  std::set<std::string> removed;
  std::map<std::string, const FileChange*> in_place;
  for (const FileChange& c : plan.changes) {
    if (!c.from.empty() && c.from != c.to) removed.insert(c.from);
    if (c.from == c.to) in_place[c.from] = &c;
  }
  for (const std::string& rel : plan.files) {
    if (removed.count(rel)) continue;
    const std::string src = opts.root + "/" + rel;
    std::string content;
    uint32_t mode = disk.stat(src).mode;
    if (auto it = in_place.find(rel); it != in_place.end()) {
      content = it->second->after;
    } else if (!disk.read(src, &content, &err)) {
      r.errors.push_back(rel + ": " + err);
      continue;
    }
    if (!write_file(disk, out_dir + "/" + rel, content, mode, true, &err)) {
      r.errors.push_back(rel + ": " + err);
      continue;
    }
    ++r.written;
  }
  for (const FileChange& c : plan.changes) {
    if (!c.from.empty() && c.from == c.to) continue;
    if (!write_file(disk, out_dir + "/" + c.to, c.after, c.mode, true, &err)) {
      r.errors.push_back(c.to + ": " + err);
      continue;
    }
    ++r.written;
  }
  return r;
}

}  // namespace unjucks::migrate
