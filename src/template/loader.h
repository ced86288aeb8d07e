// Where named templates come from. A loader resolves a name (already normalised, '/'-separated,
// relative to its root) to source text, and refuses names that leave its roots.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unjucks::tpl {

struct LoadedSource {
  std::string source;
  std::string full_name;  // for messages (a path for files)
  int64_t mtime_ns = 0;   // change detection for the cache (0 when unknown)
  uint64_t size = 0;
};

class Loader {
 public:
  virtual ~Loader() = default;
  // nullopt when there is no such template. Throws TemplateError (NotFound) for refusals such as
  // a path that escapes the root, with the reason.
  virtual std::optional<LoadedSource> load(std::string_view name) = 0;
  // Cheap change check: true when the source behind `name` is no longer what was loaded.
  virtual bool changed(std::string_view name, const LoadedSource& loaded) {
    (void)name;
    (void)loaded;
    return false;
  }
  // Sources larger than this are refused (ErrorKind::Limit) before they are read. The
  // Environment sets it from Limits::max_template_bytes.
  void set_max_bytes(uint64_t n) { max_bytes_ = n; }
  uint64_t max_bytes() const { return max_bytes_; }

 private:
  uint64_t max_bytes_ = UINT64_MAX;
};

// Serves a fixed map of name -> source (the conformance cases, tests, embedded generators).
class MapLoader final : public Loader {
 public:
  MapLoader() = default;
  explicit MapLoader(std::map<std::string, std::string, std::less<>> m) : map_(std::move(m)) {}
  void add(std::string name, std::string source) { map_[std::move(name)] = std::move(source); }
  std::optional<LoadedSource> load(std::string_view name) override;

 private:
  std::map<std::string, std::string, std::less<>> map_;
};

// Reads templates from one or more directories, first match wins. Refuses absolute names, names
// that climb out with '..', and symlinks that resolve outside the search paths; reads only
// regular files (never a FIFO or a device, even one a symlink inside the root points to).
class FileSystemLoader final : public Loader {
 public:
  explicit FileSystemLoader(std::vector<std::string> roots);
  std::optional<LoadedSource> load(std::string_view name) override;
  bool changed(std::string_view name, const LoadedSource& loaded) override;

 private:
  std::vector<std::string> roots_;  // canonical absolute paths
};

// Normalises a template name: collapses "./", resolves "a/../b"; returns nullopt when the name
// climbs above the root. `base` (may be empty) is the name of the template asking, used when the
// name starts with "./" or "../".
std::optional<std::string> resolve_template_name(std::string_view name, std::string_view base);

}  // namespace unjucks::tpl
