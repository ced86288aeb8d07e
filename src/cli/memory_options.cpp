// Run-once command-line code, compiled for size: nearly all of the binary's text ends up
// resident (343 of 351 text pages after `generate command citty`), so its bytes are peak-RSS
// bytes, and peak RSS is a target (issue 4). The hot paths live in gen/ and template/.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

#include "cli/memory_options.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

#include "mem/budget_cache.h"
#include "template/context.h"
#include "template/environment.h"

namespace unjucks::cli {
namespace {

MemorySession* g_current = nullptr;

// The emergency clean-up keeps this much of the template cache (the hottest templates).
constexpr size_t kCacheFloor = size_t{1} << 20;
// With --memory-limit, a background sample this often catches a run that grows between files.
constexpr std::chrono::milliseconds kLimitSampling{50};

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool unit_multiplier(std::string_view unit, size_t* out) {
  std::string u;
  for (char c : unit) u += lower(c);
  static constexpr struct {
    const char* name;
    size_t value;
  } kUnits[] = {
      {"", 1},
      {"b", 1},
      {"k", size_t{1} << 10},
      {"ki", size_t{1} << 10},
      {"kib", size_t{1} << 10},
      {"kb", 1000},
      {"m", size_t{1} << 20},
      {"mi", size_t{1} << 20},
      {"mib", size_t{1} << 20},
      {"mb", 1000 * 1000},
      {"g", size_t{1} << 30},
      {"gi", size_t{1} << 30},
      {"gib", size_t{1} << 30},
      {"gb", 1000 * 1000 * 1000},
  };
  for (const auto& k : kUnits) {
    if (u == k.name) {
      *out = k.value;
      return true;
    }
  }
  return false;
}

// "--key=value" or "--key value": the value of option `key` at args[*i], advancing *i past it.
// 0 when args[*i] is not `key`, 1 when taken, -1 when the value is missing.
int take_value(const std::vector<std::string>& args, size_t* i, std::string_view key,
               std::string* value) {
  const std::string& a = args[*i];
  if (a == key) {
    if (*i + 1 >= args.size()) return -1;
    *value = args[++*i];
    return 1;
  }
  if (a.size() > key.size() && a.starts_with(key) && a[key.size()] == '=') {
    *value = a.substr(key.size() + 1);
    return 1;
  }
  return 0;
}

// The engine's figures. The newer Environment exposes memory_usage() and cache_stats(); an
// older one only its render arena and entry count (then the cache's bytes read 0).
template <typename Env>
void read_engine(Env& env, size_t* arena_used, size_t* arena_reserved, size_t* arena_peak,
                 uint64_t* resets, mem::CacheStats* cache) {
  if constexpr (requires(const Env& e) { e.memory_usage(); }) {
    auto u = env.memory_usage();
    *arena_used = u.arena_used;
    *arena_reserved = u.arena_reserved;
    *arena_peak = u.arena_peak_used;
    *resets = u.arena_resets;
  } else {
    *arena_used = env.render_arena().used();
    *arena_reserved = env.render_arena().reserved();
    *arena_peak = std::max(*arena_peak, *arena_used);
    *resets = env.render_arena().resets();
  }
  if constexpr (requires(const Env& e) { e.cache_stats(); }) {
    *cache = env.cache_stats();
  } else {
    cache->entries = env.cache_size();
  }
}

template <typename Env>
bool set_budget(Env& env, size_t bytes) {
  if constexpr (requires(Env & e) { e.set_cache_budget(bytes); }) {
    env.set_cache_budget(bytes);
    return true;
  } else {
    return false;
  }
}

template <typename Env>
size_t shrink_cache(Env& env, size_t floor) {
  if constexpr (requires(Env & e) { e.template_cache().shrink_to(floor); }) {
    return env.template_cache().shrink_to(floor);  // thread-safe
  } else {
    return 0;  // an older engine's cache may not be touched from the sampling thread
  }
}

}  // namespace

bool parse_size(std::string_view text, size_t* out, std::string* err) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  const std::string too_large = "size '" + std::string(text) + "' is too large";
  size_t i = 0;
  size_t whole = 0;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (__builtin_mul_overflow(whole, size_t{10}, &whole) ||
        __builtin_add_overflow(whole, static_cast<size_t>(s[i] - '0'), &whole)) {
      *err = too_large;
      return false;
    }
    digits = true;
    ++i;
  }
  // The fraction, in millionths (enough for "1.5MiB" and "0.25GiB").
  uint64_t frac = 0, scale = 1000000;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (scale > 1) {
        scale /= 10;
        frac += static_cast<uint64_t>(s[i] - '0') * scale;
      }
      digits = true;
      ++i;
    }
  }
  std::string_view unit = s.substr(i);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  size_t mult = 0;
  if (!digits || !unit_multiplier(unit, &mult)) {
    *err = "invalid size '" + std::string(text) +
           "' (a number with an optional unit: B, KiB, MiB, GiB, KB, MB, GB)";
    return false;
  }
  // frac < 10^6 and mult <= 2^30: the product fits.
  size_t total = 0;
  if (__builtin_mul_overflow(whole, mult, &total) ||
      __builtin_add_overflow(total, static_cast<size_t>(frac) * mult / 1000000, &total)) {
    *err = too_large;
    return false;
  }
  *out = total;
  return true;
}

