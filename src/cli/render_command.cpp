#include "cli/render_command.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/memory_options.h"
#include "cli/now_option.h"
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

struct RenderArgs {
  std::string template_path;
  std::string data_path;
  std::vector<std::string> sets;
  std::string out_path;
  std::vector<std::string> include_dirs;
  std::vector<std::string> limits;  // KEY=VALUE (tpl::set_limit)
  bool autoescape = true;
  std::string now;  // --now
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool throw_on_undefined = false;
  uint64_t repeat = 0;
  double bench_seconds = 0;
};

// A failure that is the user's (arguments, files): message to stderr, exit 1.
struct UserError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string read_input(const std::string& path) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw UserError("cannot open " + path + ": " + std::strerror(errno));
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  bool failed = std::ferror(f) != 0;
  int err = errno;
  if (f != stdin) std::fclose(f);
  if (failed) throw UserError("cannot read " + path + ": " + std::strerror(err));
  return text;
}

// --set a.b.c=value: value is JSON when it parses as JSON (true, 3, null, [1], "x"), else the
// string as written. Dotted keys create (or replace non-objects with) nested objects.
void apply_set(tpl::Context& ctx, const std::string& assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UserError("--set expects key=value, got \"" + assignment + "\"");
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
    if (part.empty()) throw UserError("--set: empty name in \"" + std::string(key) + "\"");
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
// searched first and it is named by its file name.
void locate_template(const RenderArgs& args, std::vector<std::string>& roots, std::string& name) {
  for (const std::string& dir : args.include_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw UserError("-I " + dir + ": not a directory");
  }
  if (args.template_path == "-") {
    roots = args.include_dirs;
    if (roots.empty()) roots.push_back(".");
    return;
  }
  std::error_code ec;
  fs::path file = fs::weakly_canonical(fs::absolute(args.template_path), ec);
  for (const std::string& dir : args.include_dirs) {
    fs::path root = fs::weakly_canonical(fs::absolute(dir), ec);
    fs::path rel = file.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") {
      roots = args.include_dirs;
      name = rel.generic_string();
      return;
    }
  }
  roots.push_back(file.parent_path().string());
  roots.insert(roots.end(), args.include_dirs.begin(), args.include_dirs.end());
  name = file.filename().string();
}

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

int run_bench(tpl::Environment& env, const tpl::Template& tmpl, const tpl::Context& ctx,
              const RenderArgs& args) {
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
  std::string workload = args.template_path == "-"
                             ? "-"
                             : fs::absolute(args.template_path).parent_path().filename().string();
  std::printf(
      "{\"peer\":\"unjucks\",\"workload\":\"%s\",\"renders\":%llu,\"seconds\":%.3f,"
      "\"renders_per_s\":%.2f,\"bytes_per_render\":%.1f,\"mb_per_s\":%.2f,\"rss_mb\":%.1f}\n",
      workload.c_str(), static_cast<unsigned long long>(renders), elapsed, renders / elapsed,
      bytes / static_cast<double>(renders), bytes / elapsed / 1e6, peak_rss_mb());
  return std::fflush(stdout) == 0 ? kExitOk : kExitUserError;
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
    throw UserError("cannot create a temporary file in " + dir.string() + ": " + why);
  }
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(tmp.fd, 0666 & ~mask);

  WatchedFile watched(ms);
  mem::BufferPool::Handle buffer = buffers.acquire();
  tpl::FdOutput sink(tmp.fd, buffer.data(), buffer.size());
  env.render(tmpl, ctx, sink);  // a TemplateError leaves through ~TempFile, which removes it
  if (!sink.flush()) {
    throw UserError("cannot write " + out_path + ": " + std::strerror(sink.error()));
  }
  ms.sample();  // the file's figures at their largest: rendered, its buffer still held
  buffer.release();
  watched.close(sink.total());
  int fd = std::exchange(tmp.fd, -1);
  if (::close(fd) != 0) throw UserError("cannot write " + out_path + ": " + std::strerror(errno));
  ms.file_committed();  // file generation: the rename into place
  if (::rename(tmp.path.c_str(), out_path.c_str()) != 0) {
    throw UserError("cannot rename into " + out_path + ": " + std::strerror(errno));
  }
  tmp.kept = true;
}

void render_to_stdout(tpl::Environment& env, const tpl::Template& tmpl, const tpl::Context& ctx,
                      mem::BufferPool& buffers, MemorySession& ms) {
  mem::BufferPool::Handle buffer = buffers.acquire();
  tpl::FdOutput sink(STDOUT_FILENO, buffer.data(), buffer.size());
  env.render(tmpl, ctx, sink);
  if (!sink.flush()) {
    throw UserError(std::string("cannot write to stdout: ") + std::strerror(sink.error()));
  }
  ms.sample();
}

