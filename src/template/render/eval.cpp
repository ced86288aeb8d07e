// Expression evaluation and calls (the other half of renderer.cpp).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <new>
#include <string>

#include "mem/stack_limit.h"
#include "template/environment.h"
#include "template/render/regex_methods.h"
#include "template/render/renderer.h"
#include "template/value/js.h"
#include "text/did_you_mean.h"

namespace unjucks::tpl {

using ast::NodeType;

namespace {
constexpr uint32_t kSmallArgs = 8;

// Arguments evaluated into a small inline array (left uninitialised: every slot used is
// written before it is read), spilling into the arena.
struct ArgBuffer {
  alignas(Value) unsigned char small[sizeof(Value) * kSmallArgs];
  alignas(KwArg) unsigned char small_kw[sizeof(KwArg) * kSmallArgs];
  Value* pos = reinterpret_cast<Value*>(small);
  KwArg* kw = reinterpret_cast<KwArg*>(small_kw);
};

// Evaluates call arguments (positionals, then keywords) into `buf` with `eval`.
template <typename Eval>
CallArgs fill_args(ArgBuffer& buf, mem::Arena& arena, const ast::List<ast::Node*>& args,
                   const ast::List<ast::KwArg>& kwargs, Eval&& eval) {
  uint32_t np = args.size, nk = kwargs.size;
  if (np > kSmallArgs)
    buf.pos = static_cast<Value*>(arena.allocate(sizeof(Value) * np, alignof(Value)));
  if (nk > kSmallArgs)
    buf.kw = static_cast<KwArg*>(arena.allocate(sizeof(KwArg) * nk, alignof(KwArg)));
  for (uint32_t i = 0; i < np; ++i) new (&buf.pos[i]) Value(eval(args[i]));
  for (uint32_t i = 0; i < nk; ++i) new (&buf.kw[i]) KwArg{kwargs[i].name, eval(kwargs[i].value)};
  return CallArgs{buf.pos, np, buf.kw, nk};
}
}  // namespace

Value Renderer::eval(const ast::Node* n, Frame* frame) {
  if (mem::stack_position() < stack_floor_) [[unlikely]]
    fail_stack_exhausted(n->pos);
  switch (n->type) {
    case NodeType::Literal: {
      const Value& v = static_cast<const ast::Literal*>(n)->value;
      if (v.is_regex()) [[unlikely]]
        return fresh_regex(*this, v);
      return v;
    }
    case NodeType::Symbol:
      return eval_symbol(static_cast<const ast::Symbol*>(n), frame);
    case NodeType::Lookup: {
      auto* l = static_cast<const ast::Lookup*>(n);
      Value target = eval(l->target, frame);
      if (target.is_object() && l->key->type == NodeType::Literal) {
        const Value& key = static_cast<const ast::Literal*>(l->key)->value;
        if (key.is_string()) {
          const ObjectObj* o = target.as_object();
          std::string_view k = key.as_string();
          uint32_t h = l->hint.load(std::memory_order_relaxed);
          if (h < o->size && o->entries[h].key.size() == k.size() &&
              std::memcmp(o->entries[h].key.data(), k.data(), k.size()) == 0)
            return o->entries[h].value;
          if (const Value* v = o->find(k)) {
            auto* entry = reinterpret_cast<const ObjectObj::Entry*>(
                reinterpret_cast<const char*>(v) - offsetof(ObjectObj::Entry, value));
            l->hint.store(static_cast<uint32_t>(entry - o->entries), std::memory_order_relaxed);
            return *v;
          }
        }
      }
      Value key = eval(l->key, frame);
      return eval_lookup(target, key);
    }
    case NodeType::Call:
      return eval_call(static_cast<const ast::Call*>(n), frame);
    case NodeType::Filter:
      return eval_filter(static_cast<const ast::Filter*>(n), frame);
    case NodeType::Is:
      return eval_is(static_cast<const ast::Is*>(n), frame);
    case NodeType::Compare:
      return eval_compare(static_cast<const ast::Compare*>(n), frame);
    case NodeType::Not:
      return Value::boolean(!js::truthy(eval(static_cast<const ast::Unary*>(n)->target, frame)));
    case NodeType::Neg:
      return Value::number(-js::to_number(eval(static_cast<const ast::Unary*>(n)->target, frame)));
    case NodeType::Pos:
      return Value::number(js::to_number(eval(static_cast<const ast::Unary*>(n)->target, frame)));
    case NodeType::And: {
      auto* b = static_cast<const ast::Binary*>(n);
      Value l = eval(b->left, frame);
      return js::truthy(l) ? eval(b->right, frame) : l;
    }
    case NodeType::Or: {
      auto* b = static_cast<const ast::Binary*>(n);
      Value l = eval(b->left, frame);
      return js::truthy(l) ? l : eval(b->right, frame);
    }
    case NodeType::In: {
      auto* b = static_cast<const ast::Binary*>(n);
      Value key = eval(b->left, frame);
      Value container = eval(b->right, frame);
      pos_ = n->pos;
      return eval_in(key, container);
    }
    case NodeType::Add:
    case NodeType::Sub:
    case NodeType::Mul:
    case NodeType::Div:
    case NodeType::FloorDiv:
    case NodeType::Mod:
    case NodeType::Pow:
    case NodeType::Concat:
      return eval_binary(static_cast<const ast::Binary*>(n), frame);
    case NodeType::InlineIf: {
      auto* i = static_cast<const ast::InlineIf*>(n);
      if (js::truthy(eval(i->cond, frame))) return eval(i->body, frame);
      return i->else_ ? eval(i->else_, frame) : Value::string("");
    }
    case NodeType::Array: {
      auto* a = static_cast<const ast::Aggregate*>(n);
      ArrayObj* arr = ArrayObj::make(arena(), a->items.size);
      for (const ast::Node* item : a->items) arr->push(arena(), eval(item, frame));
      return Value::array(arr);
    }
    case NodeType::Group: {
      auto* a = static_cast<const ast::Aggregate*>(n);
      Value last;
      for (const ast::Node* item : a->items) last = eval(item, frame);
      return last;
    }
    case NodeType::Dict: {
      auto* d = static_cast<const ast::Dict*>(n);
      ObjectObj* o = ObjectObj::make(arena(), d->pairs.size);
      for (const ast::DictPair& p : d->pairs) o->set(arena(), p.key, eval(p.value, frame));
      return Value::object(o);
    }
    case NodeType::Caller: {
      Callable* c = arena().make<Callable>();
      c->kind = Callable::Kind::Macro;
      c->macro = static_cast<const ast::Caller*>(n)->macro;
      c->tmpl = tmpl_;
      c->ctx = ctx_;
      c->closure = frame;
      c->name = "caller";
      note_side_effect();
      return Value::callable(c);
    }
    case NodeType::Capture:
      return capture(static_cast<const ast::Capture*>(n)->body, frame);
    case NodeType::Slice:
      return eval_slice(static_cast<const ast::Slice*>(n), frame);
    default:
      pos_ = n->pos;
      fail("cannot evaluate this node");
  }
}

Value Renderer::eval_symbol(const ast::Symbol* n, Frame* frame) {
  if (const Value* v = frame->lookup(n->name)) return *v;
  if (ctx_->own->size != 0) {
    if (const Value* v = ctx_->own->find(n->name)) return *v;
  }
  if (const ObjectObj* base = ctx_->base) {
    std::string_view k = n->name;
    uint32_t h = n->hint.load(std::memory_order_relaxed);
    if (h < base->size && base->entries[h].key.size() == k.size() &&
        std::memcmp(base->entries[h].key.data(), k.data(), k.size()) == 0)
      return base->entries[h].value;
    if (const Value* v = base->find(k)) {
      auto* entry = reinterpret_cast<const ObjectObj::Entry*>(reinterpret_cast<const char*>(v) -
                                                              offsetof(ObjectObj::Entry, value));
      n->hint.store(static_cast<uint32_t>(entry - base->entries), std::memory_order_relaxed);
      return *v;
    }
  }
  return global_value(n->name);
}

Value Renderer::eval_lookup(const Value& target, const Value& key) {
  switch (target.kind()) {
    case Kind::Undefined:
    case Kind::Null:
      return Value();
    case Kind::Object: {
      if (key.is_string()) {
        if (const Value* v = target.as_object()->find(key.as_string())) return *v;
        // Object.prototype's hasOwnProperty, and Python's dict methods under jinja compatibility.
        if (Callable* m = bind_method(*this, target, key.as_string(), jinja_compat_))
          return Value::callable(m);
        return Value();
      }
      char buf[32];
      std::string_view k =
          key.is_number() ? js::format_number(key.as_number(), buf) : js::to_string(key, arena());
      return target.as_object()->get(k);
    }
    case Kind::Array: {
      const ArrayObj* a = target.as_array();
      double idx = NAN;
      if (key.is_number()) {
        idx = key.as_number();
      } else if (key.is_string()) {
        std::string_view k = key.as_string();
        if (k == "length") return Value::number(a->size);
        if (!k.empty() && k.size() < 10 &&
            k.find_first_not_of("0123456789") == std::string_view::npos &&
            (k.size() == 1 || k[0] != '0'))
          idx = std::stod(std::string(k));
        else if (const Value* own = a->props ? a->props->find(k) : nullptr)
          return *own;
        else if (Callable* m = bind_method(*this, target, k, jinja_compat_))
          return Value::callable(m);
      }
      if (idx >= 0 && idx == std::floor(idx) && idx < a->size)
        return a->items[static_cast<uint32_t>(idx)];
      return Value();
    }
    case Kind::String: {
      std::string_view s = target.as_string();
      double idx = NAN;
      if (key.is_number()) {
        idx = key.as_number();
      } else if (key.is_string()) {
        std::string_view k = key.as_string();
        if (k == "length") return Value::number(static_cast<double>(js::utf16_length(s)));
        if (!k.empty() && k.size() < 10 &&
            k.find_first_not_of("0123456789") == std::string_view::npos)
          idx = std::stod(std::string(k));
        else if (Callable* m = bind_method(*this, target, k, jinja_compat_))
          return Value::callable(m);
      }
      if (idx >= 0 && idx == std::floor(idx)) {
        // Index by code point (equal to JavaScript's UTF-16 index for BMP text).
        size_t want = static_cast<size_t>(idx), cp = 0;
        for (size_t p = 0; p < s.size();) {
          size_t q = p + 1;
          while (q < s.size() && (static_cast<unsigned char>(s[q]) & 0xC0) == 0x80) ++q;
          if (cp == want) return Value::string(s.substr(p, q - p), target.safe());
          ++cp;
          p = q;
        }
      }
      return Value();
    }
    case Kind::Number:
    case Kind::Bool:
      if (key.is_string()) {
        if (Callable* m = bind_method(*this, target, key.as_string(), jinja_compat_))
          return Value::callable(m);
      }
      return Value();
    case Kind::Regex:
      if (key.is_string()) {
        if (Callable* m = bind_method(*this, target, key.as_string(), jinja_compat_))
          return Value::callable(m);
        return regex_property(*this, *target.as_regex(), key.as_string());
      }
      return Value();
    default:
      return Value();
  }
}

std::string Renderer::describe_callee(const ast::Node* n, int depth) const {
  // Deeper than a person reads (and than the stack allows for a chain under a raised limit).
  if (depth > 32) return "...";
  switch (n->type) {
    case NodeType::Symbol:
      return std::string(static_cast<const ast::Symbol*>(n)->name);
    case NodeType::Call:
      return "the return value of (" +
             describe_callee(static_cast<const ast::Call*>(n)->callee, depth + 1) + ")";
    case NodeType::Lookup: {
      auto* l = static_cast<const ast::Lookup*>(n);
      return describe_callee(l->target, depth + 1) + "[\"" + describe_callee(l->key, depth + 1) +
             "\"]";
    }
    case NodeType::Literal: {
      std::string s;
      js::append_string(static_cast<const ast::Literal*>(n)->value, s);
      return s;
    }
    default:
      return "--expression--";
  }
}

Value Renderer::eval_call(const ast::Call* n, Frame* frame) {
  // super() inside a block renders the parent's version of the block.
  if (n->callee->type == NodeType::Symbol && cur_block_ != nullptr &&
      static_cast<const ast::Symbol*>(n->callee)->name == "super") {
    pos_ = n->pos;
    for (uint32_t i = 0; i < ctx_->nblocks; ++i) {
      RenderContext::BlockList& list = ctx_->blocks[i];
      if (list.name != cur_block_->name) continue;
      for (uint32_t k = 0; k < list.size; ++k) {
        if (list.items[k].block == cur_block_ && k + 1 < list.size) {
          ArenaOutput buf(arena(), 256, &side_effects_);
          Output* saved = out_;
          out_ = &buf;
          render_block_entry(i, k + 1, cur_block_frame_ ? cur_block_frame_ : frame);
          out_ = saved;
          return Value::string(buf.view(), true);
        }
      }
    }
    fail("no super block available for \"" + std::string(cur_block_->name) + "\"");
  }
  Value callee = eval(n->callee, frame);
  ArgBuffer buf;
  CallArgs args = fill_args(buf, arena(), n->args, n->kwargs,
                            [&](const ast::Node* x) { return eval(x, frame); });
  pos_ = n->pos;
  if (!callee.is_callable()) {
    if (!js::truthy(callee))
      fail("Unable to call `" + describe_callee(n->callee) + "`, which is undefined or falsey");
    fail("Unable to call `" + describe_callee(n->callee) + "`, which is not a function");
  }
  uint32_t saved_pos = pos_;
  Value r = call(callee, args);
  pos_ = saved_pos;
  return r;
}

Value Renderer::call(const Value& callee, const CallArgs& args) {
  if (!callee.is_callable()) fail("value is not a function");
  const Callable& c = *callee.as_callable();
  if (c.kind == Callable::Kind::Macro) return call_macro(c, args);
  return c.fn(*this, c, args);
}

Value Renderer::call_macro(const Callable& c, const CallArgs& args) {
  check_depth(pos_);
  const ast::Macro* m = c.macro;
  Frame* f =
      m->is_caller ? Frame::make(arena(), c.closure, true) : Frame::make(arena(), nullptr, false);
  f->lexical_child = m->is_caller;
  // No side effect to note: the macro's frame is its own, and anything that outlives the call
  // (a set to an outer name, a caller closure) notes itself.

  // Effective keyword arguments (Nunjucks' makeMacro): extra positionals fill the keyword
  // parameters in order; missing positionals are taken from keywords.
  uint32_t nargs = m->args.size;
  auto kw_find = [&](std::string_view name, Value* out) -> bool {
    // Extra positionals override explicit keywords.
    if (args.npos > nargs) {
      for (uint32_t i = 0; i < m->kwargs.size && nargs + i < args.npos; ++i)
        if (m->kwargs[i].name == name) {
          *out = args.pos[nargs + i];
          return true;
        }
    }
    for (uint32_t k = 0; k < args.nkw; ++k)
      if (args.kw[k].name == name) {
        *out = args.kw[k].value;
        return true;
      }
    return false;
  };
  Value caller;
  if (kw_find("caller", &caller)) f->set_own(arena(), "caller", caller);
  for (uint32_t i = 0; i < nargs; ++i) {
    Value v;
    if (i < args.npos) {
      v = args.pos[i];
    } else {
      kw_find(m->args[i], &v);
    }
    f->set_own(arena(), m->args[i], v);
  }

  ++depth_;
  trace_.push_back(TraceEntry{tmpl_, pos_, "called from"});
  const Template* saved_tmpl = tmpl_;
  RenderContext* saved_ctx = ctx_;
  Output* saved_out = out_;
  bool saved_in_block = in_block_;
  tmpl_ = c.tmpl;
  ctx_ = c.ctx;
  in_block_ = true;
  for (uint32_t i = 0; i < m->kwargs.size; ++i) {
    Value v;
    if (!kw_find(m->kwargs[i].name, &v)) v = eval(m->kwargs[i].value, f);
    f->set_own(arena(), m->kwargs[i].name, v);
  }
  ArenaOutput buf(arena(), 256, &side_effects_);
  out_ = &buf;
  exec_body(m->body, f);
  out_ = saved_out;
  tmpl_ = saved_tmpl;
  ctx_ = saved_ctx;
  in_block_ = saved_in_block;
  trace_.pop_back();
  --depth_;
  return Value::string(buf.view(), true);
}

Value Renderer::eval_filter(const ast::Filter* n, Frame* frame) {
  Value target = eval(n->target, frame);
  ArgBuffer buf;
  CallArgs args = fill_args(buf, arena(), n->args, n->kwargs,
                            [&](const ast::Node* x) { return eval(x, frame); });
  pos_ = n->pos;
  if (n->fn == nullptr) {
    fail("filter not found: " + std::string(n->name), text::suggest(n->name, filter_names()));
  }
  return n->fn(*this, target, args);
}

Value Renderer::eval_is(const ast::Is* n, Frame* frame) {
  Value target = eval(n->target, frame);
  ArgBuffer buf;
  CallArgs args = fill_args(buf, arena(), n->args, n->kwargs,
                            [&](const ast::Node* x) { return eval(x, frame); });
  pos_ = n->pos;
  if (n->fn == nullptr) {
    fail("test not found: " + std::string(n->test), text::suggest(n->test, test_names()));
  }
  return Value::boolean(n->fn(*this, target, args));
}

Value Renderer::eval_compare(const ast::Compare* n, Frame* frame) {
  // JavaScript chains comparisons left to right: (a < b) < c.
  Value left = eval(n->first, frame);
  for (const ast::CompareOperand& op : n->ops) {
    Value right = eval(op.expr, frame);
    bool r = false;
    switch (op.op) {
      case ast::CmpOp::Eq:
        r = js::loose_equals(left, right);
        break;
      case ast::CmpOp::StrictEq:
        r = js::strict_equals(left, right);
        break;
      case ast::CmpOp::Ne:
        r = !js::loose_equals(left, right);
        break;
      case ast::CmpOp::StrictNe:
        r = !js::strict_equals(left, right);
        break;
      case ast::CmpOp::Lt:
        r = js::compare(left, right) == -1;
        break;
      case ast::CmpOp::Gt:
        r = js::compare(left, right) == 1;
        break;
      case ast::CmpOp::Le: {
        int c = js::compare(left, right);
        r = c == -1 || c == 0;
        break;
      }
      case ast::CmpOp::Ge: {
        int c = js::compare(left, right);
        r = c == 1 || c == 0;
        break;
      }
    }
    left = Value::boolean(r);
  }
  return left;
}

Value Renderer::eval_binary(const ast::Binary* n, Frame* frame) {
  Value l = eval(n->left, frame);
  Value r = eval(n->right, frame);
  auto concat = [&](const Value& a, const Value& b) {
    char b1[32], b2[32];
    std::string_view sa = a.is_string()   ? a.as_string()
                          : a.is_number() ? js::format_number(a.as_number(), b1)
                                          : js::to_string(a, arena());
    std::string_view sb = b.is_string()   ? b.as_string()
                          : b.is_number() ? js::format_number(b.as_number(), b2)
                                          : js::to_string(b, arena());
    size_t total = sa.size() + sb.size();
    mem::Arena& ar = arena();
    // The left operand is the string made last (`a + b + c`, or `s = s + x` in a loop): append
    // where it is. Memory grows with the result, not with its square.
    if (!sa.empty() && ar.try_grow(sa.data(), sa.size(), total)) {
      char* p = const_cast<char*>(sa.data());
      if (!sb.empty()) std::memcpy(p + sa.size(), sb.data(), sb.size());
      return Value::string(std::string_view(p, total));
    }
    char* p = static_cast<char*>(ar.allocate_growable(total));
    if (!sa.empty()) std::memcpy(p, sa.data(), sa.size());
    if (!sb.empty()) std::memcpy(p + sa.size(), sb.data(), sb.size());
    return Value::string(std::string_view(p, total));
  };
  switch (n->type) {
    case NodeType::Concat:
      return concat(l, r);
    case NodeType::Add: {
      auto stringish = [](const Value& v) {
        return v.is_string() || v.is_array() || v.is_object() || v.is_callable() || v.is_regex();
      };
      if (stringish(l) || stringish(r)) return concat(l, r);
      return Value::number(js::to_number(l) + js::to_number(r));
    }
    case NodeType::Sub:
      return Value::number(js::to_number(l) - js::to_number(r));
    case NodeType::Mul:
      return Value::number(js::to_number(l) * js::to_number(r));
    case NodeType::Div:
      return Value::number(js::to_number(l) / js::to_number(r));
    case NodeType::FloorDiv:
      return Value::number(std::floor(js::to_number(l) / js::to_number(r)));
    case NodeType::Mod: {
      double a = js::to_number(l), b = js::to_number(r);
      // Integers in the exact range take the integer path (same result as fmod).
      if (a == std::trunc(a) && b == std::trunc(b) && std::fabs(a) < 9e15 && std::fabs(b) < 9e15 &&
          b != 0 && !(a == 0 && std::signbit(a))) {
        long long q = static_cast<long long>(a) % static_cast<long long>(b);
        if (q == 0 && a < 0) return Value::number(-0.0);
        return Value::number(static_cast<double>(q));
      }
      return Value::number(std::fmod(a, b));
    }
    case NodeType::Pow:
      return Value::number(std::pow(js::to_number(l), js::to_number(r)));
    default:
      return Value();
  }
}

Value Renderer::eval_in(const Value& key, const Value& container) {
  if (container.is_array()) {
    for (const Value& v : *container.as_array())
      if (js::strict_equals(v, key)) return Value::boolean(true);
    return Value::boolean(false);
  }
  if (container.is_string()) {
    std::string_view k = js::to_string(key, arena());
    return Value::boolean(container.as_string().find(k) != std::string_view::npos);
  }
  if (container.is_object()) {
    std::string_view k = js::to_string(key, arena());
    return Value::boolean(container.as_object()->find(k) != nullptr);
  }
  std::string k;
  js::append_string(key, k);
  fail("Cannot use \"in\" operator to search for \"" + k + "\" in unexpected types.");
}

Value Renderer::eval_slice(const ast::Slice* n, Frame* frame) {
  Value target = eval(n->target, frame);
  Value start = n->start ? eval(n->start, frame) : Value();
  Value stop = n->stop ? eval(n->stop, frame) : Value();
  Value step_v = n->step ? eval(n->step, frame) : Value();
  // Python slice semantics over arrays and strings (by code point).
  std::vector<std::string_view> chars;
  uint32_t len = 0;
  if (target.is_array()) {
    len = target.as_array()->size;
  } else if (target.is_string()) {
    std::string_view s = target.as_string();
    for (size_t p = 0; p < s.size();) {
      size_t q = p + 1;
      while (q < s.size() && (static_cast<unsigned char>(s[q]) & 0xC0) == 0x80) ++q;
      chars.push_back(s.substr(p, q - p));
      p = q;
    }
    len = static_cast<uint32_t>(chars.size());
  } else {
    return Value();
  }
  // Bounds and step as integers. A NaN bound compares false with everything in Nunjucks' slice
  // loop, so the slice is empty; other numbers are clamped to +-2^53 before the cast (casting
  // NaN or an out-of-range double to an integer is undefined behaviour) so no sum overflows.
  bool nan = false;
  auto to_index = [&nan](const Value& v) -> long long {
    double d = js::to_number(v);
    if (std::isnan(d)) {
      nan = true;
      return 0;
    }
    return static_cast<long long>(std::clamp(d, -9007199254740992.0, 9007199254740992.0));
  };
  long long step = step_v.is_nullish() ? 1 : to_index(step_v);
  if (step == 0) step = 1;
  auto norm = [&](const Value& v, long long dflt) -> long long {
    if (v.is_nullish()) return dflt;
    long long x = to_index(v);
    if (x < 0) x += len;
    if (step > 0) return std::max(0LL, std::min<long long>(x, len));
    return std::max(-1LL, std::min<long long>(x, static_cast<long long>(len) - 1));
  };
  long long b = norm(start, step > 0 ? 0 : static_cast<long long>(len) - 1);
  long long e = norm(stop, step > 0 ? static_cast<long long>(len) : -1LL);
  if (nan) e = b;  // empty
  if (target.is_array()) {
    ArrayObj* out = ArrayObj::make(arena());
    for (long long i = b; step > 0 ? i < e : i > e; i += step)
      out->push(arena(), target.as_array()->items[i]);
    return Value::array(out);
  }
  std::string s;
  for (long long i = b; step > 0 ? i < e : i > e; i += step) s += chars[static_cast<size_t>(i)];
  return str(s, target.safe());
}

}  // namespace unjucks::tpl
