#include "batch/batch_runner.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "batch/need_estimator.h"
#include "gen/paths.h"
#include "mem/buffer_pool.h"
#include "template/context.h"

namespace unjucks::batch {
namespace {

constexpr size_t kMaxRecordDepth = 256;

using Clock = std::chrono::steady_clock;

struct Task {
  uint64_t number = 0;
  uint64_t line = 0;
  std::string json;
};

struct Mailbox {
  std::optional<Placement> placement;
  Task task;
};

std::string missing_message(const std::vector<std::string>& missing) {
  std::string list;
  for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
  return fmt::format("missing variable{}: {}", missing.size() == 1 ? "" : "s", list);
}

// The JSON reader's messages read "invalid JSON at line 1, column 5 (byte 4): <what>"; a record
// is one line, so: "not valid JSON at column 5: <what>".
std::string json_message(const std::string& what) {
  constexpr std::string_view kPrefix = "invalid JSON at line 1, column ";
  if (!std::string_view(what).starts_with(kPrefix)) return "not valid JSON: " + what;
  size_t digits = kPrefix.size();
  size_t end = what.find_first_not_of("0123456789", digits);
  size_t colon = what.find(": ", digits);
  if (end == std::string::npos || colon == std::string::npos) return "not valid JSON: " + what;
  return "not valid JSON at column " + what.substr(digits, end - digits) + ": " +
         what.substr(colon + 2);
}

}  // namespace

struct BatchRunner::Impl {
  Impl(BatchConfig c, PathClaims& claims_ref)
      : config(std::move(c)),
        claims(claims_ref),
        memory(config.workers, config.limits),
        scheduler(memory, config.scheduling),
        estimator(config.template_bytes),
        worker_cv(config.workers),
        mailboxes(config.workers),
        engines(config.workers, nullptr),
        start(Clock::now()) {}

  BatchConfig config;
  PathClaims& claims;
  mutable std::mutex mutex;
  std::condition_variable reader_cv;  // room in the queue, or all done
  MemoryManager memory;
  Scheduler scheduler;
  NeedEstimator estimator;
  std::vector<std::condition_variable> worker_cv;  // one per worker: its mailbox is full
  std::vector<Mailbox> mailboxes;
  std::vector<tpl::Environment*> engines;  // each worker's, while it lives (memory figures)
  // Submitted, not yet placed, in the scheduler's order (it places strictly first in, first
  // out, so the task it places is always the front one).
  std::deque<Task> queued;
  DoneSet done;
  BatchTotals totals;
  bool shutdown = false;
  bool abort = false;  // fail-fast or stop: read no more, run no more from the queue
  Clock::time_point start;

  // The variables every record shares, resolved once (see run_task).
  gen::ResolvedVariables base;
  std::string base_text;
  std::string main_var;  // what a record's "name" also fills, as generate's name argument
  bool uses_name = false;
  bool uses_capital_name = false;  // Hygen's `Name`

  // False with `err` when the shared variables cannot be JSON (not valid UTF-8).
  bool resolve_base(std::string* err) {
    base = gen::resolve_variables(config.base);
    if (!gen::variables_json_text(base.values, &base_text, err)) return false;
    uses_name = base.uses_name;
    uses_capital_name = std::find(config.base.referenced.begin(), config.base.referenced.end(),
                                  "Name") != config.base.referenced.end();
    static const std::vector<gen::VariableSpec> kNone;
    main_var = gen::main_variable(config.base.declared ? *config.base.declared : kNone,
                                  config.base.referenced);
    return true;
  }
  // Given by --vars FILE or on the command line (then the name does not fill it).
  bool given_before(const std::string& key) const {
    return (config.base.file_vars && config.base.file_vars->contains(key)) ||
           (config.base.arg_vars && config.base.arg_vars->contains(key));
  }

  bool stopping() const { return config.stop != nullptr && config.stop->load(); }

