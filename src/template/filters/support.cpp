#include "template/filters/support.h"

#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

namespace unjucks::tpl::filters {

// ---- Scratch ---------------------------------------------------------------------------------

namespace {
struct ScratchPool {
  std::vector<std::unique_ptr<std::string>> free;
};
thread_local ScratchPool g_pool;
constexpr size_t kKeepCapacity = 1 << 20;  // buffers that grew past this are not kept
}  // namespace

Scratch::Scratch() {
  if (g_pool.free.empty()) {
    s_ = new std::string();
  } else {
    s_ = g_pool.free.back().release();
    g_pool.free.pop_back();
  }
  s_->clear();
}

Scratch::~Scratch() {
  if (s_->capacity() > kKeepCapacity) {
    delete s_;
    return;
  }
  g_pool.free.emplace_back(s_);
}

// ---- Classification --------------------------------------------------------------------------

bool truthy(const Value& v) { return is_safe_string(v) || js::truthy(v); }

bool strict_equals(const Value& a, const Value& b) {
  if (is_safe_string(a) || is_safe_string(b)) {
    return is_safe_string(a) && is_safe_string(b) && a.as_string().data() == b.as_string().data() &&
           a.as_string().size() == b.as_string().size();
  }
  return js::strict_equals(a, b);
}

// ---- Errors ----------------------------------------------------------------------------------

void fail(Runtime& rt, std::string message) {
  rt.fail(std::move(message));
  std::abort();  // fail() throws; this only satisfies [[noreturn]]
}

void fail_not_function(Runtime& rt, std::string_view expr) {
  std::string m = "TypeError: ";
  m += expr;
  m += " is not a function";
  fail(rt, std::move(m));
}

void fail_read(Runtime& rt, const Value& base, std::string_view key) {
  std::string m = "TypeError: Cannot read properties of ";
  m += base.is_null() ? "null" : "undefined";
  m += " (reading '";
  m += key;
  m += "')";
  fail(rt, std::move(m));
}

void fail_to_object(Runtime& rt) {
  fail(rt, "TypeError: Cannot convert undefined or null to object");
}

std::string_view method_this(Runtime& rt, const Value& v, std::string_view var,
                             std::string_view method) {
  if (v.is_string()) return v.as_string();
  if (v.is_nullish()) fail_read(rt, v, method);
  std::string expr(var);
  expr += '.';
  expr += method;
  fail_not_function(rt, expr);
}

// ---- Property access -------------------------------------------------------------------------

std::string_view key_string(const Value& key, char* buf) {
  if (key.is_string()) return key.as_string();
  if (key.is_number()) return js::format_number(key.as_number(), buf);
  switch (key.kind()) {
    case Kind::Undefined:
      return "undefined";
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return key.as_bool() ? "true" : "false";
    case Kind::Object:
      return "[object Object]";
    default:
      return {};  // arrays, callables, regexes: rare as keys; callers format them
  }
}

int64_t array_index(std::string_view key) {
  if (key.empty() || key.size() > 10) return -1;
  if (key.size() > 1 && key[0] == '0') return -1;
  int64_t n = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n < 4294967295LL ? n : -1;
}

namespace {
// Unit `i` of a string as a one-unit string (U+FFFD for half a surrogate pair).
Value string_unit(Runtime& rt, std::string_view s, size_t i) {
  return Value::string(substring16(rt, s, i, i + 1));
}
}  // namespace

Value get_member(Runtime& rt, const Value& obj, std::string_view key) {
  switch (obj.kind()) {
    case Kind::Undefined:
    case Kind::Null:
      fail_read(rt, obj, key);
    case Kind::String: {
      if (key == "length") return length_of(obj);
      if (obj.safe()) return key == "val" ? Value::string(obj.as_string()) : Value();
      int64_t i = array_index(key);
      if (i >= 0 && static_cast<size_t>(i) < js::utf16_length(obj.as_string()))
        return string_unit(rt, obj.as_string(), static_cast<size_t>(i));
      return Value();
    }
    case Kind::Array: {
      if (key == "length") return length_of(obj);
      int64_t i = array_index(key);
      if (i >= 0) return obj.as_array()->at(static_cast<uint32_t>(i));
      // Named properties (a match array's index, input and groups).
      const ObjectObj* props = obj.as_array()->props;
      const Value* own = props ? props->find(key) : nullptr;
      return own ? *own : Value();
    }
    case Kind::Object:
      return obj.as_object()->get(key);
    case Kind::Regex:
      if (key == "source") return Value::string(obj.as_regex()->source);
      if (key == "flags") return Value::string(obj.as_regex()->flags);
      if (key == "lastIndex") return Value::number(0);
      return Value();
    default:
      return Value();
  }
}

bool has_own(Runtime& rt, const Value& obj, std::string_view key) {
  switch (obj.kind()) {
    case Kind::Undefined:
    case Kind::Null:
      fail_to_object(rt);
    case Kind::String: {
      if (key == "length") return true;
      if (obj.safe()) return key == "val";
      int64_t i = array_index(key);
      return i >= 0 && static_cast<size_t>(i) < js::utf16_length(obj.as_string());
    }
    case Kind::Array: {
      if (key == "length") return true;
      int64_t i = array_index(key);
      if (i >= 0) return i < obj.as_array()->size;
      const ObjectObj* props = obj.as_array()->props;
      return props && props->find(key) != nullptr;
    }
    case Kind::Object:
      return obj.as_object()->find(key) != nullptr;
    case Kind::Regex:
      return key == "lastIndex";
    default:
      return false;
  }
}

Value length_of(const Value& obj) {
  switch (obj.kind()) {
    case Kind::String:
      return Value::number(static_cast<double>(js::utf16_length(obj.as_string())));
    case Kind::Array:
      return Value::number(obj.as_array()->size);
    case Kind::Object:
      return obj.as_object()->get("length");
    case Kind::Callable:
      return Value::number(0);
    default:
      return Value();
  }
}

Value attr_get(Runtime& rt, const Value& item, const Value& attr) {
  if (!truthy(attr)) return item;
  char buf[32];
  if (is_plain_string(attr)) {
    std::string_view path = attr.as_string();
    Value cur = item;
    size_t start = 0;
    for (;;) {
      size_t dot = path.find('.', start);
      std::string_view part =
          path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (!has_own(rt, cur, part)) return Value();
      cur = get_member(rt, cur, part);
      if (dot == std::string_view::npos) return cur;
      start = dot + 1;
    }
  }
  std::string_view key = key_string(attr, buf);
  std::string tmp;
  if (key.empty() && !attr.is_string()) {
    js::append_string(attr, tmp);
    key = tmp;
  }
  if (!has_own(rt, item, key)) return Value();
  return get_member(rt, item, key);
}

Value js_add(Runtime& rt, const Value& a, const Value& b) {
  auto stringy = [](const Value& x) {
    return x.is_string() || x.is_array() || x.is_object() || x.is_callable() || x.is_regex();
  };
  if (!stringy(a) && !stringy(b)) return Value::number(js::to_number(a) + js::to_number(b));
  Scratch s;
  js::append_string(a, *s);
  js::append_string(b, *s);
  return rt.str(*s);
}

// ---- Array-likes -----------------------------------------------------------------------------

namespace {
constexpr double kMaxArrayLike = 1 << 24;

void push_units(Runtime& rt, ArrayObj* out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = decode_utf8(s, i);
    if (cp > 0xFFFF) {
      Value r = rt.str("\xEF\xBF\xBD");
      out->push(rt.arena(), r);
      out->push(rt.arena(), r);
    } else {
      out->push(rt.arena(), Value::string(s.substr(start, i - start)));
    }
  }
}
}  // namespace