bool extract_memory_options(std::vector<std::string>* args, MemoryOptions* out, std::string* err) {
  std::vector<std::string> rest;
  rest.reserve(args->size());
  bool file_given = false;
  for (size_t i = 0; i < args->size(); ++i) {
    const std::string& a = (*args)[i];
    if (a == "--") {
      rest.insert(rest.end(), args->begin() + static_cast<long>(i), args->end());
      break;
    }
    if (a == "--memory-report") {
      out->report = MemoryReportFormat::kText;
      continue;
    }
    if (a.starts_with("--memory-report=")) {
      std::string_view form = std::string_view(a).substr(16);
      if (form == "json") {
        out->report = MemoryReportFormat::kJson;
      } else if (form == "text") {
        out->report = MemoryReportFormat::kText;
      } else {
        *err = "--memory-report takes json or text, not '" + std::string(form) + "'";
        return false;
      }
      continue;
    }
    std::string value;
    int r = take_value(*args, &i, "--memory-report-file", &value);
    if (r == 0) {
      const char* key = "--cache-budget";
      std::optional<size_t>* slot = &out->cache_budget;
      r = take_value(*args, &i, key, &value);
      if (r == 0) {
        key = "--memory-limit";
        slot = &out->memory_limit;
        r = take_value(*args, &i, key, &value);
      }
      if (r == 0) {
        rest.push_back(a);
        continue;
      }
      if (r < 0) {
        *err = std::string(key) + " needs a size";
        return false;
      }
      size_t bytes = 0;
      if (!parse_size(value, &bytes, err)) {
        *err = std::string(key) + ": " + *err;
        return false;
      }
      if (bytes == 0) {
        *err = std::string(key) + " must be more than 0";
        return false;
      }
      *slot = bytes;
      continue;
    }
    if (r < 0 || value.empty()) {
      *err = "--memory-report-file needs a file name";
      return false;
    }
    out->report_file = value;
    file_given = true;
  }
  if (file_given && out->report == MemoryReportFormat::kNone) {
    out->report = MemoryReportFormat::kJson;
  }
  *args = std::move(rest);
  return true;
}

std::string memory_options_usage() {
  return "Memory (every command):\n"
         "  --memory-report          the memory tables (components, phases) on stderr afterwards\n"
         "  --memory-report=json     the same as JSON\n"
         "  --memory-report-file F   write the report to F instead of stderr (alone: JSON)\n"
         "  --cache-budget SIZE      template cache budget (default 12MiB; e.g. 512KiB, 4096)\n"
         "  --memory-limit SIZE      warn at 50%, critical at 75%, emergency clean-up at 100%\n";
}

// --- the session ------------------------------------------------------------------------------

struct MemorySession::Figures {
  std::atomic<size_t> engine_used{0}, engine_reserved{0};
  std::atomic<size_t> cache_used{0}, cache_reserved{0};
  std::atomic<size_t> vars_used{0}, vars_reserved{0};
  std::atomic<size_t> files_open{0};
  std::atomic<uint64_t> files_written{0}, bytes_written{0};
  // Guards the fields below, and env (the clean-up may run on the sampling thread).
  std::mutex mutex;
  // The write buffers of the command (gen::RealDisk's pool, or render's), while their owner
  // lives: dropped when the attachment ends, keeping the pool's last statistics for the counters.
  mem::BufferPool* pool = nullptr;
  std::optional<mem::BufferPoolStats> pool_last;
  mem::CacheStats cache;
  size_t arena_peak = 0;
  uint64_t arena_resets = 0;
  tpl::Environment* env = nullptr;
};

// Forwards every call to the real disk (a call left out would fall back to the interface's
// default and skip a lock, a permission check or a clean-up); tells the session when a file is
// opened, finished and committed.
class MemorySession::ObservedDisk final : public gen::Disk {
 public:
  ObservedDisk(gen::Disk& inner, MemorySession* session) : inner_(inner), session_(session) {}

