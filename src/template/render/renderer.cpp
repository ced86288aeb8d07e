#include "template/render/renderer.h"

#include <cmath>
#include <cstring>

#include "mem/stack_limit.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"
#include "template/value/js.h"
#include "text/did_you_mean.h"

namespace unjucks::tpl {

using ast::NodeType;

namespace {

// Saves and restores the renderer's "where am I" state around nested executions.
template <typename T>
struct Restore {
  T& ref;
  T saved;
  explicit Restore(T& r) : ref(r), saved(r) {}
  ~Restore() { ref = saved; }
};

// True when resolve_template_name(name, base) would return `name` unchanged whatever the base:
// not absolute, not relative ("./", "../"), and no empty, "." or ".." segment.
bool is_plain_template_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    if (slash == std::string_view::npos) slash = name.size();
    std::string_view part = name.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  return true;
}

}  // namespace

Renderer::Renderer(Environment& env, mem::Arena& arena) : Runtime(arena), env_(env) {
  autoescape_ = env.options().autoescape;
  jinja_compat_ = env.options().jinja_compat;
  now_ms_ = env.options().now_ms;
  throw_on_undefined_ = env.options().throw_on_undefined;
  set_throw_on_undefined(throw_on_undefined_);
  max_iterations_ = env.options().limits.max_loop_iterations;
  stack_floor_ = mem::stack_floor();
  trace_.reserve(8);
  owned_templates_.reserve(8);
}

// ---------------------------------------------------------------- errors

void Renderer::fail(std::string message) { fail(std::move(message), {}); }

void Renderer::fail(std::string message, std::vector<std::string> suggestions) {
  if (!suggestions.empty()) message += "; " + text::did_you_mean(suggestions);
  Error e;
  e.suggestions = std::move(suggestions);
  e.kind = ErrorKind::Render;
  e.message = std::move(message);
  if (tmpl_ != nullptr) {
    e.template_name = tmpl_->name();
    std::string_view line;
    tmpl_->locate(pos_, &e.line, &e.col, &line);
    e.source_line = std::string(line);
  }
  for (auto it = trace_.rbegin(); it != trace_.rend(); ++it) {
    uint32_t l = 0, c = 0;
    std::string_view text;
    it->tmpl->locate(it->pos, &l, &c, &text);
    std::string name = it->tmpl->name().empty() ? "(string)" : it->tmpl->name();
    e.trace.push_back(std::string(it->what) + " " + name + ":" + std::to_string(l) + ":" +
                      std::to_string(c));
  }
  throw TemplateError(std::move(e));
}

void Renderer::fail_stack_exhausted(uint32_t pos) {
  pos_ = pos;
  fail(
      "the template nests too deeply for the stack (expressions, statements, macro calls and "
      "includes together; limits parse-depth and call-depth)");
}

void Renderer::check_depth(uint32_t pos) {
  if (depth_ >= env_.options().limits.max_call_depth) {
    pos_ = pos;
    fail("maximum call depth exceeded (" + std::to_string(env_.options().limits.max_call_depth) +
         " nested macro calls, includes or imports)");
  }
  // A macro calling itself twice at each of the levels the depth limit allows would otherwise
  // run for ever without looping.
  if (++calls_ > env_.options().limits.max_calls) {
    pos_ = pos;
    fail("call limit exceeded (" + std::to_string(env_.options().limits.max_calls) +
         " macro calls, includes and imports per render)");
  }
}

// ---------------------------------------------------------------- contexts

RenderContext* Renderer::new_context(const ObjectObj* base, const Template* tmpl) {
  RenderContext* c = arena().make<RenderContext>();
  c->base = base;
  c->own = ObjectObj::make(arena());
  if (tmpl != nullptr) add_blocks(c, tmpl);
  return c;
}

