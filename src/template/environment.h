// The engine's front door: options + loader + compiled-template cache. Compiles templates and
// renders them with a context into an output sink.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mem/arena.h"
#include "template/context.h"
#include "template/error.h"
#include "template/loader.h"
#include "template/options.h"
#include "template/output.h"

namespace unjucks::tpl {

class Template;  // a compiled template (template/ast/template.h)
using TemplatePtr = std::shared_ptr<const Template>;

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

  void clear_cache() { cache_.clear(); }
  size_t cache_size() const { return cache_.size(); }
  // The per-render arena (reset after every render, keeping its largest chunk).
  const mem::Arena& render_arena() const { return render_arena_; }

 private:
  struct CacheEntry {
    TemplatePtr tmpl;
    LoadedSource loaded;  // metadata for change detection (source dropped)
  };
  Options options_;
  std::unique_ptr<Loader> loader_;
  std::unordered_map<std::string, CacheEntry> cache_;
  mem::Arena render_arena_{64 * 1024};
};

}  // namespace unjucks::tpl
