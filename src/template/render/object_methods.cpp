// The methods of objects: JavaScript's hasOwnProperty, and Python's dict methods (items, keys,
// values, get) under jinja compatibility.
#include "template/render/methods.h"
#include "template/value/js.h"

namespace unjucks::tpl {

namespace {

Value o_items(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* out = rt.new_array();
  for (const auto& e : *c.self.as_object()) {
    ArrayObj* pair = rt.new_array(2);
    pair->push(rt.arena(), Value::string(e.key));
    pair->push(rt.arena(), e.value);
    out->push(rt.arena(), Value::array(pair));
  }
  return Value::array(out);
}
Value o_keys(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* out = rt.new_array();
  for (const auto& e : *c.self.as_object()) out->push(rt.arena(), Value::string(e.key));
  return Value::array(out);
}
Value o_values(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* out = rt.new_array();
  for (const auto& e : *c.self.as_object()) out->push(rt.arena(), e.value);
  return Value::array(out);
}
Value o_has_own_property(Runtime& rt, const Callable& c, const CallArgs& a) {
  return Value::boolean(c.self.as_object()->find(string_arg(rt, a, 0)) != nullptr);
}
Value o_get(Runtime& rt, const Callable& c, const CallArgs& a) {
  const Value* v = c.self.as_object()->find(string_arg(rt, a, 0));
  return v ? *v : a.get(1);
}

constexpr MethodEntry kObjectMethods[] = {
    {"hasOwnProperty", o_has_own_property, false},
    {"items", o_items, true},
    {"keys", o_keys, true},
    {"values", o_values, true},
    {"get", o_get, true},
};

}  // namespace

NativeFn object_method(std::string_view name, bool jinja) {
  return find_method(kObjectMethods, name, jinja);
}

}  // namespace unjucks::tpl