void Renderer::add_blocks(RenderContext* c, const Template* tmpl) {
  for (const ast::Block* b : tmpl->blocks()) {
    RenderContext::BlockList* list = nullptr;
    for (uint32_t i = 0; i < c->nblocks; ++i)
      if (c->blocks[i].name == b->name) list = &c->blocks[i];
    if (list == nullptr) {
      if (c->nblocks == c->blocks_cap) {
        uint32_t ncap = c->blocks_cap ? c->blocks_cap * 2 : 4;
        auto* n = static_cast<RenderContext::BlockList*>(arena().allocate(
            sizeof(RenderContext::BlockList) * ncap, alignof(RenderContext::BlockList)));
        if (c->nblocks) std::memcpy(static_cast<void*>(n), c->blocks, sizeof(*n) * c->nblocks);
        c->blocks = n;
        c->blocks_cap = ncap;
      }
      list = &c->blocks[c->nblocks++];
      *list = RenderContext::BlockList{b->name, nullptr, 0, 0};
    }
    if (list->size == list->cap) {
      uint32_t ncap = list->cap ? list->cap * 2 : 2;
      auto* n = static_cast<RenderContext::BlockEntry*>(arena().allocate(
          sizeof(RenderContext::BlockEntry) * ncap, alignof(RenderContext::BlockEntry)));
      if (list->size) std::memcpy(static_cast<void*>(n), list->items, sizeof(*n) * list->size);
      list->items = n;
      list->cap = ncap;
    }
    list->items[list->size++] = RenderContext::BlockEntry{tmpl, b};
  }
}

void Renderer::add_export(RenderContext* c, std::string_view name) {
  for (uint32_t i = 0; i < c->nexports; ++i)
    if (c->exports[i] == name) return;
  if (c->nexports == c->exports_cap) {
    uint32_t ncap = c->exports_cap ? c->exports_cap * 2 : 4;
    auto* n = static_cast<std::string_view*>(
        arena().allocate(sizeof(std::string_view) * ncap, alignof(std::string_view)));
    for (uint32_t i = 0; i < c->nexports; ++i) n[i] = c->exports[i];
    c->exports = n;
    c->exports_cap = ncap;
  }
  c->exports[c->nexports++] = name;
}

void Renderer::context_set(RenderContext* c, std::string_view name, Value v) {
  note_side_effect();
  c->own->set(arena(), name, v);
}

// ---------------------------------------------------------------- entry points

void Renderer::render(const Template& tmpl, const Context& ctx, Output& out) {
  out_ = &out;
  RenderContext* c = new_context(ctx.vars(), &tmpl);
  Frame* frame = Frame::make(arena(), nullptr, false);
  frame->top_level = true;
  run_root(&tmpl, c, frame);
}

void Renderer::run_root(const Template* tmpl, RenderContext* c, Frame* frame) {
  Restore<const Template*> r1(tmpl_);
  Restore<RenderContext*> r2(ctx_);
  Restore<bool> r3(has_parent_);
  Restore<bool> r4(in_block_);
  Restore<uint32_t> r5(pos_);
  Restore<const ast::Block*> r6(cur_block_);
  Restore<const Template*> r7(cur_block_tmpl_);
  Restore<const Template*> r8(parent_template_);
  tmpl_ = tmpl;
  ctx_ = c;
  has_parent_ = false;
  parent_template_ = nullptr;
  in_block_ = false;
  cur_block_ = nullptr;
  if (!tmpl->has_extends()) {
    exec_body(tmpl->root(), frame);
    return;
  }
  // A template that extends another outputs only through its parent; its own top-level output
  // is held aside in case the `extends` is never reached.
  Output* real = out_;
  ArenaOutput held(arena(), 256, &side_effects_);
  std::vector<ValueSpan> held_spans;
  if (real->value_spans() != nullptr) held.record_values(&held_spans);
  out_ = &held;
  exec_body(tmpl->root(), frame);
  out_ = real;
  if (!has_parent_) {
    if (std::vector<ValueSpan>* spans = out_->value_spans()) {
      size_t at = out_->total();
      for (const ValueSpan& v : held_spans) spans->push_back({at + v.begin, at + v.end});
    }
    out_->write(held.view());
    return;
  }
  const Template* parent = parent_template_;
  check_depth(pos_);
  ++depth_;
  trace_.push_back(TraceEntry{tmpl_, pos_, "extended by"});
  run_root(parent, c, frame);
  trace_.pop_back();
  --depth_;
}

