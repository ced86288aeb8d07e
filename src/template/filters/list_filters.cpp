// Sequence filters: batch, first, join, last, length, list, reverse, slice, select, reject,
// selectattr, rejectattr. Non-arrays behave as Nunjucks' JavaScript makes them behave: strings
// are sequences of UTF-16 units, a SafeString is an object with `val` and `length`.
#include <cmath>
#include <string>

#include "template/filters/builtins.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

namespace {

constexpr double kMaxItems = 1 << 24;

// A property key for `value[attr]` (String(attr)).
std::string_view attr_key(Runtime& rt, const Value& attr, char* buf) {
  std::string_view k = key_string(attr, buf);
  if (k.empty() && !attr.is_string()) k = js::to_string(attr, rt.arena());
  return k;
}

// arr.slice(start, end) for arrays and strings (relative indices as in JavaScript).
Value slice_of(Runtime& rt, const Value& arr, double start, double end) {
  double len;
  if (arr.is_array()) {
    len = arr.as_array()->size;
  } else if (arr.is_string()) {
    len = static_cast<double>(js::utf16_length(arr.as_string()));
  } else if (arr.is_nullish()) {
    fail_read(rt, arr, "slice");
  } else {
    fail_not_function(rt, "arr.slice");
  }
  auto rel = [len](double x) {
    if (std::isnan(x)) return 0.0;
    x = std::trunc(x);
    return x < 0 ? std::fmax(len + x, 0) : std::fmin(x, len);
  };
  double b = rel(start), e = rel(end);
  if (arr.is_string()) {
    if (e <= b) return Value::string({});
    return Value::string(
        substring16(rt, arr.as_string(), static_cast<size_t>(b), static_cast<size_t>(e)));
  }
  ArrayObj* out = rt.new_array(e > b ? static_cast<uint32_t>(e - b) : 0);
  for (double i = b; i < e; ++i)
    out->push(rt.arena(), arr.as_array()->items[static_cast<uint32_t>(i)]);
  return Value::array(out);
}

Value select_or_reject(Runtime& rt, const Value& v, const CallArgs& args, bool expected) {
  Value name = arg(args, 0, "test");
  std::string_view test_name = "truthy";
  if (!name.is_undefined()) test_name = js::to_string(name, rt.arena());
  TestFn test = find_test(test_name);
  if (!test) fail(rt, "Error: test not found: " + std::string(test_name));
  ArrayObj* items = to_array(rt, v);
  Value second = arg(args, 1, "arg");
  CallArgs test_args{&second, 1, nullptr, 0};
  ArrayObj* out = rt.new_array();
  for (const Value& item : *items)
    if (test(rt, item, test_args) == expected) out->push(rt.arena(), item);
  return Value::array(out);
}

Value select_or_reject_attr(Runtime& rt, const Value& v, const CallArgs& args, bool expected) {
  if (v.is_nullish()) fail_read(rt, v, "filter");
  if (!v.is_array()) fail_not_function(rt, "arr.filter");
  char buf[32];
  std::string_view key = attr_key(rt, arg(args, 0, "attribute", "attr"), buf);
  ArrayObj* out = rt.new_array();
  for (const Value& item : *v.as_array())
    if (truthy(get_member(rt, item, key)) == expected) out->push(rt.arena(), item);
  return Value::array(out);
}

// Reverses a UTF-8 string as JavaScript reverses its UTF-16 units (a pair cut apart is two
// U+FFFD, two halves that meet again form a character).
void append_reversed_units(std::string& out, std::string_view s) {
  Scratch units;  // UTF-16 units, two bytes each (native order)
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = decode_utf8(s, i);
    auto put = [&](uint32_t u) {
      units->push_back(static_cast<char>(u & 0xFF));
      units->push_back(static_cast<char>(u >> 8));
    };
    if (cp > 0xFFFF) {
      put(0xD800 + ((cp - 0x10000) >> 10));
      put(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put(cp);
    }
  }
  size_t n = units->size() / 2;
  auto unit = [&](size_t k) {  // k-th unit of the reversed sequence
    size_t j = n - 1 - k;
    return static_cast<uint32_t>(static_cast<unsigned char>((*units)[2 * j])) |
           (static_cast<uint32_t>(static_cast<unsigned char>((*units)[2 * j + 1])) << 8);
  };
  for (size_t k = 0; k < n; ++k) {
    uint32_t u = unit(k);
    if (u >= 0xD800 && u <= 0xDBFF && k + 1 < n && unit(k + 1) >= 0xDC00 && unit(k + 1) <= 0xDFFF) {
      append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (unit(k + 1) - 0xDC00));
      ++k;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      append_utf8(out, 0xFFFD);
    } else {
      append_utf8(out, u);
    }
  }
}

}  // namespace

Value f_batch(Runtime& rt, const Value& v, const CallArgs& args) {
  if (v.is_nullish()) fail_read(rt, v, "length");
  double lines = js::to_number(arg(args, 0, "linecount"));
  Value fill = arg(args, 1, "fill_with");
  ArrayObj* items = array_copy(rt, v);
  ArrayObj* res = rt.new_array();
  ArrayObj* tmp = rt.new_array();
  for (uint32_t i = 0; i < items->size; ++i) {
    if (std::fmod(i, lines) == 0 && tmp->size) {
      res->push(rt.arena(), Value::array(tmp));
      tmp = rt.new_array();
    }
    tmp->push(rt.arena(), items->items[i]);
  }
  if (tmp->size) {
    if (truthy(fill)) {
      double limit = std::fmin(lines, kMaxItems);
      for (double i = tmp->size; i < limit; ++i) tmp->push(rt.arena(), fill);
    }
    res->push(rt.arena(), Value::array(tmp));
  }
  return Value::array(res);
}

