#include "gen/paths.h"

#include <deque>
#include <vector>

namespace unjucks::gen {
namespace {

// NAME_MAX of Linux file systems (ext4, XFS, btrfs, tmpfs): the longest name of one component.
constexpr size_t kMaxNameBytes = 255;

}  // namespace

std::string strip_template_ending(std::string_view rel_path) {
  for (std::string_view ending : {".ejs.t", ".njk", ".t"}) {
    if (rel_path.size() > ending.size() && rel_path.ends_with(ending)) {
      rel_path.remove_suffix(ending.size());
      break;
    }
  }
  return std::string(rel_path);
}

bool normalize_path(std::string_view path, std::string* out) {
  bool absolute = path.starts_with("/");
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    i = j + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  out->clear();
  if (absolute) out->push_back('/');
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out->push_back('/');
    out->append(parts[k]);
  }
  if (out->empty()) *out = ".";
  return true;
}

bool is_inside(std::string_view path, std::string_view root) {
  if (root == "/") return path.starts_with("/");
  if (!path.starts_with(root)) return false;
  return path.size() == root.size() || path[root.size()] == '/';
}

bool resolve_inside(Disk& disk, const std::string& dest, std::string_view out_path,
                    std::string* resolved, std::string* err, PathFacts* facts, bool look_at_leaf) {
  PathFacts ignored;
  if (!facts) facts = &ignored;
  *facts = PathFacts{};
  if (out_path.find('\0') != std::string_view::npos) {
    // The system would cut the name at the NUL and write somewhere else.
    std::string shown(out_path);
    for (char& c : shown) {
      if (c == '\0') c = '?';
    }
    *err = "refusing to write " + shown + ": the path contains a NUL byte";
    return false;
  }
  std::string joined =
      out_path.starts_with("/") ? std::string(out_path) : dest + "/" + std::string(out_path);
  std::string norm;
  if (!normalize_path(joined, &norm) || !is_inside(norm, dest) || norm == dest) {
    *err = "refusing to write " + std::string(out_path) + ": it is outside the destination " + dest;
    return false;
  }
  // Walk the components below dest, following symlinks; each step must stay inside dest.
  std::deque<std::string> rest;
  for (size_t i = dest.size() + 1; i <= norm.size();) {
    size_t j = norm.find('/', i);
    if (j == std::string::npos) j = norm.size();
    rest.emplace_back(norm.substr(i, j - i));
    i = j + 1;
    if (rest.back().size() > kMaxNameBytes) {
      // Found now rather than when the file is put in place, after others of the action were.
      *err = "refusing to write " + std::string(out_path) + ": the name '" +
             rest.back().substr(0, 40) + "...' is " + std::to_string(rest.back().size()) +
             " bytes long, longer than the " + std::to_string(kMaxNameBytes) +
             " bytes a file name may have";
      return false;
    }
  }
  std::string cur = dest;
  int links = 0;
  bool cur_seen_dir = false;  // the walk's lstat of `cur` said directory (dest is not looked at)
  while (!rest.empty()) {
    std::string next = cur + "/" + rest.front();
    rest.pop_front();
    if (rest.empty() && !look_at_leaf) {
      facts->parent_is_dir = cur_seen_dir;
      facts->parent_is_dest = cur == dest;
      cur = std::move(next);
      break;
    }
    FileInfo info = disk.lstat(next);
    if (info.type != FileType::Symlink) {
      const bool last = rest.empty();
      if (last || !info.exists()) {
        // The final component (or a missing one above it, so the final one is missing too).
        facts->leaf_known = true;
        facts->leaf = last ? info : FileInfo{};
        facts->parent_is_dir = last && cur_seen_dir;
        facts->parent_is_dest = last && cur == dest;
      }
      cur = std::move(next);
      cur_seen_dir = info.type == FileType::Dir;
      if (!info.exists()) {
        // Nothing below a missing component can be a symlink.
        for (const std::string& seg : rest) cur += "/" + seg;
        rest.clear();
      }
      continue;
    }
    *facts = PathFacts{};
    std::string target;
    if (++links > 40 || !disk.read_link(next, &target)) {
      *err = "refusing to write " + std::string(out_path) + ": cannot resolve symlink " + next;
      return false;
    }
    std::string link_norm;
    std::string link_abs = target.starts_with("/") ? target : cur + "/" + target;
    if (!normalize_path(link_abs, &link_norm) || !is_inside(link_norm, dest)) {
      *err = "refusing to write " + std::string(out_path) + ": symlink " + next +
             " points outside the destination " + dest;
      return false;
    }
    // Restart the walk from dest with the link's target followed by what is left.
    std::deque<std::string> again;
    for (size_t i = dest.size() + 1; i <= link_norm.size() && link_norm != dest;) {
      size_t j = link_norm.find('/', i);
      if (j == std::string::npos) j = link_norm.size();
      again.emplace_back(link_norm.substr(i, j - i));
      i = j + 1;
    }
    for (std::string& seg : rest) again.push_back(std::move(seg));
    rest = std::move(again);
    cur = dest;
    cur_seen_dir = false;
  }
  if (cur == dest) {
    *err = "refusing to write " + std::string(out_path) + ": it is the destination itself";
    return false;
  }
  *resolved = std::move(cur);
  return true;
}

std::string display_path(const std::string& path, const std::string& base) {
  if (is_inside(path, base) && path.size() > base.size()) {
    return path.substr(base == "/" ? 1 : base.size() + 1);
  }
  return path;
}

}  // namespace unjucks::gen