  // config.still_valid, asked at most once per checkpoint interval unless `now`; when it says
  // no, the batch stops as a fatal user error and no resume state is written (the destination
  // it would go to is not the one the files went to). Requires `mutex`.
  Clock::time_point last_validity_check{};
  bool destination_lost = false;
  bool still_valid_locked(bool now) {
    if (!config.still_valid || destination_lost) return !destination_lost;
    if (!now && Clock::now() - last_validity_check < config.checkpoint_every) return true;
    last_validity_check = Clock::now();
    std::string why;
    if (config.still_valid(&why)) return true;
    destination_lost = true;
    if (totals.fatal.empty()) {
      totals.fatal = why;
      totals.fatal_status = 1;
    }
    abort = true;
    drop_queued_locked();
    return false;
  }

  // Hands every placeable task to its worker. Requires `mutex`.
  void dispatch_locked() {
    if (abort) return;
    while (auto p = scheduler.next()) {
      assert(!queued.empty() && queued.front().number == p->task);
      Mailbox& box = mailboxes[p->worker];
      box.placement = *p;
      box.task = std::move(queued.front());
      queued.pop_front();
      worker_cv[p->worker].notify_one();
    }
  }

  // Drops the tasks still queued (fail-fast, interruption): they are not done, so --resume
  // runs them. Requires `mutex`.
  void drop_queued_locked() {
    while (!queued.empty()) {
      // The scheduler's queue holds the same ids; take them out in order.
      std::optional<uint64_t> id = scheduler.drop_head();
      if (!id) break;
      queued.pop_front();
      --totals.in_flight;
    }
  }

  void finish_locked(const RecordOutcome& o) {
    if (o.status == 0) {
      ++totals.succeeded;
    } else {
      ++totals.failed;
    }
    for (const gen::ReportEntry& e : o.entries) {
      switch (e.kind) {
        case gen::EntryKind::Added:
        case gen::EntryKind::Forced:
          ++totals.files_written;
          break;
        case gen::EntryKind::Injected:
          ++totals.files_injected;
          break;
        case gen::EntryKind::Skipped:
          ++totals.files_skipped;
          break;
        default:
          break;
      }
    }
    done.mark(o.number);
    if (config.on_outcome) config.on_outcome(o);
    if (o.status != 0 && config.fail_fast && !abort) {
      abort = true;
      totals.stopped_on_failure = true;
      drop_queued_locked();
    }
  }

