// The memory options every command takes, and the session that applies them:
//
//   --memory-report            the component and phase tables on stderr after the command
//   --memory-report=json       the same as JSON (=text is the default form)
//   --memory-report-file FILE  where the report goes instead of stderr (alone: JSON)
//   --cache-budget SIZE        the template cache's byte budget (default 12 MiB)
//   --memory-limit SIZE        warning/critical/emergency at 50/75/100% of SIZE
//
// SIZE is a number with an optional unit: B, K/KiB, M/MiB, G/GiB (powers of 1024), KB, MB, GB
// (powers of 1000); "12MiB", "512KiB", "1.5M", "4096".
//
// app.cpp takes these options out of the arguments before any command parses them (so they
// work before or after the command name), makes one MemorySession, and writes the report when
// the command returns, whatever its exit code. Without --memory-report or --memory-limit there
// is no monitor at all: nothing is sampled and no thread is started.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gen/disk.h"
#include "mem/memory_report.h"
#include "mem/monitor.h"

namespace unjucks::tpl {
class Environment;
class Context;
}  // namespace unjucks::tpl

namespace unjucks::cli {

enum class MemoryReportFormat : uint8_t { kNone, kText, kJson };

struct MemoryOptions {
  MemoryReportFormat report = MemoryReportFormat::kNone;
  std::string report_file;  // "" = stderr
  std::optional<size_t> cache_budget;
  std::optional<size_t> memory_limit;
  // Whether a monitor is needed (a report or a limit was asked for).
  bool monitored() const { return report != MemoryReportFormat::kNone || memory_limit; }
};

// Parses a size ("12MiB", "512KiB", "1.5M", "4096"). False with `err` on anything else,
// including an empty number, an unknown unit and a value that does not fit in size_t.
bool parse_size(std::string_view text, size_t* out, std::string* err);

// Removes the memory options from `args` (anywhere before a "--"), keeping the rest in order.
// False with `err` on a bad value or a missing one.
bool extract_memory_options(std::vector<std::string>* args, MemoryOptions* out, std::string* err);

// The options' lines for the usage texts.
std::string memory_options_usage();

// One command's memory monitoring: the monitor (when asked for), the probes of the engine, the
// context and the output files, the phases, and the report at the end.
//
// Component figures are published by the main thread (refresh() before each sample) into
// atomics the probes read, so a sampling thread never touches the engine while it renders, and
// nothing dangles once the environment and context are gone (the last figures stay).
class MemorySession {
 public:
  explicit MemorySession(MemoryOptions options);
  ~MemorySession();
  MemorySession(const MemorySession&) = delete;
  MemorySession& operator=(const MemorySession&) = delete;

  // Opens the report file (so a bad path fails before the command runs). False with `err`.
  bool open(std::string* err);

  const MemoryOptions& options() const { return options_; }
  // Null when neither a report nor a limit was asked for.
  mem::MemoryMonitor* monitor() { return monitor_.get(); }

  // Applies --cache-budget to an engine (a no-op without the option).
  void configure(tpl::Environment& env);

  // Watches an engine and the render context while `Attachment` lives (declare it after them).
  class Attachment {
   public:
    Attachment() = default;
    explicit Attachment(MemorySession* session) : session_(session) {}
    ~Attachment();
    Attachment(Attachment&& other) noexcept : session_(std::exchange(other.session_, nullptr)) {}
    Attachment(const Attachment&) = delete;
    Attachment& operator=(const Attachment&) = delete;
    Attachment& operator=(Attachment&&) = delete;

   private:
    MemorySession* session_ = nullptr;
  };
  [[nodiscard]] Attachment attach(tpl::Environment* env, tpl::Context* ctx);

  // Phases: enter() ends the current phase (if any) and begins `phase`; the guard ends the
  // current one when it goes out of scope. No-ops without a monitor.
  class PhaseGuard {
   public:
    explicit PhaseGuard(MemorySession* session) : session_(session) {}
    ~PhaseGuard() {
      if (session_ != nullptr) session_->leave();
    }
    PhaseGuard(PhaseGuard&& other) noexcept : session_(std::exchange(other.session_, nullptr)) {}
    PhaseGuard(const PhaseGuard&) = delete;
    PhaseGuard& operator=(const PhaseGuard&) = delete;
    PhaseGuard& operator=(PhaseGuard&&) = delete;

   private:
    MemorySession* session_;
  };
  [[nodiscard]] PhaseGuard phase(mem::Phase phase);
  void enter(mem::Phase phase);
  void leave();
  std::optional<mem::Phase> current_phase() const { return phase_; }

  // Publishes the attached engine's and context's figures, then samples. Main thread only.
  void sample();

  // The output disk seen through the session: counts the files being written and their write
  // buffers (file operations), samples after each file, and moves from rendering to file
  // generation at the first commit. Returns `inner` itself without a monitor.
  gen::Disk& observe(gen::Disk& inner);

  // Counts a pool's buffers as file operations (in use and reserved) until the current
  // attachment ends (observe() does it for gen::RealDisk's pool). The pool must outlive that
  // attachment: declare it before `attach()`'s result.
  void watch_buffers(mem::BufferPool* pool);

  // Writes the report once (later calls do nothing). False if it could not be written.
  bool write_report();

  // Hooks of the observed disk, also called by commands that write files themselves (render).
  // No-ops without a monitor.
  void file_opened();
  void file_closed(size_t bytes_written);
  void file_committed();

 private:
  struct Figures;
  class ObservedDisk;
  void refresh();
  void register_probes();

  MemoryOptions options_;
  std::unique_ptr<Figures> figures_;
  std::unique_ptr<mem::MemoryMonitor> monitor_;
  std::unique_ptr<ObservedDisk> observed_;
  std::FILE* file_ = nullptr;
  bool written_ = false;
  std::optional<mem::Phase> phase_;
  tpl::Environment* env_ = nullptr;
  tpl::Context* ctx_ = nullptr;
  uint64_t resets_seen_ = 0;
};

// The session of the command running now: the first one made and still alive, in practice
// run()'s (null outside run()). For commands that are not handed the session, e.g. render:
//   if (MemorySession* ms = current_memory_session()) ms->configure(env);
MemorySession* current_memory_session();

}  // namespace unjucks::cli