// ---------------------------------------------------------------- statements

void Renderer::exec_body(const ast::Body& body, Frame* frame) {
  // Every nesting of statements comes through here (and every nesting of expressions through
  // eval()): the stack is checked once a body, not once a statement.
  if (mem::stack_position() < stack_floor_ && !body.empty()) [[unlikely]]
    fail_stack_exhausted(body[0]->pos);
  for (const ast::Node* n : body) {
    try {
      exec(n, frame);
    } catch (const mem::ArenaLimitExceeded& e) {
      // Caught by the innermost body, where the position is that of the statement.
      fail("the render needs more than " + std::to_string(e.limit()) +
           " bytes of working memory (limit render-memory)");
    }
  }
}

void Renderer::exec(const ast::Node* n, Frame* frame) {
  switch (n->type) {
    case NodeType::Data: {
      std::string_view text = static_cast<const ast::Data*>(n)->text;
      out_->write(text);
      if (out_->total() > env_.options().limits.max_output_bytes) {
        pos_ = n->pos;
        fail("output exceeds the limit of " +
             std::to_string(env_.options().limits.max_output_bytes) + " bytes");
      }
      return;
    }
    case NodeType::Emit:
      exec_emit(static_cast<const ast::Emit*>(n), frame);
      return;
    case NodeType::If: {
      // An elif chain is followed in a loop, not by recursion: it may be any length.
      auto* i = static_cast<const ast::If*>(n);
      for (;;) {
        pos_ = i->pos;
        if (js::truthy(eval(i->cond, frame))) {
          exec_body(i->body, frame);
          return;
        }
        if (i->else_.size != 1 || i->else_[0]->type != NodeType::If) break;
        i = static_cast<const ast::If*>(i->else_[0]);
      }
      exec_body(i->else_, frame);
      return;
    }
    case NodeType::For:
      exec_for(static_cast<const ast::For*>(n), frame);
      return;
    case NodeType::Set:
      exec_set(static_cast<const ast::Set*>(n), frame);
      return;
    case NodeType::Macro:
      exec_macro_def(static_cast<const ast::Macro*>(n), frame);
      return;
    case NodeType::Include:
      exec_include(static_cast<const ast::Include*>(n), frame);
      return;
    case NodeType::Import:
      exec_import(static_cast<const ast::Import*>(n), frame);
      return;
    case NodeType::FromImport:
      exec_from_import(static_cast<const ast::FromImport*>(n), frame);
      return;
    case NodeType::Extends:
      exec_extends(static_cast<const ast::Extends*>(n), frame);
      return;
    case NodeType::Block:
      exec_block(static_cast<const ast::Block*>(n), frame);
      return;
    case NodeType::Switch:
      exec_switch(static_cast<const ast::Switch*>(n), frame);
      return;
    default:
      pos_ = n->pos;
      fail("cannot execute this node");
  }
}

void Renderer::write_value(const Value& v) {
  switch (v.kind()) {
    case Kind::String:
      if (autoescape_ && !v.safe() && !v.plain()) {
        out_->write_escaped(v.as_string());
      } else {
        out_->write(v.as_string());
      }
      return;
    case Kind::Number: {
      char buf[32];
      out_->write(js::format_number(v.as_number(), buf));
      return;
    }
    case Kind::Undefined:
    case Kind::Null:
      return;
    case Kind::Bool:
      out_->write(v.as_bool() ? "true" : "false");
      return;
    default: {
      std::string s;
      js::append_string(v, s);
      if (autoescape_) {
        out_->write_escaped(s);
      } else {
        out_->write(s);
      }
    }
  }
}

