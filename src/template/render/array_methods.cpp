// The methods of arrays: JavaScript's, and Python's list methods (append, index, pop(i)) under
// jinja compatibility. Those that change the array note the mutation (see Runtime).
#include <cmath>
#include <cstring>
#include <string>

#include "template/filters/support.h"
#include "template/filters/timsort.h"
#include "template/render/methods.h"
#include "template/value/js.h"

namespace unjucks::tpl {

namespace {

double length_of(const ArrayObj* arr) { return static_cast<double>(arr->size); }

// ---- the first array methods (the others, further on, are declared in methods.h)
// The first index at or after the fromIndex argument where `same` holds, or -1.
template <typename Same>
double array_find_from(const Callable& c, const CallArgs& a, Same&& same) {
  const ArrayObj* arr = c.self.as_array();
  const double len = static_cast<double>(arr->size);
  double from = to_integer(a.get(1), 0);
  if (from < 0) from = std::max(len + from, 0.0);
  for (double i = from; i < len; ++i)
    if (same(arr->items[static_cast<uint32_t>(i)], a.get(0))) return i;
  return -1;
}
Value a_index_of(Runtime&, const Callable& c, const CallArgs& a) {
  return Value::number(array_find_from(c, a, js::strict_equals));
}
Value a_includes(Runtime&, const Callable& c, const CallArgs& a) {
  // SameValueZero: NaN is found.
  auto same = [](const Value& x, const Value& y) {
    return js::strict_equals(x, y) || (x.is_number() && y.is_number() &&
                                       std::isnan(x.as_number()) && std::isnan(y.as_number()));
  };
  return Value::boolean(array_find_from(c, a, same) >= 0);
}
Value a_join(Runtime& rt, const Callable& c, const CallArgs& a) {
  std::string_view sep = a.get(0).is_undefined() ? std::string_view(",") : string_arg(rt, a, 0);
  std::string out;
  js::append_joined(c.self.as_array(), sep, out);
  return rt.str(out);
}
Value a_push(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  for (uint32_t i = 0; i < a.npos; ++i) arr->push(rt.arena(), a.pos[i]);
  rt.note_mutation();
  return Value::number(arr->size);
}
Value a_pop(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  if (arr->size == 0) return Value();
  rt.note_mutation();
  if (a.npos > 0) {  // Python's pop(i)
    double i = js::to_number(a.pos[0]);
    if (i < 0) i += arr->size;
    if (i < 0 || i >= arr->size) rt.fail("pop index out of range");
    uint32_t k = static_cast<uint32_t>(i);
    Value v = arr->items[k];
    std::memmove(static_cast<void*>(arr->items + k), arr->items + k + 1,
                 sizeof(Value) * (arr->size - k - 1));
    --arr->size;
    return v;
  }
  return arr->items[--arr->size];
}
Value a_slice(Runtime& rt, const Callable& c, const CallArgs& a) {
  const ArrayObj* arr = c.self.as_array();
  double n = arr->size;
  double b = relative_index(a.get(0), n, 0), e = relative_index(a.get(1), n, n);
  ArrayObj* out = rt.new_array();
  for (double i = b; i < e; ++i) out->push(rt.arena(), arr->items[static_cast<uint32_t>(i)]);
  return Value::array(out);
}
Value a_concat(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* out = rt.new_array();
  for (const Value& v : *c.self.as_array()) out->push(rt.arena(), v);
  for (uint32_t i = 0; i < a.npos; ++i) {
    if (a.pos[i].is_array()) {
      for (const Value& v : *a.pos[i].as_array()) out->push(rt.arena(), v);
    } else {
      out->push(rt.arena(), a.pos[i]);
    }
  }
  return Value::array(out);
}

// Replaces arr[start, start + removed) with `items` (the array grows or shrinks in place).
void splice_in(Runtime& rt, ArrayObj* arr, uint32_t start, uint32_t removed, const Value* items,
               uint32_t count) {
  const uint32_t tail = arr->size - start - removed;
  const uint32_t new_size = arr->size - removed + count;
  while (arr->size < new_size) arr->push(rt.arena(), Value());  // room (grows the storage)
  std::memmove(static_cast<void*>(arr->items + start + count),
               static_cast<const void*>(arr->items + start + removed), sizeof(Value) * tail);
  for (uint32_t i = 0; i < count; ++i) arr->items[start + i] = items[i];
  arr->size = new_size;
  rt.note_mutation();
}

void flatten_into(Runtime& rt, ArrayObj* out, const ArrayObj* arr, double depth, int level) {
  if (level > 10000) filters::fail(rt, "RangeError: Maximum call stack size exceeded");
  for (const Value& v : *arr) {
    if (v.is_array() && depth >= 1) {
      flatten_into(rt, out, v.as_array(), depth - 1, level + 1);
    } else {
      out->push(rt.arena(), v);
    }
  }
}

// The callback of map, filter, ...: called with (element, index, array).
Value callback(Runtime& rt, const CallArgs& a, std::string_view method) {
  Value fn = a.get(0);
  if (!fn.is_callable()) {
    std::string shown;
    js::append_string(fn, shown);
    filters::fail(rt,
                  "TypeError: " + shown + " is not a function (in " + std::string(method) + ")");
  }
  return fn;
}

Value call_back(Runtime& rt, const Value& fn, const Value& self, uint32_t i) {
  Value argv[3] = {self.as_array()->items[i], Value::number(i), self};
  return rt.call(fn, CallArgs{argv, 3, nullptr, 0});
}

// Visits the elements there were at the start (fewer if the callback removes some) until
// `stop` says so; returns the index it stopped at, or -1.
template <typename F>
double visit(Runtime& rt, const Callable& c, const CallArgs& a, std::string_view method, F&& stop) {
  const Value fn = callback(rt, a, method);
  const uint32_t n = c.self.as_array()->size;
  for (uint32_t i = 0; i < n && i < c.self.as_array()->size; ++i) {
    Value r = call_back(rt, fn, c.self, i);
    if (stop(i, r)) return i;
  }
  return -1;
}
// The same from the last element to the first.
template <typename F>
double visit_back(Runtime& rt, const Callable& c, const CallArgs& a, std::string_view method,
                  F&& stop) {
  const Value fn = callback(rt, a, method);
  for (uint32_t i = c.self.as_array()->size; i-- > 0;) {
    if (i >= c.self.as_array()->size) continue;
    if (stop(call_back(rt, fn, c.self, i))) return i;
  }
  return -1;
}

}  // namespace

Value a_map(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* out = rt.new_array(c.self.as_array()->size);
  visit(rt, c, a, "map", [&](uint32_t, const Value& r) {
    out->push(rt.arena(), r);
    return false;
  });
  return Value::array(out);
}

Value a_filter(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* out = rt.new_array();
  visit(rt, c, a, "filter", [&](uint32_t i, const Value& r) {
    if (js::truthy(r)) out->push(rt.arena(), c.self.as_array()->items[i]);
    return false;
  });
  return Value::array(out);
}

Value a_find(Runtime& rt, const Callable& c, const CallArgs& a) {
  double i = visit(rt, c, a, "find", [](uint32_t, const Value& r) { return js::truthy(r); });
  return i < 0 ? Value() : c.self.as_array()->items[static_cast<uint32_t>(i)];
}

Value a_find_index(Runtime& rt, const Callable& c, const CallArgs& a) {
  return Value::number(
      visit(rt, c, a, "findIndex", [](uint32_t, const Value& r) { return js::truthy(r); }));
}

Value a_find_last(Runtime& rt, const Callable& c, const CallArgs& a) {
  double i = visit_back(rt, c, a, "findLast", [](const Value& r) { return js::truthy(r); });
  return i < 0 ? Value() : c.self.as_array()->items[static_cast<uint32_t>(i)];
}

Value a_find_last_index(Runtime& rt, const Callable& c, const CallArgs& a) {
  return Value::number(
      visit_back(rt, c, a, "findLastIndex", [](const Value& r) { return js::truthy(r); }));
}

Value a_some(Runtime& rt, const Callable& c, const CallArgs& a) {
  return Value::boolean(
      visit(rt, c, a, "some", [](uint32_t, const Value& r) { return js::truthy(r); }) >= 0);
}

Value a_every(Runtime& rt, const Callable& c, const CallArgs& a) {
  return Value::boolean(
      visit(rt, c, a, "every", [](uint32_t, const Value& r) { return !js::truthy(r); }) < 0);
}

Value a_for_each(Runtime& rt, const Callable& c, const CallArgs& a) {
  visit(rt, c, a, "forEach", [](uint32_t, const Value&) { return false; });
  return Value();
}

Value a_reduce(Runtime& rt, const Callable& c, const CallArgs& a) {
  const Value fn = callback(rt, a, "reduce");
  const uint32_t n = c.self.as_array()->size;
  uint32_t i = 0;
  Value acc;
  if (a.npos > 1) {
    acc = a.pos[1];
  } else if (n == 0) {
    filters::fail(rt, "TypeError: Reduce of empty array with no initial value");
  } else {
    acc = c.self.as_array()->items[i++];
  }
  for (; i < n && i < c.self.as_array()->size; ++i) {
    Value argv[4] = {acc, c.self.as_array()->items[i], Value::number(i), c.self};
    acc = rt.call(fn, CallArgs{argv, 4, nullptr, 0});
  }
  return acc;
}

Value a_last_index_of(Runtime&, const Callable& c, const CallArgs& a) {
  const ArrayObj* arr = c.self.as_array();
  double len = length_of(arr);
  if (len == 0) return Value::number(-1);
  double from = a.npos > 1 ? to_integer(a.pos[1], len - 1) : len - 1;
  from = from < 0 ? len + from : std::min(from, len - 1);
  for (double i = from; i >= 0; --i) {
    if (js::strict_equals(arr->items[static_cast<uint32_t>(i)], a.get(0))) return Value::number(i);
  }
  return Value::number(-1);
}

Value a_reverse(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* arr = c.self.as_array();
  for (uint32_t i = 0, j = arr->size; i + 1 < j; ++i, --j)
    std::swap(arr->items[i], arr->items[j - 1]);
  rt.note_mutation();
  return c.self;
}

Value a_sort(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  const Value cmp_fn = a.get(0);
  if (!cmp_fn.is_undefined() && !cmp_fn.is_callable()) {
    filters::fail(rt, "TypeError: The comparison function must be either a function or undefined");
  }
  // Undefined elements go last without being compared; the rest as V8's TimSort leaves them,
  // by the function's result (NaN is 0) or by their strings' UTF-16 units.
  const uint32_t n = arr->size;
  auto* idx = static_cast<uint32_t*>(
      rt.arena().allocate(sizeof(uint32_t) * (n ? n : 1), alignof(uint32_t)));
  std::string_view* text = nullptr;
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; ++i)
    if (!arr->items[i].is_undefined()) idx[k++] = i;
  if (cmp_fn.is_undefined()) {
    text = static_cast<std::string_view*>(
        rt.arena().allocate(sizeof(std::string_view) * (n ? n : 1), alignof(std::string_view)));
    for (uint32_t i = 0; i < k; ++i) text[idx[i]] = js::to_string(arr->items[idx[i]], rt.arena());
  }
  const Value* items = arr->items;
  auto cmp = [&](uint32_t x, uint32_t y) -> int {
    if (text != nullptr) return js::compare_utf16(text[x], text[y]);
    Value argv[2] = {items[x], items[y]};
    double r = js::to_number(rt.call(cmp_fn, CallArgs{argv, 2, nullptr, 0}));
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
  };
  filters::TimSort<decltype(cmp)>(rt.arena(), idx, static_cast<int>(k), cmp).run();
  auto* sorted =
      static_cast<Value*>(rt.arena().allocate(sizeof(Value) * (n ? n : 1), alignof(Value)));
  for (uint32_t i = 0; i < k; ++i) sorted[i] = arr->items[idx[i]];
  for (uint32_t i = k; i < n; ++i) sorted[i] = Value();
  for (uint32_t i = 0; i < n; ++i) arr->items[i] = sorted[i];
  rt.note_mutation();
  return c.self;
}