  RecordOutcome run_task(WorkerEngine& engine, const Task& task, size_t* measured) {
    RecordOutcome o;
    o.number = task.number;
    o.line = task.line;
    auto fail = [&](int status, std::string message) {
      o.status = status;
      o.error = std::move(message);
      return o;
    };
    if (tpl::json_too_deep_at(task.json, kMaxRecordDepth) != std::string_view::npos) {
      return fail(1, fmt::format("the record nests deeper than {} levels", kMaxRecordDepth));
    }
    // The variables every record shares were parsed once into this worker's base context; the
    // record's context starts from them (shared, not copied) and its fields, parsed straight
    // into the record's arena, override them (--vars FILE and the command line's values alike).
    // Same result as gen::resolve_variables with the record merged into the command line's
    // variables and its "name" as the positional name, without redoing the common part.
    tpl::Context ctx;
    ctx.inherit(*engine.base);
    tpl::Value rec;
    try {
      rec = ctx.parse_json(task.json);
    } catch (const std::exception& e) {
      return fail(1, json_message(e.what()));
    }
    if (!rec.is_object()) return fail(1, "the record is not a JSON object");
    const tpl::ObjectObj& fields = *rec.as_object();
    for (const tpl::ObjectObj::Entry& e : fields) ctx.vars()->set(ctx.arena(), e.key, e.value);
    const tpl::Value* record_name = fields.find("name");
    if (record_name && record_name->is_string() && !uses_name && !main_var.empty() &&
        !given_before(main_var) && !fields.find(main_var)) {
      ctx.set(main_var, *record_name);
    }
    // Hygen's `Name`, from the record's name, unless something other than the shared name
    // gave it (as resolve_variables does for generate).
    if (uses_capital_name && record_name && record_name->is_string() && !fields.find("Name") &&
        (base.derived_capital_name || !base.values.contains("Name"))) {
      ctx.set("Name", ctx.str(gen::capitalize_first(record_name->as_string())));
    }
    std::vector<std::string> missing;
    for (const std::string& m : base.missing) {
      if (fields.find(m)) continue;
      if (m == "name" && base.name_missing_for_capital && fields.find("Name")) continue;
      missing.push_back(m);
    }
    if (!missing.empty()) return fail(1, missing_message(missing));

    gen::RunOptions ro = config.run;
    ro.claim = [&](const std::vector<std::string>& targets, std::string* err) {
      uint64_t other = 0;
      std::string path;
      switch (claims.claim(targets, task.number, &other, &path)) {
        case ClaimResult::kClaimed:
          return true;
        case ClaimResult::kConflict:
          *err = fmt::format("{} is also written by record {}: two records write one file",
                             gen::display_path(path, config.run.dest), other);
          return false;
        case ClaimResult::kError:
          *err = path;
          return false;
      }
      return false;
    };
    gen::RunResult r = gen::run_action(*engine.env, engine.action, ctx, *config.template_disk,
                                       *config.out_disk, ro);
    *measured = engine.env->memory_usage().arena_reserved + ctx.arena().reserved() +
                mem::kDefaultBufferSize;
    o.status = r.status;
    o.error = std::move(r.error);
    if (o.status != 0 && o.error.empty()) {
      for (const gen::ReportEntry& e : r.entries) {
        if (e.kind == gen::EntryKind::Error) {
          o.error += (o.error.empty() ? "" : "; ") + e.path + ": " + e.detail;
        }
      }
    }
    o.entries = std::move(r.entries);
    o.warnings = std::move(r.warnings);
    return o;
  }

  void worker_main(size_t w) {
    WorkerEngine engine;
    std::string err;
    bool ready = config.make_engine(&engine, &err);
    if (ready) {
      engine.base = std::make_unique<tpl::Context>();
      try {
        engine.base->merge_json(base_text);
      } catch (const std::exception& e) {
        ready = false;
        err = std::string("variables: ") + e.what();
      }
    }
    std::unique_lock<std::mutex> lock(mutex);
    if (!ready && totals.fatal.empty()) totals.fatal = err;
    if (ready) engines[w] = engine.env.get();
    for (;;) {
      worker_cv[w].wait(lock, [&] { return shutdown || mailboxes[w].placement.has_value(); });
      if (!mailboxes[w].placement) {  // shutdown with nothing to do
        engines[w] = nullptr;
        return;
      }
      Placement p = *mailboxes[w].placement;
      Task task = std::move(mailboxes[w].task);
      mailboxes[w].placement.reset();
      lock.unlock();

      size_t measured = 0;
      RecordOutcome o;
      if (!ready) {
        o.number = task.number;
        o.line = task.line;
        o.status = 2;
        o.error = err;
      } else {
        o = run_task(engine, task, &measured);
      }

      lock.lock();
      scheduler.finish(p);
      if (measured != 0) estimator.observe(task.json.size(), measured);
      --totals.in_flight;
      finish_locked(o);
      dispatch_locked();
      // The reader sleeps while the queue is full: wake it once the queue is down to a quarter
      // (not at every task: waking a thread costs a system call and, on another core, an
      // interrupt, several times a small file's work), or when all is done.
      if ((scheduler.queued() <= config.scheduling.max_queued_tasks / 4 &&
           scheduler.queued_bytes() <= config.scheduling.max_queued_bytes / 4) ||
          scheduler.idle() || abort) {
        reader_cv.notify_all();
      }
    }
  }