ArrayObj* array_copy(Runtime& rt, const Value& v) {
  if (v.is_nullish()) return rt.new_array();
  if (v.is_array()) {
    const ArrayObj* a = v.as_array();
    ArrayObj* out = rt.new_array(a->size);
    for (const Value& x : *a) out->push(rt.arena(), x);
    return out;
  }
  if (is_plain_string(v)) {
    ArrayObj* out = rt.new_array(static_cast<uint32_t>(v.as_string().size()));
    push_units(rt, out, v.as_string());
    return out;
  }
  Value len = length_of(v);
  double n = js::to_number(len);
  if (!(n > 0)) return rt.new_array();
  if (n > kMaxArrayLike || (len.is_number() && n != std::floor(n)))
    fail(rt, "RangeError: Invalid array length");
  auto count = static_cast<uint32_t>(std::ceil(n));
  ArrayObj* out = rt.new_array(count);
  char buf[32];
  for (uint32_t i = 0; i < count; ++i)
    out->push(rt.arena(), get_member(rt, v, key_string(Value::number(i), buf)));
  return out;
}

ArrayObj* to_array(Runtime& rt, const Value& v) {
  if (v.is_nullish()) fail_to_object(rt);
  if (v.is_array()) return array_copy(rt, v);
  ArrayObj* out = rt.new_array();
  if (is_plain_string(v)) {
    push_units(rt, out, v.as_string());
    return out;
  }
  if (!v.is_object()) return out;  // SafeStrings have no indexed properties; others no length
  double n = js::to_number(length_of(v));
  if (!(n > 0)) return out;
  for_each_own(v.as_object(), [&](std::string_view key, const Value& val) {
    int64_t i = array_index(key);
    if (i >= 0 && static_cast<double>(i) < std::floor(n)) out->push(rt.arena(), val);
  });
  return out;
}

