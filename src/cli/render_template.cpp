#include "cli/render_template.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.h"
#include "cli/memory_options.h"
#include "gen/bounded_read.h"
#include "gen/template_pool.h"
#include "mem/buffer_pool.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"
#include "template/output.h"

namespace unjucks::cli {

namespace {

namespace fs = std::filesystem;

constexpr size_t kOutputBuffer = 64 * 1024;

// The whole of `path` ("-": stdin), refused past `max_bytes` (the limit `limit_name`) before it
// fills memory: a regular file by its size, before it is read; a pipe or a device as it is read.
std::string read_whole(const std::string& path, uint64_t max_bytes, std::string_view limit_name) {
  std::string text, err;
  if (!gen::read_file_bounded(path, gen::ReadLimit{max_bytes, limit_name, false}, &text, &err)) {
    throw RenderUserError(err);
  }
  return text;
}

// --set a.b.c=value: value is JSON when it parses as JSON (true, 3, null, [1], "x"), else the
// string as written. Dotted keys create (or replace non-objects with) nested objects.
void apply_set(tpl::Context& ctx, const std::string& assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw RenderUserError("--set expects key=value, got \"" + assignment + "\"");
  }
  std::string_view key(assignment.data(), eq);
  std::string_view text = std::string_view(assignment).substr(eq + 1);
  tpl::Value value;
  try {
    value = ctx.parse_json(text);
  } catch (const std::runtime_error&) {
    value = ctx.str(text);
  }
  mem::Arena& arena = ctx.arena();
  tpl::ObjectObj* obj = ctx.vars();
  for (;;) {
    size_t dot = key.find('.');
    std::string_view part = key.substr(0, dot);
    if (part.empty()) throw RenderUserError("--set: empty name in \"" + std::string(key) + "\"");
    if (dot == std::string_view::npos) {
      obj->set(arena, obj->find(part) ? part : arena.copy(part), value);
      return;
    }
    tpl::Value child = obj->get(part);
    if (!child.is_object()) {
      child = tpl::Value::object(tpl::ObjectObj::make(arena));
      obj->set(arena, obj->find(part) ? part : arena.copy(part), child);
    }
    obj = child.as_object();
    key.remove_prefix(dot + 1);
  }
}

// The loader roots and the name the template is compiled under. A template inside an -I folder
// is named relative to it (so "../x" works as in a loaded template); otherwise its own folder is
// searched first (then the extra roots, then -I) and it is named by its file name.
void locate_template(const RenderSettings& settings, const std::string& template_path,
                     std::vector<std::string>& roots, std::string& name) {
  for (const std::string& dir : settings.include_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw RenderUserError("-I " + dir + ": not a directory");
  }
  if (template_path == "-") {
    roots = settings.include_dirs;
    if (roots.empty()) roots.push_back(".");
    return;
  }
  std::error_code ec;
  fs::path file = fs::weakly_canonical(fs::absolute(template_path), ec);
  for (const std::string& dir : settings.include_dirs) {
    fs::path root = fs::weakly_canonical(fs::absolute(dir), ec);
    fs::path rel = file.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") {
      roots = settings.include_dirs;
      name = rel.generic_string();
      return;
    }
  }
  roots.push_back(file.parent_path().string());
  for (const std::string& r : settings.extra_roots) {
    std::string canonical = fs::weakly_canonical(fs::absolute(r), ec).string();
    if (std::find(roots.begin(), roots.end(), canonical) == roots.end()) roots.push_back(canonical);
  }
  roots.insert(roots.end(), settings.include_dirs.begin(), settings.include_dirs.end());
  name = file.filename().string();
}