  // Writes the resume state from a copy of the done set (the claims table locks itself).
  void save_state_now() {
    if (config.state_path.empty()) return;
    DoneSet snapshot;
    uint64_t processed;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (destination_lost) return;
      snapshot = done;
      processed = totals.succeeded + totals.failed;
    }
    std::string err;
    if (!save_state(config.state_path, config.identity, snapshot, processed, claims, &err)) {
      std::lock_guard<std::mutex> lock(mutex);
      totals.state_error = err;
    }
  }
};

BatchRunner::BatchRunner(BatchConfig config)
    : impl_(std::make_unique<Impl>(std::move(config), claims_)) {}

BatchRunner::~BatchRunner() = default;

BatchTotals BatchRunner::run(RecordReader& reader) {
  Impl& m = *impl_;
  m.start = Clock::now();
  if (std::string err; !m.resolve_base(&err)) {
    m.totals.fatal = "unjucks: error: " + err;
    m.totals.fatal_status = 1;  // the user's input
    return m.totals;
  }
  if (!m.config.state_path.empty() && claims_.file().empty()) {
    std::string err;
    if (!claims_.open(claims_file_name(m.config.state_path), m.config.resume_done != nullptr,
                      &err)) {
      m.totals.fatal = err;
      return m.totals;
    }
  }
  std::vector<std::thread> threads;
  threads.reserve(m.config.workers);
  for (size_t w = 0; w < m.config.workers; ++w) {
    threads.emplace_back([&m, w] { m.worker_main(w); });
  }
  Clock::time_point last_save = Clock::now();
  // Records are read a few at a time outside the lock and handed over under one lock: a lock
  // round per record would have the reader and the workers take turns on the mutex (and on
  // futex calls) for every small file.
  constexpr size_t kReadAhead = 256;
  constexpr size_t kReadAheadBytes = 256 * 1024;
  std::vector<Record> ahead;
  ahead.reserve(kReadAhead);
  bool more = true;
  bool leave = false;
  while (more && !leave) {
    ahead.clear();
    size_t bytes = 0;
    while (ahead.size() < kReadAhead && bytes < kReadAheadBytes && !m.stopping()) {
      Record rec;
      if (!reader.next(&rec)) {
        more = false;
        break;
      }
      bytes += rec.json.size();
      ahead.push_back(std::move(rec));
    }
    if (m.stopping()) break;
    std::unique_lock<std::mutex> lock(m.mutex);
    if (m.abort || !m.totals.fatal.empty()) break;
    m.totals.bytes_read = reader.bytes_read();
    m.totals.total_bytes = reader.total_bytes();
    for (Record& rec : ahead) {
      ++m.totals.records_read;
      if (!m.config.shard.contains(rec.number)) {
        ++m.totals.other_shards;
        m.done.mark(rec.number);
        continue;
      }
      if (m.config.resume_done && m.config.resume_done->contains(rec.number)) {
        ++m.totals.resumed;
        m.done.mark(rec.number);
        continue;
      }
      RecordOutcome bad;
      bad.number = rec.number;
      bad.line = rec.line;
      bad.status = 1;
      if (!rec.error.empty()) {
        bad.error = rec.error;
        m.finish_locked(bad);
        continue;
      }
      size_t estimate = m.estimator.estimate(rec.json.size());
      if (!m.scheduler.can_ever_run(estimate)) {
        bad.error = fmt::format(
            "the record needs an estimated {:.1f} MiB, more than the whole memory limit ({:.1f} "
            "MiB)",
            estimate / 1048576.0, m.config.limits.global / 1048576.0);
        m.finish_locked(bad);
        continue;
      }
      // Back-pressure: wait for room in the queue (a stop signal is seen within 100 ms).
      while (!m.abort && !m.stopping() && !m.scheduler.has_room(rec.json.size())) {
        m.reader_cv.wait_for(lock, std::chrono::milliseconds(100));
        m.still_valid_locked(false);
      }
      if (m.abort || m.stopping() || !m.totals.fatal.empty()) {
        // Read but not run: not done, so --resume runs them.
        leave = true;
        break;
      }
      uint64_t id = rec.number;
      m.queued.push_back(Task{rec.number, rec.line, std::move(rec.json)});
      m.scheduler.submit(id, estimate, m.queued.back().json.size());
      ++m.totals.in_flight;
      m.dispatch_locked();
    }
    if (!m.still_valid_locked(false)) break;
    lock.unlock();
    if (Clock::now() - last_save >= m.config.checkpoint_every) {
      m.save_state_now();
      last_save = Clock::now();
    }
  }
  {
    std::unique_lock<std::mutex> lock(m.mutex);
    if (m.stopping()) m.totals.interrupted = true;
    if (m.stopping() || m.abort) {
      m.abort = true;
      m.drop_queued_locked();
    }
    // Wait for the tasks in flight. A stop while waiting drops what is still queued.
    while (!m.scheduler.idle() && m.totals.fatal.empty()) {
      m.reader_cv.wait_for(lock, std::chrono::milliseconds(100));
      m.still_valid_locked(false);
      if (m.stopping() && !m.abort) {
        m.totals.interrupted = true;
        m.abort = true;
        m.drop_queued_locked();
      }
    }
    m.shutdown = true;
    for (auto& cv : m.worker_cv) cv.notify_all();
  }
  for (std::thread& t : threads) t.join();
  {
    // Once more at the end: a batch shorter than a checkpoint interval is checked too.
    std::lock_guard<std::mutex> lock(m.mutex);
    m.still_valid_locked(true);
  }
  bool complete = !m.totals.interrupted && !m.totals.stopped_on_failure && m.totals.fatal.empty();
  if (m.destination_lost) {
    m.totals.state_error =
        "no resume state was written (the destination moved): run the batch again";
  } else if (!m.config.state_path.empty()) {
    if (complete) {
      ::unlink(m.config.state_path.c_str());
      claims_.remove();
    } else {
      m.save_state_now();
    }
  }
  std::lock_guard<std::mutex> lock(m.mutex);
  m.totals.bytes_read = reader.bytes_read();
  m.totals.total_bytes = reader.total_bytes();
  m.totals.seconds = std::chrono::duration<double>(Clock::now() - m.start).count();
  m.totals.peak_reserved_bytes = m.memory.stats().peak_reserved;
  m.totals.reserved_bytes = 0;
  return m.totals;
}