  gen::FileInfo stat(const std::string& path) override { return inner_.stat(path); }
  gen::FileInfo lstat(const std::string& path) override { return inner_.lstat(path); }
  bool read_link(const std::string& path, std::string* target) override {
    return inner_.read_link(path, target);
  }
  bool real_path(const std::string& path, std::string* out) override {
    return inner_.real_path(path, out);
  }
  using gen::Disk::read;
  bool read(const std::string& path, std::string* content, std::string* err,
            const gen::ReadLimit& limit) override {
    return inner_.read(path, content, err, limit);
  }
  bool list_dir(const std::string& path, std::vector<std::string>* names,
                std::string* err) override {
    return inner_.list_dir(path, names, err);
  }
  bool make_dirs(const std::string& path, std::vector<std::string>* created,
                 std::string* err) override {
    return inner_.make_dirs(path, created, err);
  }
  void remove_dir(const std::string& path) override { inner_.remove_dir(path); }
  std::unique_ptr<gen::PendingFile> create_temp(const std::string& target, uint32_t mode,
                                                std::string* err) override {
    std::unique_ptr<gen::PendingFile> file = inner_.create_temp(target, mode, err);
    if (!file) return file;
    return std::make_unique<File>(std::move(file), session_);
  }
  bool chmod(const std::string& path, uint32_t mode, std::string* err) override {
    return inner_.chmod(path, mode, err);
  }
  uint32_t default_file_mode() override { return inner_.default_file_mode(); }
  std::unique_ptr<gen::FileLock> lock_file(const std::string& path, int timeout_ms,
                                           std::string* err) override {
    return inner_.lock_file(path, timeout_ms, err);
  }
  size_t remove_stale_temps(const std::string& dir) override {
    return inner_.remove_stale_temps(dir);
  }
  bool writable(const std::string& path) override { return inner_.writable(path); }
  bool remove_file(const std::string& path, std::string* err) override {
    return inner_.remove_file(path, err);
  }

  gen::Disk& inner() { return inner_; }

 private:
  class File final : public gen::PendingFile {
   public:
    File(std::unique_ptr<gen::PendingFile> inner, MemorySession* session)
        : inner_(std::move(inner)), session_(session) {
      session_->file_opened();
    }
    ~File() override { close(); }
    tpl::Output& out() override { return inner_->out(); }
    bool finish(std::string* err) override {
      size_t bytes = inner_->out().total();
      // The file's figures at their largest: rendered, its write buffer still held.
      if (open_) session_->sample();
      bool ok = inner_->finish(err);
      if (open_) {
        open_ = false;
        session_->file_closed(bytes);
      }
      return ok;
    }
    bool commit(std::string* err) override {
      session_->file_committed();
      bool ok = inner_->commit(err);
      close();
      return ok;
    }
    gen::CommitResult commit_new(std::string* err) override {
      session_->file_committed();
      gen::CommitResult r = inner_->commit_new(err);
      close();
      return r;
    }
    void undo() override { inner_->undo(); }
    void keep() override { inner_->keep(); }
    void discard() override {
      inner_->discard();
      close();
    }
    const std::string& temp_path() const override { return inner_->temp_path(); }
    const std::string& target() const override { return inner_->target(); }

   private:
    void close() {
      if (!open_) return;
      open_ = false;
      session_->file_closed(0);
    }
    std::unique_ptr<gen::PendingFile> inner_;
    MemorySession* session_;
    bool open_ = true;
  };

  gen::Disk& inner_;
  MemorySession* session_;
};

MemorySession::MemorySession(MemoryOptions options) : options_(std::move(options)) {
  if (g_current == nullptr) g_current = this;  // the outermost session (run()'s) is current
  if (!options_.monitored()) return;
  figures_ = std::make_unique<Figures>();
  monitor_ = std::make_unique<mem::MemoryMonitor>();
  if (options_.memory_limit) {
    monitor_->set_thresholds(mem::Thresholds::from_limit(*options_.memory_limit));
  }
  register_probes();
  if (options_.memory_limit) monitor_->start_sampling(kLimitSampling);
}

MemorySession::~MemorySession() {
  if (monitor_) monitor_->stop_sampling();
  if (file_ != nullptr) std::fclose(file_);
  if (g_current == this) g_current = nullptr;
}

MemorySession* current_memory_session() { return g_current; }

