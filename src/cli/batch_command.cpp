// `unjucks batch <generator> <action> --data FILE [-j N] [options] [--var value ...]`: one run
// of the action per record, in parallel, under one memory budget (src/batch/).

// Run-once command-line code, compiled for size (see generate_command.cpp); the hot paths live
// in batch/, gen/ and template/.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include <fmt/format.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "batch/batch_runner.h"
#include "batch/progress.h"
#include "batch/record_reader.h"
#include "batch/resume_state.h"
#include "batch/shard.h"
#include "cli/action_notes.h"
#include "cli/app.h"
#include "cli/command_docs.h"
#include "cli/commands.h"
#include "cli/error_output.h"
#include "cli/memory_options.h"
#include "cli/name_lookup.h"
#include "cli/option_scan.h"
#include "cli/workspace.h"
#include "gen/action.h"
#include "gen/variables.h"
#include "mem/memory_source.h"
#include "template/loader.h"

namespace unjucks::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) { g_stop.store(true); }

// SIGINT/SIGTERM ask the batch to stop (finish what is in flight); the handler is one-shot, so
// a second Ctrl-C kills the process the usual way (its temporary files are cleaned up by the
// next run). The previous handlers come back when the guard ends.
class StopSignals {
 public:
  StopSignals() {
    g_stop.store(false);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

struct BatchArgs {
  WorkspaceOptions ws;
  std::string data;
  std::string format = "auto";
  std::string dest;
  std::string vars_file;
  std::string shard;
  size_t jobs = 0;  // 0: the number of cores
  size_t worker_memory = 0;
  bool force = false;
  bool dry = false;
  bool json = false;
  bool quiet = false;
  bool verbose = false;
  bool fail_fast = false;
  bool resume = false;
  bool allow_shell = false;
  bool allow_setid = false;
  bool help = false;
  int progress = -1;  // -1 auto (a terminal), 0 off, 1 on
  std::vector<std::string> rest;
};

bool parse_batch_args(const std::vector<std::string>& args, BatchArgs* out, std::string* err,
                      std::vector<std::string>* names = nullptr) {
  std::string jobs, worker_memory;
  OptionScan o;
  o.value({"--data"}, &out->data);
  o.value({"--format"}, &out->format);
  o.value({"--dest", "-d", "--cwd"}, &out->dest);
  o.value({"--templates", "-t"}, &out->ws.templates);
  o.value({"--now"}, &out->ws.now);
  o.value({"--vars"}, &out->vars_file);
  o.value({"--shard"}, &out->shard);
  o.value({"-j", "--jobs"}, &jobs, /*attached=*/true);
  o.value({"--worker-memory"}, &worker_memory);
  o.flag({"--force", "-f"}, &out->force);
  o.flag({"--dry", "--dry-run"}, &out->dry);
  o.flag({"--json"}, &out->json);
  o.flag({"--quiet", "-q"}, &out->quiet);
  o.flag({"--verbose", "-v"}, &out->verbose);
  o.flag({"--fail-fast"}, &out->fail_fast);
  o.flag({"--resume"}, &out->resume);
  o.flag({"--progress"}, [out] { out->progress = 1; });
  o.flag({"--no-progress"}, [out] { out->progress = 0; });
  o.flag({"--allow-shell"}, &out->allow_shell);
  o.flag({"--allow-setid"}, &out->allow_setid);
  o.flag({"--builtin"}, &out->ws.builtin);
  o.flag({"--help", "-h"}, &out->help);
  if (names != nullptr) *names = o.names();
  if (!o.scan(args, &out->rest, err)) return false;
  if (o.given("-j")) {
    char* end = nullptr;
    unsigned long n = std::strtoul(jobs.c_str(), &end, 10);
    if (jobs.empty() || *end != '\0' || n == 0 || n > 1024) {
      *err = "-j wants a number of workers from 1 to 1024, not '" + jobs + "'";
      return false;
    }
    out->jobs = n;
  }
  if (!worker_memory.empty() && !parse_size(worker_memory, &out->worker_memory, err)) {
    return false;
  }
  return true;
}

size_t core_count() {
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<size_t>(n);
  }
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

std::string mib(size_t bytes) { return fmt::format("{:.1f} MiB", bytes / 1048576.0); }

int usage_error(const std::string& message) {
  CliError e;
  e.kind = kErrorUsage;
  e.message = message;
  return report_error(e, kExitUserError);
}

}  // namespace

std::vector<std::string> batch_option_names() {
  BatchArgs ba;
  std::string err;
  std::vector<std::string> names;
  parse_batch_args({}, &ba, &err, &names);
  return names;
}

std::string batch_usage() { return format_command_help(*find_command_doc("batch")); }

int batch_command(const std::vector<std::string>& args, MemorySession* memory) {
  MemorySession unmonitored{MemoryOptions{}};
  MemorySession& ms = memory != nullptr ? *memory : unmonitored;
  BatchArgs ba;
  std::string err;
  if (!parse_batch_args(args, &ba, &err)) return usage_error(err);
  if (ba.help) {
    std::fputs(batch_usage().c_str(), stdout);
    return kExitOk;
  }
  gen::VarArgs va;
  if (!gen::parse_var_args(ba.rest, &va, &err)) return usage_error(err);
  if (va.positionals.size() != 2) {
    return usage_error(va.positionals.size() < 2
                           ? "batch needs a generator and an action: unjucks batch <generator> "
                             "<action> --data FILE (see `unjucks list`)"
                           : "unexpected argument '" + va.positionals[2] +
                                 "' (each record gives its own name)");
  }
  if (ba.data.empty()) return usage_error("batch needs --data FILE (or --data - for stdin)");
  batch::DataFormat format;
  if (!batch::parse_data_format(ba.format, &format)) {
    return user_error("--format wants jsonl, json or csv, not '" + ba.format + "'");
  }
  batch::Shard shard;
  if (!ba.shard.empty() && !batch::parse_shard(ba.shard, &shard, &err)) return user_error(err);
  const std::string& generator = va.positionals[0];
  // `new:mailer` (Hygen's subaction): only the templates of `new` that match `mailer`.
  const gen::ActionRef ref = gen::split_action_ref(va.positionals[1]);
  const std::string& action_name = ref.action;

  // Discovery: the generator, its action, and one compilation to check the templates before
  // any worker starts.
  auto phase = ms.phase(mem::Phase::kTemplateDiscovery);
  Workspace ws;
  if (!ws.open(ba.ws, &err)) return user_error(err);
  CliError lookup;
  const gen::TemplateSet* set = find_generator(ws, generator, false, &lookup);
  if (!set) return report_error(lookup, kExitUserError);
  gen::ActionInfo info;
  if (!gen::load_action(*set, generator, action_name, &info, &err)) {
    return report_error(action_error(*set, generator, action_name, err), kExitUserError);
  }
  if (!gen::select_templates(&info, ref.subaction, &err)) return user_error(err);
  const std::string display = ws.display_dir(*set, info.dir);
  const tpl::Options engine_options = ws.engine_options();
  std::mutex compile_mutex;
  // One worker's engine; a template error is thrown (the workers get it as text, the check
  // below reports it where it points).
  auto compile_engine = [&](batch::WorkerEngine* out, std::string* e) {
    std::lock_guard<std::mutex> lock(compile_mutex);
    std::unique_ptr<tpl::Loader> loader;
    if (set->builtin) {
      loader = std::make_unique<tpl::MapLoader>();
    } else {
      loader = std::make_unique<tpl::FileSystemLoader>(
          std::vector<std::string>{info.dir, set->root + "/" + generator, set->root});
    }
    out->env = std::make_unique<tpl::Environment>(engine_options, std::move(loader));
    ms.configure(*out->env);
    return gen::compile_action(*out->env, *set->disk, info, display, &out->action, e);
  };
  auto make_engine = [&](batch::WorkerEngine* out, std::string* e) {
    try {
      return compile_engine(out, e);
    } catch (const tpl::TemplateError& te) {
      *e = te.what();
      return false;
    }
  };
  // The check before any worker starts.
  batch::WorkerEngine probe;
  try {
    if (!compile_engine(&probe, &err)) return user_error(err);
  } catch (const tpl::TemplateError& te) {
    return report_error(template_error(te.error()), kExitTemplateError);
  }
  print_action_notes(probe.action, info.hooks.empty() ? "" : ws.display_dir(*set, info.hooks[0]),
                     stderr);
  size_t template_bytes = 0;
  for (const std::string& rel : info.templates) {
    template_bytes += set->disk->stat(info.dir + "/" + rel).size;
  }

  gen::Json file_vars = gen::Json::object();
  if (!ba.vars_file.empty() &&
      !gen::load_vars_file(ws.disk(), absolute_path(ws.cwd(), ba.vars_file),
                           ws.engine_options().limits.max_data_bytes, &file_vars, &err)) {
    return user_error(err);
  }

  gen::RunOptions ro;
  ro.templates_root = set->root;
  ro.force = ba.force;
  ro.dry = ba.dry;
  ro.allow_shell = ba.allow_shell;
  ro.allow_setid = ba.allow_setid;
  // Every file is reached from a descriptor of the destination, following no symlink.
  if (!ws.open_destination(ba.dest, ba.dry, &ro.dest, &err)) return user_error(err);
  ro.dest_is_dir = !ba.dry;

  std::string data_path = ba.data == "-" ? "-" : absolute_path(ws.cwd(), ba.data);
  auto reader = batch::open_records(data_path, format, &err);
  if (!reader) return user_error(err);

  batch::BatchConfig config;
  config.make_engine = make_engine;
  config.template_disk = set->disk;
  config.out_disk = &ws.out_disk();
  config.run = ro;
  config.base.project_defaults = &ws.project().defaults;
  config.base.declared = &info.variables;
  config.base.file_vars = &file_vars;
  config.base.arg_vars = &va.vars;
  config.base.referenced = probe.action.referenced;
  config.workers = ba.jobs != 0 ? ba.jobs : core_count();
  if (ms.options().memory_limit) config.limits.global = *ms.options().memory_limit;
  if (ba.worker_memory != 0) config.limits.per_worker = ba.worker_memory;
  config.template_bytes = template_bytes;
  config.shard = shard;
  config.fail_fast = ba.fail_fast;
  config.stop = &g_stop;
  config.still_valid = [&ws](std::string* e) { return ws.out_disk().anchor_intact(e); };

  // Resume state: kept for a real file only (stdin cannot be checked on resume).
  batch::DoneSet resume_done;
  if (data_path != "-" && !ba.dry) {
    struct stat st {};
    ::stat(data_path.c_str(), &st);
    config.identity = {generator,
                       va.positionals[1],  // with its subaction: `new:a` and `new:b` differ
                       data_path,
                       static_cast<uint64_t>(st.st_size),
                       static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                       ba.shard.empty() ? "" : shard.text()};
    config.state_path = ro.dest + "/" + batch::state_file_name(config.identity);
  } else if (ba.resume) {
    return user_error(ba.dry ? "--resume cannot be combined with --dry"
                             : "--resume needs --data FILE (stdin cannot be checked)");
  }
  probe = {};

  uint64_t failures_shown = 0;
  gen::Json failures = gen::Json::array();
  const bool color = gen::want_color(::isatty(1));
  bool progress_on =
      ba.progress == 1 || (ba.progress == -1 && !ba.quiet && !ba.json && ::isatty(2));
  // Warnings (a file written into a .git folder, an unknown frontmatter key), each text once,
  // the first 20 of them.
  std::set<std::string> warned;
  config.on_outcome = [&](const batch::RecordOutcome& o) {
    for (const std::string& w : o.warnings) {
      if (warned.size() > 20 || !warned.insert(w).second) continue;
      if (progress_on) std::fputs("\r\033[K", stderr);
      if (warned.size() <= 20) {
        std::fprintf(stderr, "unjucks: warning: record %llu: %s\n",
                     static_cast<unsigned long long>(o.number), w.c_str());
      } else {
        std::fputs("unjucks: warning: more warnings not shown\n", stderr);
      }
    }
    if (ba.verbose && !ba.json) {
      std::string text;
      for (const gen::ReportEntry& e : o.entries) text += gen::format_entry(e, color, ba.dry);
      if (progress_on) std::fputs("\r\033[K", stderr);
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
    if (o.status == 0) return;
    if (ba.json) {
      if (failures.size() < 1000) {
        failures.push_back({{"record", o.number}, {"line", o.line}, {"error", o.error}});
      }
      return;
    }
    if (progress_on) std::fputs("\r\033[K", stderr);
    if (++failures_shown <= 1000) {
      std::fprintf(stderr, "unjucks: record %llu (line %llu): %s\n",
                   static_cast<unsigned long long>(o.number),
                   static_cast<unsigned long long>(o.line), o.error.c_str());
    } else if (failures_shown == 1001) {
      std::fprintf(stderr, "unjucks: more failed records: see the summary\n");
    }
  };

  const std::string state_path = config.state_path;
  const batch::BatchIdentity identity = config.identity;
  if (ba.resume) config.resume_done = &resume_done;
  const batch::MemoryLimits limits = config.limits;
  const size_t workers = config.workers;
  batch::BatchRunner runner(std::move(config));
  if (ba.resume) {
    if (!batch::load_state(state_path, identity, &resume_done, &err)) return user_error(err);
  } else if (!state_path.empty() && ws.disk().stat(state_path).exists()) {
    std::fprintf(stderr,
                 "unjucks: note: an earlier run of this batch was interrupted; starting over "
                 "(--resume continues it instead)\n");
  }

  // The memory report's worker-coordination component: the budget the workers reserved, and
  // the engines' arenas and caches summed over the workers. Published into figures the probes
  // share (the probes outlive this function: the report is written after it returns).
  struct Figures {
    std::atomic<size_t> reserved{0}, budget{0}, claims{0};
    std::atomic<size_t> arena_used{0}, arena_reserved{0}, cache_used{0}, cache_budget{0};
    std::atomic<size_t> buffers_used{0}, buffers_reserved{0};
  };
  auto figures = std::make_shared<Figures>();
  figures->budget = limits.global;
  // `final`: the workers are gone; keep their last engine figures (the report's "in use").
  auto publish = [&runner, &ws, figures](bool final) {
    batch::BatchTotals t = runner.snapshot();
    mem::BufferPoolStats b = ws.disk().buffer_pool().stats();
    figures->reserved = t.reserved_bytes;
    figures->claims = runner.claims().memory_bytes();
    figures->buffers_used = b.in_use_bytes;
    figures->buffers_reserved = b.reserved_bytes;
    if (final) return;
    tpl::EngineMemoryUsage u = runner.engine_usage();
    figures->arena_used = u.arena_used;
    figures->arena_reserved = u.arena_reserved;
    figures->cache_used = u.cache_bytes;
    figures->cache_budget = u.cache_budget;
  };
  mem::MemoryMonitor* monitor = ms.monitor();
  if (monitor != nullptr) {
    using mem::Component;
    using mem::ComponentUsage;
    monitor->add_probe(Component::kWorkerCoordination, [figures] {
      return ComponentUsage{figures->reserved + figures->claims, figures->budget + figures->claims};
    });
    monitor->add_probe(Component::kCoreEngine, [figures] {
      return ComponentUsage{figures->arena_used, figures->arena_reserved};
    });
    monitor->add_probe(Component::kTemplateCache, [figures] {
      return ComponentUsage{figures->cache_used, figures->cache_budget};
    });
    monitor->add_probe(Component::kFileOperations, [figures] {
      return ComponentUsage{figures->buffers_used, figures->buffers_reserved};
    });
  }

  ms.enter(mem::Phase::kRendering);
  batch::BatchTotals totals;
  {
    StopSignals signals;
    batch::ProgressOptions po;
    po.terminal = progress_on && ::isatty(2);
    // A terminal's line, and the memory monitor's samples, every 200 ms; log lines every 5 s.
    if (po.terminal || (!progress_on && monitor != nullptr)) {
      po.interval = std::chrono::milliseconds(200);
    }
    std::optional<batch::ProgressDisplay> progress;
    if (progress_on || monitor != nullptr) {
      progress.emplace([&runner] { return runner.snapshot(); }, progress_on ? stderr : nullptr, po,
                       [&] {
                         publish(false);
                         if (monitor != nullptr) monitor->sample();
                       });
    }
    totals = runner.run(*reader);
    if (progress) progress->stop();
  }
  publish(true);
  ms.enter(mem::Phase::kFileGeneration);

  const size_t peak_rss = mem::ProcessMemorySource::read_peak_rss_bytes();
  const uint64_t processed = totals.succeeded + totals.failed;
  int rc = kExitOk;
  if (!totals.fatal.empty()) {
    rc = totals.fatal_status;
  } else if (totals.interrupted) {
    rc = 130;
  } else if (totals.failed != 0) {
    rc = kExitUserError;
  }
  if (!totals.fatal.empty()) std::fprintf(stderr, "%s\n", totals.fatal.c_str());
  if (!totals.state_error.empty()) {
    std::fprintf(stderr, "unjucks: warning: %s\n", totals.state_error.c_str());
  }
  double rate = totals.seconds > 0 ? processed / totals.seconds : 0;
  if (ba.json) {
    gen::Json j;
    j["generator"] = generator;
    j["action"] = action_name;
    j["dest"] = ro.dest;
    j["dry"] = ba.dry;
    j["records"] = {{"read", totals.records_read},        {"processed", processed},
                    {"succeeded", totals.succeeded},      {"failed", totals.failed},
                    {"otherShards", totals.other_shards}, {"resumed", totals.resumed}};
    j["files"] = {{"written", totals.files_written},
                  {"injected", totals.files_injected},
                  {"skipped", totals.files_skipped}};
    j["seconds"] = totals.seconds;
    j["recordsPerSecond"] = rate;
    j["workers"] = workers;
    j["memory"] = {{"limit", limits.global},
                   {"workerLimit", limits.per_worker},
                   {"peakReserved", totals.peak_reserved_bytes},
                   {"peakRss", peak_rss}};
    j["interrupted"] = totals.interrupted;
    j["stoppedOnFailure"] = totals.stopped_on_failure;
    j["failures"] = failures;
    if (rc != kExitOk) {
      CliError e;
      if (!totals.fatal.empty() && rc == kExitTemplateError) {
        e = diagnostic_error(totals.fatal);
      } else {
        e.message = !totals.fatal.empty() ? totals.fatal
                    : totals.interrupted  ? std::string("interrupted")
                                          : fmt::format("{} record{} failed", totals.failed,
                                                       totals.failed == 1 ? "" : "s");
      }
      j["error"] = error_json(e);
    }
    j["exitCode"] = rc;
    gen::Json ok = {{"ok", rc == kExitOk}};
    ok.update(j);
    j = std::move(ok);
    std::string text = j.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else if (!ba.quiet) {
    std::string text = fmt::format(
        "{}{} record{} in {:.2f} s ({:.0f}/s): {} succeeded, {} failed{}{}\n"
        "files: {} written, {} injected, {} skipped{}\n"
        "memory: peak RSS {}, peak reserved {} of {} ({} worker{}, {} each)\n",
        ba.dry ? "dry run: " : "", processed, processed == 1 ? "" : "s", totals.seconds, rate,
        totals.succeeded, totals.failed,
        totals.other_shards ? fmt::format(", {} in other shards", totals.other_shards) : "",
        totals.resumed ? fmt::format(", {} done before (--resume)", totals.resumed) : "",
        totals.files_written, totals.files_injected, totals.files_skipped,
        ba.dry ? " (nothing written)" : "", mib(peak_rss), mib(totals.peak_reserved_bytes),
        mib(limits.global), workers, workers == 1 ? "" : "s", mib(limits.per_worker));
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (totals.interrupted) {
    std::fprintf(stderr,
                 "unjucks: interrupted after %llu records (the records in flight were finished; "
                 "no partial file)%s\n",
                 static_cast<unsigned long long>(processed + totals.resumed),
                 state_path.empty() ? "" : "; run the same command with --resume to continue");
  } else if (totals.stopped_on_failure) {
    std::fprintf(stderr, "unjucks: stopped at the first failed record (--fail-fast)%s\n",
                 state_path.empty() ? "" : "; --resume continues after it");
  }
  return rc;
}

}  // namespace unjucks::cli