BatchTotals BatchRunner::snapshot() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  BatchTotals t = impl_->totals;
  t.reserved_bytes = impl_->memory.total_reserved();
  t.peak_reserved_bytes = impl_->memory.stats().peak_reserved;
  t.seconds = std::chrono::duration<double>(Clock::now() - impl_->start).count();
  return t;
}

tpl::EngineMemoryUsage BatchRunner::engine_usage() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  tpl::EngineMemoryUsage sum;
  for (const tpl::Environment* env : impl_->engines) {
    if (env == nullptr) continue;
    tpl::EngineMemoryUsage u = env->memory_usage();
    sum.arena_used += u.arena_used;
    sum.arena_reserved += u.arena_reserved;
    sum.arena_peak_used = std::max(sum.arena_peak_used, u.arena_peak_used);
    sum.arena_resets += u.arena_resets;
    sum.cache_bytes += u.cache_bytes;
    sum.cache_entries += u.cache_entries;
    sum.cache_budget += u.cache_budget;
    sum.cache_overhead += u.cache_overhead;
  }
  return sum;
}

MemoryManagerStats BatchRunner::memory_stats() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->memory.stats();
}

SchedulerStats BatchRunner::scheduler_stats() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->scheduler.stats();
}

}  // namespace unjucks::batch
