// A compiled template: its source, its arena of nodes, and what the renderer needs to find
// quickly (blocks by name, whether it extends another).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mem/arena.h"
#include "template/ast/ast.h"

namespace unjucks::tpl {

class Template {
 public:
  Template(std::string source, std::string name)
      : source_(std::move(source)), name_(std::move(name)), arena_(1024) {}

  const std::string& source() const { return source_; }
  const std::string& name() const { return name_; }
  mem::Arena& arena() { return arena_; }
  const mem::Arena& arena() const { return arena_; }

  const ast::Body& root() const { return root_; }
  void set_root(ast::Body b) { root_ = b; }
  // Blocks anywhere in the template, in source order.
  const std::vector<const ast::Block*>& blocks() const { return blocks_; }
  std::vector<const ast::Block*>& blocks() { return blocks_; }
  const ast::Block* find_block(std::string_view name) const {
    for (const ast::Block* b : blocks_)
      if (b->name == name) return b;
    return nullptr;
  }
  bool has_extends() const { return has_extends_; }
  void set_has_extends(bool v) { has_extends_ = v; }

  // 1-based line and column (in code points) of a byte offset, and the line's text.
  void locate(uint32_t pos, uint32_t* line, uint32_t* col, std::string_view* text) const;

  // Bytes this template holds: source, arena, tables.
  size_t memory_bytes() const {
    return sizeof(*this) + source_.capacity() + arena_.reserved() +
           blocks_.capacity() * sizeof(void*);
  }

 private:
  std::string source_;
  std::string name_;
  mem::Arena arena_;
  ast::Body root_;
  std::vector<const ast::Block*> blocks_;
  bool has_extends_ = false;
};

}  // namespace unjucks::tpl
