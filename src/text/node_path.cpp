// Node's path.posix, reimplemented: the same scans over the string as Node's lib/path.js, on
// bytes (every character these functions look at is ASCII, so byte positions and UTF-16 positions
// cut a valid UTF-8 string at the same characters).
#include "text/node_path.h"

namespace unjucks::text::node_path {

namespace {

// Resolves "." and ".." segments and drops empty ones; ".." above the start is kept only when
// `allow_above_root` (a relative path).
std::string normalize_string(std::string_view path, bool allow_above_root) {
  std::string res;
  size_t last_segment_length = 0;
  long last_slash = -1;
  int dots = 0;
  char code = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size())
      code = path[i];
    else if (code == '/')
      break;
    else
      code = '/';
    const long li = static_cast<long>(i);
    if (code == '/') {
      if (last_slash == li - 1 || dots == 1) {
        // an empty or "." segment
      } else if (dots == 2) {
        bool last_is_dotdot = res.size() >= 2 && last_segment_length == 2 &&
                              res[res.size() - 1] == '.' && res[res.size() - 2] == '.';
        if (!last_is_dotdot) {
          if (res.size() > 2) {
            size_t slash = res.rfind('/');
            if (slash == std::string::npos) {
              res.clear();
              last_segment_length = 0;
            } else {
              res.resize(slash);
              size_t prev = res.rfind('/');
              last_segment_length = prev == std::string::npos ? res.size() : res.size() - 1 - prev;
            }
            last_slash = li;
            dots = 0;
            continue;
          }
          if (!res.empty()) {
            res.clear();
            last_segment_length = 0;
            last_slash = li;
            dots = 0;
            continue;
          }
        }
        if (allow_above_root) {
          res += res.empty() ? ".." : "/..";
          last_segment_length = 2;
        }
      } else {
        std::string_view segment = path.substr(static_cast<size_t>(last_slash + 1),
                                               i - static_cast<size_t>(last_slash + 1));
        if (!res.empty()) res += '/';
        res += segment;
        last_segment_length = segment.size();
      }
      last_slash = li;
      dots = 0;
    } else if (code == '.' && dots != -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return res;
}

// The scan extname and parse share: the last segment's extent and its last dot.
struct DotScan {
  long start_dot = -1;
  long start_part = 0;
  long end = -1;
  int pre_dot_state = 0;
  bool no_ext() const {
    return start_dot == -1 || end == -1 || pre_dot_state == 0 ||
           (pre_dot_state == 1 && start_dot == end - 1 && start_dot == start_part + 1);
  }
};

DotScan scan_dots(std::string_view path, long stop) {
  DotScan d;
  bool matched_slash = true;
  for (long i = static_cast<long>(path.size()) - 1; i >= stop; --i) {
    char c = path[static_cast<size_t>(i)];
    if (c == '/') {
      if (!matched_slash) {
        d.start_part = i + 1;
        break;
      }
      continue;
    }
    if (d.end == -1) {
      matched_slash = false;
      d.end = i + 1;
    }
    if (c == '.') {
      if (d.start_dot == -1)
        d.start_dot = i;
      else if (d.pre_dot_state != 1)
        d.pre_dot_state = 1;
    } else if (d.start_dot != -1) {
      d.pre_dot_state = -1;
    }
  }
  return d;
}

std::string slice(std::string_view s, long from, long to) {
  return std::string(s.substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
}

}  // namespace

std::string normalize(std::string_view path) {
  if (path.empty()) return ".";
  const bool absolute = path.front() == '/';
  const bool trailing = path.back() == '/';
  std::string p = normalize_string(path, !absolute);
  if (p.empty()) {
    if (absolute) return "/";
    return trailing ? "./" : ".";
  }
  if (trailing) p += '/';
  return absolute ? "/" + p : p;
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string joined;
  bool any = false;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (any) joined += '/';
    joined += p;
    any = true;
  }
  if (!any) return ".";
  return normalize(joined);
}

std::string resolve(const std::vector<std::string_view>& parts, std::string_view cwd) {
  std::string resolved;
  bool absolute = false;
  for (size_t i = parts.size(); i-- > 0 && !absolute;) {
    std::string_view p = parts[i];
    if (p.empty()) continue;
    resolved = std::string(p) + "/" + resolved;
    absolute = p.front() == '/';
  }
  if (!absolute) {
    resolved = std::string(cwd) + "/" + resolved;
    absolute = !cwd.empty() && cwd.front() == '/';
  }
  std::string p = normalize_string(resolved, !absolute);
  if (absolute) return "/" + p;
  return p.empty() ? "." : p;
}

std::string relative(std::string_view from_in, std::string_view to_in, std::string_view cwd) {
  if (from_in == to_in) return "";
  std::string from = resolve({from_in}, cwd);
  std::string to = resolve({to_in}, cwd);
  if (from == to) return "";
  const long from_start = 1;
  const long from_end = static_cast<long>(from.size());
  const long from_len = from_end - from_start;
  const long to_start = 1;
  const long to_len = static_cast<long>(to.size()) - to_start;
  const long length = from_len < to_len ? from_len : to_len;
  long last_common_sep = -1;
  long i = 0;
  for (; i < length; ++i) {
    char fc = from[static_cast<size_t>(from_start + i)];
    if (fc != to[static_cast<size_t>(to_start + i)]) break;
    if (fc == '/') last_common_sep = i;
  }
  if (i == length) {
    if (to_len > length) {
      if (to[static_cast<size_t>(to_start + i)] == '/')
        return slice(to, to_start + i + 1, static_cast<long>(to.size()));
      if (i == 0) return slice(to, to_start + i, static_cast<long>(to.size()));
    } else if (from_len > length) {
      if (from[static_cast<size_t>(from_start + i)] == '/')
        last_common_sep = i;
      else if (i == 0)
        last_common_sep = 0;
    }
  }
  std::string out;
  for (i = from_start + last_common_sep + 1; i <= from_end; ++i) {
    if (i == from_end || from[static_cast<size_t>(i)] == '/') out += out.empty() ? ".." : "/..";
  }
  return out + slice(to, to_start + last_common_sep, static_cast<long>(to.size()));
}

std::string dirname(std::string_view path) {
  if (path.empty()) return ".";
  const bool has_root = path.front() == '/';
  long end = -1;
  bool matched_slash = true;
  for (long i = static_cast<long>(path.size()) - 1; i >= 1; --i) {
    if (path[static_cast<size_t>(i)] == '/') {
      if (!matched_slash) {
        end = i;
        break;
      }
    } else {
      matched_slash = false;
    }
  }
  if (end == -1) return has_root ? "/" : ".";
  if (has_root && end == 1) return "//";
  return slice(path, 0, end);
}

std::string basename(std::string_view path) {
  long start = 0;
  long end = -1;
  bool matched_slash = true;
  for (long i = static_cast<long>(path.size()) - 1; i >= 0; --i) {
    if (path[static_cast<size_t>(i)] == '/') {
      if (!matched_slash) {
        start = i + 1;
        break;
      }
    } else if (end == -1) {
      matched_slash = false;
      end = i + 1;
    }
  }
  if (end == -1) return "";
  return slice(path, start, end);
}

std::string basename(std::string_view path, std::string_view suffix) {
  if (suffix.empty() || suffix.size() > path.size()) return basename(path);
  if (suffix == path) return "";
  long start = 0;
  long end = -1;
  bool matched_slash = true;
  long ext_idx = static_cast<long>(suffix.size()) - 1;
  long first_non_slash_end = -1;
  for (long i = static_cast<long>(path.size()) - 1; i >= 0; --i) {
    char c = path[static_cast<size_t>(i)];
    if (c == '/') {
      if (!matched_slash) {
        start = i + 1;
        break;
      }
      continue;
    }
    if (first_non_slash_end == -1) {
      matched_slash = false;
      first_non_slash_end = i + 1;
    }
    if (ext_idx >= 0) {
      if (c == suffix[static_cast<size_t>(ext_idx)]) {
        if (--ext_idx == -1) end = i;
      } else {
        ext_idx = -1;
        end = first_non_slash_end;
      }
    }
  }
  if (start == end)
    end = first_non_slash_end;
  else if (end == -1)
    end = static_cast<long>(path.size());
  return slice(path, start, end);
}

std::string extname(std::string_view path) {
  DotScan d = scan_dots(path, 0);
  if (d.no_ext()) return "";
  return slice(path, d.start_dot, d.end);
}

bool is_absolute(std::string_view path) { return !path.empty() && path.front() == '/'; }

Parsed parse(std::string_view path) {
  Parsed ret;
  if (path.empty()) return ret;
  const bool absolute = path.front() == '/';
  if (absolute) ret.root = "/";
  DotScan d = scan_dots(path, absolute ? 1 : 0);
  if (d.end != -1) {
    const long start = d.start_part == 0 && absolute ? 1 : d.start_part;
    if (d.start_dot == -1 || d.pre_dot_state == 0 ||
        (d.pre_dot_state == 1 && d.start_dot == d.end - 1 && d.start_dot == d.start_part + 1)) {
      ret.base = ret.name = slice(path, start, d.end);
    } else {
      ret.name = slice(path, start, d.start_dot);
      ret.base = slice(path, start, d.end);
      ret.ext = slice(path, d.start_dot, d.end);
    }
  }
  if (d.start_part > 0)
    ret.dir = slice(path, 0, d.start_part - 1);
  else if (absolute)
    ret.dir = "/";
  return ret;
}

std::string format(std::string_view dir, std::string_view root, std::string_view base,
                   std::string_view name, std::string_view ext) {
  std::string_view d = dir.empty() ? root : dir;
  std::string b;
  if (!base.empty()) {
    b = base;
  } else {
    b = name;
    if (!ext.empty()) {
      if (ext.front() != '.') b += '.';
      b += ext;
    }
  }
  if (d.empty()) return b;
  if (d == root) return std::string(d) + b;
  return std::string(d) + "/" + b;
}

}  // namespace unjucks::text::node_path
