// Variable scopes as Nunjucks has them: a chain of frames, where writes can be isolated from the
// parent and a variable holding `undefined` counts as absent. Frames live in the render arena.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "mem/arena.h"
#include "template/value/value.h"

namespace unjucks::tpl {

struct Frame {
  struct Var {
    std::string_view name;
    Value value;
  };
  Frame* parent = nullptr;
  Var* vars = nullptr;
  uint32_t size = 0;
  uint32_t cap = 0;
  bool isolate_writes = false;
  bool top_level = false;
  // True when Nunjucks' compiler would see a parent frame here (inside for loops and call
  // bodies): macros and imports then bind in the frame instead of the context.
  bool lexical_child = false;

  static Frame* make(mem::Arena& a, Frame* parent, bool isolate) {
    Frame* f = a.make<Frame>();
    f->parent = parent;
    f->isolate_writes = isolate;
    return f;
  }

  Value* find_own(std::string_view name) {
    const size_t n = name.size();
    for (uint32_t i = 0; i < size; ++i) {
      const std::string_view k = vars[i].name;
      if (k.size() == n &&
          (n == 0 || (k[0] == name[0] && std::memcmp(k.data(), name.data(), n) == 0)))
        return &vars[i].value;
    }
    return nullptr;
  }
  // frame.lookup(): the nearest defined value, or nullptr.
  const Value* lookup(std::string_view name) {
    for (Frame* f = this; f != nullptr; f = f->parent) {
      Value* v = f->find_own(name);
      if (v != nullptr && !v->is_undefined()) return v;
    }
    return nullptr;
  }
  // Returns true when the set had to allocate (the frame grew).
  bool set_own(mem::Arena& a, std::string_view name, Value v) {
    if (Value* slot = find_own(name)) {
      *slot = v;
      return false;
    }
    bool grew = false;
    if (size == cap) {
      uint32_t ncap = cap ? cap * 2 : 4;
      Var* n = static_cast<Var*>(a.allocate(sizeof(Var) * ncap, alignof(Var)));
      for (uint32_t i = 0; i < size; ++i) n[i] = vars[i];
      vars = n;
      cap = ncap;
      grew = true;
    }
    vars[size++] = Var{name, v};
    return grew;
  }
  // frame.set(name, value, resolveUp=true): writes where the name already lives, unless writes
  // are isolated here; otherwise here.
  Frame* resolve_for_write(std::string_view name) {
    Frame* p = isolate_writes ? nullptr : parent;
    Value* own = find_own(name);
    if (own != nullptr && !own->is_undefined()) return this;
    for (Frame* f = p; f != nullptr; f = f->parent) {
      Value* v = f->find_own(name);
      if (v != nullptr && !v->is_undefined()) return f;
    }
    return nullptr;
  }
};

}  // namespace unjucks::tpl
