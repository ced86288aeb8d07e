// JSON.stringify(value, null, space) over template values, and the filters built on it:
// dump (Nunjucks) and tojson (code generation; marked safe).
#include <cmath>

#include "template/filters/builtins.h"
#include "template/filters/support.h"

namespace unjucks::tpl::filters {

namespace {

constexpr int kMaxDepth = 1000;

struct Parent {
  const void* id;
  const Parent* up;
  int depth;
};

void append_quoted(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

class Writer {
 public:
  Writer(Runtime& rt, std::string& out, const JsonStyle& style)
      : rt_(rt), out_(out), style_(style) {}

  // Returns false when the value serialises to undefined (nothing appended).
  bool write(const Value& v, const Parent* up) {
    char buf[32];
    switch (v.kind()) {
      case Kind::Undefined:
      case Kind::Callable:
        return false;
      case Kind::Null:
        out_ += "null";
        return true;
      case Kind::Bool:
        out_ += v.as_bool() ? "true" : "false";
        return true;
      case Kind::Number:
        if (std::isfinite(v.as_number()))
          out_ += js::format_number(v.as_number(), buf);
        else
          out_ += "null";
        return true;
      case Kind::String:
        if (v.safe() && style_.safe_as_object) {
          write_safe_string(v, up);
        } else {
          append_quoted(out_, v.as_string());
        }
        return true;
      case Kind::Array:
        write_array(v, up);
        return true;
      case Kind::Object:
        write_object(v, up);
        return true;
      case Kind::Regex:
        out_ += "{}";
        return true;
    }
    return false;
  }

 private:
  Parent enter(const Value& v, const Parent* up) {
    int depth = up ? up->depth + 1 : 1;
    if (depth > kMaxDepth) fail(rt_, "RangeError: Maximum call stack size exceeded");
    for (const Parent* p = up; p; p = p->up)
      if (p->id == v.identity()) fail(rt_, "TypeError: Converting circular structure to JSON");
    return Parent{v.identity(), up, depth};
  }

  void newline(int depth) {
    out_ += '\n';
    for (int i = 0; i < depth; ++i) out_ += style_.indent;
  }

  void write_array(const Value& v, const Parent* up) {
    const ArrayObj* a = v.as_array();
    if (a->size == 0) {
      out_ += "[]";
      return;
    }
    Parent self = enter(v, up);
    out_ += '[';
    for (uint32_t i = 0; i < a->size; ++i) {
      if (i) out_ += ',';
      if (!style_.indent.empty()) newline(self.depth);
      if (!write(a->items[i], &self)) out_ += "null";
    }
    if (!style_.indent.empty()) newline(self.depth - 1);
    out_ += ']';
  }

  // Writes `"key":value` (a leading comma after the first), or nothing when value is undefined.
  void member(std::string_view key, const Value& value, const Parent& self, bool& first) {
    size_t mark = out_.size();
    if (!first) out_ += ',';
    if (!style_.indent.empty()) newline(self.depth);
    append_quoted(out_, key);
    out_ += ':';
    if (!style_.indent.empty()) out_ += ' ';
    if (write(value, &self)) {
      first = false;
    } else {
      out_.resize(mark);
    }
  }

  void close_object(bool empty, int depth) {
    if (empty) {
      out_ += '}';
      return;
    }
    if (!style_.indent.empty()) newline(depth - 1);
    out_ += '}';
  }

  void write_object(const Value& v, const Parent* up) {
    Parent self = enter(v, up);
    out_ += '{';
    bool first = true;
    for_each_own(v.as_object(), [&](std::string_view key, const Value& value) {
      member(key, value, self, first);
    });
    close_object(first, self.depth);
  }

  // A Nunjucks SafeString is an object with the own properties val and length.
  void write_safe_string(const Value& v, const Parent* up) {
    Parent self{nullptr, up, up ? up->depth + 1 : 1};
    out_ += '{';
    bool first = true;
    member("val", Value::string(v.as_string()), self, first);
    member("length", length_of(v), self, first);
    close_object(first, self.depth);
  }

  Runtime& rt_;
  std::string& out_;
  const JsonStyle& style_;
};

}  // namespace

std::string_view json_gap(Runtime& rt, const Value& space, char* buf) {
  if (space.is_number()) {
    double n = space.as_number();
    if (!(n >= 1)) return {};
    size_t k = n >= 10 ? 10 : static_cast<size_t>(n);
    for (size_t i = 0; i < k; ++i) buf[i] = ' ';
    return {buf, k};
  }
  if (is_plain_string(space)) return substring16(rt, space.as_string(), 0, 10);
  return {};
}

bool append_json(Runtime& rt, std::string& out, const Value& v, const JsonStyle& style) {
  Writer w(rt, out, style);
  return w.write(v, nullptr);
}

namespace {
Value stringify(Runtime& rt, const Value& v, const Value& space, bool safe_as_object,
                bool mark_safe) {
  char gap[16];
  JsonStyle style{json_gap(rt, space, gap), safe_as_object};
  Scratch buf;
  if (!append_json(rt, *buf, v, style)) return Value();
  return rt.str(*buf, mark_safe);
}
}  // namespace

Value f_dump(Runtime& rt, const Value& v, const CallArgs& args) {
  return stringify(rt, v, arg(args, 0, "spaces", "indent"), true, false);
}

Value f_tojson(Runtime& rt, const Value& v, const CallArgs& args) {
  return stringify(rt, v, args.get(0, "indent"), false, true);
}

}  // namespace unjucks::tpl::filters