bool MemorySession::open(std::string* err) {
  if (options_.report_file.empty() || file_ != nullptr) return true;
  file_ = std::fopen(options_.report_file.c_str(), "w");
  if (file_ == nullptr) {
    *err =
        "--memory-report-file: cannot write " + options_.report_file + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

void MemorySession::register_probes() {
  Figures* f = figures_.get();
  using mem::Component;
  using mem::ComponentUsage;
  auto load = [](const std::atomic<size_t>& a) { return a.load(std::memory_order_relaxed); };
  monitor_->add_probe(Component::kCoreEngine, [f, load] {
    return ComponentUsage{load(f->engine_used), load(f->engine_reserved)};
  });
  monitor_->add_probe(Component::kTemplateCache, [f, load] {
    return ComponentUsage{load(f->cache_used), load(f->cache_reserved)};
  });
  monitor_->add_probe(Component::kVariableResolution, [f, load] {
    return ComponentUsage{load(f->vars_used), load(f->vars_reserved)};
  });
  monitor_->add_probe(Component::kFileOperations, [f, load] {
    {
      std::lock_guard<std::mutex> lock(f->mutex);
      if (f->pool != nullptr) {
        mem::BufferPoolStats s = f->pool->stats();
        return ComponentUsage{s.in_use_bytes, s.reserved_bytes};
      }
      if (f->pool_last) return ComponentUsage{};  // the pool is gone with its buffers
    }
    size_t bytes = load(f->files_open) * mem::kDefaultBufferSize;
    return ComponentUsage{bytes, bytes};
  });
  // No worker threads yet: registered so the table shows the component at zero.
  monitor_->add_probe(Component::kWorkerCoordination, [] { return ComponentUsage{}; });

  monitor_->add_counter_probe("template cache", [f] {
    std::lock_guard<std::mutex> lock(f->mutex);
    const mem::CacheStats& s = f->cache;
    return std::vector<std::pair<std::string, double>>{
        {"entries", static_cast<double>(s.entries)},
        {"bytes", static_cast<double>(s.bytes)},
        {"budget", static_cast<double>(s.budget)},
        {"hits", static_cast<double>(s.hits)},
        {"misses", static_cast<double>(s.misses)},
        {"evictions", static_cast<double>(s.evictions)},
        {"hit_rate", s.hit_rate()},
    };
  });
  monitor_->add_counter_probe("render arena", [f] {
    std::lock_guard<std::mutex> lock(f->mutex);
    return std::vector<std::pair<std::string, double>>{
        {"peak_used", static_cast<double>(f->arena_peak)},
        {"resets", static_cast<double>(f->arena_resets)},
    };
  });
  monitor_->add_counter_probe("output files", [f] {
    return std::vector<std::pair<std::string, double>>{
        {"written", static_cast<double>(f->files_written.load())},
        {"bytes", static_cast<double>(f->bytes_written.load())},
        {"buffer_size", static_cast<double>(mem::kDefaultBufferSize)},
    };
  });
  monitor_->add_counter_probe("buffer pool", [f] {
    std::lock_guard<std::mutex> lock(f->mutex);
    mem::BufferPoolStats s =
        f->pool != nullptr ? f->pool->stats() : f->pool_last.value_or(mem::BufferPoolStats{});
    return std::vector<std::pair<std::string, double>>{
        {"acquisitions", static_cast<double>(s.acquisitions)},
        {"allocations", static_cast<double>(s.allocations)},
        {"reuses", static_cast<double>(s.reuses)},
        {"peak_in_use", static_cast<double>(s.peak_in_use)},
    };
  });
  monitor_->add_cleanup_handler("buffer pool", [f] {
    std::lock_guard<std::mutex> lock(f->mutex);
    return f->pool != nullptr ? f->pool->trim() : size_t{0};
  });
  monitor_->add_cleanup_handler("template cache", [f] {
    std::lock_guard<std::mutex> lock(f->mutex);
    return f->env != nullptr ? shrink_cache(*f->env, kCacheFloor) : size_t{0};
  });
}

void MemorySession::configure(tpl::Environment& env) {
  if (!options_.cache_budget) return;
  if (!set_budget(env, *options_.cache_budget)) {
    std::fprintf(stderr, "unjucks: warning: --cache-budget is not supported by this engine\n");
  }
}

MemorySession::Attachment MemorySession::attach(tpl::Environment* env, tpl::Context* ctx) {
  if (!monitor_) return Attachment();
  {
    std::lock_guard<std::mutex> lock(figures_->mutex);
    figures_->env = env;
  }
  env_ = env;
  ctx_ = ctx;
  refresh();
  return Attachment(this);
}

MemorySession::Attachment::~Attachment() {
  if (session_ == nullptr) return;
  session_->sample();  // the last figures stay in the report
  std::lock_guard<std::mutex> lock(session_->figures_->mutex);
  Figures& f = *session_->figures_;
  if (f.pool != nullptr) {
    // The pool belongs to the command's disk or output, which go away after this attachment.
    f.pool_last = f.pool->stats();
    f.pool = nullptr;
  }
  session_->figures_->env = nullptr;
  session_->env_ = nullptr;
  session_->ctx_ = nullptr;
}

void MemorySession::refresh() {
  Figures& f = *figures_;
  if (env_ != nullptr) {
    size_t used = 0, reserved = 0;
    uint64_t resets = 0;
    mem::CacheStats cache;
    size_t peak = 0;
    {
      std::lock_guard<std::mutex> lock(f.mutex);
      peak = f.arena_peak;
    }
    read_engine(*env_, &used, &reserved, &peak, &resets, &cache);
    f.engine_used.store(used, std::memory_order_relaxed);
    f.engine_reserved.store(reserved, std::memory_order_relaxed);
    f.cache_used.store(cache.bytes, std::memory_order_relaxed);
    f.cache_reserved.store(cache.bytes + cache.overhead_bytes, std::memory_order_relaxed);
    if (resets > resets_seen_) monitor_->count_arena_resets(resets - resets_seen_);
    resets_seen_ = resets;
    std::lock_guard<std::mutex> lock(f.mutex);
    f.cache = cache;
    f.arena_peak = peak;
    f.arena_resets = resets;
  }
  if (ctx_ != nullptr) {
    f.vars_used.store(ctx_->arena().used(), std::memory_order_relaxed);
    f.vars_reserved.store(ctx_->arena().reserved(), std::memory_order_relaxed);
  }
}

void MemorySession::sample() {
  if (!monitor_) return;
  refresh();
  monitor_->sample();
}

MemorySession::PhaseGuard MemorySession::phase(mem::Phase phase) {
  enter(phase);
  return PhaseGuard(monitor_ ? this : nullptr);
}

void MemorySession::enter(mem::Phase phase) {
  if (!monitor_) return;
  refresh();
  if (phase_) monitor_->end_phase(*phase_);
  phase_ = phase;
  monitor_->begin_phase(phase);
}

void MemorySession::leave() {
  if (!monitor_ || !phase_) return;
  refresh();
  monitor_->end_phase(*phase_);
  phase_.reset();
}

gen::Disk& MemorySession::observe(gen::Disk& inner) {
  if (!monitor_) return inner;
  if (!observed_ || &observed_->inner() != &inner) {
    observed_ = std::make_unique<ObservedDisk>(inner, this);
  }
  if (auto* real = dynamic_cast<gen::RealDisk*>(&inner)) watch_buffers(&real->buffer_pool());
  return *observed_;
}

void MemorySession::watch_buffers(mem::BufferPool* pool) {
  if (!monitor_) return;
  std::lock_guard<std::mutex> lock(figures_->mutex);
  figures_->pool = pool;
}

void MemorySession::file_opened() {
  if (!monitor_) return;
  figures_->files_open.fetch_add(1);
}

void MemorySession::file_closed(size_t bytes_written) {
  if (!monitor_) return;
  figures_->files_open.fetch_sub(1);
  if (bytes_written != 0) {
    figures_->files_written.fetch_add(1);
    figures_->bytes_written.fetch_add(bytes_written);
  }
  sample();
}

void MemorySession::file_committed() {
  if (phase_ == mem::Phase::kRendering) enter(mem::Phase::kFileGeneration);
}

bool MemorySession::write_report() {
  if (!monitor_ || written_) return true;
  written_ = true;
  if (options_.report == MemoryReportFormat::kNone) return true;
  leave();
  monitor_->sample();
  std::string text = options_.report == MemoryReportFormat::kJson ? monitor_->format_json()
                                                                  : monitor_->format_text();
  if (!text.empty() && text.back() != '\n') text += '\n';
  std::FILE* to = file_ != nullptr ? file_ : stderr;
  bool ok = std::fwrite(text.data(), 1, text.size(), to) == text.size();
  ok = std::fflush(to) == 0 && ok;
  if (file_ != nullptr) {
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
  }
  if (!ok) {
    std::fprintf(stderr, "unjucks: error: cannot write the memory report to %s\n",
                 options_.report_file.empty() ? "stderr" : options_.report_file.c_str());
  }
  return ok;
}

}  // namespace unjucks::cli
