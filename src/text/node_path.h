// Node's POSIX `path` module (path.posix, what Hygen's h.path is on Linux and macOS), over UTF-8
// strings: the same results byte for byte, edge cases included (`join('a', '')` is "a",
// `dirname('//a')` is "//", `basename('a.js', '.js')` is "a", `extname('.profile')` is "",
// `relative` and `resolve` against the current folder).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::text::node_path {

inline constexpr std::string_view kSep = "/";
inline constexpr std::string_view kDelimiter = ":";

std::string normalize(std::string_view path);
std::string join(const std::vector<std::string_view>& parts);
// Right to left until an absolute path, then `cwd` (an absolute path) in front.
std::string resolve(const std::vector<std::string_view>& parts, std::string_view cwd);
std::string relative(std::string_view from, std::string_view to, std::string_view cwd);
std::string dirname(std::string_view path);
// `suffix` is removed from the end when it is there and not the whole name.
std::string basename(std::string_view path);
std::string basename(std::string_view path, std::string_view suffix);
std::string extname(std::string_view path);
bool is_absolute(std::string_view path);

struct Parsed {
  std::string root, dir, base, ext, name;
};
Parsed parse(std::string_view path);
// path.format({dir, root, base, name, ext}): each part may be missing (empty).
std::string format(std::string_view dir, std::string_view root, std::string_view base,
                   std::string_view name, std::string_view ext);

}  // namespace unjucks::text::node_path