void Renderer::exec_emit(const ast::Emit* n, Frame* frame) {
  pos_ = n->pos;
  Value v = eval(n->expr, frame);
  if (throw_on_undefined_ && v.is_nullish()) {
    pos_ = n->pos;
    fail("attempted to output null or undefined value");
  }
  if (std::vector<ValueSpan>* spans = out_->value_spans()) {
    size_t begin = out_->total();
    write_value(v);
    spans->push_back(ValueSpan{begin, out_->total()});
  } else {
    write_value(v);
  }
  if (out_->total() > env_.options().limits.max_output_bytes) {
    pos_ = n->pos;
    fail("output exceeds the limit of " + std::to_string(env_.options().limits.max_output_bytes) +
         " bytes");
  }
}

void Renderer::exec_for(const ast::For* n, Frame* outer) {
  pos_ = n->pos;
  Frame* frame = Frame::make(arena(), outer, false);
  frame->lexical_child = true;
  // A lazily evaluated range(): `for i in range(n)` never builds the array.
  bool lazy_range = false;
  double r_start = 0, r_stop = 0, r_step = 1;
  Value arr;
  if (n->iter->type == NodeType::Call && n->names.size == 1) {
    auto* call = static_cast<const ast::Call*>(n->iter);
    if (call->callee->type == NodeType::Symbol &&
        static_cast<const ast::Symbol*>(call->callee)->name == "range" && call->kwargs.empty() &&
        call->args.size >= 1 && call->args.size <= 3 && frame->lookup("range") == nullptr &&
        ctx_->find("range") == nullptr) {
      Value a[3];
      for (uint32_t i = 0; i < call->args.size; ++i) a[i] = eval(call->args[i], frame);
      if (call->args.size == 1) {
        r_start = 0;
        r_stop = js::to_number(a[0]);
        r_step = 1;
      } else {
        r_start = js::to_number(a[0]);
        r_stop = js::to_number(a[1]);
        r_step = call->args.size == 3 && js::truthy(a[2]) ? js::to_number(a[2]) : 1;
      }
      lazy_range = true;
    }
  }
  if (!lazy_range) arr = eval(n->iter, frame);
  pos_ = n->pos;

  // Prepare the frame slots once so iterations only overwrite them.
  ObjectObj* loop = ObjectObj::make(arena(), 7);
  static constexpr std::string_view kLoopKeys[] = {"index", "index0", "revindex", "revindex0",
                                                   "first", "last",   "length"};
  for (std::string_view k : kLoopKeys) loop->append_unique(arena(), k, Value());
  for (std::string_view name : n->names) frame->set_own(arena(), name, Value());
  frame->set_own(arena(), "loop", Value::object(loop));
  Value* slots[2] = {frame->find_own(n->names[0]),
                     n->names.size > 1 ? frame->find_own(n->names[1]) : nullptr};
  auto bind_loop = [&](double i, double len) {
    ObjectObj::Entry* e = loop->entries;
    e[0].value = Value::number(i + 1);
    e[1].value = Value::number(i);
    e[2].value = Value::number(len - i);
    e[3].value = Value::number(len - i - 1);
    e[4].value = Value::boolean(i == 0);
    e[5].value = Value::boolean(i == len - 1);
    e[6].value = Value::number(len);
  };
  const uint64_t max_iter = env_.options().limits.max_loop_iterations;
  auto tick = [&]() {
    if (++iterations_ > max_iter) {
      pos_ = n->pos;
      fail("loop iteration limit exceeded (" + std::to_string(max_iter) + " per render)");
    }
  };
  auto run_body = [&]() {
    mem::Arena::Mark mark = arena().mark();
    uint64_t effects = side_effects_;
    exec_body(n->body, frame);
    if (side_effects_ == effects) arena().rewind(mark);
  };

  bool iterated = false;
  double len_for_else = 0;
  bool len_defined = false;
  if (lazy_range) {
    double count = 0;
    if (r_step > 0 && r_stop > r_start) count = std::ceil((r_stop - r_start) / r_step);
    if (r_step < 0 && r_stop < r_start) count = std::ceil((r_start - r_stop) / -r_step);
    if (std::isnan(count)) count = 0;
    if (count > static_cast<double>(max_iter)) {
      pos_ = n->pos;
      fail("loop iteration limit exceeded (" + std::to_string(max_iter) + " per render)");
    }
    len_for_else = count;
    len_defined = true;
    for (double i = 0; i < count; ++i) {
      tick();
      *slots[0] = Value::number(r_start + i * r_step);
      bind_loop(i, count);
      run_body();
    }
    iterated = count > 0;
  } else if (js::truthy(arr)) {
    if (n->names.size > 1) {
      if (arr.is_array()) {
        const ArrayObj* a = arr.as_array();
        double len = a->size;
        len_for_else = len;
        len_defined = true;
        for (uint32_t i = 0; i < a->size; ++i) {
          tick();
          Value item = a->items[i];
          for (uint32_t u = 0; u < n->names.size; ++u) {
            Value* slot = frame->find_own(n->names[u]);
            *slot = eval_lookup(item, Value::number(u));
          }
          bind_loop(i, len);
          run_body();
        }
      } else if (arr.is_object()) {
        const ObjectObj* o = arr.as_object();
        double len = o->size;
        len_for_else = len;
        len_defined = true;
        for (uint32_t i = 0; i < o->size; ++i) {
          tick();
          *slots[0] = Value::string(o->entries[i].key);
          *slots[1] = o->entries[i].value;
          bind_loop(i, len);
          run_body();
        }
      } else if (arr.is_string()) {
        // Nunjucks iterates the characters' keys; nothing sensible: treat like an object of
        // index -> character.
        std::string_view s = arr.as_string();
        len_defined = true;
        len_for_else = static_cast<double>(js::utf16_length(s));
      } else {
        len_defined = true;
        len_for_else = 0;
      }
    } else if (arr.is_array()) {
      const ArrayObj* a = arr.as_array();
      double len = a->size;
      len_for_else = len;
      len_defined = true;
      for (uint32_t i = 0; i < a->size; ++i) {
        tick();
        *slots[0] = a->items[i];
        bind_loop(i, len);
        run_body();
      }
    } else if (arr.is_string()) {
      std::string_view s = arr.as_string();
      double len = static_cast<double>(js::utf16_length(s));
      len_for_else = len;
      len_defined = true;
      double i = 0;
      for (size_t p = 0; p < s.size();) {
        size_t q = p + 1;
        while (q < s.size() && (static_cast<unsigned char>(s[q]) & 0xC0) == 0x80) ++q;
        tick();
        *slots[0] = Value::string(s.substr(p, q - p), arr.safe());
        bind_loop(i, len);
        run_body();
        i += 1;
        p = q;
      }
    }
    // Other values (numbers, objects with one name) have no length: no iterations.
  }
  (void)iterated;
  if (n->has_else && (!len_defined || len_for_else == 0)) exec_body(n->else_, frame);
}

