// Global functions (range, cycler, joiner), and the binding of a method to the value it is
// called on: each kind's methods are in its own file (string_methods.cpp, array_methods.cpp,
// number_methods.cpp, object_methods.cpp, regex_methods.cpp).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "template/globals/date_globals.h"
#include "template/globals/hygen_helpers.h"
#include "template/render/callable.h"
#include "template/render/methods.h"
#include "template/render/regex_methods.h"
#include "template/value/js.h"
#include "text/utf8.h"

namespace unjucks::tpl {

namespace {

Callable* make_native(Runtime& rt, NativeFn fn, Value self, std::string_view name) {
  Callable* c = rt.arena().make<Callable>();
  c->kind = Callable::Kind::Native;
  c->fn = fn;
  c->self = self;
  c->name = name;
  return c;
}

Value g_range(Runtime& rt, const Callable&, const CallArgs& a) {
  double start, stop, step;
  if (a.npos < 2 || a.pos[1].is_undefined()) {
    start = 0;
    stop = js::to_number(a.get(0));
    step = 1;
  } else {
    start = js::to_number(a.get(0));
    stop = js::to_number(a.get(1));
    step = js::truthy(a.get(2)) ? js::to_number(a.get(2)) : 1;
  }
  // Count first: a huge range fails at once instead of filling memory.
  double count = 0;
  if (step > 0 && stop > start) count = std::ceil((stop - start) / step);
  if (step < 0 && stop < start) count = std::ceil((start - stop) / -step);
  if (std::isnan(count)) count = 0;
  double limit = std::min<double>(static_cast<double>(rt.max_iterations()), 4e9);
  if (count > limit)
    rt.fail("range() would have " + std::to_string(static_cast<unsigned long long>(count)) +
            " elements, more than the loop iteration limit of " +
            std::to_string(static_cast<unsigned long long>(limit)));
  ArrayObj* arr = rt.new_array(static_cast<uint32_t>(count));
  if (step > 0) {
    for (double i = start; i < stop; i += step) arr->push(rt.arena(), Value::number(i));
  } else if (step < 0) {
    for (double i = start; i > stop; i += step) arr->push(rt.arena(), Value::number(i));
  }
  return Value::array(arr);
}

// cycler: an object {current, next(), reset()} whose state lives in a hidden slot.
Value cycler_next(Runtime& rt, const Callable& self, const CallArgs&) {
  ObjectObj* o = self.self.as_object();
  const ArrayObj* items = static_cast<const ArrayObj*>(self.state);
  Value* index = const_cast<Value*>(o->find("\x01index"));
  double i = index->as_number() + 1;
  if (i >= items->size) i = 0;
  *index = Value::number(i);
  Value cur = items->at(static_cast<uint32_t>(i));
  *const_cast<Value*>(o->find("current")) = cur;
  rt.note_mutation();
  return cur;
}

Value cycler_reset(Runtime& rt, const Callable& self, const CallArgs&) {
  ObjectObj* o = self.self.as_object();
  *const_cast<Value*>(o->find("\x01index")) = Value::number(-1);
  *const_cast<Value*>(o->find("current")) = Value::null();
  rt.note_mutation();
  return Value();
}

Value g_cycler(Runtime& rt, const Callable&, const CallArgs& a) {
  ArrayObj* items = rt.new_array(a.npos);
  for (uint32_t i = 0; i < a.npos; ++i) items->push(rt.arena(), a.pos[i]);
  ObjectObj* o = rt.new_object(4);
  o->set(rt.arena(), "current", Value::null());
  o->set(rt.arena(), "\x01index", Value::number(-1));
  Callable* next = make_native(rt, cycler_next, Value::object(o), "next");
  next->state = items;
  Callable* reset = make_native(rt, cycler_reset, Value::object(o), "reset");
  reset->state = items;
  o->set(rt.arena(), "next", Value::callable(next));
  o->set(rt.arena(), "reset", Value::callable(reset));
  rt.note_mutation();
  return Value::object(o);
}

Value joiner_call(Runtime& rt, const Callable& self, const CallArgs&) {
  bool* first = static_cast<bool*>(self.state);
  Value r = *first ? Value::string("") : self.self;
  *first = false;
  rt.note_mutation();
  return r;
}

Value g_joiner(Runtime& rt, const Callable&, const CallArgs& a) {
  Value sep = a.get(0);
  if (!js::truthy(sep)) sep = Value::string(",");
  Callable* c = make_native(rt, joiner_call, sep, "joiner");
  bool* first = rt.arena().make<bool>(true);
  c->state = first;
  rt.note_mutation();
  return Value::callable(c);
}

const Callable kRange{
    Callable::Kind::Native, nullptr, nullptr, nullptr, nullptr, g_range, Value(), nullptr, "range"};
const Callable kCycler{Callable::Kind::Native,
                       nullptr,
                       nullptr,
                       nullptr,
                       nullptr,
                       g_cycler,
                       Value(),
                       nullptr,
                       "cycler"};
const Callable kJoiner{Callable::Kind::Native,
                       nullptr,
                       nullptr,
                       nullptr,
                       nullptr,
                       g_joiner,
                       Value(),
                       nullptr,
                       "joiner"};

}  // namespace

const Callable* find_global(std::string_view name) {
  if (name == "range") return &kRange;
  if (name == "cycler") return &kCycler;
  if (name == "joiner") return &kJoiner;
  return nullptr;
}

Value global_value(std::string_view name) {
  if (const Callable* g = find_global(name)) return Value::callable(const_cast<Callable*>(g));
  if (name == "h") return hygen_helpers();
  return date_global(name);
}

Callable* bind_method(Runtime& rt, const Value& self, std::string_view name, bool jinja_compat) {
  NativeFn fn = nullptr;
  switch (self.kind()) {
    case Kind::String:
      fn = string_method(name, jinja_compat);
      break;
    case Kind::Array:
      fn = array_method(name, jinja_compat);
      break;
    case Kind::Number:
    case Kind::Bool:
      fn = number_method(name, jinja_compat);
      if (self.is_bool() && fn != n_to_string) fn = nullptr;
      break;
    case Kind::Object:
      fn = object_method(name, jinja_compat);
      break;
    case Kind::Regex:
      fn = regex_method(name, jinja_compat);
      break;
    default:
      break;
  }
  if (fn == nullptr) return nullptr;
  return make_native(rt, fn, self, name);
}

}  // namespace unjucks::tpl
