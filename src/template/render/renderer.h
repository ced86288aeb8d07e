// The tree-walking renderer: executes a compiled template against a context, writing into an
// output sink. Temporaries live in the per-render arena; loop iterations that leave nothing
// behind rewind it, so long loops run in constant memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "template/ast/ast.h"
#include "template/ast/template.h"
#include "template/context.h"
#include "template/output.h"
#include "template/render/callable.h"
#include "template/render/frame.h"
#include "template/render/runtime.h"

namespace unjucks::tpl {

class Environment;

// Nunjucks' Context: the variables (a copy-on-write overlay over the caller's), the blocks of
// the inheritance chain, and the names a template exports.
struct RenderContext {
  const ObjectObj* base = nullptr;
  ObjectObj* own = nullptr;
  struct BlockEntry {
    const Template* tmpl;
    const ast::Block* block;
  };
  struct BlockList {
    std::string_view name;
    BlockEntry* items;
    uint32_t size;
    uint32_t cap;
  };
  BlockList* blocks = nullptr;
  uint32_t nblocks = 0;
  uint32_t blocks_cap = 0;
  std::string_view* exports = nullptr;
  uint32_t nexports = 0;
  uint32_t exports_cap = 0;

  const Value* find(std::string_view name) const {
    if (const Value* v = own->find(name)) return v;
    return base ? base->find(name) : nullptr;
  }
};

class Renderer final : public Runtime {
 public:
  Renderer(Environment& env, mem::Arena& arena);
  ~Renderer() override = default;

  // Renders `tmpl` as the top-level template with `ctx` into `out`. Throws TemplateError.
  void render(const Template& tmpl, const Context& ctx, Output& out);

  [[noreturn]] void fail(std::string message) override;
  // The same, for a mistyped name: the message ends with "; did you mean ...?".
  [[noreturn]] void fail(std::string message, std::vector<std::string> suggestions);
  Value call(const Value& callee, const CallArgs& args) override;

 private:
  struct Scope;  // the current template/context while executing

  // statements
  void exec_body(const ast::Body& body, Frame* frame);
  void exec(const ast::Node* n, Frame* frame);
  void exec_emit(const ast::Emit* n, Frame* frame);
  void exec_for(const ast::For* n, Frame* frame);
  void exec_set(const ast::Set* n, Frame* frame);
  void exec_macro_def(const ast::Macro* n, Frame* frame);
  void exec_include(const ast::Include* n, Frame* frame);
  void exec_import(const ast::Import* n, Frame* frame);
  void exec_from_import(const ast::FromImport* n, Frame* frame);
  void exec_extends(const ast::Extends* n, Frame* frame);
  void exec_block(const ast::Block* n, Frame* frame);
  void exec_switch(const ast::Switch* n, Frame* frame);

  // expressions
  Value eval(const ast::Node* n, Frame* frame);
  Value eval_symbol(const ast::Symbol* n, Frame* frame);
  Value eval_lookup(const Value& target, const Value& key);
  Value eval_call(const ast::Call* n, Frame* frame);
  Value eval_filter(const ast::Filter* n, Frame* frame);
  Value eval_is(const ast::Is* n, Frame* frame);
  Value eval_compare(const ast::Compare* n, Frame* frame);
  Value eval_binary(const ast::Binary* n, Frame* frame);
  Value eval_in(const Value& key, const Value& container);
  Value eval_slice(const ast::Slice* n, Frame* frame);
  Value capture(const ast::Body& body, Frame* frame);

  // calls
  Value call_macro(const Callable& c, const CallArgs& args);
  Value render_block_entry(uint32_t list_index, uint32_t entry_index, Frame* frame);
  void write_value(const Value& v);

  // templates and contexts
  const Template* load(const Value& name, bool ignore_missing, uint32_t pos);
  RenderContext* new_context(const ObjectObj* base, const Template* tmpl);
  void add_blocks(RenderContext* ctx, const Template* tmpl);
  void add_export(RenderContext* ctx, std::string_view name);
  void context_set(RenderContext* ctx, std::string_view name, Value v);
  // Runs a template's root with its context and frame, following `extends`.
  void run_root(const Template* tmpl, RenderContext* ctx, Frame* frame);
  Value exported_of(const Template* tmpl, bool with_context, Frame* frame);

  void note_side_effect() { ++side_effects_; }
  void check_depth(uint32_t pos);
  // Fails: the stack is nearly used up (checked on entry to exec_body() and eval()).
  [[noreturn, gnu::cold, gnu::noinline]] void fail_stack_exhausted(uint32_t pos);
  std::string describe_callee(const ast::Node* n, int depth = 0) const;

  Environment& env_;
  Output* out_ = nullptr;
  const Template* tmpl_ = nullptr;  // template being executed (for errors and relative names)
  RenderContext* ctx_ = nullptr;
  uint32_t pos_ = 0;         // current position in tmpl_
  bool has_parent_ = false;  // the running root template has hit `extends`
  bool in_block_ = false;
  const ast::Block* cur_block_ = nullptr;  // for super()
  const Template* cur_block_tmpl_ = nullptr;
  Frame* cur_block_frame_ = nullptr;  // the frame a block was entered from (super() renders there)
  uint32_t depth_ = 0;
  uintptr_t stack_floor_ = 0;  // mem::stack_floor() of the rendering thread
  uint64_t iterations_ = 0;
  uint64_t calls_ = 0;  // against Limits::max_calls
  uint64_t side_effects_ = 0;
  bool throw_on_undefined_ = false;
  bool jinja_compat_ = false;
  struct TraceEntry {
    const Template* tmpl;
    uint32_t pos;
    const char* what;
  };
  // The per-render bookkeeping below (the include/import/call trace, the templates kept alive)
  // lives in a small buffer inside the renderer, so a render with a few includes, imports and
  // macro calls makes no heap allocation for it (tests/template/alloc_test.cpp); deeper nesting
  // spills to the heap. Left uninitialised on purpose: the resource hands it out as raw memory.
  alignas(std::max_align_t) std::byte scratch_[1024];
  std::pmr::monotonic_buffer_resource scratch_resource_{scratch_, sizeof scratch_};
  std::pmr::vector<TraceEntry> trace_{&scratch_resource_};
  const Template* parent_template_ = nullptr;
  std::pmr::vector<std::shared_ptr<const Template>> owned_templates_{&scratch_resource_};
};

}  // namespace unjucks::tpl