Value a_shift(Runtime& rt, const Callable& c, const CallArgs&) {
  ArrayObj* arr = c.self.as_array();
  if (arr->size == 0) return Value();
  Value first = arr->items[0];
  splice_in(rt, arr, 0, 1, nullptr, 0);
  return first;
}

Value a_unshift(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  if (a.npos > 0) splice_in(rt, arr, 0, 0, a.pos, a.npos);
  return Value::number(arr->size);
}

Value a_splice(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  double len = length_of(arr);
  double start = relative_index(a.get(0), len, 0);
  double count = 0;
  if (a.npos == 1) {
    count = len - start;
  } else if (a.npos > 1) {
    count = std::min(std::max(to_integer(a.pos[1], 0), 0.0), len - start);
  }
  auto s = static_cast<uint32_t>(start), d = static_cast<uint32_t>(count);
  ArrayObj* removed = rt.new_array(d);
  for (uint32_t i = 0; i < d; ++i) removed->push(rt.arena(), arr->items[s + i]);
  const uint32_t added = a.npos > 2 ? a.npos - 2 : 0;
  splice_in(rt, arr, s, d, a.npos > 2 ? a.pos + 2 : nullptr, added);
  return Value::array(removed);
}

Value a_flat(Runtime& rt, const Callable& c, const CallArgs& a) {
  double depth = to_integer(a.get(0), 1);
  ArrayObj* out = rt.new_array();
  flatten_into(rt, out, c.self.as_array(), depth, 0);
  return Value::array(out);
}

