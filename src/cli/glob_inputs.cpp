#include "cli/glob_inputs.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

namespace unjucks::cli {
namespace {

constexpr int kMaxDepth = 64;

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = std::min(path.find('/', pos), path.size());
    if (slash > pos) parts.emplace_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return parts;
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

// The pattern's segments after its base.
std::vector<std::string> pattern_segments(std::string_view pattern) {
  std::vector<std::string> parts = split(pattern);
  auto first = std::find_if(parts.begin(), parts.end(),
                            [](const std::string& p) { return has_wildcard(p); });
  return {first, parts.end()};
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n != "." && n != "..") names.emplace_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

bool segment_matches(const std::string& segment, const std::string& name) {
  return ::fnmatch(segment.c_str(), name.c_str(), FNM_PERIOD) == 0;
}

// Matches segments[i..] below `dir` (whose path below the base is `rel`).
void walk(const std::vector<std::string>& segments, size_t i, const std::string& dir,
          const std::string& rel, int depth, std::set<std::string>* out) {
  if (depth > kMaxDepth || i >= segments.size()) return;
  const std::string& seg = segments[i];
  const bool last = i + 1 == segments.size();
  if (seg == "**") {
    if (last) {
      // A trailing "**" matches every file below.
      for (const std::string& n : entries(dir)) {
        if (n[0] == '.') continue;
        struct stat st {};
        std::string p = dir + "/" + n;
        if (::lstat(p.c_str(), &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
          walk(segments, i, p, rel + n + "/", depth + 1, out);
        } else if (::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
          out->insert(rel + n);
        }
      }
      return;
    }
    walk(segments, i + 1, dir, rel, depth, out);  // no folder
    for (const std::string& n : entries(dir)) {
      if (n[0] == '.') continue;
      struct stat st {};
      std::string p = dir + "/" + n;
      if (::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        walk(segments, i, p, rel + n + "/", depth + 1, out);
      }
    }
    return;
  }
  for (const std::string& n : entries(dir)) {
    if (!segment_matches(seg, n)) continue;
    std::string p = dir + "/" + n;
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) continue;
    if (last) {
      if (S_ISREG(st.st_mode)) out->insert(rel + n);
    } else if (S_ISDIR(st.st_mode)) {
      walk(segments, i + 1, p, rel + n + "/", depth + 1, out);
    }
  }
}

// fnmatch over segments with "**" standing for any number of them.
bool match_segments(const std::vector<std::string>& pat, size_t i,
                    const std::vector<std::string>& path, size_t j) {
  if (i == pat.size()) return j == path.size();
  if (pat[i] == "**") {
    for (size_t k = j; k <= path.size(); ++k) {
      if (k > j && path[k - 1][0] == '.') break;
      if (match_segments(pat, i + 1, path, k)) return true;
    }
    return false;
  }
  return j < path.size() && segment_matches(pat[i], path[j]) &&
         match_segments(pat, i + 1, path, j + 1);
}

}  // namespace

bool is_glob(std::string_view pattern) { return has_wildcard(pattern); }

std::string glob_base(std::string_view pattern) {
  std::vector<std::string> parts = split(pattern);
  std::string base = pattern.starts_with("/") ? "/" : "";
  for (const std::string& p : parts) {
    if (has_wildcard(p)) break;
    if (!base.empty() && base != "/") base += "/";
    base += p;
  }
  // A pattern without a wildcard names a file: its base is its folder.
  if (!has_wildcard(pattern)) {
    size_t slash = base.rfind('/');
    base = slash == std::string::npos ? "" : base.substr(0, slash == 0 ? 1 : slash);
  }
  return base.empty() ? "." : base;
}

bool glob_matches(std::string_view pattern, std::string_view rel) {
  return match_segments(pattern_segments(pattern), 0, split(rel), 0);
}

std::vector<GlobMatch> expand_glob(std::string_view pattern) {
  const std::string base = glob_base(pattern);
  std::set<std::string> rels;
  walk(pattern_segments(pattern), 0, base, "", 0, &rels);
  std::vector<GlobMatch> out;
  for (const std::string& rel : rels) {
    std::string name = rel.substr(rel.rfind('/') + 1);
    if (name.starts_with("_")) continue;
    out.push_back({base == "." && !pattern.starts_with("./") ? rel : base + "/" + rel, rel});
  }
  return out;
}

std::string replace_extension(std::string_view rel, std::string_view extension) {
  size_t slash = rel.rfind('/');
  size_t name_start = slash == std::string_view::npos ? 0 : slash + 1;
  size_t dot = rel.rfind('.');
  std::string out(rel);
  if (dot != std::string_view::npos && dot > name_start) out.resize(dot);
  if (!extension.empty()) {
    out += '.';
    out += extension;
  }
  return out;
}

}  // namespace unjucks::cli