// The memory report of render has the tables of generate: template discovery (finding and
// reading the template, compiling it into the template cache), rendering (the data, then the
// template streamed to its output), file generation (the rename of -o's file into place); the
// engine, the cache, the context and the output buffer as components.
int run_render(const RenderArgs& args) {
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession* current = current_memory_session();
  MemorySession& ms = current != nullptr ? *current : unmonitored;
  try {
    if (args.template_path == "-" && args.data_path == "-") {
      throw UserError("the template and the data cannot both come from stdin");
    }
    auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
    std::vector<std::string> roots;
    std::string name;
    locate_template(args, roots, name);
    std::string source = read_input(args.template_path);

    tpl::Options options;
    options.autoescape = args.autoescape;
    options.trim_blocks = args.trim_blocks;
    options.lstrip_blocks = args.lstrip_blocks;
    options.throw_on_undefined = args.throw_on_undefined;
    std::string now_err;
    if (!resolve_now(args.now, &options.now_ms, &now_err)) throw UserError(now_err);
    for (const std::string& l : args.limits) {
      size_t eq = l.find('=');
      std::string why = "--limit " + l + ": expected KEY=VALUE";
      std::string_view key = std::string_view(l).substr(0, eq);
      if (eq == std::string::npos ||
          !tpl::set_limit(&options.limits, key, std::string_view(l).substr(eq + 1), &why)) {
        throw UserError(why);
      }
    }
    mem::BufferPool buffers(mem::BufferPoolOptions{kOutputBuffer, 1});
    tpl::Context ctx;
    tpl::Environment env(options, std::make_unique<tpl::FileSystemLoader>(roots));
    ms.configure(env);
    auto watch = ms.attach(&env, &ctx);
    ms.watch_buffers(&buffers);
    tpl::TemplatePtr tmpl = gen::compile_pooled(env, std::move(source), name);

    ms.enter(mem::Phase::kRendering);
    if (!args.data_path.empty()) {
      std::string data = read_input(args.data_path);
      try {
        ctx.merge_json(data);
      } catch (const std::runtime_error& e) {
        throw UserError((args.data_path == "-" ? "stdin" : args.data_path) + ": " + e.what());
      }
    }
    for (const std::string& s : args.sets) apply_set(ctx, s);

    if (args.repeat > 0 || args.bench_seconds > 0) return run_bench(env, *tmpl, ctx, args);
    if (args.out_path.empty() || args.out_path == "-") {
      render_to_stdout(env, *tmpl, ctx, buffers, ms);
    } else {
      render_to_file(env, *tmpl, ctx, args.out_path, buffers, ms);
    }
    return kExitOk;
  } catch (const tpl::TemplateError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", e.error().format().c_str());
    return kExitTemplateError;
  } catch (const UserError& e) {
    std::fprintf(stderr, "unjucks render: %s\n", e.what());
    return kExitUserError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unjucks render: error: %s\n", e.what());
    return kExitTemplateError;
  }
}

}  // namespace

void add_render_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* cmd = app.add_subcommand(
      "render", "Render one template with JSON data to stdout or a file (like nunjucks-cli)");
  cmd->add_option("template", args->template_path, "the template file ('-' for stdin)")->required();
  cmd->add_option("-d,--data", args->data_path, "a JSON object with the variables ('-' for stdin)");
  cmd->add_option("-s,--set", args->sets,
                  "set a variable: key=value (value read as JSON when it parses, else text; "
                  "a.b=1 makes nested objects); after --data, repeatable");
  cmd->add_option("-o,--output", args->out_path,
                  "write to this file (atomically: a temporary file renamed into place)");
  cmd->add_option("--limit", args->limits,
                  "a resource limit, KEY=VALUE (repeatable): output-size (default 1G), "
                  "loop-iterations (100000000), calls (1000000), template-size (64M), "
                  "call-depth (200), parse-depth (500), render-memory (512M)");
  cmd->add_option("-I,--include", args->include_dirs,
                  "another folder to load templates from (repeatable; searched in order)");
  cmd->add_option("--now", args->now,
                  "what now() returns: 2024-01-15T10:30:00Z or seconds since 1970 (default: "
                  "$SOURCE_DATE_EPOCH, else the time the run starts)");
  cmd->add_flag("--autoescape,!--no-autoescape", args->autoescape,
                "HTML-escape output (default: on, as Nunjucks)");
  cmd->add_flag("--trim-blocks", args->trim_blocks, "remove the first newline after a block tag");
  cmd->add_flag("--lstrip-blocks", args->lstrip_blocks,
                "strip whitespace before a block tag at the start of a line");
  cmd->add_flag("--throw-on-undefined", args->throw_on_undefined,
                "make printing an undefined or null value an error");
  cmd->add_option("--repeat", args->repeat, "benchmark: render N times into a discarding sink")
      ->group("");
  cmd->add_option("--bench", args->bench_seconds,
                  "benchmark: render for SECONDS into a discarding sink")
      ->group("");
  cmd->callback([args, exit_code] { *exit_code = run_render(*args); });
}

}  // namespace unjucks::cli
