// Ordering filters: sort, dictsort, groupby. Sorting is V8's (timsort.h): undefined elements
// go last without being compared, the rest in the order V8's TimSort leaves them.
#include <algorithm>
#include <string>

#include "template/filters/builtins.h"
#include "template/filters/support.h"
#include "template/filters/timsort.h"

namespace unjucks::tpl::filters {

namespace {

// Sorts `items` (undefined last) with cmp over element indices; returns a new array.
template <typename Cmp>
Value sort_items(Runtime& rt, const ArrayObj* items, Cmp& cmp) {
  uint32_t n = items->size;
  auto* idx = static_cast<uint32_t*>(
      rt.arena().allocate(sizeof(uint32_t) * (n ? n : 1), alignof(uint32_t)));
  uint32_t k = 0, undefined = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (items->items[i].is_undefined()) {
      ++undefined;
    } else {
      idx[k++] = i;
    }
  }
  TimSort<Cmp>(rt.arena(), idx, static_cast<int>(k), cmp).run();
  ArrayObj* out = rt.new_array(n);
  for (uint32_t i = 0; i < k; ++i) out->push(rt.arena(), items->items[idx[i]]);
  for (uint32_t i = 0; i < undefined; ++i) out->push(rt.arena(), Value());
  return Value::array(out);
}

std::string quoted_attr(const Value& attr) {
  std::string s;
  js::append_string(attr, s);
  return s;
}

// Object.prototype members that `result[key] || (result[key] = [])` would find on a new object.
bool is_object_prototype_member(std::string_view k) {
  static constexpr std::string_view kNames[] = {
      "constructor",      "hasOwnProperty",   "isPrototypeOf",    "propertyIsEnumerable",
      "toLocaleString",   "toString",         "valueOf",          "__proto__",
      "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"};
  for (std::string_view n : kNames)
    if (n == k) return true;
  return false;
}

}  // namespace

Value f_sort(Runtime& rt, const Value& v, const CallArgs& args) {
  bool reversed = truthy(arg(args, 0, "reverse"));
  bool case_sensitive = truthy(arg(args, 1, "case_sensitive"));
  Value attr = arg(args, 2, "attribute");
  bool by_attr = truthy(attr);
  ArrayObj* items = array_copy(rt, v);
  // Sort keys, computed on first comparison (errors surface when JavaScript's would).
  struct Key {
    bool ready;
    Value key;
    Value folded;  // lower-cased when the key is a string
  };
  auto* keys = rt.arena().make_array<Key>(items->size);
  auto key_of = [&](uint32_t i) -> const Key& {
    Key& k = keys[i];
    if (!k.ready) {
      k.key = by_attr ? attr_get(rt, items->items[i], attr) : items->items[i];
      if (rt.throw_on_undefined() && by_attr && k.key.is_undefined())
        fail(rt, "TypeError: sort: attribute \"" + quoted_attr(attr) + "\" resolved to undefined");
      k.folded = k.key;
      if (!case_sensitive && is_plain_string(k.key))
        k.folded = Value::string(to_lower(rt, k.key.as_string()));
      k.ready = true;
    }
    return k;
  };
  auto cmp = [&](uint32_t a, uint32_t b) -> double {
    const Key& ka = key_of(a);
    const Key& kb = key_of(b);
    bool fold = !case_sensitive && is_plain_string(ka.key) && is_plain_string(kb.key);
    int c = js::compare(fold ? ka.folded : ka.key, fold ? kb.folded : kb.key);
    if (c == -1) return reversed ? 1 : -1;
    if (c == 1) return reversed ? -1 : 1;
    return 0;
  };
  return sort_items(rt, items, cmp);
}

Value f_dictsort(Runtime& rt, const Value& v, const CallArgs& args) {
  if (!is_js_object(v)) fail(rt, "dictsort filter: val must be an object");
  bool case_sensitive = truthy(arg(args, 0, "case_sensitive"));
  Value by = arg(args, 1, "by");
  ArrayObj* pairs = rt.new_array();
  auto add = [&](std::string_view k, const Value& val) {
    ArrayObj* pair = rt.new_array(2);
    pair->push(rt.arena(), Value::string(k));
    pair->push(rt.arena(), val);
    pairs->push(rt.arena(), Value::array(pair));
  };
  for_each_entry(rt, v, add);
  if (is_safe_string(v)) {
    // for-in also walks SafeString.prototype's enumerable methods.
    add("toString", Value::string("function toString() {\n  return this.val;\n}"));
    add("valueOf", Value::string("function valueOf() {\n  return this.val;\n}"));
  }
  uint32_t si;
  if (by.is_undefined() || (is_plain_string(by) && by.as_string() == "key")) {
    si = 0;
  } else if (is_plain_string(by) && by.as_string() == "value") {
    si = 1;
  } else {
    fail(rt, "dictsort filter: You can only sort by either key or value");
  }
  auto* keys = rt.arena().make_array<Value>(pairs->size);
  for (uint32_t i = 0; i < pairs->size; ++i) {
    Value k = pairs->items[i].as_array()->items[si];
    if (!case_sensitive && is_plain_string(k)) k = Value::string(to_upper(rt, k.as_string()));
    keys[i] = k;
  }
  auto cmp = [&](uint32_t a, uint32_t b) -> double {
    if (js::compare(keys[a], keys[b]) == 1) return 1;
    return strict_equals(keys[a], keys[b]) ? 0 : -1;
  };
  return sort_items(rt, pairs, cmp);
}

Value f_groupby(Runtime& rt, const Value& v, const CallArgs& args) {
  Value attr = arg(args, 0, "attribute");
  if (v.is_nullish()) fail_read(rt, v, "length");
  ArrayObj* items = array_copy(rt, v);
  // Groups in first-seen order; the result object lists index-like keys first, as JavaScript
  // objects do.
  ObjectObj* groups = rt.new_object();
  for (uint32_t i = 0; i < items->size; ++i) {
    const Value& item = items->items[i];
    Value key;
    if (attr.is_callable()) {
      Value call_args[2] = {item, Value::number(i)};
      key = rt.call(attr, CallArgs{call_args, 2, nullptr, 0});
    } else {
      key = attr_get(rt, item, attr);
    }
    if (key.is_undefined() && rt.throw_on_undefined())
      fail(rt, "TypeError: groupby: attribute \"" + quoted_attr(attr) + "\" resolved to undefined");
    char buf[32];
    std::string_view name = key_string(key, buf);
    if (name.empty() && !key.is_string()) name = js::to_string(key, rt.arena());
    const Value* existing = groups->find(name);
    if (!existing) {
      if (is_object_prototype_member(name))
        fail(rt, "TypeError: result[key].push is not a function");
      if (key.is_number()) name = rt.arena().copy(name);
      groups->set(rt.arena(), name, Value::array(rt.new_array()));
      existing = groups->find(name);
    }
    existing->as_array()->push(rt.arena(), item);
  }
  ObjectObj* out = rt.new_object(groups->size);
  for_each_own(groups,
               [&](std::string_view k, const Value& list) { out->set(rt.arena(), k, list); });
  return Value::object(out);
}

}  // namespace unjucks::tpl::filters
