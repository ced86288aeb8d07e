// The `h` object: its assembly, h.capitalize, and the support its parts share.
#include "template/globals/hygen_helpers.h"

#include <string>

#include "template/filters/support.h"
#include "template/render/callable.h"
#include "template/value/js.h"
#include "text/js_case.h"
#include "text/utf8.h"

namespace unjucks::tpl {

namespace hygen {

Value native(mem::Arena& arena, NativeFn fn, std::string_view name) {
  Callable* c = arena.make<Callable>();
  c->kind = Callable::Kind::Native;
  c->fn = fn;
  c->name = arena.copy(name);
  return Value::callable(c);
}

void fail(Runtime& rt, const Callable& self, std::string_view message) {
  filters::fail(rt, std::string(self.name) + ": " + std::string(message));
}

std::string_view require_string(Runtime& rt, const Callable& self, const CallArgs& a, uint32_t i) {
  Value v = a.get(i);
  if (v.is_string()) return v.as_string();
  fail(rt, self,
       "argument " + std::to_string(i + 1) + " must be a string, not " +
           std::string(js::type_name(v)) + " (Hygen fails here with a TypeError)");
}

}  // namespace hygen

namespace {

// helpers.capitalize(str): String(str), its first UTF-16 unit upper-cased, the rest kept.
Value h_capitalize(Runtime& rt, const Callable&, const CallArgs& a) {
  std::string_view s = js::to_string(a.get(0), rt.arena());
  if (s.empty()) return Value::string({});
  text::CodePoint first = text::decode_at(s, 0);
  if (first.value > 0xFFFF) return rt.str(s);
  std::string out = text::js_to_upper(s.substr(0, first.length));
  out.append(s.substr(first.length));
  return rt.str(out);
}

ObjectObj* build(mem::Arena& arena) {
  ObjectObj* h = ObjectObj::make(arena, 4);
  h->set(arena, "capitalize", hygen::native(arena, h_capitalize, "h.capitalize"));
  ObjectObj* inflection = ObjectObj::make(arena, 20);
  add_inflection(arena, inflection);
  h->set(arena, "inflection", Value::object(inflection));
  ObjectObj* change_case = ObjectObj::make(arena, 40);
  add_change_case(arena, change_case);
  h->set(arena, "changeCase", Value::object(change_case));
  ObjectObj* path = ObjectObj::make(arena, 16);
  add_node_path(arena, path);
  h->set(arena, "path", Value::object(path));
  return h;
}

}  // namespace

Value hygen_helpers() {
  // Built on first use (thread-safe static initialisation), freed at exit.
  static mem::Arena arena(16 * 1024);
  static ObjectObj* const h = build(arena);
  return Value::object(h);
}

}  // namespace unjucks::tpl
