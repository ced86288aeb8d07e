#include "gen/ignore_rules.h"

namespace unjucks::gen {
namespace {

// One segment (no '/') against one name.
bool segment_match(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star_p = pi++;
      star_s = si;
      continue;
    }
    if (pi < p.size()) {
      bool ok = false;
      size_t next = pi + 1;
      if (p[pi] == '?') {
        ok = true;
      } else if (p[pi] == '[') {
        size_t j = pi + 1;
        bool neg = j < p.size() && (p[j] == '!' || p[j] == '^');
        if (neg) ++j;
        bool hit = false, closed = false;
        for (size_t first = j; j < p.size(); ++j) {
          if (p[j] == ']' && j > first) {
            closed = true;
            break;
          }
          char lo = p[j];
          if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
          char hi = lo;
          if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
            hi = p[j + 2];
            if (hi == '\\' && j + 3 < p.size()) hi = p[++j + 2];
            j += 2;
          }
          if (s[si] >= lo && s[si] <= hi) hit = true;
        }
        if (closed) {
          ok = hit != neg;
          next = j + 1;
        } else {
          ok = s[si] == '[';  // an unclosed '[' is itself
        }
      } else if (p[pi] == '\\') {
        // A trailing backslash matches nothing (git's rule).
        ok = pi + 1 < p.size() && p[pi + 1] == s[si];
        next = pi + 2;
      } else {
        ok = p[pi] == s[si];
      }
      if (ok) {
        pi = next;
        ++si;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p + 1;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// The segments of `s`; consecutive "**" segments are one (the same set of paths), which keeps
// the matcher's recursion within twice the path's depth.
std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t slash = s.find('/', start);
    std::string_view seg = s.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (!(seg == "**" && !out.empty() && out.back() == "**")) out.push_back(seg);
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

// Whether p[pi..] matches s[si..]. `memo` (one cell per (pi, si): 0 unknown, 1 no, 2 yes)
// keeps patterns with many '**' linear in the path instead of exponential.
bool match_segments(const std::vector<std::string_view>& p, size_t pi,
                    const std::vector<std::string_view>& s, size_t si, std::vector<char>* memo) {
  char& cell = (*memo)[pi * (s.size() + 1) + si];
  if (cell != 0) return cell == 2;
  bool result;
  if (pi == p.size()) {
    result = si == s.size();
  } else if (p[pi] == "**" && pi + 1 == p.size()) {
    // A trailing "**" is what is inside: one segment or more ("a/**" is not "a" itself).
    result = si < s.size();
  } else if (p[pi] == "**") {
    // Any number of segments, none included.
    result = false;
    for (size_t k = si; k <= s.size() && !result; ++k)
      result = match_segments(p, pi + 1, s, k, memo);
  } else {
    result =
        si < s.size() && segment_match(p[pi], s[si]) && match_segments(p, pi + 1, s, si + 1, memo);
  }
  cell = result ? 2 : 1;
  return result;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> p = split(pattern), s = split(path);
  // More literal segments than the path has cannot match (and bound the recursion).
  size_t literal = 0;
  for (std::string_view seg : p) literal += seg != "**";
  if (literal > s.size()) return false;
  std::vector<char> memo((p.size() + 1) * (s.size() + 1), 0);
  return match_segments(p, 0, s, 0, &memo);
}

void IgnoreRules::add(std::string_view text, const std::string& base) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 BOM
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Trailing spaces go, unless escaped.
    while (!line.empty() && line.back() == ' ' &&
           !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
      line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#' || line.size() > kMaxPatternBytes) continue;
    Rule r;
    r.base = base;
    if (line.front() == '!') {
      r.negate = true;
      line.remove_prefix(1);
    } else if (line.starts_with("\\#") || line.starts_with("\\!")) {
      line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
      r.dir_only = true;
      line.remove_suffix(1);
    }
    if (!line.empty() && line.front() == '/') {
      r.anchored = true;
      line.remove_prefix(1);
    }
    if (line.empty()) continue;
    if (line.find('/') != std::string_view::npos) r.anchored = true;
    r.pattern = std::string(line);
    rules_.push_back(std::move(r));
  }
}

bool IgnoreRules::ignored(const std::string& rel, bool is_dir) const {
  bool result = false;
  for (const Rule& r : rules_) {
    if (r.negate != result) continue;  // it could not change the verdict
    if (r.dir_only && !is_dir) continue;
    std::string_view path = rel;
    if (!r.base.empty()) {
      if (!(path.size() > r.base.size() && path.starts_with(r.base) &&
            path[r.base.size()] == '/')) {
        continue;
      }
      path.remove_prefix(r.base.size() + 1);
    }
    bool hit = r.anchored ? glob_match(r.pattern, path)
                          : glob_match(r.pattern, path.substr(path.rfind('/') + 1));
    if (hit) result = !r.negate;
  }
  return result;
}

}  // namespace unjucks::gen
