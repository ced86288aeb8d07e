// Runs one action once per record, on N worker threads, under one shared memory budget.
//
// The calling thread reads records (streaming, one at a time), estimates each one's memory need
// (NeedEstimator) and queues it with the Scheduler, which hands it to the worker with the most
// available memory (MemoryManager) or holds it back — and the reader with it, once the queue is
// full — until memory frees up. Each worker has its own engine (environment, render arena and
// compiled action; EngineFactory builds them) and renders with its own context, so workers
// share nothing but the output disk (thread-safe), the buffer pool and the path claims.
//
// A record runs exactly as `generate` would run it with the same variables (gen::run_action:
// all-or-nothing, temporary files renamed into place). Before anything of a record is written,
// the paths it writes are claimed (PathClaims): a path another record writes makes this record
// fail with both records named. A record that fails is reported and skipped, or stops the batch
// with `fail_fast`; `stop` (set by a signal handler) stops reading, lets the records in flight
// finish, and leaves the queued ones for --resume.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "batch/memory_manager.h"
#include "batch/path_claims.h"
#include "batch/record_reader.h"
#include "batch/resume_state.h"
#include "batch/scheduler.h"
#include "batch/shard.h"
#include "gen/action.h"
#include "gen/variables.h"
#include "template/context.h"
#include "template/environment.h"

namespace unjucks::batch {

// What one worker renders with.
struct WorkerEngine {
  std::unique_ptr<tpl::Environment> env;
  gen::CompiledAction action;
  std::unique_ptr<tpl::Context> base;  // the variables every record shares (set by the runner)
};
// Builds a worker's engine (called once per worker, on that worker's thread). False with `err`.
using EngineFactory = std::function<bool(WorkerEngine* out, std::string* err)>;

// How one record ended.
struct RecordOutcome {
  uint64_t number = 0;
  uint64_t line = 0;
  int status = 0;     // 0 done, 1 user error (data, variables, conflicts, files), 2 template
  std::string error;  // when status != 0
  std::vector<gen::ReportEntry> entries;
  std::vector<std::string> warnings;  // gen::RunResult's
};

struct BatchTotals {
  uint64_t records_read = 0;  // records the reader returned
  uint64_t other_shards = 0;  // skipped: another shard's
  uint64_t resumed = 0;       // skipped: done before the interruption (--resume)
  uint64_t succeeded = 0;
  uint64_t failed = 0;
  uint64_t files_written = 0;  // added + forced
  uint64_t files_injected = 0;
  uint64_t files_skipped = 0;
  uint64_t in_flight = 0;           // queued or running now
  uint64_t bytes_read = 0;          // of the input
  uint64_t total_bytes = 0;         // the input's size when known
  bool interrupted = false;         // `stop` was set
  bool stopped_on_failure = false;  // fail_fast
  std::string fatal;                // a reason the batch could not run at all, or had to stop
  int fatal_status = 2;             // the exit status it calls for (2: a template error)
  std::string state_error;          // the resume state could not be written
  size_t reserved_bytes = 0;        // memory reserved by running tasks now
  size_t peak_reserved_bytes = 0;
  double seconds = 0;
};

struct BatchConfig {
  EngineFactory make_engine;
  gen::Disk* template_disk = nullptr;
  gen::Disk* out_disk = nullptr;
  gen::RunOptions run;       // `claim` is set by the runner
  gen::VariableInputs base;  // every source but the record (arg_vars: the command line's)
  size_t workers = 1;
  MemoryLimits limits;
  SchedulerOptions scheduling;
  size_t template_bytes = 0;  // the action's template sources, for the first estimates
  Shard shard;
  bool fail_fast = false;
  // --resume: records already done (skipped); the paths they claimed are in the claims file.
  const DoneSet* resume_done = nullptr;
  // Where to keep the resume state ("" for none: dry runs, stdin), and the batch's identity.
  std::string state_path;
  BatchIdentity identity;
  std::chrono::milliseconds checkpoint_every{2000};
  const std::atomic<bool>* stop = nullptr;
  // Called for every record that ran (and every unreadable one), in completion order, one at a
  // time (under the runner's lock: keep it short).
  std::function<void(const RecordOutcome&)> on_outcome;
  // Asked at every checkpoint whether the batch can go on writing (the destination is still
  // the folder it started in); false with a message stops it as a fatal error, records in
  // flight finished, the rest left for --resume.
  std::function<bool(std::string* err)> still_valid;
};

class BatchRunner {
 public:
  explicit BatchRunner(BatchConfig config);
  ~BatchRunner();
  BatchRunner(const BatchRunner&) = delete;
  BatchRunner& operator=(const BatchRunner&) = delete;

  // The output-path claims. With a state path, run() opens them on claims_file_name() (the
  // earlier run's with resume_done); otherwise they are an anonymous temporary file.
  PathClaims& claims() { return claims_; }
  // Reads every record and runs it; returns when all are done (or the batch stopped).
  BatchTotals run(RecordReader& reader);
  // A consistent copy of the running totals, from any thread (the progress display).
  BatchTotals snapshot() const;
  MemoryManagerStats memory_stats() const;
  // The workers' engines summed (render arenas, template caches), from any thread.
  tpl::EngineMemoryUsage engine_usage() const;
  SchedulerStats scheduler_stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  PathClaims claims_;
};

}  // namespace unjucks::batch