Value a_fill(Runtime& rt, const Callable& c, const CallArgs& a) {
  ArrayObj* arr = c.self.as_array();
  double len = length_of(arr);
  double start = relative_index(a.get(1), len, 0), end = relative_index(a.get(2), len, len);
  for (double i = start; i < end; ++i) arr->items[static_cast<uint32_t>(i)] = a.get(0);
  rt.note_mutation();
  return c.self;
}

Value a_at(Runtime&, const Callable& c, const CallArgs& a) {
  const ArrayObj* arr = c.self.as_array();
  double len = length_of(arr);
  double i = to_integer(a.get(0), 0);
  if (i < 0) i += len;
  if (i < 0 || i >= len) return Value();
  return arr->items[static_cast<uint32_t>(i)];
}

namespace {

constexpr MethodEntry kArrayMethods[] = {
    {"indexOf", a_index_of, false},
    {"includes", a_includes, false},
    {"join", a_join, false},
    {"push", a_push, false},
    {"pop", a_pop, false},
    {"slice", a_slice, false},
    {"concat", a_concat, false},
    {"toString", a_join, false},
    {"append", a_push, true},
    {"index", a_index_of, true},
    {"lastIndexOf", a_last_index_of, false},
    {"reverse", a_reverse, false},
    {"sort", a_sort, false},
    {"shift", a_shift, false},
    {"unshift", a_unshift, false},
    {"splice", a_splice, false},
    {"flat", a_flat, false},
    {"fill", a_fill, false},
    {"map", a_map, false},
    {"filter", a_filter, false},
    {"find", a_find, false},
    {"findIndex", a_find_index, false},
    {"findLast", a_find_last, false},
    {"findLastIndex", a_find_last_index, false},
    {"some", a_some, false},
    {"every", a_every, false},
    {"forEach", a_for_each, false},
    {"reduce", a_reduce, false},
    {"at", a_at, false},
};

}  // namespace

NativeFn array_method(std::string_view name, bool jinja) {
  return find_method(kArrayMethods, name, jinja);
}

}  // namespace unjucks::tpl