Value f_first(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_array()) return v.as_array()->at(0);
  return get_member(rt, v, "0");
}

Value f_last(Runtime& rt, const Value& v, const CallArgs&) {
  if (v.is_array()) {
    const ArrayObj* a = v.as_array();
    return a->size ? a->items[a->size - 1] : Value();
  }
  if (v.is_nullish()) fail_read(rt, v, "length");
  char buf[32];
  double index = js::to_number(length_of(v)) - 1;
  return get_member(rt, v, key_string(Value::number(index), buf));
}

Value f_join(Runtime& rt, const Value& v, const CallArgs& args) {
  Value del = arg(args, 0, "d", "delimiter");
  Value attr = arg(args, 1, "attribute", "attr");
  Scratch sep;
  if (truthy(del)) js::append_string(del, *sep);
  const ArrayObj* items;
  if (truthy(attr)) {
    char buf[32];
    std::string_view key = attr_key(rt, attr, buf);
    ArrayObj* mapped = array_copy(rt, v);
    for (uint32_t i = 0; i < mapped->size; ++i)
      mapped->items[i] = get_member(rt, mapped->items[i], key);
    items = mapped;
  } else if (v.is_array()) {
    items = v.as_array();
  } else if (v.is_nullish()) {
    fail_read(rt, v, "join");
  } else {
    fail_not_function(rt, "arr.join");
  }
  if (items->size == 1 && items->items[0].is_string()) return items->items[0].with_safe(false);
  Scratch out;
  for (uint32_t i = 0; i < items->size; ++i) {
    if (i) *out += *sep;
    if (!items->items[i].is_nullish()) js::append_string(items->items[i], *out);
  }
  return rt.str(*out);
}

Value f_length(Runtime&, const Value& v, const CallArgs&) {
  if (normalizes_away(v)) return Value::number(0);
  if (v.is_object()) return Value::number(v.as_object()->size);
  return length_of(v);
}

Value f_list(Runtime& rt, const Value& v, const CallArgs&) {
  if (is_plain_string(v)) return Value::array(array_copy(rt, v));
  if (is_js_object(v)) {
    ArrayObj* out = rt.new_array();
    for_each_entry(rt, v, [&](std::string_view key, const Value& value) {
      ObjectObj* pair = rt.new_object(2);
      pair->set(rt.arena(), "key", Value::string(key));
      pair->set(rt.arena(), "value", value);
      out->push(rt.arena(), Value::object(pair));
    });
    return Value::array(out);
  }
  if (v.is_array()) return v;
  fail(rt, "list filter: type not iterable");
}

Value f_reverse(Runtime& rt, const Value& v, const CallArgs&) {
  if (is_plain_string(v)) {
    std::string_view s = v.as_string();
    Scratch out;
    if (is_ascii(s)) {
      out->assign(s.rbegin(), s.rend());
    } else {
      append_reversed_units(*out, s);
    }
    return rt.str(*out);
  }
  ArrayObj* items = array_copy(rt, v);
  for (uint32_t i = 0, j = items->size; i + 1 < j; ++i, --j)
    std::swap(items->items[i], items->items[j - 1]);
  return Value::array(items);
}

Value f_slice(Runtime& rt, const Value& v, const CallArgs& args) {
  if (v.is_nullish()) fail_read(rt, v, "length");
  double slices = js::to_number(arg(args, 0, "slices"));
  Value fill = arg(args, 1, "fill_with");
  double len = js::to_number(length_of(v));
  double slice_len = std::floor(len / slices);
  double extra = std::fmod(len, slices);
  ArrayObj* res = rt.new_array();
  double offset = 0;
  if (slices > kMaxItems) fail(rt, "RangeError: Invalid array length");
  for (double i = 0; i < slices; ++i) {
    double start = offset + i * slice_len;
    if (i < extra) ++offset;
    double end = offset + (i + 1) * slice_len;
    Value cur = slice_of(rt, v, start, end);
    if (truthy(fill) && i >= extra) {
      if (!cur.is_array()) fail_not_function(rt, "currSlice.push");
      cur.as_array()->push(rt.arena(), fill);
    }
    res->push(rt.arena(), cur);
  }
  return Value::array(res);
}

Value f_select(Runtime& rt, const Value& v, const CallArgs& args) {
  return select_or_reject(rt, v, args, true);
}

Value f_reject(Runtime& rt, const Value& v, const CallArgs& args) {
  return select_or_reject(rt, v, args, false);
}

Value f_selectattr(Runtime& rt, const Value& v, const CallArgs& args) {
  return select_or_reject_attr(rt, v, args, true);
}

Value f_rejectattr(Runtime& rt, const Value& v, const CallArgs& args) {
  return select_or_reject_attr(rt, v, args, false);
}

}  // namespace unjucks::tpl::filters
