#include "template/loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>

#include "template/error.h"

namespace unjucks::tpl {

std::optional<std::string> resolve_template_name(std::string_view name, std::string_view base) {
  std::string joined;
  if ((name.substr(0, 2) == "./" || name.substr(0, 3) == "../") && !base.empty()) {
    size_t slash = base.rfind('/');
    if (slash != std::string_view::npos) joined.assign(base.substr(0, slash + 1));
  }
  if (!name.empty() && name[0] == '/') return std::nullopt;
  joined.append(name);
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  if (parts.empty()) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out;
}

std::optional<LoadedSource> MapLoader::load(std::string_view name) {
  auto it = map_.find(name);
  if (it == map_.end()) return std::nullopt;
  LoadedSource s;
  s.source = it->second;
  s.full_name = it->first;
  s.size = it->second.size();
  return s;
}

namespace {
std::string canonical(const std::string& p) {
  char buf[PATH_MAX];
  if (::realpath(p.c_str(), buf) == nullptr) return {};
  return buf;
}
bool inside(const std::string& path, const std::string& root) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}
// Reads `path` when it is (still) a regular file: opened without following a last symlink and
// without blocking (a FIFO swapped in after the checks must not hang the render), at most
// `max_bytes` + 1 bytes. `st` receives the stat of what was read.
bool read_regular_file(const std::string& path, uint64_t max_bytes, std::string* out,
                       struct stat* st) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return false;
  if (::fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
    ::close(fd);
    return false;
  }
  out->clear();
  out->reserve(
      static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(st->st_size), max_bytes)));
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out->append(buf, static_cast<size_t>(n));
    if (out->size() > max_bytes) break;  // the environment refuses it by its size
  }
  ::close(fd);
  return true;
}
}  // namespace

FileSystemLoader::FileSystemLoader(std::vector<std::string> roots) {
  for (const std::string& r : roots) {
    std::string c = canonical(r);
    if (!c.empty()) roots_.push_back(c);
  }
}

std::optional<LoadedSource> FileSystemLoader::load(std::string_view name) {
  std::optional<std::string> norm = resolve_template_name(name, "");
  if (!norm) {
    Error e;
    e.kind = ErrorKind::NotFound;
    e.message = "template name \"" + std::string(name) + "\" leaves the template folder";
    throw TemplateError(std::move(e));
  }
  for (const std::string& root : roots_) {
    std::string path = root + "/" + *norm;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    std::string real = canonical(path);
    if (real.empty() || !inside(real, root)) {
      Error e;
      e.kind = ErrorKind::NotFound;
      e.message = "template \"" + std::string(name) + "\" resolves outside the template folder " +
                  root + " (through a symbolic link)";
      throw TemplateError(std::move(e));
    }
    if (static_cast<uint64_t>(st.st_size) > max_bytes()) {
      Error e;
      e.kind = ErrorKind::Limit;
      e.template_name = std::string(name);
      e.message = "template is larger than the limit of " + std::to_string(max_bytes()) + " bytes";
      throw TemplateError(std::move(e));
    }
    LoadedSource s;
    if (!read_regular_file(real, max_bytes(), &s.source, &st)) continue;
    s.full_name = real;
    s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    s.size = static_cast<uint64_t>(st.st_size);
    return s;
  }
  return std::nullopt;
}

bool FileSystemLoader::changed(std::string_view, const LoadedSource& loaded) {
  struct stat st;
  if (::stat(loaded.full_name.c_str(), &st) != 0) return true;
  int64_t m = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return m != loaded.mtime_ns || static_cast<uint64_t>(st.st_size) != loaded.size;
}

}  // namespace unjucks::tpl