// The file system loader, noting every file it reads (for --watch).
class RecordingLoader final : public tpl::Loader {
 public:
  RecordingLoader(std::vector<std::string> roots, std::vector<std::string>* loaded)
      : inner_(std::move(roots)), loaded_(loaded) {}
  std::optional<tpl::LoadedSource> load(std::string_view name) override {
    inner_.set_max_bytes(max_bytes());
    std::optional<tpl::LoadedSource> s = inner_.load(name);
    if (s && loaded_ != nullptr) loaded_->push_back(s->full_name);
    return s;
  }
  bool changed(std::string_view name, const tpl::LoadedSource& loaded) override {
    return inner_.changed(name, loaded);
  }

 private:
  tpl::FileSystemLoader inner_;
  std::vector<std::string>* loaded_;
};

// Counts bytes and throws them away.
class DiscardOutput final : public tpl::Output {
 public:
  DiscardOutput() : storage_(kOutputBuffer) {
    buf_ = storage_.data();
    cap_ = storage_.size();
  }

 private:
  void overflow(size_t) override {
    flushed_ += size_;
    size_ = 0;
  }
  std::vector<char> storage_;
};

double peak_rss_mb() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void run_bench(tpl::Environment& env, const tpl::Template& tmpl, const tpl::Context& ctx,
               const RenderSettings& args, const std::string& template_path) {
  DiscardOutput sink;
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  uint64_t renders = 0;
  double elapsed = 0;
  do {
    env.render(tmpl, ctx, sink);
    ++renders;
    elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (args.repeat ? renders < args.repeat : elapsed < args.bench_seconds);
  double bytes = static_cast<double>(sink.total());
  std::string workload =
      template_path == "-" ? "-" : fs::absolute(template_path).parent_path().filename().string();
  std::printf(
      "{\"peer\":\"unjucks\",\"workload\":\"%s\",\"renders\":%llu,\"seconds\":%.3f,"
      "\"renders_per_s\":%.2f,\"bytes_per_render\":%.1f,\"mb_per_s\":%.2f,\"rss_mb\":%.1f}\n",
      workload.c_str(), static_cast<unsigned long long>(renders), elapsed, renders / elapsed,
      bytes / static_cast<double>(renders), bytes / elapsed / 1e6, peak_rss_mb());
  if (std::fflush(stdout) != 0) {
    throw RenderUserError(std::string("cannot write to stdout: ") + std::strerror(errno));
  }
}

// Removes the temporary file unless it was renamed into place.
struct TempFile {
  std::string path;
  int fd = -1;
  bool kept = false;
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!kept && !path.empty()) ::unlink(path.c_str());
  }
};

// The output file as the memory session sees it: open from creation until closed or abandoned.
class WatchedFile {
 public:
  explicit WatchedFile(MemorySession& ms) : ms_(ms) { ms_.file_opened(); }
  ~WatchedFile() { close(0); }
  WatchedFile(const WatchedFile&) = delete;
  WatchedFile& operator=(const WatchedFile&) = delete;
  void close(size_t bytes_written) {
    if (open_) ms_.file_closed(bytes_written);
    open_ = false;
  }

 private:
  MemorySession& ms_;
  bool open_ = true;
};

// Output goes through a buffer of the pool, so the memory report counts it (file operations).
void render_to_file(tpl::Environment& env, const tpl::Template& tmpl, const tpl::Context& ctx,
                    const std::string& out_path, mem::BufferPool& buffers, MemorySession& ms) {
  fs::path out(out_path);
  fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  TempFile tmp;
  tmp.path = (dir / ("." + out.filename().string() + ".unjucks-XXXXXX")).string();
  tmp.fd = ::mkstemp(tmp.path.data());
  if (tmp.fd < 0) {
    std::string why = std::strerror(errno);
    tmp.path.clear();
    throw RenderUserError("cannot create a temporary file in " + dir.string() + ": " + why);
  }
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(tmp.fd, 0666 & ~mask);

  WatchedFile watched(ms);
  mem::BufferPool::Handle buffer = buffers.acquire();
  tpl::FdOutput sink(tmp.fd, buffer.data(), buffer.size());
  env.render(tmpl, ctx, sink);  // a TemplateError leaves through ~TempFile, which removes it
  if (!sink.flush()) {
    throw RenderUserError("cannot write " + out_path + ": " + std::strerror(sink.error()));
  }
  ms.sample();  // the file's figures at their largest: rendered, its buffer still held
  buffer.release();
  watched.close(sink.total());
  int fd = std::exchange(tmp.fd, -1);
  if (::close(fd) != 0)
    throw RenderUserError("cannot write " + out_path + ": " + std::strerror(errno));
  ms.file_committed();  // file generation: the rename into place
  if (::rename(tmp.path.c_str(), out_path.c_str()) != 0) {
    throw RenderUserError("cannot rename into " + out_path + ": " + std::strerror(errno));
  }
  tmp.kept = true;
}

