// `unjucks render`: what to render where (one template, or a glob into --out-dir, as
// nunjucks-cli), once or on every change (--watch). The rendering itself is render_template.cpp.

// Run-once command-line code, compiled for size (see generate_command.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/render_command.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/error_output.h"
#include "cli/file_watch.h"
#include "cli/glob_inputs.h"
#include "cli/memory_options.h"
#include "cli/now_option.h"
#include "cli/render_template.h"
#include "template/error.h"

namespace unjucks::cli {

namespace {

namespace fs = std::filesystem;

struct RenderArgs {
  std::string template_path;
  std::string data_arg;   // the second argument (nunjucks-cli's context)
  std::string data_path;  // --data
  std::vector<std::string> sets;
  std::string out_path;
  std::string out_dir;
  std::string extension = "html";
  std::vector<std::string> include_dirs;
  std::vector<std::string> limits;  // KEY=VALUE (tpl::set_limit)
  bool autoescape = true;
  std::string now;  // --now
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool throw_on_undefined = false;
  bool watch = false;
  bool json_errors = false;  // --json (applied by app.cpp: cli/error_output.h)
  uint64_t repeat = 0;
  double bench_seconds = 0;
};

// One template to render, and where.
struct Job {
  std::string template_path;
  std::string out_path;             // "" for stdout
  bool make_dirs = false;           // --out-dir: its folders are made as needed
  std::vector<std::string> loaded;  // the files the last rendering read (for --watch)
};

std::string canonical(const std::string& path) {
  std::error_code ec;
  return fs::weakly_canonical(fs::absolute(path), ec).string();
}

bool glob_input(const RenderArgs& a) {
  std::error_code ec;
  return a.template_path != "-" && is_glob(a.template_path) && !fs::exists(a.template_path, ec);
}

// What to render where. Throws RenderUserError. `allow_none`: a glob may match nothing yet
// (--watch waits for files).
std::vector<Job> plan(const RenderArgs& a, bool allow_none) {
  std::vector<Job> jobs;
  if (!a.out_path.empty() && !a.out_dir.empty()) {
    throw RenderUserError("--output names one file and --out-dir a folder: give one of them");
  }
  if (glob_input(a)) {
    if (!a.out_path.empty()) {
      throw RenderUserError("a glob renders several files: give --out-dir DIR, not --output");
    }
    if (a.out_dir.empty()) {
      throw RenderUserError("a glob (" + a.template_path +
                            ") renders several files: give --out-dir DIR for them");
    }
    for (const GlobMatch& m : expand_glob(a.template_path)) {
      jobs.push_back({m.path,
                      (fs::path(a.out_dir) / replace_extension(m.rel, a.extension)).string(),
                      true,
                      {}});
    }
    if (jobs.empty() && !allow_none) {
      throw RenderUserError("no template matches " + a.template_path +
                            " (names starting with _ are partials, left out)");
    }
  } else if (!a.out_dir.empty()) {
    if (a.template_path == "-") throw RenderUserError("--out-dir needs a template file, not stdin");
    std::string name = fs::path(a.template_path).filename().string();
    jobs.push_back({a.template_path,
                    (fs::path(a.out_dir) / replace_extension(name, a.extension)).string(),
                    true,
                    {}});
  } else {
    jobs.push_back({a.template_path, a.out_path == "-" ? "" : a.out_path, false, {}});
  }
  for (const Job& j : jobs) {
    if (!j.out_path.empty() && j.template_path != "-" &&
        canonical(j.out_path) == canonical(j.template_path)) {
      throw RenderUserError("the output of " + j.template_path +
                            " would replace the template itself (choose --extension or --out-dir)");
    }
  }
  return jobs;
}

// Renders every job; reports each failure (counted in `failed`) and returns the worst exit code.
int render_jobs(const RenderSettings& settings, std::vector<Job>& jobs,
                const std::string& data_name, MemorySession& ms, size_t* failed = nullptr) {
  int rc = kExitOk;
  std::string data_text;
  RenderTarget target;
  target.data_name = data_name == "-" ? "stdin" : data_name;
  try {
    if (!data_name.empty()) {
      data_text = read_input(data_name, settings.options.limits.max_data_bytes);
      target.data = &data_text;
    }
  } catch (const RenderUserError& e) {
    CliError err;
    err.message = e.what();
    return report_error(err, kExitUserError);
  }
  for (Job& job : jobs) {
    job.loaded.clear();
    target.template_path = job.template_path;
    target.out_path = job.out_path;
    try {
      if (job.make_dirs && fs::path(job.out_path).has_parent_path()) {
        std::error_code ec;
        fs::create_directories(fs::path(job.out_path).parent_path(), ec);
        if (ec) {
          throw RenderUserError("cannot make " + fs::path(job.out_path).parent_path().string() +
                                ": " + ec.message());
        }
      }
      render_template(settings, target, ms, &job.loaded);
    } catch (const tpl::TemplateError& e) {
      std::fflush(stdout);
      if (failed != nullptr) ++*failed;
      rc = std::max(rc, report_error(template_error(e.error()), kExitTemplateError));
    } catch (const RenderUserError& e) {
      CliError err;
      err.message = e.what();
      if (failed != nullptr) ++*failed;
      rc = std::max(rc, report_error(err, kExitUserError));
    }
  }
  return rc;
}

// --- --watch ------------------------------------------------------------------------------------

int g_stop_pipe[2] = {-1, -1};

extern "C" void on_watch_signal(int) {
  char c = 's';
  ssize_t n = ::write(g_stop_pipe[1], &c, 1);
  (void)n;
}

// SIGINT and SIGTERM end the watch (between renderings); a second one kills as usual.
class WatchSignals {
 public:
  WatchSignals() {
    if (::pipe2(g_stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return;
    struct sigaction sa {};
    sa.sa_handler = on_watch_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~WatchSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
    for (int& fd : g_stop_pipe) {
      if (fd >= 0) ::close(fd);
      fd = -1;
    }
  }
  WatchSignals(const WatchSignals&) = delete;
  WatchSignals& operator=(const WatchSignals&) = delete;
  int fd() const { return g_stop_pipe[0]; }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// Every folder below `dir` (itself included), at most 64 deep, not through symbolic links.
void folders_below(const std::string& dir, int depth, std::vector<std::string>* out) {
  out->push_back(dir);
  if (depth >= 64) return;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec) &&
        !it->path().filename().string().starts_with(".")) {
      folders_below(it->path().string(), depth + 1, out);
    }
  }
}

int watch(const RenderArgs& args, const RenderSettings& settings, const std::string& data_name,
          MemorySession& ms) {
  WatchSignals signals;
  FileWatch fw;
  if (!fw.ok() || signals.fd() < 0) {
    CliError e;
    e.message = std::string("--watch: cannot watch files: ") + std::strerror(errno);
    return report_error(e, kExitUserError);
  }
  const bool glob = glob_input(args);
  const std::string data_file = data_name.empty() ? "" : canonical(data_name);
  std::vector<Job> jobs = plan(args, true);
  size_t rendered = jobs.size(), failed = 0;
  int rc = render_jobs(settings, jobs, data_name, ms, &failed);
  for (;;) {
    // Watch the folders of everything the renderings read, and with a glob every folder below
    // its base (for new templates).
    std::vector<std::string> dirs;
    for (const Job& j : jobs) {
      for (const std::string& f : j.loaded) dirs.push_back(fs::path(f).parent_path().string());
      if (j.loaded.empty()) dirs.push_back(fs::path(canonical(j.template_path)).parent_path());
    }
    if (!data_file.empty()) dirs.push_back(fs::path(data_file).parent_path().string());
    if (glob) folders_below(canonical(glob_base(args.template_path)), 0, &dirs);
    for (const std::string& d : dirs) fw.watch_dir(d);
    std::string failures = failed == 0 ? "" : ", " + std::to_string(failed) + " failed";
    std::fprintf(stderr,
                 "unjucks: %zu template%s rendered%s; watching for changes (Ctrl-C stops)\n",
                 rendered, rendered == 1 ? "" : "s", failures.c_str());
    std::fflush(stderr);

    std::vector<Job> next;
    for (;;) {
      std::set<std::string> changed;
      FileWatch::Wait w = fw.wait(signals.fd(), &changed);
      if (w == FileWatch::Wait::kStopped) return rc;
      if (w == FileWatch::Wait::kError) {
        CliError e;
        e.message = std::string("--watch: ") + std::strerror(errno);
        return report_error(e, kExitUserError);
      }
      auto touched = [&](const std::string& f) { return changed.count(f) != 0; };
      bool everything = changed.count("") != 0 || (!data_file.empty() && touched(data_file));
      // The templates again (a glob may match new files, or fewer), each with the files its last
      // rendering read; a new one, or one whose files changed, is rendered.
      try {
        next = plan(args, true);
      } catch (const RenderUserError& e) {
        CliError err;
        err.message = e.what();
        rc = report_error(err, kExitUserError);
        continue;
      }
      std::vector<Job> due;
      for (Job& j : next) {
        auto old = std::find_if(jobs.begin(), jobs.end(),
                                [&](const Job& o) { return o.template_path == j.template_path; });
        bool stale = old == jobs.end() || everything;
        if (old != jobs.end()) {
          j.loaded = old->loaded;
          stale = stale || touched(canonical(j.template_path)) ||
                  std::any_of(j.loaded.begin(), j.loaded.end(), touched);
        }
        if (stale) due.push_back(j);
      }
      if (due.empty()) {
        jobs = std::move(next);
        continue;  // nothing this watch renders changed
      }
      rendered = due.size();
      failed = 0;
      rc = render_jobs(settings, due, data_name, ms, &failed);
      for (Job& j : next) {
        for (const Job& d : due) {
          if (d.template_path == j.template_path) j.loaded = d.loaded;
        }
      }
      jobs = std::move(next);
      break;
    }
  }
}

int run_render(const RenderArgs& args) {
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession* current = current_memory_session();
  MemorySession& ms = current != nullptr ? *current : unmonitored;
  try {
    if (!args.data_arg.empty() && !args.data_path.empty()) {
      throw RenderUserError("the data is given twice (" + args.data_arg + " and --data " +
                            args.data_path + "): give one");
    }
    const std::string data_name = args.data_path.empty() ? args.data_arg : args.data_path;
    if (args.template_path == "-" && data_name == "-") {
      throw RenderUserError("the template and the data cannot both come from stdin");
    }
    if (args.watch && (args.template_path == "-" || data_name == "-")) {
      throw RenderUserError("--watch needs files to watch, not stdin");
    }
    RenderSettings settings;
    settings.options.autoescape = args.autoescape;
    settings.options.trim_blocks = args.trim_blocks;
    settings.options.lstrip_blocks = args.lstrip_blocks;
    settings.options.throw_on_undefined = args.throw_on_undefined;
    for (const std::string& l : args.limits) apply_limit(&settings.options, l);
    std::string now_err;
    if (!resolve_now(args.now, &settings.options.now_ms, &now_err)) throw RenderUserError(now_err);
    settings.include_dirs = args.include_dirs;
    settings.sets = args.sets;
    settings.repeat = args.repeat;
    settings.bench_seconds = args.bench_seconds;
    // A glob's templates find the partials at its base too (`{% include "_nav.njk" %}` from a
    // page in a subfolder), as nunjucks-cli searches from its --path.
    if (glob_input(args)) settings.extra_roots.push_back(glob_base(args.template_path));
    if (args.watch) return watch(args, settings, data_name, ms);
    std::vector<Job> jobs = plan(args, false);
    return render_jobs(settings, jobs, data_name, ms);
  } catch (const RenderUserError& e) {
    CliError err;
    err.message = e.what();
    return report_error(err, kExitUserError);
  } catch (const std::exception& e) {
    CliError err;
    err.message = e.what();
    return report_error(err, kExitTemplateError);
  }
}

}  // namespace

void add_render_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RenderArgs>();
  // The help comes from cli/command_docs.cpp; the descriptions here are for CLI11's errors.
  CLI::App* cmd = app.add_subcommand("render", "Render templates with JSON data");
  cmd->add_option("template", args->template_path, "the template file, or a glob")->required();
  cmd->add_option("data", args->data_arg, "a JSON file with the variables ('-' for stdin)");
  cmd->add_option("-d,--data", args->data_path, "the data");
  cmd->add_option("-s,--set", args->sets, "set a variable: key=value");
  cmd->add_option("-o,--output", args->out_path, "write to this file");
  cmd->add_option("--out-dir", args->out_dir, "write the templates into this folder");
  cmd->add_option("-e,--extension", args->extension, "the extension of --out-dir's files");
  cmd->add_flag("-w,--watch", args->watch, "render again on every change");
  // Errors as JSON: app.cpp has set it for the whole process (cli/error_output.h).
  cmd->add_flag("--json", args->json_errors, "errors as JSON on stdout");
  cmd->add_option("--limit", args->limits, "a resource limit, KEY=VALUE");
  cmd->add_option("-I,--include", args->include_dirs, "another folder to load templates from");
  cmd->add_flag("--autoescape,!--no-autoescape", args->autoescape, "HTML-escape output");
  cmd->add_flag("--trim-blocks", args->trim_blocks, "trim blocks");
  cmd->add_flag("--lstrip-blocks", args->lstrip_blocks, "lstrip blocks");
  cmd->add_flag("--throw-on-undefined", args->throw_on_undefined, "throw on undefined");
  cmd->add_option("--now", args->now, "what now() returns");
  cmd->add_option("--repeat", args->repeat, "benchmark: render N times")->group("");
  cmd->add_option("--bench", args->bench_seconds, "benchmark: render for SECONDS")->group("");
  cmd->callback([args, exit_code] { *exit_code = run_render(*args); });
}

}  // namespace unjucks::cli