void Renderer::exec_set(const ast::Set* n, Frame* frame) {
  pos_ = n->pos;
  Value v = n->value != nullptr ? eval(n->value, frame) : capture(n->body, frame);
  note_side_effect();
  for (std::string_view name : n->targets) {
    Frame* target = frame->resolve_for_write(name);
    (target ? target : frame)->set_own(arena(), name, v);
    if (frame->top_level) {
      context_set(ctx_, name, v);
      if (name.empty() || name[0] != '_') add_export(ctx_, name);
    }
  }
}

void Renderer::exec_macro_def(const ast::Macro* n, Frame* frame) {
  Callable* c = arena().make<Callable>();
  c->kind = Callable::Kind::Macro;
  c->macro = n;
  c->tmpl = tmpl_;
  c->ctx = ctx_;
  c->name = n->name;
  note_side_effect();
  Value v = Value::callable(c);
  if (frame->lexical_child) {
    frame->set_own(arena(), n->name, v);
  } else {
    if (n->name.empty() || n->name[0] != '_') add_export(ctx_, n->name);
    context_set(ctx_, n->name, v);
  }
}

const Template* Renderer::load(const Value& name_value, bool ignore_missing, uint32_t pos) {
  pos_ = pos;
  if (!name_value.is_string()) {
    if (name_value.is_nullish())
      fail("template names must be a string: " + std::string(js::type_name(name_value)));
    fail("template names must be a string: " + std::string(js::to_string(name_value, arena())));
  }
  std::string_view name = name_value.as_string();
  // A plain name ("base.njk", "layouts/base.njk") is already its resolved form: used as it is,
  // with no copy (the common case, on the hot path of every include, import and extends).
  std::optional<std::string> resolved_copy;
  std::optional<std::string_view> resolved;
  if (is_plain_template_name(name)) {
    resolved = name;
  } else if ((resolved_copy = resolve_template_name(name, tmpl_->name()))) {
    resolved = *resolved_copy;
  }
  TemplatePtr t;
  if (resolved) {
    try {
      t = env_.get_template(*resolved);
      env_.note_dependency(tmpl_->name(), *resolved);
    } catch (TemplateError& e) {
      if (e.error().kind == ErrorKind::NotFound && ignore_missing) return nullptr;
      if (e.error().kind == ErrorKind::NotFound) fail(e.error().message);
      throw;
    }
  }
  if (!t) {
    if (ignore_missing) return nullptr;
    if (!resolved) {
      // Climbs above the template folder, or is absolute: never looked up (Nunjucks' loaders
      // do not find such names either).
      fail("template \"" + std::string(name) + "\" is outside the template folder (refused)");
    }
    fail("template not found: " + std::string(name));
  }
  // Keep the template alive for the whole render (the cache may drop it meanwhile).
  owned_templates_.push_back(t);
  return t.get();
}

