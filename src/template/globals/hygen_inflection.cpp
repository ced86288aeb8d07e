// h.inflection: inflection 1.13.4's functions (and its `version`, which the package reports as
// "1.13.1"), plus Hygen's undasherize, in the package's key order. Its functions call string
// methods on their argument, so a value that is not a string fails the render as it fails
// Hygen; pluralize/singularize return their override argument when it is truthy.
// `_apply_rules` (which takes the package's internal rule arrays) is not there.
#include <algorithm>
#include <cmath>
#include <string>

#include "template/filters/support.h"
#include "template/globals/hygen_helpers.h"
#include "template/render/callable.h"
#include "template/value/js.h"
#include "text/js_inflection.h"

namespace unjucks::tpl {

namespace {

namespace inf = text::inflection;

using OneArg = std::string (*)(std::string_view);
using WithFlag = std::string (*)(std::string_view, bool);

template <OneArg kFn>
Value one_arg(Runtime& rt, const Callable& self, const CallArgs& a) {
  return rt.str(kFn(hygen::require_string(rt, self, a, 0)));
}

template <WithFlag kFn>
Value with_flag(Runtime& rt, const Callable& self, const CallArgs& a) {
  return rt.str(kFn(hygen::require_string(rt, self, a, 0), js::truthy(a.get(1))));
}

// pluralize(str, plural) / singularize(str, singular): the override wins when truthy.
template <OneArg kFn>
Value with_override(Runtime& rt, const Callable& self, const CallArgs& a) {
  if (js::truthy(a.get(1))) return a.get(1);
  return rt.str(kFn(hygen::require_string(rt, self, a, 0)));
}

// inflect(str, count, singular, plural): parseFloat(count); NaN returns str untouched.
Value inflect(Runtime& rt, const Callable& self, const CallArgs& a) {
  double count = js::parse_float_prefix(js::to_string(a.get(1), rt.arena()));
  if (std::isnan(count)) return a.get(0);
  Value override_value = count == 1 ? a.get(2) : a.get(3);
  if (js::truthy(override_value)) return override_value;
  std::string_view s = hygen::require_string(rt, self, a, 0);
  return rt.str(count == 1 ? inf::singularize(s) : inf::pluralize(s));
}

Value undasherize(Runtime& rt, const Callable& self, const CallArgs& a) {
  auto r = inf::undasherize(hygen::require_string(rt, self, a, 0));
  if (!r)
    hygen::fail(rt, self,
                "an empty part between '-' or '_' (Hygen fails here with TypeError: Cannot read "
                "properties of undefined (reading 'toUpperCase'))");
  return rt.str(*r);
}

// indexOf(arr, item, from_index, compare_func): the first i >= from_index (0 when falsy; -1
// in the package, which finds nothing there) with arr[i] === item or compare_func(arr[i], item).
Value index_of(Runtime& rt, const Callable& self, const CallArgs& a) {
  Value arr = a.get(0);
  if (arr.is_nullish()) hygen::fail(rt, self, "the first argument is null or undefined");
  if (!arr.is_array()) return Value::number(-1);
  Value item = a.get(1);
  Value compare = a.get(3);
  const bool from_given = js::truthy(a.get(2));
  double from = from_given ? js::to_number(a.get(2)) : 0;
  if (!from_given) {  // the package starts at -1, where arr[-1] is undefined
    if (item.is_undefined()) return Value::number(-1);
    if (js::truthy(compare)) {
      Value args[2] = {Value(), item};
      if (js::truthy(rt.call(compare, CallArgs{args, 2, nullptr, 0}))) return Value::number(-1);
    }
  }
  const ArrayObj* items = arr.as_array();
  for (double i = std::max(0.0, std::ceil(from)); i < items->size; ++i) {
    Value e = items->items[static_cast<uint32_t>(i)];
    if (filters::strict_equals(e, item)) return Value::number(i);
    if (js::truthy(compare)) {
      Value args[2] = {e, item};
      if (js::truthy(rt.call(compare, CallArgs{args, 2, nullptr, 0}))) return Value::number(i);
    }
  }
  return Value::number(-1);
}

// transform(str, arr): each own function of the package named in arr, applied in turn.
Value transform(Runtime& rt, const Callable& self, const CallArgs& a);

struct Entry {
  std::string_view key;
  hygen::NativeFn fn;
};

// Object.keys(require('inflection')) order, after Hygen added undasherize.
constexpr Entry kEntries[] = {
    {"indexOf", index_of},
    {"pluralize", with_override<inf::pluralize>},
    {"singularize", with_override<inf::singularize>},
    {"inflect", inflect},
    {"camelize", with_flag<inf::camelize>},
    {"underscore", with_flag<inf::underscore>},
    {"humanize", with_flag<inf::humanize>},
    {"capitalize", one_arg<inf::capitalize>},
    {"dasherize", one_arg<inf::dasherize>},
    {"titleize", one_arg<inf::titleize>},
    {"demodulize", one_arg<inf::demodulize>},
    {"tableize", one_arg<inf::tableize>},
    {"classify", one_arg<inf::classify>},
    {"foreign_key", with_flag<inf::foreign_key>},
    {"ordinalize", one_arg<inf::ordinalize>},
    {"transform", transform},
    {"undasherize", undasherize},
};

Value transform(Runtime& rt, const Callable& self, const CallArgs& a) {
  Value str = a.get(0);
  Value arr = a.get(1);
  if (arr.is_nullish()) hygen::fail(rt, self, "the second argument is null or undefined");
  if (!arr.is_array()) return str;
  for (const Value& m : *arr.as_array()) {
    std::string_view name = js::to_string(m, rt.arena());
    if (name == "version" || name == "indexOf" || name == "transform" || name == "_apply_rules")
      hygen::fail(rt, self, "'" + std::string(name) + "' cannot be applied to a string");
    for (const Entry& e : kEntries) {
      if (e.key != name) continue;
      Callable step = self;
      step.name = self.name;
      str = e.fn(rt, step, CallArgs{&str, 1, nullptr, 0});
      break;
    }
  }
  return str;
}

}  // namespace

void add_inflection(mem::Arena& arena, ObjectObj* target) {
  for (const Entry& e : kEntries) {
    target->set(arena, e.key, hygen::native(arena, e.fn, "h.inflection." + std::string(e.key)));
    if (e.key == "transform") target->set(arena, "version", Value::string("1.13.1"));
  }
}

}  // namespace unjucks::tpl
