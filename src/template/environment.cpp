#include "template/environment.h"

#include <algorithm>
#include <limits>
#include <span>

#include "template/ast/template.h"
#include "template/lexer/syntax_error.h"
#include "template/parser/parser.h"
#include "template/render/renderer.h"

namespace unjucks::tpl {

Environment::Environment(Options options, std::unique_ptr<Loader> loader)
    : options_(std::move(options)), loader_(std::move(loader)) {
  if (loader_ != nullptr) loader_->set_max_bytes(options_.limits.max_template_bytes);
}

Environment::~Environment() = default;

TemplatePtr Environment::compile(std::string source, std::string name) const {
  if (source.size() > options_.limits.max_template_bytes) {
    Error e;
    e.kind = ErrorKind::Limit;
    e.template_name = name;
    e.message = "template is larger than the limit of " +
                std::to_string(options_.limits.max_template_bytes) + " bytes";
    throw TemplateError(std::move(e));
  }
  auto t = std::make_shared<Template>(std::move(source), std::move(name));
  try {
    Parser p(*t, options_);
    p.parse();
  } catch (SyntaxError& se) {
    Error e;
    e.kind = ErrorKind::Syntax;
    e.message = std::move(se.message);
    e.template_name = t->name();
    std::string_view line;
    t->locate(se.pos, &e.line, &e.col, &line);
    e.source_line = std::string(line);
    throw TemplateError(std::move(e));
  }
  return t;
}

uint64_t Environment::stamp_of(const LoadedSource& s) {
  // splitmix64 of mtime mixed with size: equal stamps for an unchanged file.
  uint64_t x = static_cast<uint64_t>(s.mtime_ns) ^ (s.size * 0x9e3779b97f4a7c15ULL);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

TemplatePtr Environment::get_template(std::string_view name) {
  if (loader_ != nullptr && cache_.contains(name)) {
    // A resident entry whose file, or the file of something it loads, changed is dropped with its
    // dependents, then reloaded below.
    StaleCheck check;
    drop_if_stale(name, check);
  }
  if (TemplatePtr t = cache_.get(name)) return t;
  if (loader_ == nullptr) {
    Error e;
    e.kind = ErrorKind::NotFound;
    e.message = "template not found: " + std::string(name);
    throw TemplateError(std::move(e));
  }
  std::optional<LoadedSource> src = loader_->load(name);
  if (!src) {
    Error e;
    e.kind = ErrorKind::NotFound;
    e.message = "template not found: " + std::string(name);
    throw TemplateError(std::move(e));
  }
  std::string source = std::move(src->source);
  src->source = std::string();
  TemplatePtr t = compile(std::move(source), std::string(name));
  uint64_t stamp = stamp_of(*src);
  auto d = deps_.find(name);
  std::span<const std::string> depends_on;
  if (d != deps_.end()) depends_on = d->second;
  // A template larger than the whole budget is refused by the cache: it is still returned.
  cache_.put(name, t, t->memory_bytes(), depends_on, stamp);
  auto m = meta_.find(name);
  if (m == meta_.end()) m = meta_.emplace(std::string(name), SourceMeta{}).first;
  m->second.loaded = std::move(*src);
  m->second.stamp = stamp;
  return t;
}

void Environment::drop_if_stale(std::string_view name, StaleCheck& check) {
  for (size_t i = 0; i < check.count; ++i)
    if (check.seen[i] == name) return;  // a cycle (a template including itself)
  if (check.count == check.seen.size()) return;
  check.seen[check.count++] = name;
  auto m = meta_.find(name);
  if (m == meta_.end()) return;  // not loaded, or already dropped
  if (loader_->changed(name, m->second.loaded)) {
    invalidate(name);
    return;
  }
  auto d = deps_.find(name);
  if (d == deps_.end()) return;
  // invalidate() leaves deps_ alone: iterating it here is safe.
  for (const std::string& dep : d->second) drop_if_stale(dep, check);
}

void Environment::note_dependency(std::string_view dependent, std::string_view dependency) {
  if (dependent.empty() || dependency.empty() || dependent == dependency) return;
  auto d = deps_.find(dependent);
  if (d != deps_.end() &&
      std::find(d->second.begin(), d->second.end(), dependency) != d->second.end()) {
    return;  // known edge: the hot path, no allocation
  }
  // Only templates that came from the loader take part (not source compiled directly).
  TemplatePtr t = cache_.peek(dependent);
  auto m = meta_.find(dependent);
  if (t == nullptr || m == meta_.end()) return;
  if (d == deps_.end()) d = deps_.emplace(std::string(dependent), std::vector<std::string>{}).first;
  d->second.emplace_back(dependency);
  // The cache records edges when an entry is stored: store it again with the new edge (the same
  // compiled template, charge and stamp).
  size_t bytes = t->memory_bytes();
  cache_.put(dependent, std::move(t), bytes, d->second, m->second.stamp);
}

std::vector<std::string> Environment::dependencies_of(std::string_view dependent) const {
  auto d = deps_.find(dependent);
  return d == deps_.end() ? std::vector<std::string>{} : d->second;
}

std::vector<std::string> Environment::invalidate(std::string_view name) {
  // Its metadata goes even when the entry itself was evicted already: else the change would be
  // seen (and its dependents dropped) again on every lookup.
  if (auto m = meta_.find(name); m != meta_.end()) meta_.erase(m);
  std::vector<std::string> dropped = cache_.invalidate(name);
  for (const std::string& k : dropped) {
    if (auto m = meta_.find(k); m != meta_.end()) meta_.erase(m);
  }
  return dropped;
}

void Environment::clear_cache() {
  cache_.clear();
  meta_.clear();
  deps_.clear();
}

void Environment::publish_arena_figures(size_t used_before_reset) {
  arena_last_used_.store(used_before_reset, std::memory_order_relaxed);
  if (used_before_reset > arena_peak_used_.load(std::memory_order_relaxed)) {
    arena_peak_used_.store(used_before_reset, std::memory_order_relaxed);
  }
  arena_reserved_.store(render_arena_.reserved(), std::memory_order_relaxed);
  arena_resets_.fetch_add(1, std::memory_order_relaxed);
}

EngineMemoryUsage Environment::memory_usage() const {
  EngineMemoryUsage u;
  u.arena_used = arena_last_used_.load(std::memory_order_relaxed);
  u.arena_reserved = arena_reserved_.load(std::memory_order_relaxed);
  u.arena_peak_used = arena_peak_used_.load(std::memory_order_relaxed);
  u.arena_resets = arena_resets_.load(std::memory_order_relaxed);
  mem::CacheStats s = cache_.stats();
  u.cache_bytes = s.bytes;
  u.cache_entries = s.entries;
  u.cache_budget = s.budget;
  u.cache_overhead = s.overhead_bytes;
  return u;
}

void Environment::trim_render_arena(size_t keep) {
  if (render_arena_.reserved() <= keep) return;
  render_arena_.release();
  arena_reserved_.store(0, std::memory_order_relaxed);
}

void Environment::render(const Template& tmpl, const Context& ctx, Output& out) {
  render_arena_.set_limit(static_cast<size_t>(
      std::min<uint64_t>(options().limits.max_render_bytes, std::numeric_limits<size_t>::max())));
  Renderer r(*this, render_arena_);
  try {
    r.render(tmpl, ctx, out);
  } catch (...) {
    size_t used = render_arena_.used();
    render_arena_.reset();
    publish_arena_figures(used);
    throw;
  }
  size_t used = render_arena_.used();
  render_arena_.reset();
  publish_arena_figures(used);
}

std::string Environment::render_to_string(const Template& tmpl, const Context& ctx) {
  StringOutput out;
  render(tmpl, ctx, out);
  return out.take();
}

std::string Environment::render_string(std::string_view source, const Context& ctx,
                                       std::string_view name) {
  TemplatePtr t = compile(std::string(source), std::string(name));
  return render_to_string(*t, ctx);
}

}  // namespace unjucks::tpl