void Renderer::exec_include(const ast::Include* n, Frame* frame) {
  pos_ = n->pos;
  Value name = eval(n->tmpl, frame);
  const Template* t = load(name, n->ignore_missing, n->pos);
  if (t == nullptr) return;
  check_depth(n->pos);
  ++depth_;
  trace_.push_back(TraceEntry{tmpl_, n->pos, "included from"});
  RenderContext* c = new_context(nullptr, t);
  // The included template sees a copy of the context's variables.
  c->base = ctx_->own;
  if (ctx_->base != nullptr && ctx_->base != ctx_->own) {
    // Flatten: base first, then own overrides.
    ObjectObj* merged = ObjectObj::make(arena(), ctx_->base->size + ctx_->own->size);
    for (const auto& e : *ctx_->base) merged->set(arena(), e.key, e.value);
    for (const auto& e : *ctx_->own) merged->set(arena(), e.key, e.value);
    c->base = merged;
  }
  Frame* f = Frame::make(arena(), frame, true);
  f->top_level = true;
  run_root(t, c, f);
  trace_.pop_back();
  --depth_;
}

Value Renderer::exported_of(const Template* t, bool with_context, Frame* frame) {
  check_depth(pos_);
  ++depth_;
  trace_.push_back(TraceEntry{tmpl_, pos_, "imported from"});
  RenderContext* c = new_context(nullptr, t);
  if (with_context) {
    ObjectObj* merged = ObjectObj::make(arena());
    if (ctx_->base)
      for (const auto& e : *ctx_->base) merged->set(arena(), e.key, e.value);
    for (const auto& e : *ctx_->own) merged->set(arena(), e.key, e.value);
    c->base = merged;
  }
  Frame* f =
      with_context ? Frame::make(arena(), frame, false) : Frame::make(arena(), nullptr, false);
  f->top_level = true;
  Output* saved = out_;
  DiscardOutput discard;
  out_ = &discard;
  run_root(t, c, f);
  out_ = saved;
  trace_.pop_back();
  --depth_;
  ObjectObj* exported = ObjectObj::make(arena(), c->nexports);
  for (uint32_t i = 0; i < c->nexports; ++i) {
    const Value* v = c->find(c->exports[i]);
    exported->set(arena(), c->exports[i], v ? *v : Value());
  }
  note_side_effect();
  return Value::object(exported);
}

