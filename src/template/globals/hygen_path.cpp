// h.path: Node's path module as Hygen hands it to templates (path.posix on Linux and macOS), in
// Node's key order. Paths must be strings, as Node's validation requires; resolve and relative
// start from the current folder. Not there: win32, posix (the object itself) and matchesGlob.
#include <unistd.h>

#include <string>
#include <vector>

#include "template/globals/hygen_helpers.h"
#include "template/render/callable.h"
#include "template/value/js.h"
#include "text/node_path.h"

namespace unjucks::tpl {

namespace {

namespace np = text::node_path;

std::string cwd() {
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return "/";
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  return buf;
}

std::string_view path_arg(Runtime& rt, const Callable& self, const CallArgs& a, uint32_t i) {
  return hygen::require_string(rt, self, a, i);
}

Value p_resolve(Runtime& rt, const Callable& self, const CallArgs& a) {
  // Node checks the arguments from the right until one is absolute.
  std::vector<std::string_view> parts(a.npos);
  for (uint32_t i = a.npos; i-- > 0;) {
    parts[i] = path_arg(rt, self, a, i);
    if (!parts[i].empty() && parts[i].front() == '/') break;
  }
  return rt.str(np::resolve(parts, cwd()));
}

Value p_normalize(Runtime& rt, const Callable& self, const CallArgs& a) {
  return rt.str(np::normalize(path_arg(rt, self, a, 0)));
}

Value p_is_absolute(Runtime& rt, const Callable& self, const CallArgs& a) {
  return Value::boolean(np::is_absolute(path_arg(rt, self, a, 0)));
}

Value p_join(Runtime& rt, const Callable& self, const CallArgs& a) {
  std::vector<std::string_view> parts;
  parts.reserve(a.npos);
  for (uint32_t i = 0; i < a.npos; ++i) parts.push_back(path_arg(rt, self, a, i));
  return rt.str(np::join(parts));
}

Value p_relative(Runtime& rt, const Callable& self, const CallArgs& a) {
  std::string_view from = path_arg(rt, self, a, 0);
  std::string_view to = path_arg(rt, self, a, 1);
  return rt.str(np::relative(from, to, cwd()));
}

Value p_to_namespaced(Runtime&, const Callable&, const CallArgs& a) { return a.get(0); }

Value p_dirname(Runtime& rt, const Callable& self, const CallArgs& a) {
  return rt.str(np::dirname(path_arg(rt, self, a, 0)));
}

Value p_basename(Runtime& rt, const Callable& self, const CallArgs& a) {
  if (a.get(1).is_undefined()) return rt.str(np::basename(path_arg(rt, self, a, 0)));
  std::string_view suffix = path_arg(rt, self, a, 1);
  return rt.str(np::basename(path_arg(rt, self, a, 0), suffix));
}

Value p_extname(Runtime& rt, const Callable& self, const CallArgs& a) {
  return rt.str(np::extname(path_arg(rt, self, a, 0)));
}

// format({dir, root, base, name, ext}): missing or falsy parts count as absent.
Value p_format(Runtime& rt, const Callable& self, const CallArgs& a) {
  Value o = a.get(0);
  if (!o.is_object())
    hygen::fail(rt, self, "the argument must be an object, not " + std::string(js::type_name(o)));
  auto part = [&](std::string_view key) -> std::string_view {
    Value v = o.as_object()->get(key);
    return js::truthy(v) ? js::to_string(v, rt.arena()) : std::string_view();
  };
  return rt.str(np::format(part("dir"), part("root"), part("base"), part("name"), part("ext")));
}

Value p_parse(Runtime& rt, const Callable& self, const CallArgs& a) {
  np::Parsed p = np::parse(path_arg(rt, self, a, 0));
  ObjectObj* o = rt.new_object(5);
  o->set(rt.arena(), "root", rt.str(p.root));
  o->set(rt.arena(), "dir", rt.str(p.dir));
  o->set(rt.arena(), "base", rt.str(p.base));
  o->set(rt.arena(), "ext", rt.str(p.ext));
  o->set(rt.arena(), "name", rt.str(p.name));
  return Value::object(o);
}

}  // namespace

void add_node_path(mem::Arena& arena, ObjectObj* target) {
  struct Entry {
    std::string_view key;
    hygen::NativeFn fn;
  };
  static constexpr Entry kEntries[] = {
      {"resolve", p_resolve}, {"normalize", p_normalize}, {"isAbsolute", p_is_absolute},
      {"join", p_join},       {"relative", p_relative},   {"toNamespacedPath", p_to_namespaced},
      {"dirname", p_dirname}, {"basename", p_basename},   {"extname", p_extname},
      {"format", p_format},   {"parse", p_parse},
  };
  for (const Entry& e : kEntries)
    target->set(arena, e.key, hygen::native(arena, e.fn, "h.path." + std::string(e.key)));
  target->set(arena, "sep", Value::string(np::kSep));
  target->set(arena, "delimiter", Value::string(np::kDelimiter));
  target->set(arena, "_makeLong", hygen::native(arena, p_to_namespaced, "h.path._makeLong"));
}

}  // namespace unjucks::tpl