void render_to_stdout(tpl::Environment& env, const tpl::Template& tmpl, const tpl::Context& ctx,
                      mem::BufferPool& buffers, MemorySession& ms) {
  mem::BufferPool::Handle buffer = buffers.acquire();
  tpl::FdOutput sink(STDOUT_FILENO, buffer.data(), buffer.size());
  env.render(tmpl, ctx, sink);
  if (!sink.flush()) {
    throw RenderUserError(std::string("cannot write to stdout: ") + std::strerror(sink.error()));
  }
  ms.sample();
}

}  // namespace

std::string read_input(const std::string& path, uint64_t max_bytes) {
  return read_whole(path, max_bytes, "data-size");
}

void apply_limit(tpl::Options* options, const std::string& assignment) {
  size_t eq = assignment.find('=');
  std::string why = "--limit " + assignment + ": expected KEY=VALUE";
  std::string_view key = std::string_view(assignment).substr(0, eq);
  if (eq == std::string::npos ||
      !tpl::set_limit(&options->limits, key, std::string_view(assignment).substr(eq + 1), &why)) {
    throw RenderUserError(why);
  }
}

// The memory report of render has the tables of generate: template discovery (finding and
// reading the template, compiling it into the template cache), rendering (the data, then the
// template streamed to its output), file generation (the rename of -o's file into place); the
// engine, the cache, the context and the output buffer as components.
void render_template(const RenderSettings& settings, const RenderTarget& target, MemorySession& ms,
                     std::vector<std::string>* loaded) {
  auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
  std::vector<std::string> roots;
  std::string name;
  locate_template(settings, target.template_path, roots, name);
  std::string source =
      read_whole(target.template_path, settings.options.limits.max_template_bytes, "template-size");
  if (loaded != nullptr && target.template_path != "-") {
    std::error_code ec;
    loaded->push_back(fs::weakly_canonical(fs::absolute(target.template_path), ec).string());
  }

  mem::BufferPool buffers(mem::BufferPoolOptions{kOutputBuffer, 1});
  tpl::Context ctx;
  tpl::Environment env(settings.options, std::make_unique<RecordingLoader>(roots, loaded));
  ms.configure(env);
  auto watch = ms.attach(&env, &ctx);
  ms.watch_buffers(&buffers);
  tpl::TemplatePtr tmpl = gen::compile_pooled(env, std::move(source), name);

  ms.enter(mem::Phase::kRendering);
  if (target.data != nullptr) {
    try {
      ctx.merge_json(*target.data);
    } catch (const std::runtime_error& e) {
      throw RenderUserError(target.data_name + ": " + e.what());
    }
  }
  for (const std::string& s : settings.sets) apply_set(ctx, s);

  if (settings.repeat > 0 || settings.bench_seconds > 0) {
    run_bench(env, *tmpl, ctx, settings, target.template_path);
  } else if (target.out_path.empty() || target.out_path == "-") {
    render_to_stdout(env, *tmpl, ctx, buffers, ms);
  } else {
    render_to_file(env, *tmpl, ctx, target.out_path, buffers, ms);
  }
}

}  // namespace unjucks::cli