void Renderer::exec_import(const ast::Import* n, Frame* frame) {
  pos_ = n->pos;
  Value name = eval(n->tmpl, frame);
  const Template* t = load(name, false, n->pos);
  pos_ = n->pos;
  Value exported = exported_of(t, n->with_context, frame);
  if (frame->lexical_child) {
    frame->set_own(arena(), n->alias, exported);
  } else {
    context_set(ctx_, n->alias, exported);
  }
}

void Renderer::exec_from_import(const ast::FromImport* n, Frame* frame) {
  pos_ = n->pos;
  Value name = eval(n->tmpl, frame);
  const Template* t = load(name, false, n->pos);
  pos_ = n->pos;
  Value exported = exported_of(t, n->with_context, frame);
  for (const ast::ImportName& in : n->names) {
    const Value* v = exported.as_object()->find(in.name);
    if (v == nullptr) {
      pos_ = in.pos;
      fail("cannot import '" + std::string(in.name) + "'");
    }
    if (frame->lexical_child) {
      frame->set_own(arena(), in.alias, *v);
    } else {
      context_set(ctx_, in.alias, *v);
    }
  }
}

void Renderer::exec_extends(const ast::Extends* n, Frame* frame) {
  pos_ = n->pos;
  Value name = eval(n->tmpl, frame);
  const Template* t = load(name, false, n->pos);
  add_blocks(ctx_, t);
  note_side_effect();
  has_parent_ = true;
  parent_template_ = t;
}

Value Renderer::render_block_entry(uint32_t list_index, uint32_t entry_index, Frame* frame) {
  const RenderContext::BlockEntry& e = ctx_->blocks[list_index].items[entry_index];
  Restore<const Template*> r1(tmpl_);
  Restore<bool> r2(in_block_);
  Restore<const ast::Block*> r3(cur_block_);
  Restore<const Template*> r4(cur_block_tmpl_);
  Restore<uint32_t> r5(pos_);
  Restore<Frame*> r6(cur_block_frame_);
  tmpl_ = e.tmpl;
  in_block_ = true;
  cur_block_frame_ = frame;
  cur_block_ = e.block;
  cur_block_tmpl_ = e.tmpl;
  Frame* f = Frame::make(arena(), frame, true);
  exec_body(e.block->body, f);
  return Value();
}

void Renderer::exec_block(const ast::Block* n, Frame* frame) {
  pos_ = n->pos;
  if (!in_block_ && has_parent_) return;
  for (uint32_t i = 0; i < ctx_->nblocks; ++i) {
    if (ctx_->blocks[i].name == n->name) {
      render_block_entry(i, 0, frame);
      return;
    }
  }
  fail("unknown block \"" + std::string(n->name) + "\"");
}

void Renderer::exec_switch(const ast::Switch* n, Frame* frame) {
  pos_ = n->pos;
  Value v = eval(n->expr, frame);
  uint32_t match = n->cases.size;
  for (uint32_t i = 0; i < n->cases.size; ++i) {
    if (js::strict_equals(v, eval(n->cases[i].cond, frame))) {
      match = i;
      break;
    }
  }
  if (match < n->cases.size) {
    for (uint32_t i = match; i < n->cases.size; ++i) {
      exec_body(n->cases[i].body, frame);
      if (!n->cases[i].body.empty()) return;
    }
  }
  if (n->has_default) exec_body(n->default_, frame);
}

Value Renderer::capture(const ast::Body& body, Frame* frame) {
  ArenaOutput buf(arena(), 256, &side_effects_);
  Output* saved = out_;
  out_ = &buf;
  exec_body(body, frame);
  out_ = saved;
  return Value::string(buf.view());
}

}  // namespace unjucks::tpl