// ---- UTF-8 / UTF-16 --------------------------------------------------------------------------

uint32_t decode_utf8(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  size_t n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  if (c < 0xC2 || c > 0xF4 || i + n >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = c & (0x3Fu >> n);
  for (size_t k = 1; k <= n; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += n + 1;
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_js_space(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 9 && cp <= 13);
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

size_t byte_offset(std::string_view s, size_t u16, bool* split) {
  if (split) *split = false;
  size_t i = 0, pos = 0;
  while (i < s.size() && pos < u16) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      ++pos;
      continue;
    }
    size_t start = i;
    uint32_t cp = decode_utf8(s, i);
    if (cp > 0xFFFF) {
      if (pos + 1 == u16) {
        if (split) *split = true;
        return start;
      }
      pos += 2;
    } else {
      ++pos;
    }
  }
  return i;
}

std::string_view substring16(Runtime& rt, std::string_view s, size_t start, size_t end) {
  if (start >= end) return {};
  bool split0 = false, split1 = false;
  size_t b0 = byte_offset(s, start, &split0);
  size_t b1 = byte_offset(s, end, &split1);
  if (!split0 && !split1) return s.substr(b0, b1 - b0);
  Scratch buf;
  if (split0) {
    *buf += "\xEF\xBF\xBD";
    size_t i = b0;
    decode_utf8(s, i);
    b0 = i;
  }
  if (b1 > b0) buf->append(s.substr(b0, b1 - b0));
  if (split1) *buf += "\xEF\xBF\xBD";
  return rt.arena().copy(*buf);
}

// ---- Escaping --------------------------------------------------------------------------------

namespace {
const char* html_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '\\':
      return "&#92;";
    default:
      return nullptr;
  }
}
}  // namespace

void append_html_escaped(std::string& out, std::string_view s) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (const char* e = html_entity(s[i])) {
      out.append(s.data() + run, i - run);
      out += e;
      run = i + 1;
    }
  }
  out.append(s.data() + run, s.size() - run);
}

std::string_view html_escape(Runtime& rt, std::string_view s) {
  size_t first = s.find_first_of("&\"'<>\\");
  if (first == std::string_view::npos) return s;
  Scratch buf;
  append_html_escaped(*buf, s);
  return rt.arena().copy(*buf);
}

void append_uri_component(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' ||
                c == '(' || c == ')';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

}  // namespace unjucks::tpl::filters
