#include "template/environment.h"

#include "template/ast/template.h"
#include "template/lexer/syntax_error.h"
#include "template/parser/parser.h"
#include "template/render/renderer.h"

namespace unjucks::tpl {

Environment::Environment(Options options, std::unique_ptr<Loader> loader)
    : options_(std::move(options)), loader_(std::move(loader)) {}

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

TemplatePtr Environment::get_template(std::string_view name) {
  auto it = cache_.find(std::string(name));
  if (it != cache_.end()) {
    if (loader_ == nullptr || !loader_->changed(name, it->second.loaded)) return it->second.tmpl;
  }
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
  std::string source = src->source;
  src->source.clear();
  src->source.shrink_to_fit();
  TemplatePtr t = compile(std::move(source), std::string(name));
  cache_[std::string(name)] = CacheEntry{t, std::move(*src)};
  return t;
}

void Environment::render(const Template& tmpl, const Context& ctx, Output& out) {
  Renderer r(*this, render_arena_);
  try {
    r.render(tmpl, ctx, out);
  } catch (...) {
    render_arena_.reset();
    throw;
  }
  render_arena_.reset();
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
