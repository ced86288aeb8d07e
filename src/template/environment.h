// The engine's front door: options + loader + compiled-template cache. Compiles templates and
// renders them with a context into an output sink.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mem/arena.h"
#include "mem/budget_cache.h"
#include "template/context.h"
#include "template/error.h"
#include "template/loader.h"
#include "template/options.h"
#include "template/output.h"

namespace unjucks::tpl {

class Template;  // a compiled template (template/ast/template.h)
using TemplatePtr = std::shared_ptr<const Template>;

// What the engine holds, for the memory monitor (Environment::memory_usage()).
struct EngineMemoryUsage {
  size_t arena_used = 0;       // arena bytes the last finished render used (before its reset)
  size_t arena_reserved = 0;   // bytes the render arena holds from the system
  size_t arena_peak_used = 0;  // largest arena use of any render so far
  uint64_t arena_resets = 0;   // renders finished (one reset each)
  size_t cache_bytes = 0;      // charges of the cached templates (Template::memory_bytes())
  size_t cache_entries = 0;
  size_t cache_budget = 0;
  size_t cache_overhead = 0;  // the eviction policy's own memory
};

class Environment {
 public:
  explicit Environment(Options options = {}, std::unique_ptr<Loader> loader = nullptr);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  const Options& options() const { return options_; }
  Options& options() { return options_; }
  Loader* loader() const { return loader_.get(); }

  // Compiles source text. `name` is used in messages and to resolve relative names.
  // Throws TemplateError (Syntax) when it does not parse.
  TemplatePtr compile(std::string source, std::string name = "") const;
  // Loads and compiles a named template through the loader, cached by name.
  // Throws TemplateError (NotFound or Syntax).
  TemplatePtr get_template(std::string_view name);

  // Renders a compiled template. Throws TemplateError on any error.
  void render(const Template& tmpl, const Context& ctx, Output& out);
  std::string render_to_string(const Template& tmpl, const Context& ctx);
  std::string render_string(std::string_view source, const Context& ctx,
                            std::string_view name = "");

  // Names a template reads from its context (for `help`): free variables of the template and
  // of what it includes/extends/imports, in order of first use.
  std::vector<std::string> referenced_variables(const Template& tmpl);

  // The compiled-template cache: a byte-budgeted W-TinyLFU cache (mem::BudgetCache) charged
  // Template::memory_bytes() per entry, default budget 12 MiB. A template whose source changed
  // (the loader's mtime/size check) is recompiled, and the templates that loaded it (include,
  // import, extends: see note_dependency) are dropped with it.
  void clear_cache();
  size_t cache_size() const { return cache_.stats().entries; }
  void set_cache_budget(size_t bytes) { cache_.set_budget(bytes); }
  size_t cache_budget() const { return cache_.stats().budget; }
  mem::CacheStats cache_stats() const { return cache_.stats(); }
  // The cache itself, for mem::watch_cache (thread-safe; the monitor may sample it).
  mem::BudgetCache<Template>& template_cache() { return cache_; }
  // Records that the template named `dependent` loaded the one named `dependency` (include,
  // import, from-import, extends): invalidating `dependency` also drops `dependent`. Called by the
  // renderer; allocation-free once the edge is known.
  void note_dependency(std::string_view dependent, std::string_view dependency);
  // The names `dependent` is known to load (empty if none).
  std::vector<std::string> dependencies_of(std::string_view dependent) const;
  // Drops a template and everything that depends on it, transitively. Returns the names dropped.
  std::vector<std::string> invalidate(std::string_view name);

  // The per-render arena (reset after every render, keeping its largest chunk).
  const mem::Arena& render_arena() const { return render_arena_; }
  // Where the render arena's growth is drawn from besides the render-memory limit (nullptr:
  // nowhere else). Not owned. `batch` gives each worker's engine its share of the budget.
  void set_render_budget(mem::ArenaBudget* budget) { render_arena_.set_budget(budget); }
  // Frees the render arena's kept chunk when it is larger than `keep` bytes (between renders:
  // a worker does not sit on the memory of its largest render).
  void trim_render_arena(size_t keep);
  // Render arena and cache figures. Safe to call from a monitor's sampling thread while this
  // environment renders on another (the arena figures are published at the end of each render).
  EngineMemoryUsage memory_usage() const;

 private:
  struct SourceMeta {
    LoadedSource loaded;  // metadata for change detection (source dropped)
    uint64_t stamp = 0;   // mtime and size mixed, stored with the cache entry
  };
  struct StaleCheck {
    std::array<std::string_view, 32> seen;  // names visited (cycles; depth bound)
    size_t count = 0;
  };
  void drop_if_stale(std::string_view name, StaleCheck& check);
  void publish_arena_figures(size_t used_before_reset);
  static uint64_t stamp_of(const LoadedSource& s);

  Options options_;
  std::unique_ptr<Loader> loader_;
  mem::BudgetCache<Template> cache_;
  // Side tables of the cache, keyed by template name: change-detection metadata of what was
  // loaded, and the dependency edges seen so far (dependent -> what it loads).
  std::map<std::string, SourceMeta, std::less<>> meta_;
  std::map<std::string, std::vector<std::string>, std::less<>> deps_;
  mem::Arena render_arena_{64 * 1024};
  std::atomic<size_t> arena_last_used_{0};
  std::atomic<size_t> arena_reserved_{0};
  std::atomic<size_t> arena_peak_used_{0};
  std::atomic<uint64_t> arena_resets_{0};
};

}  // namespace unjucks::tpl
